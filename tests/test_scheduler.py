"""The scheduler: when each job's work is due (working days, a holiday Monday), catching up after
the machine was off, and never sending twice."""
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from tests import mail_world
from tracker.extensions import db
from tracker.models import Notification
from tracker.notify import scheduler


def test_reminders_are_due_from_their_time_on_working_days():
    assert scheduler.reminders_due(datetime(2026, 12, 2, 7, 29), "07:30") is None
    assert scheduler.reminders_due(datetime(2026, 12, 2, 7, 30), "07:30") == date(2026, 12, 2)
    assert scheduler.reminders_due(datetime(2026, 12, 2, 16, 0), "07:30") == date(2026, 12, 2)  # catch-up
    assert scheduler.reminders_due(datetime(2026, 12, 5, 9, 0), "07:30") is None   # Saturday
    assert scheduler.reminders_due(datetime(2026, 9, 2, 9, 0), "07:30") is None    # National Day


def test_the_digest_is_due_on_the_weeks_first_working_day_and_after():
    assert scheduler.digest_due(datetime(2026, 11, 30, 6, 59), "07:00") is None
    assert scheduler.digest_due(datetime(2026, 11, 30, 7, 0), "07:00") == date(2026, 11, 30)
    # The machine was off on Monday: it sends that week's digest when it is back.
    assert scheduler.digest_due(datetime(2026, 12, 1, 10, 0), "07:00") == date(2026, 11, 30)
    assert scheduler.digest_due(datetime(2026, 12, 5, 10, 0), "07:00") is None  # not on Saturday
    # Monday 27/04/2026 is a holiday (Hùng Kings): the digest goes on Tuesday at its time.
    assert scheduler.digest_due(datetime(2026, 4, 27, 9, 0), "07:00") is None
    assert scheduler.digest_due(datetime(2026, 4, 28, 6, 0), "07:00") is None
    assert scheduler.digest_due(datetime(2026, 4, 28, 7, 0), "07:00") == date(2026, 4, 27)


@pytest.fixture
def world(app):
    w = mail_world.build()
    w.task("1.1", date(2026, 11, 20), "in_progress", 20)
    db.session.commit()
    return w


def count(kind: str) -> int:
    return db.session.scalar(select(func.count(Notification.id)).where(Notification.kind == kind))


def test_a_machine_off_on_monday_sends_the_weeks_digest_once_when_back(app, world):
    assert scheduler.send_digests(app, now=datetime(2026, 11, 30, 6, 0)) == 0  # before its time
    queued = scheduler.send_digests(app, now=datetime(2026, 12, 1, 10, 0))   # back on Tuesday
    assert queued == 5 and count("digest") == 5  # NV's three readers (TP has no task), admin, leader
    assert scheduler.send_digests(app, now=datetime(2026, 12, 1, 10, 1)) == 0
    assert scheduler.send_digests(app, now=datetime(2026, 12, 2, 7, 0)) == 0  # the next day's run
    keys = set(db.session.scalars(select(Notification.key)))
    assert keys == {"digest:NV:2026-W49", "digest:leaders:2026-W49"}


def test_the_reminder_job_runs_the_days_reminders_once(app, world):
    assert scheduler.send_reminders(app, now=datetime(2026, 11, 30, 7, 0)) == 0  # not yet 07:30
    assert scheduler.send_reminders(app, now=datetime(2026, 11, 30, 7, 30)) > 0
    before = count("reminder")
    assert scheduler.send_reminders(app, now=datetime(2026, 11, 30, 12, 0)) == 0
    assert count("reminder") == before


def test_jobs_coalesce_tolerate_misfires_and_all_run_at_start_up(app):
    from apscheduler.schedulers.background import BackgroundScheduler
    running = scheduler.build(app, BackgroundScheduler)
    running.start(paused=True)  # the same jobs, without blocking the test or running them
    try:
        jobs = {job.id: job for job in running.get_jobs()}
    finally:
        running.shutdown(wait=False)
    assert set(jobs) == {"deliver-outbox", "reminders", "digests", "reports", "sweep-uploads"}
    now = datetime.now(jobs["reminders"].next_run_time.tzinfo)
    for job in jobs.values():
        assert job.coalesce and job.max_instances == 1 and job.misfire_grace_time == scheduler.MISFIRE_GRACE
        assert abs(job.next_run_time - now) < timedelta(minutes=1)  # catch up at once
    assert str(jobs["reminders"].trigger).startswith("cron[") and "hour='7', minute='30'" in str(jobs["reminders"].trigger)
    assert "hour='7', minute='0'" in str(jobs["digests"].trigger)
