"""Import files built to exhaust the server are refused with a clear message, fast, in little
memory, with nothing stored: a 1 MB workbook that inflates to a 1 GB cell, a million rows, an XML
entity bomb, a 20 MB csv, an over-long cell. Peak memory is measured in a real process running
the command line."""
import codecs
import fcntl
import io
import os
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


# --- Workbooks whose parts inflate (issue 22) -------------------------------------------------
# Within the upload limit and unpacking to less than 50 MB, a part openpyxl reads can still hold
# millions of elements, each costing hundreds of bytes to a few KB once parsed: 700,000 cell
# formats in 131 KB took 1.3 GB. Every part is now counted as openpyxl reads it
# (tracker/importers/xlsx_guard.py) and the workbook refused at the first limit crossed.

XML = b'<?xml version="1.0" encoding="UTF-8"?>'
MAIN = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RELS = b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
TYPES = (b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
         b'ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
         b'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
         b'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
         b'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
         b'<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
         b'spreadsheetml.styles+xml"/>')
SHARED_STRINGS_TYPE = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                       b'officedocument.spreadsheetml.sharedStrings+xml"/>')
WORKBOOK = XML + b'<workbook ' + MAIN + b' ' + RELS + b'><sheets><sheet name="Sheet" sheetId="1" r:id="rId1"/>'
XF = b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
STYLES_HEAD = (b'<styleSheet ' + MAIN + b'><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
               b'<fills count="1"><fill><patternFill/></fill></fills><borders count="1"><border/></borders>'
               b'<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>')
STYLES_TAIL = (b'</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
               b'</styleSheet>')


