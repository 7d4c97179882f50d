"""Messages a change causes are queued by the service that makes it: the API, the forms and the
command line all send the same mail (done, returned, reassigned), one row per recipient."""
from datetime import date

import pytest
from sqlalchemy import select

from tests import factories, mail_world
from tests.conftest import csrf_token
from tests.mail_world import ADMIN, HEAD, NV_CONTACT, OFFICER, QUIET, TP_OFFICER
from tracker.extensions import db
from tracker.models import Notification, Task
from tracker.services import tasks as task_service


@pytest.fixture
def world(app):
    w = mail_world.build()
    w.task("1.1", date(2026, 12, 15), "in_progress", 60)
    db.session.commit()
    return w


def token(user) -> dict:
    headers = {"Authorization": f"Bearer {user.issue_api_token()}"}
    db.session.commit()
    return headers


def mail(kind: str) -> dict[str, Notification]:
    return {m.recipient: m for m in db.session.scalars(select(Notification).where(Notification.kind == kind))}


def patch(client, world, headers, **body):
    task = db.session.get(Task, world.tasks["1.1"].id)
    return client.patch(f"/api/v1/tasks/{task.id}", headers=headers, json={"version": task.version, **body})


def test_done_through_the_api_tells_the_admins(client, world):
    response = patch(client, world, token(world.users[OFFICER]), status="done", note="Đã ban hành")
    assert response.status_code == 200, response.get_json()
    done = mail("task_done")
    assert list(done) == [ADMIN]
    assert "Đã ban hành" in done[ADMIN].body_text and "báo hoàn thành nhiệm vụ 1.1" in done[ADMIN].subject


def test_returned_through_the_api_tells_the_department_why(client, world):
    patch(client, world, token(world.users[OFFICER]), status="done")
    admin = token(world.users[ADMIN])
    refused = patch(client, world, admin, status="in_progress", progress=80)
    assert refused.status_code == 422 and "reason" in refused.get_json()["error"]["message"]
    assert mail("task_returned") == {}
    response = patch(client, world, admin, status="in_progress", progress=80, note="Thiếu phụ lục")
    assert response.status_code == 200
    returned = mail("task_returned")
    # The department's people, each once, even those who turned reminders and digests off.
    assert sorted(returned) == sorted([HEAD, OFFICER, QUIET, NV_CONTACT])
    assert all("Thiếu phụ lục" in m.body_text for m in returned.values())


def test_the_return_form_and_the_api_queue_the_same_message(client, auth, world):
    patch(client, world, token(world.users[OFFICER]), status="done")
    auth.login(ADMIN, factories.PASSWORD)
    task_id = world.tasks["1.1"].id
    page = client.get(f"/tasks/{task_id}").get_data(as_text=True)
    version = page.split(f'action="/tasks/{task_id}/return"')[1].split('name="version" type="hidden" value="')[1].split('"')[0]
    response = client.post(f"/tasks/{task_id}/return", data={"reason": "Thiếu phụ lục", "version": version,
                                                              "csrf_token": csrf_token(page)})
    assert response.status_code == 302
    assert sorted(mail("task_returned")) == sorted([HEAD, OFFICER, QUIET, NV_CONTACT])


def test_reassigning_tells_the_new_lead_department_in_one_message(client, auth, world):
    auth.login(ADMIN, factories.PASSWORD)
    ids = [world.tasks["1.1"].id, world.tasks["1.2"].id]
    page = client.get("/tasks/").get_data(as_text=True)
    response = client.post("/tasks/reassign", data={"task_id": ids, "department": "TP",
                                                    "csrf_token": csrf_token(page)})
    assert response.status_code == 302
    assigned = mail("task_assigned")
    assert list(assigned) == [TP_OFFICER]
    message = assigned[TP_OFFICER]
    assert message.subject == "[Chỉ số CCHC] TP được giao chủ trì 2 nhiệm vụ"
    assert "1.1 · " in message.body_text and "1.2 · " in message.body_text


def test_editing_the_lead_through_the_service_tells_the_new_department(app, world):
    task = world.tasks["1.1"]
    task_service.edit_task(task, world.users[ADMIN], task.version, title=task.title, product=task.product,
                           lead_department=world.tp, supporting=[], deadline=task.deadline,
                           target_value=None, value_unit=None)
    db.session.commit()
    assert list(mail("task_assigned")) == [TP_OFFICER]
    # Saving again without changing the lead sends nothing more.
    task_service.edit_task(task, world.users[ADMIN], task.version, title=task.title + " (sửa)",
                           product=task.product, lead_department=world.tp, supporting=[],
                           deadline=task.deadline, target_value=None, value_unit=None)
    db.session.commit()
    assert len(db.session.scalars(select(Notification).where(Notification.kind == "task_assigned")).all()) == 1
