"""The scheduler process (`flask tracker scheduler`): never started inside the web app.

Jobs: outbox delivery every minute; the day's reminders at REMINDER_TIME; the week's digests at
DIGEST_TIME on the week's first working day (Monday unless it is a holiday); and, daily at
REMINDER_TIME, the draft of each periodic report once its data period has ended, with an email
to the admins; hourly, a sweep of evidence files that a crashed upload left without their row.
Each job checks whether its work is due *now*, and every job also runs once at start-up, so a machine that was
off at the time catches up when it comes back; the outbox keys make every run idempotent, so
nothing goes twice. On PostgreSQL an advisory lock keeps a second scheduler idle anyway.
"""
from __future__ import annotations

import logging
from datetime import date, datetime, time

from apscheduler.schedulers.blocking import BlockingScheduler
from sqlalchemy import text

from tracker.domain.periods import week_monday
from tracker.domain.workdays import is_working_day, next_working_day
from tracker.extensions import db
from tracker.i18n import local_now
from tracker.notify import outbox

log = logging.getLogger(__name__)
ADVISORY_LOCK_ID = 0x5A7C0001  # arbitrary, fixed: "the PAR Tracker scheduler"
MISFIRE_GRACE = 6 * 3600       # a job delayed (machine asleep, busy) still runs, once


def clock(value: str) -> time:
    """"07:30" → time(7, 30)."""
    hours, minutes = value.strip().split(":")
    return time(int(hours), int(minutes))


def reminders_due(now: datetime, reminder_time: str) -> date | None:
    """The day whose reminders should go out at local time `now`, if any."""
    if is_working_day(now.date()) and now.time() >= clock(reminder_time):
        return now.date()
    return None


def digest_due(now: datetime, digest_time: str) -> date | None:
    """The Monday of the week whose digests should go out at local time `now`, if any: from the
    week's first working day at `digest_time` on, on working days."""
    today = now.date()
    monday = week_monday(today)
    first = next_working_day(monday)
    if not is_working_day(today) or today < first or (today == first and now.time() < clock(digest_time)):
        return None
    return monday


def deliver_outbox(app) -> None:
    with app.app_context():
        sent, failed = outbox.deliver_pending(app.config)
        if sent or failed:
            log.info("outbox: %s sent, %s failed", sent, failed)


def send_reminders(app, now: datetime | None = None) -> int:
    """The reminder job: queue the day's reminders when due; returns how many were queued."""
    from tracker.notify import reminders
    with app.app_context():
        day = reminders_due(now or local_now().replace(tzinfo=None), app.config["REMINDER_TIME"])
        if day is None:
            return 0
        _run, queued = reminders.send(day, app.config, actor="scheduler")
        db.session.commit()
        if queued:
            log.info("reminders for %s: %s messages queued", day, len(queued))
        return len(queued)


def send_digests(app, now: datetime | None = None) -> int:
    """The digest job: queue this week's digests when due; returns how many were queued."""
    from tracker.notify import digests
    with app.app_context():
        monday = digest_due(now or local_now().replace(tzinfo=None), app.config["DIGEST_TIME"])
        if monday is None:
            return 0
        _digests, queued = digests.send(monday, app.config)
        db.session.commit()
        if queued:
            log.info("digests for the week of %s: %s messages queued", monday, len(queued))
        return len(queued)


def prepare_reports(app, now: datetime | None = None) -> int:
    """The report job: make the drafts of periods whose data has just ended and tell the admins
    (once per plan and period: the outbox key); returns how many were prepared."""
    from tracker.services import reports
    with app.app_context():
        now = now or local_now().replace(tzinfo=None)
        if now.time() < clock(app.config["REMINDER_TIME"]):
            return 0
        prepared = reports.prepare_drafts(now.date())
        db.session.commit()
        for plan, period in prepared:
            log.info("report %s of plan %s: draft ready", period.label, plan.number)
        return len(prepared)


def sweep_uploads(app) -> int:
    """Remove evidence files a crashed upload left without their row (hourly)."""
    from tracker.services import evidence
    with app.app_context():
        removed = evidence.sweep_orphans(app.config["UPLOAD_DIR"])
        if removed:
            log.info("uploads: %s orphaned files removed", len(removed))
        return len(removed)


def holds_lock(app) -> bool:
    """True on SQLite; on PostgreSQL, whether this process got the advisory lock."""
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            return True
        # A dedicated connection kept open for the process's lifetime holds the lock.
        app.extensions["scheduler_lock_conn"] = conn = db.engine.connect()
        return bool(conn.execute(text("SELECT pg_try_advisory_lock(:id)"),
                                 {"id": ADVISORY_LOCK_ID}).scalar())


def build(app, scheduler_class=BlockingScheduler):
    """The scheduler with its five jobs; tests pass a BackgroundScheduler to look inside."""
    scheduler = scheduler_class(timezone=app.config["TRACKER_TIMEZONE"],
                                  job_defaults={"coalesce": True, "max_instances": 1,
                                                "misfire_grace_time": MISFIRE_GRACE})
    start = datetime.now(scheduler.timezone)
    scheduler.add_job(deliver_outbox, "interval", minutes=1, args=[app], id="deliver-outbox",
                      replace_existing=True, next_run_time=start)
    scheduler.add_job(sweep_uploads, "interval", hours=1, args=[app], id="sweep-uploads",
                      replace_existing=True, next_run_time=start)
    for job_id, job, at in (("reminders", send_reminders, app.config["REMINDER_TIME"]),
                            ("digests", send_digests, app.config["DIGEST_TIME"]),
                            ("reports", prepare_reports, app.config["REMINDER_TIME"])):
        due = clock(at)
        # Daily at its time, and once now: the job itself knows whether anything is due.
        scheduler.add_job(job, "cron", hour=due.hour, minute=due.minute, args=[app], id=job_id,
                          replace_existing=True, next_run_time=start)
    return scheduler
