"""A home for each role: a department officer lands on their department's work (Việc của phòng),
its open tasks most urgent first with the reason shown; leaders and admins land on the dashboard."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests import factories
from tests.conftest import count_statements, csrf_token
from tracker.extensions import db
from tracker.models import Task, User
from tracker.models.base import utcnow
from tracker.services import plans
from tracker.services import tasks as task_service

ADMIN, LEADER, OFFICER, IDLE = ("admin@example.gov.vn", "leader@example.gov.vn", "nv@example.gov.vn",
                                "tp@example.gov.vn")
RETURN_REASON = "Thiếu biên bản kiểm tra"


@pytest.fixture
def work(app, today):
    """NV leads tasks in every state of urgency (and some that are not its open work); TP has none."""
    nv, other = factories.department("NV"), factories.department("VP")
    factories.department("TP")
    admin = factories.user(ADMIN, "admin")
    factories.user(LEADER, "leader")
    officer = factories.user(OFFICER, "department", "NV")
    factories.user(IDLE, "department", "TP")
    # Issued yesterday: its tasks date from then (a plan's tasks start at its issue date).
    _plan, created = plans.generate_plan(factories.assessment(rows=factories.lost_leaves(9)), "1/KH-UBND",
                                         today - timedelta(days=1), today + timedelta(days=120), actor="test")
    t = {task.criterion.code: task for task in created}
    named = {"late_rest": "1.1", "rest": "1.2", "returned": "1.3", "stale": "1.4", "due_soon": "1.5",
             "overdue": "1.6", "done": "1.7", "cancelled": "1.8", "other": "1.9"}
    t = {name: t[code] for name, code in named.items()}
    deadlines = {"late_rest": 90, "rest": 60, "returned": 45, "stale": 30, "due_soon": 5, "overdue": -3,
                 "done": -10, "cancelled": -10, "other": -5}
    for name, task in t.items():
        task.lead_department = other if name == "other" else nv
        task.deadline = today + timedelta(days=deadlines[name])
    t["stale"].created_at = utcnow() - timedelta(days=20)
    t["done"].status, t["done"].progress = "done", 100
    t["cancelled"].status = "cancelled"
    db.session.flush()
    task = t["returned"]
    task_service.update_progress(task, officer, task_service.ProgressChange("done", 100, "Xong"), task.version)
    task_service.return_task(task, admin, task.version, RETURN_REASON)
    db.session.commit()
    return t


def rows(html: str) -> list[tuple[int, str]]:
    """(task id, most urgent reason) for each row of My department's work, in order."""
    return [(int(i), u) for i, u in re.findall(r'data-task-id="(\d+)" data-urgency="(\w+)"', html)]


def in_english(client):
    client.get("/lang/en")


def test_a_department_officer_lands_on_their_departments_work(client, auth, work):
    response = auth.login(OFFICER, factories.PASSWORD)
    assert response.status_code == 302 and response.location == "/work/"
    assert client.get("/").location == "/work/"          # `/` sends them there too
    assert client.get("/login").location == "/work/"     # as does the login page, once logged in
    page = client.get("/work/").get_data(as_text=True)
    assert 'href="/work/"' in page and 'href="/dashboard"' in page  # the navigation: their work, the dashboard
    assert client.get("/dashboard").status_code == 200    # the dashboard stays one click away


def test_a_next_page_still_wins_over_the_home_page(client, auth, work):
    page = client.get("/login?next=/tasks/")
    response = client.post("/login?next=/tasks/", data={
        "email": OFFICER, "password": factories.PASSWORD, "csrf_token": csrf_token(page.get_data(as_text=True))})
    assert response.location == "/tasks/"


@pytest.mark.parametrize("email", [ADMIN, LEADER])
def test_leaders_and_admins_land_on_the_dashboard(client, auth, work, email):
    response = auth.login(email, factories.PASSWORD)
    assert response.status_code == 302 and response.location == "/"
    page = client.get("/")
    assert page.status_code == 200 and 'class="kpi' in page.get_data(as_text=True)
    assert 'href="/work/"' not in page.get_data(as_text=True)  # no department: no link to its work


def test_open_tasks_come_most_urgent_first_each_with_why(client, auth, work, today):
    auth.login(OFFICER, factories.PASSWORD)
    in_english(client)
    page = client.get("/work/").get_data(as_text=True)
    assert "My department&#39;s work" in page or "My department's work" in page
    expected = [("overdue", "overdue"), ("due_soon", "due_soon"), ("stale", "stale"),
                ("returned", "returned"), ("rest", "none"), ("late_rest", "none")]
    assert rows(page) == [(work[name].id, urgency) for name, urgency in expected]
    # Done (waiting for verification), cancelled and another department's tasks are not its open work.
    for name in ("done", "cancelled", "other"):
        assert f'data-task-id="{work[name].id}"' not in page
    assert "Overdue by 3 days" in page and "Due in 5 days" in page and "No update for 20 days" in page
    assert f"Returned after verification: {RETURN_REASON}" in page and "On schedule" in page
    overdue_row = page.split(f'data-task-id="{work["overdue"].id}"')[1].split("</tr>")[0]
    assert 'data-reason="overdue"' in overdue_row and f'href="/tasks/{work["overdue"].id}"' in overdue_row


def test_the_list_is_paginated_in_the_same_order(client, auth, work):
    auth.login(OFFICER, factories.PASSWORD)
    whole = rows(client.get("/work/").get_data(as_text=True))
    pages = [rows(client.get(f"/work/?per_page=4&page={n}").get_data(as_text=True)) for n in (1, 2)]
    assert pages[0] + pages[1] == whole and len(pages[0]) == 4
    assert 'href="/work/?per_page=4&amp;page=2"' in client.get("/work/?per_page=4").get_data(as_text=True)


def test_a_returned_task_counts_as_returned_only_until_it_is_reported_done_again(client, auth, work):
    task = db.session.get(Task, work["returned"].id)
    officer = db.session.scalar(select(User).where(User.email == OFFICER))
    task_service.update_progress(task, officer, task_service.ProgressChange("in_progress", 95, "Bổ sung"),
                                 task.version)
    db.session.commit()
    auth.login(OFFICER, factories.PASSWORD)
    assert (task.id, "returned") in rows(client.get("/work/").get_data(as_text=True))  # still being reworked
    task_service.update_progress(task, officer, task_service.ProgressChange("done", 100, "Đã bổ sung"),
                                 task.version)
    db.session.commit()
    assert task.id not in dict(rows(client.get("/work/").get_data(as_text=True)))  # done: it left the list


def test_a_department_without_open_tasks_is_told_nothing_waits(client, auth, work):
    auth.login(IDLE, factories.PASSWORD)
    in_english(client)
    page = client.get("/work/").get_data(as_text=True)
    assert rows(page) == [] and "Your department has no open tasks in the current plans" in page
    assert 'href="/tasks/?department=TP"' in page


@pytest.mark.parametrize("email", [ADMIN, LEADER])
def test_someone_without_a_department_is_told_what_the_page_is_for(client, auth, work, email):
    auth.login(email, factories.PASSWORD)
    in_english(client)
    page = client.get("/work/")
    assert page.status_code == 200 and rows(page.get_data(as_text=True)) == []
    assert "your account belongs to no department" in page.get_data(as_text=True)


def test_the_page_takes_as_many_queries_for_many_tasks_as_for_one(client, auth, work):
    auth.login(OFFICER, factories.PASSWORD)
    client.get("/work/")  # warm the session's user
    assert count_statements(client, "/work/?per_page=1")[0] == count_statements(client, "/work/?per_page=50")[0]
