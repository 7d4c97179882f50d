"""The outbox: queue each message once per (key, recipient); deliver pending ones with back-off.

Queueing is an INSERT … ON CONFLICT DO NOTHING on that unique pair, so two processes building
the same digest at once still leave one row per recipient. Delivery claims rows before sending
them, so two deliverers never send the same message.
"""
from __future__ import annotations

import secrets
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage

from sqlalchemy import and_, or_, select, tuple_, update

from tracker.extensions import db
from tracker.models import Notification
from tracker.models.base import insert_or_skip, utcnow

MAX_ATTEMPTS = 8
BATCH_SIZE = 100  # messages a deliverer takes at a time
CLAIM_FOR = timedelta(minutes=10)  # a crashed deliverer's claim expires after this


@dataclass
class Message:
    """A message to one recipient, built but not yet queued."""

    key: str
    kind: str
    recipient: str
    subject: str
    body_text: str
    body_html: str | None = None
    user_id: int | None = None


def queue_all(messages: list[Message]) -> list[Message]:
    """Queue every message whose (key, recipient) is not in the outbox yet; returns those queued.
    The caller commits (the messages belong to the transaction that caused them)."""
    unique = list({(m.key, m.recipient.lower()): m for m in messages if m.recipient}.values())
    if not unique:
        return []
    rows = [{"key": m.key, "kind": m.kind, "recipient": m.recipient.lower(), "user_id": m.user_id,
             "subject": m.subject[:300], "body_text": m.body_text, "body_html": m.body_html,
             "created_at": utcnow(), "attempts": 0} for m in unique]
    stmt = insert_or_skip(Notification, "key", "recipient").returning(
        Notification.key, Notification.recipient)
    inserted = set()
    for start in range(0, len(rows), 500):
        inserted.update(tuple(r) for r in db.session.execute(stmt, rows[start:start + 500]))
    return [m for m in unique if (m.key, m.recipient.lower()) in inserted]


def queue(key: str, kind: str, recipients: list[str], subject: str, body_text: str,
          body_html: str | None = None) -> list[Message]:
    """The same message to each recipient, one row each; returns the messages newly queued."""
    return queue_all([Message(key, kind, r, subject, body_text, body_html) for r in recipients])


def already_queued(pairs: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which (key, recipient) pairs are in the outbox already (for dry runs and reports)."""
    found: set[tuple[str, str]] = set()
    pairs = [(k, r.lower()) for k, r in pairs]
    for start in range(0, len(pairs), 500):
        chunk = pairs[start:start + 500]
        found.update(tuple(row) for row in db.session.execute(
            select(Notification.key, Notification.recipient)
            .where(tuple_(Notification.key, Notification.recipient).in_(chunk))))
    return found


def backoff(attempts: int) -> timedelta:
    return timedelta(minutes=min(2 ** attempts, 24 * 60))


def build_email(message: Notification, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email.set_content(message.body_text)
    if message.body_html:
        email.add_alternative(message.body_html, subtype="html")
    return email


def claim(now: datetime, limit: int) -> list[Notification]:
    """Mark up to `limit` due messages as this process's and commit; another process running
    the same UPDATE at once skips rows claimed first (it re-reads them after our commit)."""
    due = (select(Notification.id)
           .where(Notification.sent_at.is_(None), Notification.attempts < MAX_ATTEMPTS,
                  or_(Notification.next_attempt_at.is_(None), Notification.next_attempt_at <= now),
                  or_(Notification.claimed_until.is_(None), Notification.claimed_until < now))
           .order_by(Notification.id).limit(limit))
    ids = list(db.session.scalars(due))
    if not ids:
        return []
    token = secrets.token_hex(16)
    db.session.execute(
        update(Notification)
        .where(Notification.id.in_(ids), Notification.sent_at.is_(None),
               or_(Notification.claimed_until.is_(None), Notification.claimed_until < now))
        .values(claimed_by=token, claimed_until=now + CLAIM_FOR)
        .execution_options(synchronize_session=False))
    db.session.commit()
    return list(db.session.scalars(select(Notification).where(
        and_(Notification.claimed_by == token, Notification.sent_at.is_(None))).order_by(Notification.id)))


def connect(config: dict) -> smtplib.SMTP:
    smtp = smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=30)
    try:
        if config.get("SMTP_STARTTLS"):
            smtp.starttls()
        if config.get("SMTP_USER"):
            smtp.login(config["SMTP_USER"], config.get("SMTP_PASSWORD") or "")
    except BaseException:
        smtp.close()
        raise
    return smtp


def deliver_pending(config: dict, now: datetime | None = None, limit: int = BATCH_SIZE) -> tuple[int, int]:
    """Send due messages over SMTP; returns (sent, failed). Without SMTP_HOST, mail stays here."""
    if not config.get("SMTP_HOST"):
        return 0, 0
    now = now or utcnow()
    pending = claim(now, limit)
    if not pending:
        return 0, 0
    sent = failed = 0
    try:
        smtp = connect(config)
    except (smtplib.SMTPException, OSError) as exc:  # server down or refusing us: retry later
        for message in pending:
            _failed(message, exc, now)
        db.session.commit()
        return 0, len(pending)
    with smtp:
        for message in pending:
            try:
                smtp.send_message(build_email(message, config["MAIL_FROM"]))
            except (smtplib.SMTPException, OSError) as exc:
                _failed(message, exc, now)
                failed += 1
            else:
                message.sent_at, message.last_error = now, None
                message.attempts += 1
                sent += 1
            message.claimed_by = message.claimed_until = None
            db.session.commit()  # each message's outcome survives a later crash
    return sent, failed


def deliver_all(config: dict, now: datetime | None = None) -> tuple[int, int]:
    """Deliver until nothing is due (failures wait for their back-off); returns (sent, failed)."""
    sent = failed = 0
    while True:
        batch = deliver_pending(config, now)
        sent, failed = sent + batch[0], failed + batch[1]
        if batch == (0, 0) or batch[0] == 0:
            return sent, failed


def _failed(message: Notification, exc: Exception, now: datetime) -> None:
    message.attempts += 1
    message.last_error = str(exc)[:1000]
    message.next_attempt_at = now + backoff(message.attempts)
    message.claimed_by = message.claimed_until = None
