"""Importing the unit's departments from a list (xlsx or csv), on the command line and on the
departments page: new codes are created, existing ones updated, each audited old → new; any
bad row rejects the whole file with its row number and nothing is written (CONTRACT §3)."""
import io

import openpyxl
import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from tests import factories
from tests.conftest import csrf_token
from tests.sheets import csv_text, xlsx
from tracker.extensions import db
from tracker.importers.departments import parse_departments
from tracker.models import AuditEvent, Department

VI_HEADER = ["STT", "Mã cơ quan", "Tên cơ quan/đơn vị", "Email liên hệ", "Email thủ trưởng"]
LIST = [
    ["UBND HUYỆN TÁNH LINH"], ["DANH SÁCH CƠ QUAN CHUYÊN MÔN"], [],
    VI_HEADER,
    [1, "NV", "Phòng Nội vụ", "nv@huyen.gov.vn; VanThu.NV@huyen.gov.vn", "Truong.NV@huyen.gov.vn"],
    [2, "tp", "Phòng Tư pháp", "tp@huyen.gov.vn", None],
    [3, "VH-TT", "Phòng Văn hóa và Thông tin", None, "tp.vhtt@huyen.gov.vn"],
]


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return str(path)


def import_departments(runner, path):
    return runner.invoke(args=["tracker", "import-departments", path])


def departments() -> dict[str, tuple]:
    return {d.code: (d.name, d.emails, d.head_email, d.active)
            for d in db.session.scalars(select(Department).order_by(Department.code))}


def state():
    """Everything an import could change: the departments and their audit events."""
    return departments(), db.session.scalar(select(func.count(AuditEvent.id))
                                            .where(AuditEvent.entity_type == "Department"))


@pytest.fixture
def existing(app):
    """NV exists already, under an older name and address, with no head's address."""
    factories.department("NV", "Phòng Nội vụ (cũ)", emails="cu.nv@huyen.gov.vn")
    db.session.commit()


# --- Command line -----------------------------------------------------------------------

def test_cli_creates_new_codes_updates_existing_ones_and_audits_old_to_new(app, runner, tmp_path, existing):
    result = import_departments(runner, write(tmp_path, "co-quan.xlsx", xlsx(LIST)))
    assert result.exit_code == 0, result.output
    assert "2 created, 1 updated, 0 unchanged" in result.output
    assert departments() == {
        "NV": ("Phòng Nội vụ", "nv@huyen.gov.vn, vanthu.nv@huyen.gov.vn", "truong.nv@huyen.gov.vn", True),
        "TP": ("Phòng Tư pháp", "tp@huyen.gov.vn", None, True),
        "VH-TT": ("Phòng Văn hóa và Thông tin", "", "tp.vhtt@huyen.gov.vn", True),
    }
    nv = db.session.scalar(select(Department).where(Department.code == "NV"))
    edit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "department.edit"))
    assert (edit.entity_id, edit.actor) == (nv.id, "cli")
    assert edit.changes == {"name": ["Phòng Nội vụ (cũ)", "Phòng Nội vụ"],
                            "emails": ["cu.nv@huyen.gov.vn", "nv@huyen.gov.vn, vanthu.nv@huyen.gov.vn"],
                            "head_email": [None, "truong.nv@huyen.gov.vn"]}
    created = {e.changes["code"][1]: e.changes for e in
               db.session.scalars(select(AuditEvent).where(AuditEvent.action == "department.create"))}
    assert sorted(created) == ["TP", "VH-TT"]
    assert created["VH-TT"]["head_email"] == [None, "tp.vhtt@huyen.gov.vn"]
    assert created["TP"]["emails"] == [None, "tp@huyen.gov.vn"] and "head_email" not in created["TP"]

    again = import_departments(runner, write(tmp_path, "co-quan.xlsx", xlsx(LIST)))
    assert again.exit_code == 0 and "0 created, 0 updated, 3 unchanged" in again.output
    assert db.session.scalar(select(func.count(AuditEvent.id))) == 3  # nothing new to record


LAYOUTS = {
    "vietnamese.xlsx": lambda: xlsx(LIST),
    "short-headers-bom.csv": lambda: csv_text(
        [["Mã", "Tên", "Email", "Email trưởng phòng"]] + [r[1:] for r in LIST[4:]]).encode("utf-8-sig"),
    "semicolon.csv": lambda: csv_text(
        [["Tên", "Email trưởng phòng", "Ghi chú", "Mã", "Email"]] +
        [[r[2], r[4], "x", r[1], r[3]] for r in LIST[4:]], sep=";").encode("utf-8"),
    "english.csv": lambda: csv_text(
        [["Code", "Name", "Contact emails", "Head's email"]] + [r[1:] for r in LIST[4:]]).encode("utf-8"),
}


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_each_accepted_layout_reads_the_same_list(app, runner, tmp_path, name):
    result = import_departments(runner, write(tmp_path, name, LAYOUTS[name]()))
    assert result.exit_code == 0, result.output
    assert "3 created, 0 updated" in result.output
    stored = departments()
    assert sorted(stored) == ["NV", "TP", "VH-TT"]
    assert stored["NV"][1:3] == ("nv@huyen.gov.vn, vanthu.nv@huyen.gov.vn", "truong.nv@huyen.gov.vn")
    assert stored["VH-TT"][2] == "tp.vhtt@huyen.gov.vn" and stored["TP"][2] is None


