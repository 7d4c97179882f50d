"""Points at risk: a criterion at full marks this year that lost points in an earlier one may
lose them again; the dashboard and the leaders' digest say so beside the projected figures."""
from datetime import date

from tests import factories
from tracker.domain.projection import Risk, at_risk
from tracker.extensions import db
from tracker.notify import digests
from tracker.services import projection


def test_at_risk_takes_the_most_lost_and_the_latest_year_of_full_marks_only():
    full = {"1.1": "Kế hoạch CCHC", "2.1": "Hài lòng"}
    earlier = [(2023, "1.1", 0.5), (2024, "1.1", 0.25), (2024, "1.2", 1.0), (2024, "2.1", 0.0)]
    assert at_risk(full, earlier) == [Risk("1.1", "Kế hoạch CCHC", 0.5, 2024)]


def test_the_dashboard_and_the_leaders_digest_show_the_points_at_risk(app, client, auth, today):
    """2.1 is at full marks in 2025 (4 of 4) but lost 1 point in 2024."""
    factories.assessment("UBND xã Thử", 2024, factories.small_tree({"2.1": 3.0}))
    nv, tp = factories.department("NV"), factories.department("TP")
    plan, _tasks = factories.plan_with_tasks(nv, tp, today)
    factories.user("admin@example.gov.vn")
    db.session.commit()
    assert projection.risks(plan.assessment) == [Risk("2.1", "Hài lòng (SIPAS)", 1.0, 2024)]
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    page = client.get("/").get_data(as_text=True)
    assert 'id="at-risk"' in page and "1 điểm có nguy cơ mất lại" in page and "#c-2.1" in page
    monday = date.fromisocalendar(*today.isocalendar()[:2], 1)
    leaders = digests.build(monday, app.config).messages
    subjects = {m.recipient: m.subject for m in leaders}
    assert subjects["admin@example.gov.vn"].endswith("· 1 điểm có nguy cơ mất lại")


def test_no_risk_without_an_earlier_year(app, today):
    nv, tp = factories.department("NV"), factories.department("TP")
    plan, _tasks = factories.plan_with_tasks(nv, tp, today)
    db.session.commit()
    assert projection.risks(plan.assessment) == []


def test_an_admin_adds_a_task_to_keep_an_at_risk_criterion_with_an_owner(app, client, auth, today):
    """The plan page lists 2.1 (full marks, lost a point in 2024); the admin adds a "duy trì"
    task: owned by the rule's department, worth no points, listed once."""
    from sqlalchemy import select

    from tests.conftest import csrf_token
    from tracker.models import AuditEvent, PlanningRule, Task
    factories.assessment("UBND xã Thử", 2024, factories.small_tree({"2.1": 3.0}))
    nv, tp = factories.department("NV"), factories.department("TP")
    db.session.add(PlanningRule(code="2", lead_department=tp))
    plan, _tasks = factories.plan_with_tasks(nv, tp, today)
    factories.user("admin@example.gov.vn")
    db.session.commit()
    before = projection.for_assessment(plan.assessment, today)
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    page = client.get(f"/plans/{plan.id}").get_data(as_text=True)
    assert 'id="maintain"' in page and 'name="code" value="2.1"' in page
    response = client.post(f"/plans/{plan.id}/maintain", data={"code": "2.1", "csrf_token": csrf_token(page)})
    assert response.status_code == 302
    task = db.session.scalar(select(Task).join(Task.criterion).where(Task.plan_id == plan.id,
                                                                     Task.criterion.has(code="2.1")))
    assert task.lost_points == 0 and task.lead_department.code == "TP"
    assert task.title == "Duy trì, bảo đảm hài lòng (SIPAS) đạt điểm tối đa năm 2026 (năm 2024 bị mất 1 điểm)"
    after = projection.for_assessment(plan.assessment, today)
    assert (after["expected"], after["potential"]) == (before["expected"], before["potential"])
    page = client.get(f"/plans/{plan.id}").get_data(as_text=True)
    assert 'id="maintain"' not in page  # nothing left to keep without a task
    again = client.post(f"/plans/{plan.id}/maintain", data={"code": "2.1", "csrf_token": csrf_token(page)})
    assert again.status_code == 302 and len(plan.tasks) == 3
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "plan.maintain")).changes["codes"] == [None, ["2.1"]]
