"""What-if: the projection as if some tasks were verified, computed and never stored (CONTRACT §6)."""

import pytest
from hypothesis import given, strategies as st
from sqlalchemy import func, select

from tests import factories
from tests.conftest import log_in
from tracker.domain.projection import TaskFigures, assuming_verified, expected_points, potential_points, \
    secured_points
from tracker.extensions import db
from tracker.models import AuditEvent, ProgressUpdate, Task

API = "/api/v1"

tasks_strategy = st.lists(st.builds(
    TaskFigures, lost_points=st.floats(0, 5, allow_nan=False), progress=st.integers(0, 100),
    status=st.sampled_from(["not_started", "in_progress", "done", "verified", "blocked", "cancelled"]),
    method=st.sampled_from(["appraisal", "survey"]), deadline=st.none(), task_id=st.integers(1, 30)),
    max_size=12, unique_by=lambda t: t.task_id)


@given(tasks_strategy, st.sets(st.integers(1, 30)), st.sets(st.integers(1, 30)))
def test_assuming_more_tasks_done_never_lowers_a_figure_nor_passes_the_potential(tasks, some, more):
    before, after = assuming_verified(tasks, some), assuming_verified(tasks, some | more)
    for figure in (secured_points, expected_points):
        assert figure(before) <= figure(after) + 1e-9
        assert figure(after) <= potential_points(tasks) + 1e-9
    assert potential_points(after) == potential_points(tasks)


def test_a_cancelled_task_stays_out_and_others_count_in_full():
    tasks = [TaskFigures(2.0, 40, "in_progress", "appraisal", task_id=1),
             TaskFigures(1.0, 0, "cancelled", "appraisal", task_id=2),
             TaskFigures(1.5, 50, "in_progress", "survey", task_id=3)]
    assumed = assuming_verified(tasks, {1, 2, 3})
    assert [t.status for t in assumed] == ["verified", "cancelled", "verified"]
    assert secured_points(assumed) == 2.0  # survey points cannot be secured
    assert expected_points(assumed) == 3.5
    assert tasks[0].status == "in_progress"  # the figures given are left as they were


@pytest.fixture
def world(app, today):
    """A plan with two tasks (1.1: 1 point, 1.2: 1.5 points), a ranking of two peers."""
    from tracker.services import assessments
    from tracker.importers.ranking import RankingRow
    lead, other = factories.department("NV"), factories.department("TP")
    plan, _tasks = factories.plan_with_tasks(lead, other, today)
    factories.user("admin@example.gov.vn", "admin")
    factories.user("nv@example.gov.vn", "department", "NV")
    assessments.save_ranking(plan.assessment.year, [
        RankingRow("UBND xã Thử", plan.assessment.total, plan.assessment.max_score),
        RankingRow("UBND xã Bên", 9.0, 10.0), RankingRow("UBND xã Dưới", 5.0, 10.0)], actor="test")
    db.session.commit()
    return plan


def token(runner, email):
    return {"Authorization": "Bearer " + runner.invoke(args=["tracker", "create-token", email]).output.strip()}


def written():
    return (db.session.scalar(select(func.count(ProgressUpdate.id))),
            db.session.scalar(select(func.count(AuditEvent.id))),
            tuple(db.session.execute(select(Task.id, Task.status, Task.progress, Task.version)
                                     .order_by(Task.id)).all()))


def test_what_if_moves_the_figures_and_writes_nothing(client, runner, world):
    headers = token(runner, "admin@example.gov.vn")  # a department officer may not (below)
    url = f"{API}/assessments/{world.assessment_id}/what-if"
    now = client.get(f"{API}/assessments/{world.assessment_id}/projection", headers=headers).get_json()
    before = written()
    ids = [t.id for t in world.tasks]
    one = client.post(url, json={"assume_done": ids[:1]}, headers=headers)
    both = client.post(url, json={"assume_done": ids}, headers=headers).get_json()
    assert one.status_code == 200 and set(one.get_json()) == set(now)
    assert now["secured"] <= one.get_json()["secured"] <= both["secured"]
    assert both["expected"] == both["potential"] == now["potential"]
    assert both["projected_rank"] <= now["projected_rank"]
    assert client.post(url, json={"assume_done": []}, headers=headers).get_json() == now
    assert written() == before


@pytest.mark.parametrize("body, status, message", [
    ({"assume_done": [999999]}, 422, "Not tasks of this assessment's plan: 999999."),
    ({"assume_done": "1,2"}, 422, "assume_done must be a list"),
    ({"assume_done": [True]}, 422, "assume_done must be a list"),
    ({"assume_done": [], "extra": 1}, 422, "Unknown fields: extra."),
    ({}, 422, "assume_done must be a list"),
])
def test_a_bad_what_if_is_refused_with_its_reason(client, runner, world, body, status, message):
    headers = token(runner, "admin@example.gov.vn")
    response = client.post(f"{API}/assessments/{world.assessment_id}/what-if", json=body, headers=headers)
    assert response.status_code == status and message in response.get_json()["error"]["message"]


def test_what_if_of_an_unknown_assessment_is_404_and_needs_a_login(client, runner, world):
    assert client.post(f"{API}/assessments/{world.assessment_id}/what-if", json={"assume_done": []}).status_code == 401
    headers = token(runner, "admin@example.gov.vn")
    assert client.post(f"{API}/assessments/99999/what-if", json={"assume_done": []}, headers=headers).status_code == 404


# --- The page ---------------------------------------------------------------------------

def figure(html, name):
    return html.split(f'data-figure="{name}">')[1].split("<")[0]


def test_the_page_ticks_tasks_or_a_department_and_writes_nothing(client, world):
    log_in(client, "admin@example.gov.vn")
    before = written()
    plain = client.get("/what-if").get_data(as_text=True)
    t11, t12 = sorted(world.tasks, key=lambda t: t.criterion.code)
    # The cheapest points first: 1.2 (1.5 points) before 1.1 (1 point), both at 0%.
    assert plain.index(f'name="assume" value="{t12.id}"') < plain.index(f'name="assume" value="{t11.id}"')
    ticked = client.get(f"/what-if?assume={t11.id}").get_data(as_text=True)
    department = client.get("/what-if?department=TP").get_data(as_text=True)
    assert figure(plain, "secured") == "7,5" and figure(ticked, "secured") == "8,5"
    assert figure(department, "secured") == "9"  # TP leads 1.2
    assert f'name="assume" value="{t12.id}" checked' in department
    assert figure(client.get(f"/what-if?assume={t11.id}&assume={t12.id}&assume=abc&assume=99999").get_data(as_text=True),
                  "secured") == "10"
    assert written() == before


def test_only_internal_affairs_and_leaders_use_it(client, runner, world):
    """The page and the API ask the same permission (and the service checks it too)."""
    log_in(client, "nv@example.gov.vn")
    assert client.get("/what-if").status_code == 403
    headers = token(runner, "nv@example.gov.vn")
    response = client.post(f"{API}/assessments/{world.assessment_id}/what-if", json={"assume_done": []},
                           headers=headers)
    assert response.status_code == 403 and response.get_json()["error"]["code"] == "forbidden"


def test_the_service_refuses_a_what_if_to_a_department_officer(app, world, today):
    from tracker.models import User
    from tracker.services import projection
    officer = db.session.scalar(select(User).where(User.email == "nv@example.gov.vn"))
    with pytest.raises(projection.WhatIfRefused):
        projection.what_if(world.assessment, today, [], officer)
