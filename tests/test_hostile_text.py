"""What people paste and what attackers type never breaks a page, a report or the API
(issue 22): control characters are normalised where text enters and the document writers
drop whatever older rows still hold; numbers no page can show are refused with a message; a
NUL character anywhere in a request is a 400 and changes nothing."""
import io
from datetime import date, datetime

import docx
import openpyxl
import pytest
from sqlalchemy import func, select

from tests import mail_world
from tests.conftest import csrf_token, log_in
from tests.mail_world import ADMIN, OFFICER
from tracker.extensions import db
from tracker.models import AuditEvent, ProgressUpdate, Report, Task

PASTED = "Chờ ý kiến\x0bcủa Sở\x01 Tư pháp\x7f"   # Word's soft line break, a stray control
CLEANED = "Chờ ý kiến\ncủa Sở Tư pháp"


@pytest.fixture
def world(app):
    w = mail_world.build()
    w.task("1.3", date(2026, 3, 12), "in_progress", 40)   # overdue at quý I's cut-off
    db.session.commit()
    return w


def progress_form(client, task_id, **changes):
    page = client.get(f"/tasks/{task_id}").get_data(as_text=True)
    version = page.split('name="version" type="hidden" value="')[1].split('"')[0]
    return {"status": "in_progress", "progress": "40", "note": "", "version": version,
            "csrf_token": csrf_token(page), **changes}


def api_headers(world, email=OFFICER):
    return {"Authorization": f"Bearer {world.users[email].issue_api_token()}"}


def notes(task_id):
    return db.session.scalars(select(ProgressUpdate.note).where(ProgressUpdate.task_id == task_id)
                              .order_by(ProgressUpdate.id)).all()


# --- Text ----------------------------------------------------------------------------------

def test_a_pasted_note_is_stored_with_a_line_break_and_without_control_characters(client, world):
    task = world.tasks["1.3"]
    log_in(client, OFFICER)
    response = client.post(f"/tasks/{task.id}/progress", data=progress_form(client, task.id, note=PASTED))
    assert response.status_code == 302
    headers = api_headers(world)
    db.session.commit()
    version = db.session.get(Task, task.id).version
    response = client.patch(f"/api/v1/tasks/{task.id}", json={"note": PASTED, "version": version}, headers=headers)
    assert response.status_code == 200, response.get_json()
    assert notes(task.id) == [CLEANED, CLEANED]


def test_control_characters_already_stored_do_not_stop_the_report_its_files_or_issuing(client, world, monkeypatch):
    """Rows written before the edge cleaned text: the report still renders, downloads and issues."""
    from tests.test_reports import freeze
    world.update("1.3", datetime(2026, 3, 6, 3), "in_progress", 40, PASTED)  # the overdue task's explanation
    db.session.add(Report(plan_id=world.plan.id, year=2026, quarter=1, scheme="decree09",
                          prose={"proposals": "Đề nghị\x0bhỗ trợ\x01 kinh phí"}))
    db.session.commit()
    freeze(monkeypatch, date(2026, 3, 18))
    log_in(client, ADMIN)
    base = f"/plans/{world.plan.id}/reports/2026-Q1"
    assert client.get(base).status_code == 200
    document = docx.Document(io.BytesIO(client.get(base + "/report.docx").data))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Chờ ý kiến\ncủa Sở Tư pháp" in text and "Đề nghị\nhỗ trợ kinh phí" in text
    book = openpyxl.load_workbook(io.BytesIO(client.get(base + "/report.xlsx").data))
    assert any(CLEANED == c.value for ws in book.worksheets for row in ws.iter_rows() for c in row)
    page = client.get(base).get_data(as_text=True)
    response = client.post(base + "/issue", data={"number": "15/BC-UBND\x01", "issued_on": "18/03/2026",
                                                  "csrf_token": csrf_token(page)})
    assert response.status_code == 302
    issued = db.session.scalar(select(Report))
    assert issued.number == "15/BC-UBND" and issued.is_issued
    assert client.get(base + "/report.docx").status_code == 200


def test_a_plan_with_control_characters_exports_as_docx_and_xlsx(client, world):
    task = world.tasks["1.1"]
    task.title, task.product = "Ban hành\x0bkế hoạch\x02", "Kế hoạch\x1f số hóa"
    db.session.commit()
    log_in(client, ADMIN)
    for fmt in ("docx", "xlsx"):
        response = client.get(f"/plans/{world.plan.id}/export.{fmt}")
        assert response.status_code == 200, fmt
    document = docx.Document(io.BytesIO(client.get(f"/plans/{world.plan.id}/export.docx").data))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert any("Ban hành\nkế hoạch" in c for c in cells) and any("Kế hoạch số hóa" == c for c in cells)