def replaced(row_number: int, row: list) -> list:
    """LIST with the row shown as `row_number` in the file (1-based) replaced."""
    rows = [list(r) for r in LIST]
    rows[row_number - 1] = row
    return rows


REJECTIONS = {
    "missing code": (replaced(6, [2, None, "Phòng Tư pháp", "tp@huyen.gov.vn", None]), 6, "has no code"),
    "missing name": (replaced(6, [2, "TP", "", "tp@huyen.gov.vn", None]), 6, "TP has no name"),
    "code too long": (replaced(6, [2, "TUPHAP" * 4, "Phòng Tư pháp", None, None]), 6,
                      "is longer than 20 characters"),
    "code with spaces": (replaced(6, [2, "TƯ PHÁP", "Phòng Tư pháp", None, None]), 6,
                         "may hold only letters without diacritics"),
    "duplicate code": (replaced(6, [2, "nv", "Phòng Tư pháp", None, None]), 6,
                       "duplicate code NV (first on row 5)"),
    "malformed contact email": (replaced(6, [2, "TP", "Phòng Tư pháp", "tp@huyen.gov.vn, tp.huyen.gov.vn", None]),
                                6, "tp.huyen.gov.vn is not a valid email address"),
    "malformed head email": (replaced(7, [3, "VH-TT", "Phòng VH-TT", None, "truong@"]), 7,
                             "truong@ is not a valid email address"),
    "two head emails": (replaced(7, [3, "VH-TT", "Phòng VH-TT", None, "a@huyen.gov.vn, b@huyen.gov.vn"]), 7,
                        "must be one address, not 2"),
}


@pytest.mark.parametrize("rule", list(REJECTIONS))
def test_each_bad_row_exits_2_with_its_row_and_writes_nothing(app, runner, tmp_path, existing, rule):
    rows, row, message = REJECTIONS[rule]
    before = state()
    result = import_departments(runner, write(tmp_path, "bad.xlsx", xlsx(rows)))
    assert result.exit_code == 2, result.output
    assert f"Row {row}:" in result.stderr and message in result.stderr, result.stderr
    assert "nothing was imported" in result.stderr
    assert state() == before  # the good rows were not written either, NV keeps its old name


def test_every_error_of_a_file_is_listed_at_once(app, runner, tmp_path, existing):
    rows = LIST + [[4, "TP", "Trùng", None, None], [5, "", "Không mã", "sai@", None]]
    before = state()
    result = import_departments(runner, write(tmp_path, "bad.csv", csv_text(rows)))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert "Row 8: duplicate code TP (first on row 6)" in lines
    assert "Row 9: the department Không mã has no code" in lines
    assert "Row 9: sai@ is not a valid email address." in lines
    assert "3 error(s); nothing was imported" in result.stderr
    assert state() == before


def test_a_column_the_file_lacks_is_kept_and_an_empty_cell_clears(app, runner, tmp_path):
    nv = factories.department("NV", "Phòng Nội vụ", emails="nv@huyen.gov.vn")
    nv.head_email = "truong.nv@huyen.gov.vn"
    factories.department("TP", "Phòng Tư pháp", emails="tp@huyen.gov.vn").head_email = "truong.tp@huyen.gov.vn"
    db.session.commit()
    names_only = [["Mã", "Tên"], ["NV", "Phòng Nội vụ huyện"]]
    assert import_departments(runner, write(tmp_path, "names.csv", csv_text(names_only))).exit_code == 0
    assert departments()["NV"] == ("Phòng Nội vụ huyện", "nv@huyen.gov.vn", "truong.nv@huyen.gov.vn", True)
    cleared = [["Mã", "Tên", "Email thủ trưởng"], ["TP", "Phòng Tư pháp", ""]]
    result = import_departments(runner, write(tmp_path, "cleared.csv", csv_text(cleared)))
    assert result.exit_code == 0 and "1 updated" in result.output
    assert departments()["TP"] == ("Phòng Tư pháp", "tp@huyen.gov.vn", None, True)
    assert departments()["NV"][0] == "Phòng Nội vụ huyện"  # not in the file: left as it is


