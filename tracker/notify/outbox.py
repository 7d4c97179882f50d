"""The outbox: queue a message under a unique key; deliver pending ones with back-off."""
from __future__ import annotations

import smtplib
from datetime import datetime, timedelta
from email.message import EmailMessage

from sqlalchemy import or_, select

from tracker.extensions import db
from tracker.models import Notification
from tracker.models.base import utcnow

MAX_ATTEMPTS = 8


def queue(key: str, kind: str, recipients: list[str], subject: str, body_text: str,
          body_html: str | None = None) -> Notification | None:
    """Add a message unless one with this key exists (idempotent); the caller commits."""
    if not recipients:
        return None
    if db.session.scalar(select(Notification.id).where(Notification.key == key)):
        return None
    message = Notification(key=key, kind=kind, recipients=", ".join(recipients), subject=subject,
                           body_text=body_text, body_html=body_html)
    db.session.add(message)
    db.session.flush()
    return message


def backoff(attempts: int) -> timedelta:
    return timedelta(minutes=min(2 ** attempts, 24 * 60))


def build_email(message: Notification, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.recipients
    email["Subject"] = message.subject
    email.set_content(message.body_text)
    if message.body_html:
        email.add_alternative(message.body_html, subtype="html")
    return email


def deliver_pending(config: dict, now: datetime | None = None, limit: int = 100) -> tuple[int, int]:
    """Send due messages over SMTP; returns (sent, failed). Without SMTP_HOST, mail stays here."""
    if not config.get("SMTP_HOST"):
        return 0, 0
    now = now or utcnow()
    pending = db.session.scalars(
        select(Notification)
        .where(Notification.sent_at.is_(None), Notification.attempts < MAX_ATTEMPTS,
               or_(Notification.next_attempt_at.is_(None), Notification.next_attempt_at <= now))
        .order_by(Notification.id).limit(limit)).all()
    sent = failed = 0
    if not pending:
        return sent, failed
    try:
        smtp = smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=30)
    except OSError as exc:
        for message in pending:
            _failed(message, exc, now)
        db.session.commit()
        return 0, len(pending)
    with smtp:
        if config.get("SMTP_STARTTLS"):
            smtp.starttls()
        if config.get("SMTP_USER"):
            smtp.login(config["SMTP_USER"], config.get("SMTP_PASSWORD") or "")
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
            db.session.commit()  # each message's outcome survives a later crash
    return sent, failed


def _failed(message: Notification, exc: Exception, now: datetime) -> None:
    message.attempts += 1
    message.last_error = str(exc)[:1000]
    message.next_attempt_at = now + backoff(message.attempts)
