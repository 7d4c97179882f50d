"""Import files built to exhaust the server are refused with a clear message, fast, in little
memory, with nothing stored: a 1 MB workbook that inflates to a 1 GB cell, a million rows, an XML
entity bomb, a 20 MB csv, an over-long cell. Peak memory is measured in a real process running
the command line."""
import fcntl
import io
import os
import resource
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from tests.conftest import csrf_token
from tracker.extensions import db
from tracker.importers.scoring import parse_scoring
from tracker.models import Assessment, AuditEvent, Criterion

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
SHEET = "xl/worksheets/sheet1.xml"
HEAD = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><sheetData>')
TAIL = b"</sheetData></worksheet>"


def with_sheet(write_sheet) -> bytes:
    """A real workbook (made by openpyxl) whose first sheet's XML `write_sheet(file)` writes."""
    book = openpyxl.Workbook()
    book.active.append(["STT", "Nội dung", "Điểm tối đa", "Điểm thẩm định"])
    plain = io.BytesIO()
    book.save(plain)
    source = zipfile.ZipFile(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in source.infolist():
            if info.filename == SHEET:
                with archive.open(SHEET, "w", force_zip64=True) as sheet:
                    write_sheet(sheet)
            else:
                archive.writestr(info, source.read(info.filename))
    return out.getvalue()


def header_row(sheet) -> None:
    sheet.write(b'<row r="1"><c r="A1" t="inlineStr"><is><t>STT</t></is></c><c r="B1" t="inlineStr"><is><t>'
                b'N\xe1\xbb\x99i dung</t></is></c><c r="C1" t="inlineStr"><is><t>\xc4\x90i\xe1\xbb\x83m t\xe1\xbb'
                b'\x91i \xc4\x91a</t></is></c><c r="D1" t="inlineStr"><is><t>\xc4\x90i\xe1\xbb\x83m th\xe1\xba'
                b'\xa9m \xc4\x91\xe1\xbb\x8bnh</t></is></c></row>')


def one_gigabyte_cell(sheet) -> None:
    sheet.write(HEAD)
    header_row(sheet)
    sheet.write(b'<row r="2"><c r="A2" t="inlineStr"><is><t>')
    chunk = b"A" * (16 * 1024 * 1024)
    for _ in range(64):
        sheet.write(chunk)
    sheet.write(b"</t></is></c></row>" + TAIL)


def rows(count: int):
    def write(sheet) -> None:
        sheet.write(HEAD)
        header_row(sheet)
        for start in range(2, count + 2, 10_000):
            sheet.write(b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c><c r="C%d"><v>1</v></c><c r="D%d"><v>1</v>'
                                 b'</c></row>' % (n, n, n, n, n) for n in range(start, start + 10_000)))
        sheet.write(TAIL)
    return write


