"""The outbox: queue each message once per (key, recipient); deliver pending ones with back-off.

Queueing is an INSERT … ON CONFLICT DO NOTHING on that unique pair, so two processes building
the same digest at once still leave one row per recipient. Delivery claims each message just
before sending it and marks it sent, committed, right after the server accepts it, so two
deliverers at once never both send a message, and a slow one never sends what another took over.
Delivery is at least once, not exactly once: when the server has accepted a message but the
deliverer has not committed that when its claim runs out (killed at that instant, the database
gone, or the server dragging for minutes), the message goes again once the claim expires
(CLAIM_FOR), with the same Message-ID.
"""
from __future__ import annotations

import hashlib
import secrets
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import parseaddr

from sqlalchemy import Row, or_, select, tuple_, update

from tracker.extensions import db
from tracker.models import Notification
from tracker.models.base import insert_or_skip, utcnow

MAX_ATTEMPTS = 8
BATCH_SIZE = 100  # messages a deliverer takes at a time
# A deliverer claims one message at a time, just before sending it; the claim outlasts what
# sending one message can take (each SMTP exchange times out after SMTP_TIMEOUT), and a dead
# deliverer's claim expires after it, so its message waits no longer than this.
SMTP_TIMEOUT = 30
CLAIM_FOR = timedelta(minutes=5)


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


def message_id_header(message: Notification | Row, sender: str) -> str:
    """The Message-ID of an outbox message: the same for every copy of it, so that a receiving
    system can tell a copy sent again after a deliverer died (see deliver_pending)."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    digest = hashlib.sha256(f"{message.key}\n{message.recipient}".encode()).hexdigest()[:16]
    return f"<par-tracker.{message.id}.{digest}@{domain}>"


def build_email(message: Notification | Row, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.recipient
    email["Message-ID"] = message_id_header(message, sender)
    email["Subject"] = message.subject
    email.set_content(message.body_text)
    if message.body_html:
        email.add_alternative(message.body_html, subtype="html")
    return email


def _due(now: datetime) -> tuple:
    """A message due at `now`: not sent, not given up, not waiting for its back-off, and not
    claimed by a deliverer that is sending it (a claim past its time is free again)."""
    return (Notification.sent_at.is_(None), Notification.attempts < MAX_ATTEMPTS,
            or_(Notification.next_attempt_at.is_(None), Notification.next_attempt_at <= now),
            or_(Notification.claimed_until.is_(None), Notification.claimed_until < now))


def due(now: datetime, limit: int) -> list[int]:
    """The ids of up to `limit` messages due at `now`, oldest first."""
    return list(db.session.scalars(
        select(Notification.id).where(*_due(now)).order_by(Notification.id).limit(limit)))


def claim(message_id: int, token: str, now: datetime) -> Row | None:
    """Take one message for the deliverer `token` until now + CLAIM_FOR, and commit, if it is
    still due: another deliverer may have claimed or sent it since it was listed. One
    conditional UPDATE … RETURNING (PostgreSQL, SQLite ≥ 3.35), so of two deliverers at once
    exactly one gets it. Returns what the email needs, or None when the message is not ours."""
    claimed = db.session.execute(
        update(Notification).where(Notification.id == message_id, *_due(now))
        .values(claimed_by=token, claimed_until=now + CLAIM_FOR)
        .returning(Notification.id, Notification.key, Notification.recipient, Notification.subject,
                   Notification.body_text, Notification.body_html, Notification.attempts)
        .execution_options(synchronize_session=False)).first()
    db.session.commit()
    return claimed


def _sent(message_id: int, now: datetime) -> None:
    """The server accepted the message: mark it sent (whoever holds its claim now) and commit."""
    db.session.execute(
        update(Notification).where(Notification.id == message_id, Notification.sent_at.is_(None))
        .values(sent_at=now, attempts=Notification.attempts + 1, last_error=None,
                claimed_by=None, claimed_until=None)
        .execution_options(synchronize_session=False))
    db.session.commit()


def _failed(message: Row, token: str, exc: Exception, now: datetime) -> None:
    """Sending failed: try again after a back-off (unless another deliverer has taken it over)."""
    db.session.execute(
        update(Notification).where(Notification.id == message.id, Notification.claimed_by == token,
                                   Notification.sent_at.is_(None))
        .values(attempts=Notification.attempts + 1, last_error=str(exc)[:1000],
                next_attempt_at=now + backoff(message.attempts + 1), claimed_by=None, claimed_until=None)
        .execution_options(synchronize_session=False))
    db.session.commit()


def connect(config: dict) -> smtplib.SMTP:
    smtp = smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=SMTP_TIMEOUT)
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
    """Send up to `limit` due messages over SMTP, oldest first; returns (sent, failed). Without
    SMTP_HOST, mail stays here. `now` fixes the clock (tests); by default each step reads it.

    Each message is claimed just before it is sent and marked sent, committed, as soon as the
    server has accepted it: a slow batch holds no claim on the messages it has not reached (a
    second deliverer may send those, and this one then skips them), and a deliverer that dies
    leaves at most the one message it was sending, which goes again once its claim runs out."""
    if not config.get("SMTP_HOST"):
        return 0, 0
    clock = (lambda: now) if now is not None else utcnow
    ids = due(clock(), limit)
    db.session.commit()  # no transaction stays open while the server answers
    if not ids:
        return 0, 0
    token = secrets.token_hex(16)
    sent = failed = 0
    try:
        smtp = connect(config)
    except (smtplib.SMTPException, OSError) as exc:  # server down or refusing us: retry later
        for message_id in ids:
            message = claim(message_id, token, clock())
            if message is not None:
                _failed(message, token, exc, clock())
                failed += 1
        return 0, failed
    with smtp:
        for message_id in ids:
            message = claim(message_id, token, clock())
            if message is None:
                continue  # another deliverer has sent it or is sending it
            try:
                smtp.send_message(build_email(message, config["MAIL_FROM"]))
            except (smtplib.SMTPException, OSError) as exc:
                _failed(message, token, exc, clock())
                failed += 1
            else:
                _sent(message_id, clock())
                sent += 1
    return sent, failed


def deliver_all(config: dict, now: datetime | None = None) -> tuple[int, int]:
    """Deliver until nothing is due (failures wait for their back-off); returns (sent, failed)."""
    sent = failed = 0
    while True:
        batch = deliver_pending(config, now)
        sent, failed = sent + batch[0], failed + batch[1]
        if batch == (0, 0) or batch[0] == 0:
            return sent, failed