# --- NUL characters -------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/api/v1/tasks?department=%00", "/admin/audit?actor=%00",
                                  "/outbox?recipient=%00", "/tasks/?q=a%00b", "/tasks/?department=%00"])
def test_a_nul_in_a_query_parameter_is_a_400(client, world, path):
    log_in(client, ADMIN)
    response = client.get(path)
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "NUL" in body


def test_a_nul_in_a_note_is_a_400_through_the_form_and_the_api_and_nothing_is_saved(client, world):
    task = world.tasks["1.3"]
    log_in(client, OFFICER)
    before = db.session.scalar(select(func.count()).select_from(AuditEvent))
    response = client.post(f"/tasks/{task.id}/progress", data=progress_form(client, task.id, note="a\x00b"))
    assert response.status_code == 400
    headers = api_headers(world)
    db.session.commit()
    version = db.session.get(Task, task.id).version
    for body in ({"note": "a\x00b", "version": version}, {"note": "\ud800", "version": version}):
        response = client.patch(f"/api/v1/tasks/{task.id}", json=body, headers=headers)
        assert response.status_code == 400
        assert response.get_json()["error"]["code"] == "bad_request"
    assert notes(task.id) == [] and db.session.scalar(select(func.count()).select_from(AuditEvent)) == before


# --- Numbers --------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["1e30", "NaN", "Infinity", "-inf", "1e400", "1" + "0" * 400])
def test_a_current_value_no_page_can_show_is_refused_by_the_form(client, world, value):
    task = world.tasks["1.3"]
    log_in(client, OFFICER)
    response = client.post(f"/tasks/{task.id}/progress", data=progress_form(client, task.id, current_value=value))
    assert response.status_code == 422
    assert notes(task.id) == [] and db.session.get(Task, task.id).current_value is None
    assert client.get(f"/tasks/{task.id}").status_code == 200


@pytest.mark.parametrize("raw", ["1e308", "1e30", "-1e300", "1" + "0" * 400, "NaN", "Infinity", "1e400"])
def test_a_current_value_no_page_can_show_is_refused_by_the_api(client, world, raw):
    task = world.tasks["1.3"]
    headers = {**api_headers(world), "Content-Type": "application/json"}
    db.session.commit()
    body = '{"current_value": %s, "version": %d}' % (raw, db.session.get(Task, task.id).version)
    response = client.patch(f"/api/v1/tasks/{task.id}", data=body, headers=headers)
    assert response.status_code in (400, 422), response.get_data(as_text=True)
    assert notes(task.id) == [] and db.session.get(Task, task.id).current_value is None


@pytest.mark.parametrize("field, value", [("target_value", "1e30"), ("target_value", "NaN"),
                                          ("target_value", "-Infinity")])
def test_an_admin_cannot_set_a_target_no_page_can_show(client, world, field, value):
    task = world.tasks["1.1"]
    log_in(client, ADMIN)
    page = client.get(f"/tasks/{task.id}/edit").get_data(as_text=True)
    version = page.split('name="version" type="hidden" value="')[1].split('"')[0]
    response = client.post(f"/tasks/{task.id}/edit", data={
        "title": task.title, "product": "", "lead": "NV", "deadline": "30/06/2027",
        field: value, "version": version, "csrf_token": csrf_token(page)})
    assert response.status_code == 422
    assert "Nhập một số từ" in response.get_data(as_text=True)  # the field's own message, not another field's
    assert db.session.get(Task, task.id).target_value is None


def test_a_split_weight_of_nan_is_refused_not_a_500(client, world):
    task = world.tasks["1.1"]
    log_in(client, ADMIN)
    page = client.get(f"/tasks/{task.id}/split").get_data(as_text=True)
    version = page.split('name="version" type="hidden" value="')[1].split('"')[0]
    response = client.post(f"/tasks/{task.id}/split", data={
        "version": version, "csrf_token": csrf_token(page),
        "parts-0-title": "A", "parts-0-weight": "NaN", "parts-1-title": "B", "parts-1-weight": "50"})
    assert response.status_code == 422


def test_values_stored_before_the_bounds_still_render(client, world):
    """A row of an older version with 1e30, NaN or infinity: every page that shows it answers."""
    task = world.tasks["1.1"]
    task.target_value, task.current_value = 1e30, float("inf")
    db.session.add(ProgressUpdate(task=task, user_id=world.users[OFFICER].id, status_from="not_started",
                                  status_to="in_progress", progress_from=0, progress_to=10,
                                  current_value=float("nan"), note=""))
    db.session.commit()
    log_in(client, ADMIN)
    for path in (f"/tasks/{task.id}", f"/criteria/{task.criterion_id}", "/tasks/", f"/plans/{world.plan.id}",
                 f"/api/v1/tasks/{task.id}"):
        assert client.get(path).status_code == 200, path
