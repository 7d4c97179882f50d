"""What waits for Internal Affairs on the dashboard: tasks to verify, new results without a plan, and
the tasks nobody leads yet, which the task list filters (`lead=none`) so they can be assigned at once."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.conftest import csrf_token
from tracker.extensions import db
from tracker.models import Department, Task
from tracker.services import plans

ADMIN, LEADER, OFFICER = "admin@example.gov.vn", "leader@example.gov.vn", "nv@example.gov.vn"
UNIT = "UBND xã Thử"


@pytest.fixture
def world(app, today):
    """A 2025 plan of six tasks: two reported done, two without a lead department (and one more
    without, but cancelled); results of 2026 waiting for their plan, and old ones of 2024."""
    nv = factories.department("NV")
    factories.department("TP")
    factories.user(ADMIN, "admin")
    factories.user(LEADER, "leader")
    factories.user(OFFICER, "department", "NV")
    factories.assessment(UNIT, 2024, factories.lost_leaves(6))
    plan, created = plans.generate_plan(factories.assessment(UNIT, 2025, factories.lost_leaves(6)), "7/KH-UBND",
                                        today - timedelta(days=30), today + timedelta(days=120), actor="test")
    t = {task.criterion.code: task for task in created}
    for code in ("1.1", "1.2", "1.3"):
        t[code].lead_department = nv
    t["1.1"].status = t["1.2"].status = "done"
    for code in ("1.4", "1.5", "1.6"):
        t[code].lead_department = None
    t["1.6"].status = "cancelled"
    newer = factories.assessment(UNIT, 2026, factories.lost_leaves(6))
    db.session.commit()
    return plan, t, newer


def panel(html: str) -> str:
    start = html.find('id="waiting"')
    assert start >= 0, "no 'What waits for you' panel"
    return html[start:html.find("</section>", start)]


def test_the_admin_dashboard_shows_what_waits_with_links_to_act_on_it(client, auth, world):
    plan, _tasks, newer = world
    auth.login(ADMIN, factories.PASSWORD)
    client.get("/lang/en")
    waiting = panel(client.get("/").get_data(as_text=True))
    assert f'href="/tasks/?status=done&amp;plan={plan.id}">2 tasks reported done wait for verification' in waiting
    assert f'href="/tasks/?lead=none&amp;plan={plan.id}">2 tasks have no lead department' in waiting
    assert f'href="/plans/new/{newer.id}"' in waiting and "2026" in waiting
    assert "2024" not in waiting  # an older year's results without a plan are history, not work


def test_the_ownerless_count_follows_the_database(client, auth, world):
    plan, _tasks, _newer = world
    expected = db.session.scalar(select(func.count(Task.id)).where(
        Task.plan_id == plan.id, Task.lead_department_id.is_(None), Task.status != "cancelled"))
    auth.login(ADMIN, factories.PASSWORD)
    client.get("/lang/en")
    assert f"{expected} tasks have no lead department" in panel(client.get("/").get_data(as_text=True))


@pytest.mark.parametrize("email", [LEADER, OFFICER])
def test_only_admins_get_the_panel(client, auth, world, email):
    auth.login(email, factories.PASSWORD)
    assert 'id="waiting"' not in client.get("/dashboard").get_data(as_text=True)


def test_with_nothing_waiting_the_panel_says_so(app, client, auth, today):
    factories.user(ADMIN, "admin")
    factories.plan_with_tasks(factories.department("NV"), factories.department("TP"), today)  # both led, open
    db.session.commit()
    auth.login(ADMIN, factories.PASSWORD)
    client.get("/lang/en")
    assert "Nothing waits for you right now." in panel(client.get("/").get_data(as_text=True))


def listed_ids(html: str) -> set[int]:
    return {int(i) for i in re.findall(r'name="task_id" value="(\d+)"', html)}


def test_the_task_list_filters_tasks_without_a_lead_and_they_are_assigned_at_once(client, auth, world):
    plan, tasks, _newer = world
    auth.login(ADMIN, factories.PASSWORD)
    path = f"/tasks/?lead=none&plan={plan.id}"
    page = client.get(path).get_data(as_text=True)
    assert listed_ids(page) == {tasks["1.4"].id, tasks["1.5"].id}  # not the cancelled one, nor led ones
    assert 'name="lead" value="none" checked' in page  # the filter form keeps the choice
    response = client.post("/tasks/reassign", data={
        "task_id": sorted(listed_ids(page)), "department": "TP", "back": path, "csrf_token": csrf_token(page)})
    assert response.status_code == 302 and response.location == path
    assert listed_ids(client.get(path).get_data(as_text=True)) == set()
    led = db.session.scalars(select(Task).where(Task.id.in_([tasks["1.4"].id, tasks["1.5"].id]))).all()
    assert {t.lead_department.code for t in led} == {"TP"}
    assert 'id="waiting"' in client.get("/").get_data(as_text=True)
    assert "lead=none" not in panel(client.get("/").get_data(as_text=True))


def test_without_a_lead_wins_over_a_department_filter(client, auth, world):
    plan, tasks, _newer = world
    auth.login(ADMIN, factories.PASSWORD)
    page = client.get(f"/tasks/?lead=none&department=NV&plan={plan.id}").get_data(as_text=True)
    assert listed_ids(page) == {tasks["1.4"].id, tasks["1.5"].id}


def test_the_plan_page_shows_the_ownerless_notice_only_while_there_are_some(client, auth, world):
    plan, tasks, _newer = world
    auth.login(LEADER, factories.PASSWORD)
    client.get("/lang/en")
    page = client.get(f"/plans/{plan.id}").get_data(as_text=True)
    assert f'href="/tasks/?lead=none&amp;plan={plan.id}">2 tasks have no lead department' in page
    tp = db.session.scalar(select(Department).where(Department.code == "TP"))
    tasks["1.4"].lead_department = tasks["1.5"].lead_department = tp
    db.session.commit()
    assert "no lead department" not in client.get(f"/plans/{plan.id}").get_data(as_text=True)
