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
