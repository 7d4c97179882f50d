"""Progress updates: history is appended, and concurrent edits never silently overwrite."""
import pytest

from tests import factories
from tests.conftest import csrf_token
from tracker.extensions import db
from tracker.models import AuditEvent, Task
from tracker.services import tasks as task_service


@pytest.fixture
def task_id(app, today):
    nv, tp = factories.department("NV"), factories.department("TP")
    factories.user("admin@example.gov.vn", "admin")
    factories.user("nv@example.gov.vn", "department", "NV")
    _plan, tasks = factories.plan_with_tasks(nv, tp, today)
    db.session.commit()
    return tasks["1.1"].id


def form_data(client, task_id, **changes):
    page = client.get(f"/tasks/{task_id}").get_data(as_text=True)
    version = page.split('name="version" type="hidden" value="')[1].split('"')[0]
    data = {"status": "in_progress", "progress": "30", "note": "", "version": version,
            "csrf_token": csrf_token(page)}
    data.update(changes)
    return data


def test_two_updates_from_the_same_version_one_wins_the_other_gets_a_conflict(client, auth, task_id):
    auth.login("nv@example.gov.vn", factories.PASSWORD)
    first = form_data(client, task_id, progress="30", note="Lần 1")
    second = form_data(client, task_id, progress="70", note="Lần 2")  # read before the first saved
    assert client.post(f"/tasks/{task_id}/progress", data=first).status_code == 302
    response = client.post(f"/tasks/{task_id}/progress", data=second)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Lần 1" in page  # the other person's change is shown
    task = db.session.get(Task, task_id)
    db.session.refresh(task)
    assert task.progress == 30 and [u.note for u in task.updates] == ["Lần 1"]


def test_service_refuses_a_stale_version(app, task_id):
    task = db.session.get(Task, task_id)
    user = db.session.get(task_service.User, 1)
    change = task_service.ProgressChange(status="in_progress", progress=10)
    with pytest.raises(task_service.VersionConflict):
        task_service.update_progress(task, user, change, expected_version=task.version + 1)


def test_each_update_appends_history_and_an_audit_event(client, auth, task_id):
    auth.login("nv@example.gov.vn", factories.PASSWORD)
    client.post(f"/tasks/{task_id}/progress", data=form_data(client, task_id, progress="20", note="A"))
    client.post(f"/tasks/{task_id}/progress", data=form_data(client, task_id, status="done", note="B"))
    task = db.session.get(Task, task_id)
    db.session.refresh(task)
    assert [(u.progress_from, u.progress_to, u.note) for u in reversed(task.updates)] == [(0, 20, "A"), (20, 100, "B")]
    events = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "task.progress")).all()
    assert [e.changes["progress"] for e in events] == [[0, 20], [20, 100]]
    assert all(e.actor == "nv@example.gov.vn" for e in events)


@pytest.mark.parametrize("progress", ["-1", "101", "abc", ""])
def test_bad_progress_is_refused_and_changes_nothing(client, auth, task_id, progress):
    auth.login("nv@example.gov.vn", factories.PASSWORD)
    response = client.post(f"/tasks/{task_id}/progress", data=form_data(client, task_id, progress=progress))
    assert response.status_code == 422
    task = db.session.get(Task, task_id)
    assert task.progress == 0 and task.updates == []


def test_unknown_task_is_404(client, auth, task_id):
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    assert client.get("/tasks/99999").status_code == 404


def test_task_list_is_paginated_and_filters(client, auth, task_id):
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    page = client.get("/tasks/?per_page=1").get_data(as_text=True)
    assert page.count('href="/tasks/') >= 1 and "page=2" in page
    page = client.get("/tasks/?department=TP").get_data(as_text=True)
    assert "Báo cáo CCHC" not in page or "Ban hành chậm" not in page
    assert client.get("/tasks/?page=abc&per_page=-5&status=bogus").status_code == 200


def test_a_note_alone_is_a_new_version(client, auth, task_id):
    auth.login("nv@example.gov.vn", factories.PASSWORD)
    data = form_data(client, task_id, progress="0", status="not_started", note="Đã liên hệ Sở Nội vụ")
    assert client.post(f"/tasks/{task_id}/progress", data=data).status_code == 302
    assert client.post(f"/tasks/{task_id}/progress", data=dict(data, note="Lần hai")).status_code == 409


def test_department_cannot_change_a_verified_task(client, auth, task_id):
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    # No evidence file: the admin's note confirms where the evidence is (services.tasks).
    verified = client.post(f"/tasks/{task_id}/progress", data=form_data(
        client, task_id, status="verified", note="Hồ sơ giấy lưu tại Phòng Nội vụ"))
    assert verified.status_code == 302
    auth.logout()
    auth.login("nv@example.gov.vn", factories.PASSWORD)
    page = client.get(f"/tasks/{task_id}").get_data(as_text=True)
    assert f'action="/tasks/{task_id}/progress"' not in page
    version = str(db.session.get(Task, task_id).version)
    response = client.post(f"/tasks/{task_id}/progress", data={
        "status": "in_progress", "progress": "10", "version": version, "csrf_token": csrf_token(page)})
    assert response.status_code == 422
    assert db.session.get(Task, task_id).status == "verified"


def test_deactivated_user_loses_an_open_session(client, auth, task_id):
    auth.login("nv@example.gov.vn", factories.PASSWORD)
    assert client.get("/tasks/").status_code == 200
    user = db.session.scalar(db.select(task_service.User).where(task_service.User.email == "nv@example.gov.vn"))
    user.active = False
    db.session.commit()
    assert client.get("/tasks/").status_code == 302


def test_reported_value_sets_the_progress_of_a_rate_task(client, auth, task_id):
    task = db.session.get(Task, task_id)
    task.target_value, task.value_unit = 50.0, "%"
    db.session.commit()
    auth.login("nv@example.gov.vn", factories.PASSWORD)
    page = client.get(f"/tasks/{task_id}").get_data(as_text=True)
    assert 'name="current_value"' in page
    client.post(f"/tasks/{task_id}/progress", data=form_data(client, task_id, progress="5", current_value="35"))
    task = db.session.get(Task, task_id)
    assert (task.current_value, task.progress) == (35.0, 70)