def laughs(sheet) -> None:
    entities = b'<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
    sheet.write(b'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE worksheet [' + entities + b']>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
    header_row(sheet)
    sheet.write(b'<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>' + TAIL)


@pytest.fixture(scope="session")
def files(tmp_path_factory):
    """Built once a run: the bomb alone takes seconds to compress. Under pytest-xdist the workers
    share the run's temporary folder (each has its own below it): the first to need the files
    builds them there while the others wait, and they read the same files."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    folder = shared / "hostile"
    with open(shared / "hostile.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "built").exists():
            folder.mkdir(exist_ok=True)
            build(folder)
            (folder / "built").touch()
    return folder


def build(folder: Path) -> None:
    built = {"bomb.xlsx": with_sheet(one_gigabyte_cell), "million.xlsx": with_sheet(rows(1_000_000)),
             "rows.xlsx": with_sheet(rows(20_000)),
             "laughs.xlsx": with_sheet(laughs)}
    lines = ["STT;Nội dung;Điểm tối đa;Điểm thẩm định"]
    lines += [f"{n};Tiêu chí thành phần số {n} về cải cách hành chính;1;1" for n in range(1, 400_000)]
    built["big.csv"] = "\n".join(lines).encode()[:20 * 1024 * 1024 - 1024]
    built["long-cell.csv"] = ("STT,Nội dung,Điểm tối đa,Điểm thẩm định\n1,Chỉ đạo,1,\n1.1," + "x" * 5000 + ",1,1\n").encode()
    for name, data in built.items():
        (folder / name).write_bytes(data)


REFUSALS = {
    "bomb.xlsx": "the workbook unpacks to 1024 MB, more than the 50 MB allowed",
    "million.xlsx": "the workbook unpacks to 102 MB, more than the 50 MB allowed",
    "rows.xlsx": "the sheet has more than 5000 rows",
    "laughs.xlsx": "the workbook declares XML entities or a DTD",
    "big.csv": "the sheet has more than 5000 rows",
    "long-cell.csv": "row 3: a cell holds 5000 characters, more than the 4000 allowed",
}


PAGE_REFUSALS = {  # the same, as the page says them in Vietnamese
    "bomb.xlsx": "tệp xlsx khi giải nén có 1024 MB, vượt quá 50 MB cho phép",
    "million.xlsx": "tệp xlsx khi giải nén có 102 MB, vượt quá 50 MB cho phép",
    "rows.xlsx": "bảng tính có hơn 5000 dòng",
    "laughs.xlsx": "tệp xlsx khai báo thực thể XML hoặc DTD",
    "big.csv": "bảng tính có hơn 5000 dòng",
    "long-cell.csv": "dòng 3: một ô có 5000 ký tự, vượt quá 4000 ký tự cho phép",
}


def test_the_hostile_files_are_what_they_claim(files):
    assert (files / "bomb.xlsx").stat().st_size < 1.2 * 1024 * 1024
    with zipfile.ZipFile(files / "bomb.xlsx") as archive:
        assert archive.getinfo(SHEET).file_size > 1024 ** 3
    assert 19 * 1024 * 1024 < (files / "big.csv").stat().st_size < 20 * 1024 * 1024


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_the_parser_refuses_each_quickly(files, name):
    start = time.perf_counter()
    result = parse_scoring((files / name).read_bytes(), name, need_scores=True)
    assert REFUSALS[name] in result.errors[0].message % result.errors[0].params
    assert time.perf_counter() - start < 10


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_the_command_line_refuses_each_with_exit_2_in_little_memory(files, name, tmp_path, sqlite_template):
    """A real process, as cron would run it: exit 2, the message, nothing stored, < 300 MB."""
    database = tmp_path / "tracker.db"
    shutil.copy(sqlite_template, database)  # upgraded by the migrations, as `flask db upgrade` does
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "TRACKER_CONFIG": "development",
           "PYTHONPATH": str(ROOT)}
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    script = ("import resource, subprocess, sys; "
              "p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
              "print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
              "print(p.stderr)")
    done = subprocess.run([sys.executable, "-c", script, *flask, "tracker", "import-results", str(files / name),
                           "--unit", "UBND xã Thử", "--year", "2025"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    status, peak_kib = map(int, done.stdout.split("\n", 1)[0].split())
    assert status == 2 and REFUSALS[name] in done.stdout and "nothing was imported" in done.stdout
    assert peak_kib < 300 * 1024, f"peak memory {peak_kib // 1024} MB"
    import sqlite3
    from contextlib import closing
    with closing(sqlite3.connect(database)) as conn:  # a connection's `with` commits, never closes
        assert conn.execute("SELECT count(*) FROM assessments").fetchone() == (0,)


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_the_import_page_answers_422_and_stores_nothing(client, auth, app, files, name):
    from tests import factories
    factories.user("admin@example.gov.vn", "admin", password="demo1234")
    db.session.commit()
    auth.login()
    page = client.get("/imports/")
    with client.post("/imports/results", data={  # closing the response closes the spooled upload
            "results-file": (io.BytesIO((files / name).read_bytes()), name), "results-unit": "UBND xã Thử",
            "results-year": "2025", "csrf_token": csrf_token(page.get_data(as_text=True))},
            content_type="multipart/form-data") as response:
        assert response.status_code == 422
        assert PAGE_REFUSALS[name] in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Assessment.id))) == 0
    assert db.session.scalar(select(func.count(Criterion.id))) == 0
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(
        AuditEvent.action.not_in(["user.login", "user.create"]))) == 0


def test_a_file_over_the_upload_limit_is_refused_by_the_command_line_before_reading(runner, app, tmp_path):
    app.config["UPLOAD_MAX_MB"] = 1
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * (2 * 1024 * 1024))
    result = runner.invoke(args=["tracker", "import-ranking", str(big), "--year", "2025"])
    assert result.exit_code == 2 and "larger than 1 MB" in result.output


def test_a_unit_name_longer_than_its_column_is_refused_on_the_command_line(runner, app, tmp_path):
    sheet = tmp_path / "kq.csv"
    sheet.write_text("STT;Nội dung;Điểm tối đa;Điểm thẩm định\n1;Chỉ đạo;2;\n1.1;Kế hoạch;2;1\n", encoding="utf-8")
    result = runner.invoke(args=["tracker", "import-results", str(sheet), "--unit", "U" * 201, "--year", "2025"])
    assert result.exit_code == 2 and "longer than 200 characters" in result.output
    assert db.session.scalar(select(func.count(Assessment.id))) == 0
