"""One way of counting overdue (domain/task_states): a task due today is not overdue until
tomorrow, on every page, in the API, the digests, the reminders and the reports; and a day ends
at midnight in Việt Nam, not in UTC (17:00 UTC): what happens in the evening after a cut-off
belongs to the next period."""
from datetime import date, datetime, timedelta

import pytest

from tests import mail_world
from tests.factories import PASSWORD
from tests.mail_world import ADMIN, OFFICER
from tracker.domain.periods import report_period
from tracker.extensions import db
from tracker.notify import digests, reminders
from tracker.services import dashboard, projection, reports
from tracker.models.base import utcnow

MONDAY = date(2026, 11, 30)   # a Monday and a working day


@pytest.fixture
def due(app, today):
    """1.1 due today, 1.2 due yesterday, both open and NV's."""
    w = mail_world.build()
    w.task("1.1", today, "in_progress", 50)
    w.task("1.2", today - timedelta(days=1), "in_progress", 50)
    db.session.commit()
    return w


def test_a_task_due_today_is_not_overdue_on_the_pages_and_in_the_api(client, auth, due, today):
    t11, t12 = due.tasks["1.1"], due.tasks["1.2"]
    auth.login(ADMIN, PASSWORD)
    listed = client.get("/tasks/?overdue=1").get_data(as_text=True)
    assert f"/tasks/{t12.id}" in listed and f"/tasks/{t11.id}\"" not in listed
    api = client.get("/api/v1/tasks?overdue=true").get_json()
    assert [t["id"] for t in api["items"]] == [t12.id]
    assert client.get(f"/api/v1/tasks/{t11.id}").get_json()["overdue"] is False
    assert client.get(f"/api/v1/tasks/{t12.id}").get_json()["overdue"] is True
    summary = dashboard.summary(today, utcnow())
    assert [t.id for t in summary.overdue] == [t12.id] and t11.id in [t.id for t in summary.due_soon]
    assert projection.for_assessment(due.plan.assessment, today)["tasks"]["overdue"] == 1
    auth.logout()
    auth.login(OFFICER, PASSWORD)
    work = client.get("/work/").get_data(as_text=True)
    assert f'data-task-id="{t11.id}" data-urgency="due_soon"' in work
    assert f'data-task-id="{t12.id}" data-urgency="overdue"' in work


def test_a_task_due_on_the_digests_monday_is_due_not_overdue(app):
    w = mail_world.build()
    w.task("1.1", MONDAY, "in_progress", 50)
    w.task("1.2", MONDAY - timedelta(days=1), "in_progress", 50)
    db.session.commit()
    built = digests.build(MONDAY, app.config)
    [nv] = [d for d in built.departments if d.department.code == "NV"]
    assert [l.code for l in nv.overdue.lines] == ["1.2"] and "1.1" in [l.code for l in nv.due_soon.lines]
    assert [(r.department.code, r.overdue) for r in built.leaders.departments] == [("NV", 1)]
    assert built.leaders.plans[0].now["tasks"]["overdue"] == 1


def test_a_task_due_on_the_reminders_day_is_reminded_not_escalated(app):
    w = mail_world.build()
    w.task("1.1", MONDAY, "in_progress", 50)
    w.task("1.2", MONDAY - timedelta(days=30), "in_progress", 50)   # long overdue: escalated
    db.session.commit()
    run = reminders.build(MONDAY, app.config)
    assert {e.task_id for e in run.escalations} == {w.tasks["1.2"].id}


def test_the_report_counts_a_task_due_on_the_last_day_as_overdue_only_after_it(app):
    """Quý I ends on 14/03: a task due 14/03 and still open at the cut-off is one day overdue."""
    w = mail_world.build()
    w.task("1.1", date(2026, 3, 14), "in_progress", 50)
    w.task("1.2", date(2026, 3, 15), "in_progress", 50)
    db.session.commit()
    f = reports.compute_figures(w.plan, report_period(2026, 1), date(2026, 3, 20))
    assert [(l.code, l.days_overdue) for l in f.overdue] == [("1.1", 1)] and f.counts.overdue == 1
    running = reports.compute_figures(w.plan, report_period(2026, 1), date(2026, 3, 14))  # as of 13/03
    assert running.overdue == []


# --- A day ends at local midnight ------------------------------------------------------------

EVENING = datetime(2026, 3, 14, 20, 0)  # 14/03 20:00 UTC = 15/03 03:00 in Việt Nam: after quý I


def test_an_update_on_the_evening_of_the_cut_off_in_utc_belongs_to_the_next_period(app):
    w = mail_world.build()
    w.task("1.1", date(2026, 3, 10), "in_progress", 40)
    w.update("1.1", datetime(2026, 3, 14, 16, 59), "in_progress", 60)   # 23:59 on 14/03 local
    w.update("1.1", EVENING, "done", 100)                               # 03:00 on 15/03 local
    db.session.commit()
    f = reports.compute_figures(w.plan, report_period(2026, 1), date(2026, 3, 20))
    assert f.counts.done == 0 and [(l.code, l.progress) for l in f.overdue] == [("1.1", 60)]
    q2 = reports.compute_figures(w.plan, report_period(2026, 2), date(2026, 6, 20))
    assert [(l.code, l.finished_on) for l in q2.completed] == [("1.1", date(2026, 3, 15))]


def test_a_task_created_on_the_evening_of_a_digests_sunday_in_utc_is_not_in_that_digest(app):
    """The digest of week 49 is as of Monday 30/11 00:00 local = Sunday 29/11 17:00 UTC."""
    w = mail_world.build()
    w.task("1.1", MONDAY - timedelta(days=3), "in_progress", 40)
    w.update("1.1", datetime(2026, 11, 29, 16, 59), "in_progress", 60)   # 23:59 Sunday local
    w.update("1.1", datetime(2026, 11, 29, 18, 0), "done", 100)          # 01:00 Monday local
    db.session.commit()
    [nv] = [d for d in digests.build(MONDAY, app.config).departments if d.department.code == "NV"]
    assert [(l.code, l.progress) for l in nv.overdue.lines] == [("1.1", 60)] and nv.finished.total == 0