def repeated(head: bytes, unit: bytes, count: int, tail: bytes = b""):
    """A part: head, `unit` `count` times (written a block at a time), tail."""
    def write(part) -> None:
        part.write(head)
        for _ in range(count // 10_000):
            part.write(unit * 10_000)
        part.write(unit * (count % 10_000) + tail)
    return write


def numbered(head: bytes, unit: bytes, count: int, tail: bytes = b""):
    """A part: head, `unit % n` for n in 0…count-1, tail."""
    def write(part) -> None:
        part.write(head)
        for start in range(0, count, 10_000):
            part.write(b"".join(unit % n for n in range(start, min(count, start + 10_000))))
        part.write(tail)
    return write


def with_parts(parts: dict, *, sheets: int = 1, files: int = 0) -> bytes:
    """A real workbook (made by openpyxl: the header row on the first of its `sheets`) whose parts
    named in `parts` are replaced or added, each written by its function; `files` empty files more."""
    book = openpyxl.Workbook()
    book.active.append(["STT", "Nội dung", "Điểm tối đa", "Điểm thẩm định"])
    for n in range(1, sheets):
        book.create_sheet(f"Trang {n + 1}")
    plain = io.BytesIO()
    book.save(plain)
    source = zipfile.ZipFile(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename not in parts:
                archive.writestr(info, source.read(info.filename))
        for name, write in parts.items():
            with archive.open(name, "w", force_zip64=True) as part:
                write(part)
        for n in range(files):
            archive.writestr(zipfile.ZipInfo(f"{n:x}"), b"")
    return out.getvalue()


def header_bytes() -> bytes:
    out = io.BytesIO()
    header_row(out)
    return out.getvalue()


def sheet_with(unit: bytes, count: int):
    """The first sheet: the header row, then `unit` `count` times (no <dimension>: read whole)."""
    return repeated(HEAD + header_bytes(), unit, count, TAIL)


def shared_strings(write_more) -> bytes:
    """A workbook whose header is in the shared strings, followed by what `write_more` writes."""
    header = b"".join(b'<c r="%s1" t="s"><v>%d</v></c>' % (column.encode(), n) for n, column in enumerate("ABCD"))
    texts = "".join(f"<si><t>{t}</t></si>" for t in ["STT", "Nội dung", "Điểm tối đa", "Điểm thẩm định"])
    return with_parts({
        "[Content_Types].xml": lambda part: part.write(TYPES + SHARED_STRINGS_TYPE + b"</Types>"),
        SHEET: lambda part: part.write(HEAD + b'<row r="1">' + header + b"</row>" + TAIL),
        "xl/sharedStrings.xml": lambda part: (part.write(XML + b"<sst " + MAIN + b">" + texts.encode()),
                                              write_more(part), part.write(b"</sst>"))})


def utf16(write):
    """The same part in UTF-16: what an XML parser reads as well as UTF-8."""
    class Encoding:
        def __init__(self, part):
            self.part = part
            part.write(codecs.BOM_UTF16_LE + '<?xml version="1.0" encoding="UTF-16"?>'.encode("utf-16-le"))

        def write(self, data: bytes) -> None:
            self.part.write(data.decode().encode("utf-16-le"))
    return lambda part: write(Encoding(part))


HOSTILE_WORKBOOKS = {  # name: (what it holds, how it is built)
    "cell-formats.xlsx": ("700,000 cell formats in 131 KB (1.3 GB, 28 s before)", lambda: with_parts(
        {"xl/styles.xml": repeated(XML + STYLES_HEAD + b'<cellXfs count="700000">', XF, 700_000, STYLES_TAIL)})),
    "empty-rows.xlsx": ("8 million empty rows in 72 KB (780 MB, 22 s)", lambda: with_parts(
        {SHEET: sheet_with(b"<row/>", 8_000_000)})),
    "second-sheet.xlsx": ("a second sheet of 8 million empty rows (780 MB, 24 s, and imported)", lambda: with_parts(
        {"xl/worksheets/sheet2.xml": repeated(HEAD, b"<row/>", 8_000_000, TAIL)}, sheets=2)),
    "wide-row.xlsx": ("a row of 11 million cells (3.5 GB, 80 s)", lambda: with_parts(
        {SHEET: repeated(HEAD + header_bytes() + b'<row r="2">', b"<c/>", 11_000_000, b"</row>" + TAIL)})),
    "attributes.xlsx": ("a cell with 3 million attributes (over 2 minutes)", lambda: with_parts(
        {SHEET: numbered(HEAD + header_bytes() + b'<row r="2"><c r="A2"', b' a%d=""', 3_000_000, b"/></row>" + TAIL)})),
    "conditional-formats.xlsx": ("350,000 conditional formats after the rows (660 MB, 38 s)", lambda: with_parts(
        {SHEET: numbered(HEAD + header_bytes() + b"</sheetData>", b'<conditionalFormatting sqref="A%d"><cfRule '
                         b'type="expression" priority="1"><formula>1</formula></cfRule></conditionalFormatting>',
                         350_000, b"</worksheet>")})),
    "shared-strings.xlsx": ("2.2 million shared strings, 5.6 MB (460 MB, 47 s)", lambda: shared_strings(
        numbered(b"", b"<si><t>%d</t></si>", 2_200_000))),
    "rich-text.xlsx": ("150,000 shared strings of 5 formatted runs (1.5 GB, 76 s)", lambda: shared_strings(
        repeated(b"", b"<si>" + b'<r><rPr><b/><sz val="11"/></rPr><t>a</t></r>' * 5 + b"</si>", 150_000))),
    "defined-names.xlsx": ("a million defined names (970 MB, 27 s)", lambda: with_parts(
        {"xl/workbook.xml": numbered(WORKBOOK + b"</sheets><definedNames>", b'<definedName name="n%d">1</definedName>',
                                     1_000_000, b"</definedNames></workbook>")})),
    "content-types.xlsx": ("a million content types (1.1 GB, 15 s)", lambda: with_parts(
        {"[Content_Types].xml": numbered(TYPES, b'<Override PartName="/x%d" ContentType="a"/>', 1_000_000,
                                         b"</Types>")})),
    "properties.xlsx": ("document properties of 11 million elements (1.5 GB, 19 s)", lambda: with_parts(
        {"docProps/core.xml": repeated(XML + b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
                                       b'package/2006/metadata/core-properties">', b"<a/>", 11_000_000,
                                       b"</cp:coreProperties>")})),
    "many-sheets.xlsx": ("100,000 sheets, all the same part (30 s)", lambda: with_parts(
        {"xl/workbook.xml": numbered(WORKBOOK, b'<sheet name="S%d" sheetId="2" r:id="rId1"/>', 100_000,
                                     b"</sheets></workbook>")})),
    "many-files.xlsx": ("150,000 files in the zip (180 MB, and imported)", lambda: with_parts({}, files=150_000)),
    "utf16-styles.xlsx": ("300,000 cell formats in UTF-16, which the counting cannot read", lambda: with_parts(
        {"xl/styles.xml": utf16(repeated(STYLES_HEAD + b"<cellXfs>", XF, 300_000, STYLES_TAIL))})),
}

WORKBOOK_REFUSALS = {
    "cell-formats.xlsx": "the workbook defines more than 50000 cell formats and styles",
    "empty-rows.xlsx": "the sheet has more than 5000 rows",
    "second-sheet.xlsx": "the sheet has more than 5000 rows",
    "wide-row.xlsx": "a row of the sheet holds more than 512 KB of cells, formats and text",
    "attributes.xlsx": "a row of the sheet holds more than 512 KB of cells, formats and text",
    "conditional-formats.xlsx": "the workbook part xl/worksheets/sheet1.xml holds more than 20000 entries",
    "shared-strings.xlsx": "the workbook holds more than 50000 different texts (shared strings)",
    "rich-text.xlsx": "the workbook holds more than 10000 pieces of formatted text (rich text runs)",
    "defined-names.xlsx": "the workbook part xl/workbook.xml holds more than 50000 entries",
    "content-types.xlsx": "the workbook part [Content_Types].xml holds more than 50000 entries",
    "properties.xlsx": "the workbook part docProps/core.xml holds more than 50000 entries",
    "many-sheets.xlsx": "the workbook has more than 1000 sheets",
    "many-files.xlsx": "files, more than the 2000 allowed",
    "utf16-styles.xlsx": "the file is not a spreadsheet: it is not a valid .xlsx workbook",
}

WORKBOOK_PAGE_REFUSALS = {  # the same, as the page says them in Vietnamese
    "cell-formats.xlsx": "tệp xlsx định nghĩa hơn 50000 định dạng ô và kiểu",
    "empty-rows.xlsx": "bảng tính có hơn 5000 dòng",
    "second-sheet.xlsx": "bảng tính có hơn 5000 dòng",
    "wide-row.xlsx": "một dòng của bảng tính chứa hơn 512 KB ô, định dạng và văn bản",
    "attributes.xlsx": "một dòng của bảng tính chứa hơn 512 KB ô, định dạng và văn bản",
    "conditional-formats.xlsx": "phần xl/worksheets/sheet1.xml của tệp xlsx có hơn 20000 mục",
    "shared-strings.xlsx": "tệp xlsx chứa hơn 50000 chuỗi văn bản khác nhau",
    "rich-text.xlsx": "tệp xlsx chứa hơn 10000 đoạn văn bản có định dạng",
    "defined-names.xlsx": "phần xl/workbook.xml của tệp xlsx có hơn 50000 mục",
    "content-types.xlsx": "phần [Content_Types].xml của tệp xlsx có hơn 50000 mục",
    "properties.xlsx": "phần docProps/core.xml của tệp xlsx có hơn 50000 mục",
    "many-sheets.xlsx": "tệp xlsx có hơn 1000 trang tính",
    "many-files.xlsx": "tệp con, vượt quá 2000 cho phép",
    "utf16-styles.xlsx": "không phải tệp .xlsx hợp lệ",
}


@pytest.fixture(scope="session")
def workbooks(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-workbooks")
    for name, (_, build) in HOSTILE_WORKBOOKS.items():
        (folder / name).write_bytes(build())
    return folder


def test_the_hostile_workbooks_are_within_the_older_limits_and_hold_what_they_claim(workbooks):
    """Each fits the upload limit and unpacks to less than 50 MB: only what is inside is hostile."""
    for name in HOSTILE_WORKBOOKS:
        assert (workbooks / name).stat().st_size < 20 * 1024 * 1024, name
        with zipfile.ZipFile(workbooks / name) as archive:
            assert sum(i.file_size for i in archive.infolist()) < 50 * 1024 * 1024, name
    assert (workbooks / "cell-formats.xlsx").stat().st_size < 200 * 1024
    with zipfile.ZipFile(workbooks / "cell-formats.xlsx") as archive:
        assert archive.read("xl/styles.xml").count(b"<xf ") == 700_001
    assert (workbooks / "empty-rows.xlsx").stat().st_size < 100 * 1024
    with zipfile.ZipFile(workbooks / "empty-rows.xlsx") as archive:
        assert archive.read(SHEET).count(b"<row") == 8_000_001
    with zipfile.ZipFile(workbooks / "shared-strings.xlsx") as archive:
        assert archive.getinfo("xl/sharedStrings.xml").compress_size > 5 * 1024 * 1024
        assert archive.read("xl/sharedStrings.xml").count(b"<si>") == 2_200_004


def run_command_line(args: list[str], database) -> tuple[int | str, int, float, str]:
    """(exit status, peak memory in MB, seconds, output) of `flask --app wsgi …` run as cron would.

    The process is also given 1 GB of address space and a minute, so that a run without the
    limits fails on this shared machine rather than exhausting it."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "TRACKER_CONFIG": "development",
           "PYTHONPATH": str(ROOT)}
    script = ("import resource, subprocess, sys, time\n"
              "def cap():\n"
              "    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
              "start = time.perf_counter()\n"
              "try:\n"
              "    p = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=60, preexec_fn=cap)\n"
              "    status, output = p.returncode, p.stdout + p.stderr\n"
              "except subprocess.TimeoutExpired:\n"
              "    status, output = 'timeout', ''\n"
              "print(status, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.perf_counter() - start)\n"
              "print(output)\n")
    done = subprocess.run([sys.executable, "-c", script, sys.executable, "-m", "flask", "--app", "wsgi", *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    first, _, output = done.stdout.partition("\n")
    status, peak_kib, seconds = first.split()
    return int(status) if status.lstrip("-").isdigit() else status, int(peak_kib) // 1024, float(seconds), output


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(HOSTILE_WORKBOOKS))
def test_the_command_line_refuses_each_hostile_workbook_within_300_mb_and_10_s(workbooks, name, sqlite_template,
                                                                                tmp_path):
    """A real process: exit 2 with the message, nothing stored, under 300 MB, within 10 s."""
    database = tmp_path / "tracker.db"
    shutil.copy(sqlite_template, database)
    status, peak_mb, seconds, output = run_command_line(
        ["tracker", "import-results", str(workbooks / name), "--unit", "UBND xã Thử", "--year", "2025"], database)
    assert status == 2, (status, output[-2000:])
    assert WORKBOOK_REFUSALS[name] in output and "nothing was imported" in output
    assert peak_mb < 300, f"peak memory {peak_mb} MB"
    assert seconds < 10, f"{seconds:.1f} s"
    import sqlite3
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT count(*) FROM assessments").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM criteria_sets").fetchone() == (0,)


@pytest.mark.parametrize("name", sorted(HOSTILE_WORKBOOKS))
def test_the_import_page_answers_422_to_each_hostile_workbook(client, auth, workbooks, name):
    from tests import factories
    factories.user("admin@example.gov.vn", "admin", password="demo1234")
    db.session.commit()
    auth.login()
    page = client.get("/imports/")
    with client.post("/imports/results", data={
            "results-file": (io.BytesIO((workbooks / name).read_bytes()), name), "results-unit": "UBND xã Thử",
            "results-year": "2025", "csrf_token": csrf_token(page.get_data(as_text=True))},
            content_type="multipart/form-data") as response:
        assert response.status_code == 422
        assert WORKBOOK_PAGE_REFUSALS[name] in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Assessment.id))) == 0
    assert db.session.scalar(select(func.count(Criterion.id))) == 0


def province_sheet() -> bytes:
    """A province's results as bench/run.py builds them (2,008 rows), every row formatted its own
    way (2,008 cell formats and fills), with a second sheet: well within every limit."""
    from openpyxl.styles import Font, PatternFill
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm tối đa", "Điểm thẩm định", "Ghi chú"])
    for f in range(1, 9):
        sheet.append([str(f), f"Lĩnh vực {f}", 25 * 9 * 0.5, None, None])
        for c in range(1, 26):
            sheet.append([f"{f}.{c}", f"Tiêu chí {f}.{c}", 9 * 0.5, None, None])
            for s in range(1, 10):
                score = 0.5 if (f + c + s) % 4 else 0.25
                sheet.append([f"{f}.{c}.{s}", f"Tiêu chí thành phần {f}.{c}.{s}", 0.5, score,
                              "Thiếu tài liệu kiểm chứng" if score < 0.5 else None])
    for n, row in enumerate(sheet.iter_rows(min_row=2), start=1):
        fill = PatternFill("solid", fgColor=f"FF{n * 97 % 256:02X}{n * 31 % 256:02X}{n % 256:02X}")
        for cell in row:
            cell.fill, cell.font = fill, Font(bold=n % 2 == 0)
    book.create_sheet("Ghi chú").append(["Số liệu tổng hợp của Sở Nội vụ"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.slow
def test_a_province_sheet_of_2008_rows_still_imports_within_300_mb_and_10_s(sqlite_template, tmp_path):
    sheet = tmp_path / "ket-qua-2025.xlsx"
    sheet.write_bytes(province_sheet())
    database = tmp_path / "tracker.db"
    shutil.copy(sqlite_template, database)
    status, peak_mb, seconds, output = run_command_line(
        ["tracker", "import-results", str(sheet), "--unit", "UBND tỉnh Lâm Đồng", "--year", "2025"], database)
    assert status == 0, output[-2000:]
    assert "Imported UBND tỉnh Lâm Đồng 2025: 787.50/900" in output
    assert peak_mb < 300 and seconds < 10, (peak_mb, seconds)


def damaged(how: str) -> bytes:
    """A workbook whose styles part is damaged: not XML, a broken deflate stream, or a compression
    method zipfile does not know. Each crashed the import (exit 1, HTTP 500)."""
    if how == "xml":
        return with_parts({"xl/styles.xml": lambda part: part.write(b"<styleSheet")})
    data = bytearray(with_parts({}))
    styles = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/styles.xml")
    if how == "deflate":
        start = styles.header_offset + 30 + len(styles.filename) + len(styles.extra)
        data[start + 5:start + 40] = b"\xff" * 35
    else:
        entry = data.index(b"PK\x01\x02")  # the central directory: find the entry of the styles
        while data[entry + 46:entry + 46 + len(styles.filename)] != styles.filename.encode():
            entry = data.index(b"PK\x01\x02", entry + 4)
        data[entry + 10:entry + 12] = data[styles.header_offset + 8:styles.header_offset + 10] = b"\x63\x00"
    return bytes(data)


@pytest.mark.parametrize("how", ["xml", "deflate", "compression"])
def test_a_damaged_workbook_gets_the_page_s_message_never_a_500(client, auth, how):
    from tests import factories
    factories.user("admin@example.gov.vn", "admin", password="demo1234")
    db.session.commit()
    auth.login()
    page = client.get("/imports/")
    response = client.post("/imports/results", data={
        "results-file": (io.BytesIO(damaged(how)), "ket-qua.xlsx"), "results-unit": "UBND xã Thử",
        "results-year": "2025", "csrf_token": csrf_token(page.get_data(as_text=True))},
        content_type="multipart/form-data")
    assert response.status_code == 422
    assert "không phải tệp .xlsx hợp lệ" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Assessment.id))) == 0