@pytest.mark.parametrize("name, data, message", [
    ("empty.xlsx", b"", "the file is empty"),
    ("list.pdf", b"%PDF-1.4", "unsupported file type .pdf"),
    ("old.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 64, ".xlsx"),
    ("no-header.csv", "Phòng,Địa chỉ\nNội vụ,x\n".encode(), "no header row with the columns Mã / Tên cơ quan/đơn vị"),
    ("header-only.csv", "Mã,Tên\n".encode(), "the file lists no departments"),
])
def test_unreadable_files_exit_2_with_a_clear_message(app, runner, tmp_path, existing, name, data, message):
    before = state()
    result = import_departments(runner, write(tmp_path, name, data))
    assert result.exit_code == 2 and message in result.stderr, result.output
    assert state() == before


def test_a_file_over_the_upload_limit_or_missing_exits_2(app, runner, tmp_path):
    app.config["UPLOAD_MAX_MB"] = 1
    big = csv_text([["Mã", "Tên"]] + [[f"P{n}", "x" * 200] for n in range(6000)])
    result = import_departments(runner, write(tmp_path, "big.csv", big))
    assert result.exit_code == 2 and "larger than 1 MB" in result.stderr
    result = import_departments(runner, str(tmp_path / "nope.xlsx"))
    assert result.exit_code == 2 and "cannot read" in result.stderr
    assert departments() == {}


def test_parse_reports_rows_and_which_columns_the_file_has():
    parsed = parse_departments(xlsx(LIST), "co-quan.xlsx")
    assert parsed.errors == [] and parsed.has_emails and parsed.has_head_email
    assert [(r.code, r.row) for r in parsed.rows] == [("NV", 5), ("TP", 6), ("VH-TT", 7)]
    assert parsed.rows[0].emails == ["nv@huyen.gov.vn", "vanthu.nv@huyen.gov.vn"]
    bare = parse_departments(b"Ma,Ten co quan/don vi\nNV,Noi vu\n", "a.csv")  # headers without diacritics
    assert bare.errors == [] and not bare.has_emails and not bare.has_head_email


# --- The departments page ---------------------------------------------------------------

@pytest.fixture
def admin(app, client, auth, existing):
    factories.user("admin@example.gov.vn", "admin")
    factories.user("nv@example.gov.vn", "department", "NV")
    db.session.commit()
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    return client


def upload(client, data, filename="co-quan.xlsx", token=None):
    if token is None:
        token = csrf_token(client.get("/admin/departments").get_data(as_text=True))
    # Encoded here, in memory: Werkzeug's test builder would spool a large body to a temporary
    # file that nothing closes.
    boundary, payload = encode_multipart(MultiDict([
        ("csrf_token", token), ("file", FileStorage(io.BytesIO(data), filename=filename))]))
    return client.post("/admin/departments/import", data=payload,
                       content_type=f"multipart/form-data; boundary={boundary}")


def test_admin_imports_a_list_on_the_departments_page(admin):
    page = admin.get("/admin/departments").get_data(as_text=True)
    assert 'action="/admin/departments/import"' in page and 'enctype="multipart/form-data"' in page
    assert "/imports/template/departments.xlsx" in page
    admin.get("/lang/en")
    response = upload(admin, xlsx(LIST))
    assert response.status_code == 302 and response.location.endswith("/admin/departments")
    page = admin.get(response.location).get_data(as_text=True)
    assert "Departments imported: 2 created, 1 updated, 0 unchanged." in page
    assert "truong.nv@huyen.gov.vn" in page and "Phòng Văn hóa và Thông tin" in page
    assert departments()["NV"][0] == "Phòng Nội vụ"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "department.edit"))
    assert event.actor == "admin@example.gov.vn" and event.changes["head_email"] == [None, "truong.nv@huyen.gov.vn"]


def test_a_page_upload_with_errors_lists_each_with_its_row_and_changes_nothing(admin):
    rows = LIST + [[4, "NV", "Trùng", None, None], [5, "TCKH", "Phòng TC-KH", "sai@", None]]
    before = state()
    response = upload(admin, xlsx(rows))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Tệp chưa được nhập (2 lỗi)" in page
    assert "Dòng 8: trùng mã NV (đã có ở dòng 5)" in page
    assert "Dòng 9: sai@ không phải là địa chỉ email hợp lệ." in page
    assert state() == before


@pytest.mark.parametrize("data, filename, message", [
    (b"%PDF-1.4", "co-quan.pdf", "không hỗ trợ loại tệp .pdf"),
    (b"%PDF-1.4 not a sheet", "co-quan.xlsx", "không phải tệp .xlsx hợp lệ"),
    (b"", "co-quan.csv", "tệp trống"),
])
def test_a_file_that_is_not_a_sheet_gets_a_message_and_changes_nothing(admin, data, filename, message):
    before = state()
    response = upload(admin, data, filename)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert state() == before


