"""Verifying needs evidence: accepting an appraisal-scored task (thẩm định) that has no evidence
file needs the admin's note saying where the evidence is; without one it is refused and nothing
changes. The same rule holds on the task page, in the progress form and in the API; survey-scored
tasks and tasks with evidence verify as before."""
import pytest
from sqlalchemy import func, select

from tests import factories
from tests.conftest import csrf_token
from tests.test_evidence import PDF, post_progress
from tracker.extensions import db
from tracker.models import AuditEvent, ProgressUpdate, Task, User
from tracker.services import plans
from tracker.services import tasks as task_service

NOTE = "Hồ sơ giấy lưu tại văn phòng Phòng Nội vụ"
API = "/api/v1"


@pytest.fixture
def setup(app, today):
    """Tasks 1.1 and 1.2 (appraisal) and 2.1 (survey), all NV's and reported done, no evidence."""
    nv = factories.department("NV")
    admin = factories.user("admin@example.gov.vn", "admin")
    factories.user("nv@example.gov.vn", "department", "NV")
    assessment = factories.assessment(rows=factories.small_tree({"2.1": 3.0}))
    _plan, tasks = plans.generate_plan(assessment, "1/KH-UBND", today, today, actor="test")
    for task in tasks:
        task.lead_department, task.status, task.progress = nv, "done", 100
    ids = {t.criterion.code: t.id for t in tasks}
    ids["admin_token"] = admin.issue_api_token()
    db.session.commit()
    assert db.session.get(Task, ids["2.1"]).criterion.method == "survey"
    return ids


def snapshot(task_id: int) -> tuple:
    task = db.session.get(Task, task_id)
    db.session.refresh(task)
    history = db.session.scalar(select(func.count(ProgressUpdate.id)).where(ProgressUpdate.task_id == task_id))
    events = db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.entity_type == "Task",
                                                                       AuditEvent.entity_id == task_id))
    return task.status, task.progress, task.version, history, events


def verify_section(page: str, task_id: int) -> str:
    return page.split(f'action="/tasks/{task_id}/verify"')[1].split("</form>")[0]


def post_verify(client, task_id, **fields):
    page = client.get(f"/tasks/{task_id}").get_data(as_text=True)
    version = verify_section(page, task_id).split('name="version" type="hidden" value="')[1].split('"')[0]
    return client.post(f"/tasks/{task_id}/verify", data={"version": version, "csrf_token": csrf_token(page),
                                                         **fields})


@pytest.fixture
def admin(client, auth, setup):
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    client.get("/lang/en")
    return client


# --- The task page ----------------------------------------------------------------------

def test_the_verify_form_warns_and_asks_for_a_note_when_there_is_no_evidence(admin, setup):
    form = verify_section(admin.get(f"/tasks/{setup['1.1']}").get_data(as_text=True), setup["1.1"])
    assert "No evidence file has been uploaded." in form
    textarea = form.split("<textarea")[1].split(">")[0]
    assert 'name="note"' in textarea and "required" in textarea


def test_accepting_without_evidence_or_note_is_refused_and_changes_nothing(admin, setup):
    before = snapshot(setup["1.1"])
    response = post_verify(admin, setup["1.1"], note="   ")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "No evidence file has been uploaded for this task. To accept it anyway, confirm in a note" in page
    assert 'name="note"' in verify_section(page, setup["1.1"])  # the form is offered again
    assert snapshot(setup["1.1"]) == before


def test_accepting_without_evidence_with_a_note_puts_the_note_in_the_history_and_the_audit(admin, setup):
    response = post_verify(admin, setup["1.1"], note=NOTE)
    assert response.status_code == 302
    task = db.session.get(Task, setup["1.1"])
    assert (task.status, task.progress) == ("verified", 100)
    entry = task.updates[0]
    assert (entry.status_from, entry.status_to, entry.note) == ("done", "verified", NOTE)
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "task.progress",
                                                        AuditEvent.entity_id == task.id)).one()
    assert event.changes["note"] == [None, NOTE] and event.changes["status"] == ["done", "verified"]
    assert event.summary == "verified without an evidence file, confirmed by the note"
    assert NOTE in admin.get(f"/tasks/{task.id}").get_data(as_text=True)


def test_a_task_with_evidence_verifies_as_before_without_a_note(client, auth, setup):
    auth.login("nv@example.gov.vn", factories.PASSWORD)
    assert post_progress(client, setup["1.1"], [(PDF, "quyet-dinh.pdf")], status="done",
                         progress="100").status_code == 302
    auth.logout()
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    form = verify_section(client.get(f"/tasks/{setup['1.1']}").get_data(as_text=True), setup["1.1"])
    assert 'name="note"' not in form and "⚠" not in form
    assert post_verify(client, setup["1.1"]).status_code == 302
    task = db.session.get(Task, setup["1.1"])
    assert task.status == "verified"
    assert task.updates[0].note == "Tài liệu kiểm chứng đạt yêu cầu."  # "Evidence accepted.", as before
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "task.progress",
                                                        AuditEvent.entity_id == task.id)
                               .order_by(AuditEvent.id.desc())).first()
    assert event.summary is None


