"""Reporting periods that exist (issue 21): a plan has the reports whose cut-off falls on or
after its issue date; a plan entered after it was issued has had its tasks since that date; a
report due on a weekend or a holiday is due on the next working day; titles read as they do
on paper ("Báo cáo 6 tháng đầu năm 2026", "Báo cáo năm 2026")."""
from datetime import date, datetime

import pytest

from tests import factories, mail_world
from tests.test_reports import freeze
from tracker.domain.periods import periods_of_plan, report_period
from tracker.extensions import db
from tracker.services import plans, reports
from tracker.web.labels import period_name


def test_due_dates_on_a_weekend_move_to_the_next_working_day():
    # 20/06/2026 is a Saturday, 20/09/2026 and 20/12/2026 Sundays; 20/03/2026 a Friday.
    assert [report_period(2026, q).due for q in (1, 2, 3, 4)] == [
        date(2026, 3, 20), date(2026, 6, 22), date(2026, 9, 21), date(2026, 12, 21)]


def test_titles_never_say_nam_twice(app):
    assert [report_period(2026, q).title_vi for q in (1, 2, 3, 4)] == [
        "quý I năm 2026", "6 tháng đầu năm 2026", "quý III năm 2026", "năm 2026"]
    with app.test_request_context():
        assert [period_name(report_period(2026, q)) for q in (1, 2, 3, 4)] == [
            "Báo cáo quý I năm 2026", "Báo cáo 6 tháng đầu năm 2026", "Báo cáo quý III năm 2026", "Báo cáo năm 2026"]


def test_a_plan_issued_after_a_cut_off_has_no_report_for_that_period():
    assert [p.quarter for p in periods_of_plan(2026, date(2026, 4, 20))] == [2, 3, 4]
    assert [p.quarter for p in periods_of_plan(2026, date(2026, 3, 14))] == [1, 2, 3, 4]  # the cut-off day itself
    assert [p.quarter for p in periods_of_plan(2026, date(2026, 9, 15))] == [4]


@pytest.fixture
def late_plan(app):
    """mail_world's plan, issued on 20/04/2026 instead: after quý I's cut-off (14/03)."""
    w = mail_world.build()
    w.plan.issued_on = date(2026, 4, 20)
    db.session.commit()
    return w


def test_the_pages_and_the_cli_offer_no_report_before_the_issue_date(client, auth, runner, late_plan, monkeypatch):
    freeze(monkeypatch, date(2026, 7, 1))
    auth.login(mail_world.ADMIN, factories.PASSWORD)
    plan_page = client.get(f"/plans/{late_plan.plan.id}").get_data(as_text=True)
    assert "Báo cáo quý I năm 2026" not in plan_page and "Báo cáo 6 tháng đầu năm 2026" in plan_page
    assert "Báo cáo quý I năm 2026" not in client.get("/reports/").get_data(as_text=True)
    assert client.get(f"/plans/{late_plan.plan.id}/reports/2026-Q1").status_code == 404
    assert client.get(f"/plans/{late_plan.plan.id}/reports/2026-Q2").status_code == 200
    result = runner.invoke(args=["tracker", "report", "--unit", "UBND xã Thử", "--quarter", "2026-Q1",
                                 "--format", "docx", "--out", "/dev/null"])
    assert result.exit_code == 2 and "issued on 20/04/2026" in result.output
    six_months = reports.compute_figures(late_plan.plan, report_period(2026, 2), date(2026, 7, 1))
    assert six_months.previous is None  # no quý I report to compare with


def test_a_backfilled_plan_has_its_tasks_from_its_issue_date_in_its_past_reports(app, today):
    """Entered into the tracker today, the plan was issued on 02/03: the quý I report (to 14/03)
    already counts its tasks, as the paper report did."""
    assessment = factories.assessment()
    plan, created = plans.generate_plan(assessment, "5/KH-UBND", date(2026, 3, 2), date(2026, 11, 30), actor="test")
    db.session.commit()
    assert all(t.created_at == datetime(2026, 3, 1, 17, 0) for t in created)  # 02/03 00:00 in Việt Nam
    q1 = reports.compute_figures(plan, report_period(2026, 1), date(2026, 3, 20))
    assert q1.counts.total == len(created) == 2
    # A task added by a later top-up (new results) starts when it is added, not before.
    factories_rows = factories.small_tree({"1.1": 2.0, "1.2": 1.5, "2.1": 3.0})
    from tracker.services import assessments
    assessments.save_assessment(assessment.unit, 2025, assessment.criteria_set, factories_rows,
                                actor="test", existing=assessment)
    _plan, added = plans.generate_plan(assessment, "5/KH-UBND", date(2026, 3, 2), date(2026, 11, 30), actor="test")
    db.session.commit()
    assert [t.criterion.code for t in added] == ["2.1"] and added[0].created_at > datetime(2026, 3, 2)