def test_the_upload_checks_size_csrf_the_file_and_the_role(app, admin, auth):
    before = state()
    token = csrf_token(admin.get("/admin/departments").get_data(as_text=True))
    assert admin.post("/admin/departments/import", data={"csrf_token": token},
                      content_type="multipart/form-data").status_code == 422  # no file chosen
    assert upload(admin, xlsx(LIST), token="forged").status_code == 400
    app.config["UPLOAD_MAX_MB"] = 1  # the service's limit (the request limit stays as configured)
    big = csv_text([["Mã", "Tên"]] + [[f"P{n}", "x" * 200] for n in range(6000)]).encode()
    response = upload(admin, big, "big.csv")
    assert response.status_code == 422 and "tệp lớn hơn 1 MB" in response.get_data(as_text=True)
    auth.logout()
    auth.login("nv@example.gov.vn", factories.PASSWORD)
    token = csrf_token(admin.get("/tasks/").get_data(as_text=True))
    assert upload(admin, xlsx(LIST), token=token).status_code == 403
    assert state() == before


def test_the_downloadable_template_imports_as_it_is(admin):
    response = admin.get("/imports/template/departments.xlsx")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "mau-co-quan.xlsx" in response.headers["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.data), read_only=True)
    assert [c.value for c in next(book.worksheets[0].iter_rows(max_row=1))] == [
        "Mã", "Tên cơ quan/đơn vị", "Email liên hệ", "Email thủ trưởng"]
    book.close()
    parsed = parse_departments(response.data, "mau-co-quan.xlsx")
    assert parsed.errors == [] and [r.code for r in parsed.rows] == ["NV", "TP", "VP"]
    assert upload(admin, response.data, "mau-co-quan.xlsx").status_code == 302
    assert departments()["NV"][2] == "truongphong.nv@huyen.gov.vn"


# --- The department form ----------------------------------------------------------------

def department_form(client, url, **fields):
    token = csrf_token(client.get(url).get_data(as_text=True))
    data = {"code": "TP", "name": "Phòng Tư pháp", "emails": "tp@huyen.gov.vn", "head_email": "",
            "active": "y", "csrf_token": token, **fields}
    return client.post(url, data=data)


def test_the_department_form_saves_the_heads_email_and_the_list_shows_it(admin):
    page = admin.get("/admin/departments/new").get_data(as_text=True)
    assert 'name="head_email"' in page
    assert department_form(admin, "/admin/departments/new", head_email="Truong.TP@huyen.gov.vn").status_code == 302
    tp = db.session.scalar(select(Department).where(Department.code == "TP"))
    assert tp.head_email == "truong.tp@huyen.gov.vn"
    created = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "department.create"))
    assert created.changes["head_email"] == [None, "truong.tp@huyen.gov.vn"]
    listing = admin.get("/admin/departments").get_data(as_text=True)
    row = listing.split(f'/admin/departments/{tp.id}"')[1].split("</tr>")[0]
    assert "truong.tp@huyen.gov.vn" in row
    assert "chưa có: không thể báo cáo nhiệm vụ quá hạn lên người đứng đầu" not in row  # escalations can go there
    nv_id = db.session.scalar(select(Department.id).where(Department.code == "NV"))
    nv_row = listing.split(f'/admin/departments/{nv_id}"')[1].split("</tr>")[0]
    assert "chưa có: không thể báo cáo nhiệm vụ quá hạn lên người đứng đầu" in nv_row  # no head, no address

    edit_page = admin.get(f"/admin/departments/{tp.id}").get_data(as_text=True)
    assert 'value="truong.tp@huyen.gov.vn"' in edit_page
    assert department_form(admin, f"/admin/departments/{tp.id}", head_email="").status_code == 302
    db.session.refresh(tp)
    assert tp.head_email is None
    edit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "department.edit"))
    assert edit.changes == {"head_email": ["truong.tp@huyen.gov.vn", None]}


def test_the_department_form_refuses_a_bad_heads_email(admin):
    response = department_form(admin, "/admin/departments/new", head_email="truong@")
    assert response.status_code == 422
    assert "truong@ không phải là địa chỉ email hợp lệ." in response.get_data(as_text=True)
    admin.get("/lang/en")
    response = department_form(admin, "/admin/departments/new", head_email="a@huyen.gov.vn b@huyen.gov.vn")
    assert response.status_code == 422
    assert "Give one address for the head, not 2." in response.get_data(as_text=True)
    assert "TP" not in departments()