def next_years_results() -> None:
    """The unit's results of the year the plan works in: the survey has reported."""
    factories.assessment("UBND xã Thử", 2026)
    db.session.commit()


def test_a_survey_task_is_not_finished_before_its_survey_then_verifies_without_evidence(admin, setup):
    """A survey outcome (SIPAS, the leaders' survey) is known only with the next year's results:
    until then it cannot be verified (or reported done); afterwards it needs no evidence file."""
    before = snapshot(setup["2.1"])
    refused = post_verify(admin, setup["2.1"])
    assert refused.status_code == 422 and "is scored by a survey" in refused.get_data(as_text=True)  # in English here
    assert snapshot(setup["2.1"]) == before
    next_years_results()
    form = verify_section(admin.get(f"/tasks/{setup['2.1']}").get_data(as_text=True), setup["2.1"])
    assert "No evidence file" not in form and 'name="note"' not in form
    assert post_verify(admin, setup["2.1"]).status_code == 302
    assert db.session.get(Task, setup["2.1"]).status == "verified"


def test_the_progress_form_keeps_to_the_same_rule(admin, setup):
    before = snapshot(setup["1.1"])
    assert post_progress(admin, setup["1.1"], status="verified", note="").status_code == 422
    assert snapshot(setup["1.1"]) == before
    # Evidence uploaded with the very update that verifies counts as evidence.
    assert post_progress(admin, setup["1.1"], [(PDF, "bien-ban.pdf")], status="verified",
                         note="").status_code == 302
    assert db.session.get(Task, setup["1.1"]).status == "verified"
    assert post_progress(admin, setup["1.2"], status="verified", note=NOTE).status_code == 302
    assert db.session.get(Task, setup["1.2"]).updates[0].note == NOTE


# --- The API ----------------------------------------------------------------------------

def patch(client, setup, code, **body):
    task = db.session.get(Task, setup[code])
    db.session.refresh(task)
    return client.patch(f"{API}/tasks/{task.id}", json={"version": task.version, **body},
                        headers={"Authorization": f"Bearer {setup['admin_token']}"})


@pytest.mark.parametrize("body", [{}, {"note": ""}, {"note": "  \n "}])
def test_api_refuses_to_verify_without_evidence_or_note_with_422(client, setup, body):
    before = snapshot(setup["1.1"])
    response = patch(client, setup, "1.1", status="verified", **body)
    assert response.status_code == 422
    error = response.get_json()
    assert set(error) == {"error"} and error["error"]["code"] == "validation_error"
    assert "No evidence file has been uploaded for this task" in error["error"]["message"]
    assert "note" in error["error"]["message"]
    assert snapshot(setup["1.1"]) == before


def test_api_verifies_without_evidence_when_the_note_confirms(client, setup):
    response = patch(client, setup, "1.1", status="verified", note=NOTE)
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert (body["status"], body["progress"]) == ("verified", 100)
    assert body["updates"][0]["note"] == NOTE
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "task.progress",
                                                        AuditEvent.entity_id == setup["1.1"])).one()
    assert event.changes["note"] == [None, NOTE]


def test_api_verifies_survey_tasks_after_their_survey_and_tasks_with_evidence_as_before(client, auth, setup):
    refused = patch(client, setup, "2.1", status="verified")
    assert refused.status_code == 422 and "survey" in refused.get_json()["error"]["message"]
    next_years_results()
    assert patch(client, setup, "2.1", status="verified").status_code == 200
    auth.login("nv@example.gov.vn", factories.PASSWORD)
    assert post_progress(client, setup["1.2"], [(PDF, "bao-cao.pdf")], status="done",
                         progress="100").status_code == 302
    auth.logout()
    response = patch(client, setup, "1.2", status="verified")
    assert response.status_code == 200 and response.get_json()["status"] == "verified"


# --- The rule itself --------------------------------------------------------------------

def test_only_the_step_to_verified_needs_the_note(app, setup):
    admin = db.session.scalar(select(User).where(User.email == "admin@example.gov.vn"))
    task = db.session.get(Task, setup["1.1"])
    assert task_service.lacks_evidence(task)
    with pytest.raises(task_service.InvalidUpdate):
        task_service.update_progress(task, admin, task_service.ProgressChange("verified", 100), task.version)
    db.session.rollback()
    task = db.session.get(Task, setup["1.1"])
    task_service.update_progress(task, admin, task_service.ProgressChange("verified", 100, note=NOTE), task.version)
    db.session.commit()
    # Already verified: a later change (a correction of the value, say) needs no new note.
    task_service.update_progress(task, admin, task_service.ProgressChange("verified", 100), task.version)
    db.session.commit()
    assert task.status == "verified" and len(task.updates) == 2
