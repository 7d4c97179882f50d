"""Deadlines as a plan writes them (issue 21): a date never on a weekend or a holiday, a quarter,
"Thường xuyên"; the default before the year report's cut-off; survey tasks due before the survey."""
from datetime import date

import pytest
from sqlalchemy import select

from tests import factories
from tests.conftest import csrf_token
from tracker.domain.deadlines import (DeadlineError, default_deadline, on_working_day, parse_deadline,
                                      survey_deadline)
from tracker.extensions import db
from tracker.models import AuditEvent
from tracker.services import plans

PLAN_END = date(2026, 11, 30)


@pytest.mark.parametrize("typed, day, label", [
    ("30/11/2026", date(2026, 11, 30), None),
    ("2026-11-30", date(2026, 11, 30), None),
    ("29/11/2026", date(2026, 11, 27), None),          # a Sunday: the Friday before
    ("Quý III/2026", date(2026, 9, 30), "Quý III/2026"),
    ("quy 3 2026", date(2026, 9, 30), "Quý III/2026"),
    ("Q2/2026", date(2026, 6, 30), "Quý II/2026"),
    ("Quý IV/2026", date(2026, 12, 31), "Quý IV/2026"),
    ("Quý I/2026", date(2026, 3, 31), "Quý I/2026"),
    ("Thường xuyên", PLAN_END, "Thường xuyên"),
    ("thuong xuyen", PLAN_END, "Thường xuyên"),
])
def test_a_deadline_reads_as_a_date_a_quarter_or_ongoing(typed, day, label):
    deadline = parse_deadline(typed, PLAN_END)
    assert (deadline.day, deadline.label) == (day, label)


@pytest.mark.parametrize("typed", ["", "Quý V/2026", "31/02/2026", "sớm", "Q3/0001", "01/01/0001"])
def test_anything_else_is_refused(typed):
    with pytest.raises(DeadlineError):
        parse_deadline(typed, PLAN_END)


def test_the_defaults_a_plan_proposes():
    assert default_deadline(2026) == date(2026, 11, 30)           # a Monday, before 14/12
    assert default_deadline(2025) == date(2025, 11, 28)           # 30/11/2025 is a Sunday
    assert survey_deadline(2026) == date(2026, 7, 31)             # the survey window opens on 01/08
    assert on_working_day(date(2026, 9, 2)).day == date(2026, 8, 28)  # Quốc khánh and its bridge days


def test_a_survey_task_is_due_before_the_survey_window(app):
    assessment = factories.assessment(rows=factories.small_tree({"2.1": 3.0}))  # 2.1, a survey, lost 1
    _plan, created = plans.generate_plan(assessment, "8/KH-UBND", date(2026, 3, 2), date(2026, 11, 30), actor="test")
    deadlines = {t.criterion.code: t.deadline for t in created}
    assert deadlines == {"1.1": date(2026, 11, 30), "1.2": date(2026, 11, 30), "2.1": date(2026, 7, 31)}


def test_an_admin_sets_a_quarter_or_ongoing_and_the_pages_show_it(client, auth, app, today):
    nv, tp = factories.department("NV"), factories.department("TP")
    factories.user("admin@example.gov.vn")
    _plan, tasks = factories.plan_with_tasks(nv, tp, today)
    db.session.commit()
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    task = tasks["1.1"]
    for typed, label in (("Quý III/2026", "Quý III/2026"), ("Thường xuyên", "Thường xuyên")):
        page = client.get(f"/tasks/{task.id}/edit").get_data(as_text=True)
        version = page.split('name="version" type="hidden" value="')[1].split('"')[0]
        response = client.post(f"/tasks/{task.id}/edit", data={
            "title": task.title, "product": "", "lead": "NV", "deadline": typed, "version": version,
            "csrf_token": csrf_token(page)})
        assert response.status_code == 302
        db.session.refresh(task)
        assert task.deadline_label == label
        assert label in client.get(f"/tasks/{task.id}").get_data(as_text=True)
        assert label in client.get(f"/plans/{task.plan_id}").get_data(as_text=True)
        assert client.get(f"/api/v1/tasks/{task.id}").get_json()["deadline_label"] == label
    assert task.deadline == task.plan.default_deadline  # ongoing: runs to the plan's default deadline
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "task.edit")).all()
    assert [e.changes["deadline_label"][1] for e in events] == ["Quý III/2026", "Thường xuyên"]
