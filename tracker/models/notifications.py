"""The outbox (every email is a row first, written in the transaction that caused it) and the
escalations of overdue tasks (each step once per task)."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tracker.extensions import db
from tracker.models.base import utcnow


class Notification(db.Model):
    """One email to one recipient, so a person's settings and a bounced address affect only them."""

    __tablename__ = "notifications"
    __table_args__ = (
        # The same message (e.g. "digest:NV:2026-W48") is never queued twice for one recipient,
        # even by two processes at once: the database refuses the second row.
        UniqueConstraint("key", "recipient"),
        Index("ix_notifications_pending", "sent_at", "next_attempt_at"),
        Index("ix_notifications_kind_created", "kind", "created_at"),
        Index("ix_notifications_recipient", "recipient"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))  # reminder, escalation, digest, task_done, …
    recipient: Mapped[str] = mapped_column(String(254))
    # The recipient's account when there is one (a department's contact address may have none).
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    sent_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    # A delivering process claims a message before sending it, so two never send the same one;
    # a claim left by a crashed process expires.
    claimed_by: Mapped[str | None] = mapped_column(String(32))
    claimed_until: Mapped[datetime | None]


class TaskEscalation(db.Model):
    """An overdue task brought to the department head (`head`) or to the admins and leaders
    (`leaders`): once per task and level, which the unique key makes certain."""

    __tablename__ = "task_escalations"
    __table_args__ = (
        UniqueConstraint("task_id", "level"),
        CheckConstraint("level IN ('head', 'leaders')", name="level"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    level: Mapped[str] = mapped_column(String(10))
    on: Mapped[date]                 # the working day it happened
    overdue_working_days: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
