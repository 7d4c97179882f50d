"""The scheduler process (`flask tracker scheduler`): never started inside the web app.

Jobs are idempotent (outbox keys), so a second scheduler by mistake does no harm; on
PostgreSQL an advisory lock keeps a second one idle anyway.
"""
from __future__ import annotations

import logging

from apscheduler.schedulers.blocking import BlockingScheduler
from sqlalchemy import text

from tracker.extensions import db
from tracker.notify import outbox

log = logging.getLogger(__name__)
ADVISORY_LOCK_ID = 0x5A7C0001  # arbitrary, fixed: "the PAR Tracker scheduler"


def deliver_outbox(app) -> None:
    with app.app_context():
        sent, failed = outbox.deliver_pending(app.config)
        if sent or failed:
            log.info("outbox: %s sent, %s failed", sent, failed)


def holds_lock(app) -> bool:
    """True on SQLite; on PostgreSQL, whether this process got the advisory lock."""
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            return True
        # A dedicated connection kept open for the process's lifetime holds the lock.
        app.extensions["scheduler_lock_conn"] = conn = db.engine.connect()
        return bool(conn.execute(text("SELECT pg_try_advisory_lock(:id)"),
                                 {"id": ADVISORY_LOCK_ID}).scalar())


def build(app) -> BlockingScheduler:
    scheduler = BlockingScheduler(timezone=app.config["TRACKER_TIMEZONE"],
                                  job_defaults={"coalesce": True, "max_instances": 1,
                                                "misfire_grace_time": 3600})
    scheduler.add_job(deliver_outbox, "interval", minutes=1, args=[app], id="deliver-outbox",
                      replace_existing=True)
    return scheduler
