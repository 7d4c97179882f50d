"""Did last year's plan work? Tasks beside what their criteria scored a year later."""
import pytest
from sqlalchemy import select

from tests import factories
from tests.conftest import csrf_token
from tracker.domain.effectiveness import (DID_NOT_WORK, GONE, NOT_DONE_LOST, NOT_DONE_REGAINED, WORKED,
                                          TaskOutcome, assess, lost_share)
from tracker.extensions import db
from tracker.models import Assessment, Plan


def row(code, status, before, after, department="Phòng Nội vụ", task_id=1):
    return TaskOutcome(task_id, code, code.split(".")[0], department, status, before, after)


def test_each_outcome_and_the_totals_computed_by_hand():
    rows = [row("1.1", "verified", 1.0, 0.0),                    # worked: 1 regained
            row("1.2", "verified", 1.5, 2.0),                    # did not work: 0,5 more lost
            row("2.1", "in_progress", 2.0, 2.0, "Phòng Tư pháp"),  # not done, lost
            row("2.2", "cancelled", 0.5, 0.0, "Phòng Tư pháp"),    # not done, regained anyway
            row("3.1", "verified", 1.0, None)]                   # the criterion is gone
    assert [r.outcome for r in rows] == [WORKED, DID_NOT_WORK, NOT_DONE_LOST, NOT_DONE_REGAINED, GONE]
    assert [r.regained for r in rows] == [1.0, -0.5, 0.0, 0.5, 0.0]
    result = assess(rows)
    assert (result.total.tasks, result.total.lost_before, result.total.regained) == (5, 6.0, 1.0)
    assert result.by_department["Phòng Tư pháp"].regained == 0.5
    assert result.by_department["Phòng Nội vụ"].by_outcome[WORKED] == 1
    assert list(result.by_field) == ["1", "2", "3"] and result.by_field["1"].regained == 0.5


def test_a_split_task_takes_its_share_of_what_the_criterion_lost_later():
    assert lost_share(0.9, 0.6, 1.5) == 0.36  # a part that carried 0,6 of 1,5 lost points
    assert lost_share(None, 0.6, 1.5) is None
    assert lost_share(0.5, 1.0, 0.0) == 0.5


@pytest.fixture
def worked_out(app, today):
    """The 2025 plan: 1.1 (1 point lost, verified), 1.2 (1,5 lost, verified); the 2026 results:
    1.1 at full marks, 1.2 losing 2 points."""
    plan, tasks = factories.plan_with_tasks(factories.department("NV"), factories.department("TP"), today)
    tasks["1.1"].status, tasks["1.2"].status = "verified", "verified"
    factories.assessment(year=2026, rows=factories.small_tree({"1.1": 3.0, "1.2": 1.0}))
    factories.user("admin@example.gov.vn", "admin")
    db.session.commit()
    return plan


def test_the_page_sets_each_task_beside_the_next_years_points(client, auth, worked_out):
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    plan_page = client.get(f"/plans/{worked_out.id}").get_data(as_text=True)
    assert f"/plans/{worked_out.id}/outcome" in plan_page
    page = client.get(f"/plans/{worked_out.id}/outcome").get_data(as_text=True)
    assert page.count('data-outcome="worked"') == 1 and page.count('data-outcome="did_not_work"') == 1
    assert "Không hiệu quả: đã xác nhận nhưng vẫn mất điểm" in page
    assert '<span class="value">0,5</span>' in page  # regained 1, lost 0,5 more: 0,5 in all


def test_before_the_next_results_the_page_says_what_it_waits_for(client, auth, app, today):
    plan, _tasks = factories.plan_with_tasks(factories.department("NV"), factories.department("TP"), today)
    factories.user("admin@example.gov.vn", "admin")
    db.session.commit()
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    assert f"/plans/{plan.id}/outcome" not in client.get(f"/plans/{plan.id}").get_data(as_text=True)
    page = client.get(f"/plans/{plan.id}/outcome").get_data(as_text=True)
    assert "Chưa nhập kết quả năm 2026" in page
    assert client.get("/plans/99999/outcome").status_code == 404


def test_the_demos_last_plan_has_its_outcome(client, auth, demo, today):
    from tracker.services import effectiveness
    previous = db.session.scalar(select(Plan).join(Assessment).where(Assessment.year == today.year - 2))
    later, result = effectiveness.outcome(previous)
    assert later.year == today.year - 1
    assert result.total.tasks == len(previous.tasks) and result.total.by_outcome[WORKED] > 0
    assert result.total.by_outcome[DID_NOT_WORK] > 0  # some remedies did not win the points back
    auth.login()
    assert client.get(f"/plans/{previous.id}/outcome").status_code == 200
