"""Mail goes through the outbox: queued once per key, delivered to a real SMTP server."""
import asyncio
import email
import email.policy
import smtplib
import socket
import threading
from datetime import datetime, timedelta

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, insert, select

from tests import factories
from tracker.extensions import db
from tracker.models import Notification
from tracker.notify import outbox


class Collect:
    """An aiosmtpd handler that keeps every message, parsed as a mail client would."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():
    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, handler
    controller.stop()


def test_a_key_is_queued_only_once_per_recipient(app):
    queued = outbox.queue("digest:NV:2026-W48", "digest", ["a@example.gov.vn", "B@example.gov.vn"], "S", "B")
    assert [m.recipient for m in queued] == ["a@example.gov.vn", "B@example.gov.vn"]
    assert outbox.queue("digest:NV:2026-W48", "digest", ["a@example.gov.vn", "b@example.gov.vn"], "S", "B") == []
    again = outbox.queue("digest:NV:2026-W48", "digest", ["a@example.gov.vn", "c@example.gov.vn"], "S", "B")
    assert [m.recipient for m in again] == ["c@example.gov.vn"]
    db.session.commit()
    rows = db.session.scalars(select(Notification).order_by(Notification.id)).all()
    assert [(r.key, r.recipient) for r in rows] == [("digest:NV:2026-W48", "a@example.gov.vn"),
                                                    ("digest:NV:2026-W48", "b@example.gov.vn"),
                                                    ("digest:NV:2026-W48", "c@example.gov.vn")]


def test_the_database_refuses_a_second_row_for_the_same_key_and_recipient(app):
    from sqlalchemy.exc import IntegrityError
    outbox.queue("k", "test", ["a@example.gov.vn"], "S", "B")
    db.session.commit()
    db.session.add(Notification(key="k", kind="test", recipient="a@example.gov.vn", subject="S", body_text="B"))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_pending_mail_is_delivered_over_smtp_one_message_per_recipient(app, smtp_server):
    controller, handler = smtp_server
    outbox.queue("test:1", "test", ["nv@example.gov.vn", "tp@example.gov.vn"], "Nhắc hạn: 3 nhiệm vụ",
                 "Nội dung tiếng Việt", "<p>Nội dung</p>")
    db.session.commit()
    config = dict(app.config, SMTP_HOST="127.0.0.1", SMTP_PORT=controller.port)
    assert outbox.deliver_pending(config) == (2, 0)
    assert sorted(m["To"] for m in handler.messages) == ["nv@example.gov.vn", "tp@example.gov.vn"]
    received = handler.messages[0]
    assert received["Subject"] == "Nhắc hạn: 3 nhiệm vụ"
    assert received.get_body(("plain",)).get_content().strip() == "Nội dung tiếng Việt"
    assert received.get_body(("html",)).get_content().strip() == "<p>Nội dung</p>"
    messages = db.session.scalars(select(Notification)).all()
    assert all(m.sent_at is not None and m.attempts == 1 and m.claimed_by is None for m in messages)
    assert outbox.deliver_pending(config) == (0, 0)  # never sent twice


def test_unreachable_server_schedules_a_retry(app):
    outbox.queue("test:2", "test", ["nv@example.gov.vn"], "S", "B")
    db.session.commit()
    config = dict(app.config, SMTP_HOST="127.0.0.1", SMTP_PORT=free_port())
    assert outbox.deliver_pending(config) == (0, 1)
    message = db.session.scalar(select(Notification))
    assert message.sent_at is None and message.attempts == 1 and message.last_error
    assert message.next_attempt_at is not None and message.claimed_by is None
    assert outbox.deliver_pending(config) == (0, 0)  # backing off


def test_mail_waits_while_the_server_is_down_and_goes_once_when_it_is_back(app):
    port = free_port()
    outbox.queue("test:3", "test", ["nv@example.gov.vn", "tp@example.gov.vn"], "S", "B")
    db.session.commit()
    config = dict(app.config, SMTP_HOST="127.0.0.1", SMTP_PORT=port)
    now = datetime(2026, 11, 30, 1, 0)
    assert outbox.deliver_pending(config, now=now) == (0, 2)
    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        assert outbox.deliver_pending(config, now=now + timedelta(minutes=1)) == (0, 0)  # backing off
        assert outbox.deliver_pending(config, now=now + timedelta(minutes=3)) == (2, 0)
        assert outbox.deliver_pending(config, now=now + timedelta(hours=1)) == (0, 0)
    finally:
        controller.stop()
    assert sorted(m["To"] for m in handler.messages) == ["nv@example.gov.vn", "tp@example.gov.vn"]


def test_a_message_claimed_by_another_deliverer_is_not_sent_again(app, smtp_server):
    controller, handler = smtp_server
    outbox.queue("test:4", "test", ["a@example.gov.vn", "b@example.gov.vn"], "S", "B")
    db.session.commit()
    config = dict(app.config, SMTP_HOST="127.0.0.1", SMTP_PORT=controller.port)
    now = datetime(2026, 11, 30, 1, 0)
    first = outbox.due(now, limit=1)[0]
    taken = outbox.claim(first, "another-deliverer", now)  # another process claimed the first and is sending it
    assert taken.recipient == "a@example.gov.vn"
    assert outbox.deliver_pending(config, now=now) == (1, 0)
    assert [m["To"] for m in handler.messages] == ["b@example.gov.vn"]
    # A claim left by a crashed process expires, and the message goes out then.
    assert outbox.deliver_pending(config, now=now + outbox.CLAIM_FOR + timedelta(seconds=1)) == (1, 0)
    assert sorted(m["To"] for m in handler.messages) == ["a@example.gov.vn", "b@example.gov.vn"]


def test_without_smtp_mail_stays_in_the_outbox_readable_by_admins(app, client, auth):
    factories.user("admin@example.gov.vn")
    outbox.queue("test:5", "test", ["nv@example.gov.vn"], "Thư thử", "Nội dung thư")
    db.session.commit()
    assert outbox.deliver_pending(app.config) == (0, 0)
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    page = client.get("/outbox").get_data(as_text=True)
    assert "Thư thử" in page
    message_id = db.session.scalar(select(Notification.id))
    assert "Nội dung thư" in client.get(f"/outbox/{message_id}").get_data(as_text=True)


def test_pending_mail_behind_more_than_a_batch_of_sent_mail_is_delivered_once(app, smtp_server):
    """Sent messages never take a place in a batch, however many come before the pending ones,
    and delivery goes on batch after batch until every pending message is sent, each once."""
    controller, handler = smtp_server
    batch, long_ago = outbox.BATCH_SIZE, datetime(2026, 11, 1, 1, 0)
    db.session.execute(insert(Notification), [
        {"key": f"old:{i}", "kind": "test", "recipient": f"old{i}@example.gov.vn", "subject": "S",
         "body_text": "B", "created_at": long_ago, "sent_at": long_ago, "attempts": 1}
        for i in range(batch + 5)])
    pending = [f"new{i}@example.gov.vn" for i in range(batch + 3)]
    outbox.queue("test:6", "test", pending, "S", "B")
    db.session.commit()
    config = dict(app.config, SMTP_HOST="127.0.0.1", SMTP_PORT=controller.port)
    assert outbox.deliver_all(config) == (batch + 3, 0)  # a whole batch, then the rest
    assert outbox.deliver_all(config) == (0, 0)
    assert sorted(m["To"] for m in handler.messages) == sorted(pending)
    assert db.session.scalar(select(func.count()).where(Notification.sent_at.is_(None))) == 0


class FakeClock:
    """The outbox's idea of now, moved on by the tests (and by a slow server)."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_a_slow_batch_never_sends_what_another_deliverer_took_over(app, smtp_server, monkeypatch):
    """A server so slow that a batch outlasts any claim: a second deliverer starting meanwhile
    takes over the messages not yet sent, and the first, coming to them, leaves them alone.
    Every message goes out once in all (the first one's claims hold only while it sends)."""
    controller, rival_server = smtp_server
    clock = FakeClock(datetime(2026, 11, 30, 1, 0))
    monkeypatch.setattr(outbox, "utcnow", clock)
    rival_config = dict(app.config, SMTP_HOST="127.0.0.1", SMTP_PORT=controller.port)
    rival_started_at = clock.now + outbox.CLAIM_FOR + timedelta(seconds=1)
    rival_result = []

    def rival():
        with app.app_context():
            rival_result.append(outbox.deliver_all(rival_config))

    class Slow(Collect):
        """Half a claim's time to accept each message; the rival starts once a claim has run out."""

        async def handle_DATA(self, server, session, envelope):
            await super().handle_DATA(server, session, envelope)
            clock.now += outbox.CLAIM_FOR / 2
            if clock.now >= rival_started_at and not rival_result:
                await asyncio.get_running_loop().run_in_executor(None, rival)
            return "250 OK"

    recipients = [f"nv{i}@example.gov.vn" for i in range(6)]
    outbox.queue("test:7", "test", recipients, "S", "B")
    db.session.commit()
    slow = Slow()
    slow_controller = Controller(slow, hostname="127.0.0.1", port=free_port())
    slow_controller.start()
    try:
        first = outbox.deliver_pending(dict(app.config, SMTP_HOST="127.0.0.1", SMTP_PORT=slow_controller.port))
    finally:
        slow_controller.stop()
    assert rival_result, "the rival never started"
    received = [m["To"] for m in slow.messages + rival_server.messages]
    assert sorted(received) == recipients, (first, rival_result)
    assert first[0] + rival_result[0][0] == len(recipients) and rival_result[0][0] > 0
    db.session.expire_all()
    assert all(m.sent_at is not None and m.attempts == 1 and m.claimed_by is None
               for m in db.session.scalars(select(Notification)))


def test_two_deliverers_at_once_send_each_message_once(app, smtp_server):
    """Two processes delivering the same outbox at the same moment (say, the scheduler and a
    `send-reminders` from cron), on SQLite and on PostgreSQL: each message goes out once."""
    controller, handler = smtp_server
    recipients = [f"nv{i:02}@example.gov.vn" for i in range(40)]
    outbox.queue("test:8", "test", recipients, "S", "B")
    db.session.commit()
    config = dict(app.config, SMTP_HOST="127.0.0.1", SMTP_PORT=controller.port)
    barrier, results, errors = threading.Barrier(2), [], []

    def deliverer():
        try:
            with app.app_context():
                barrier.wait()
                results.append(outbox.deliver_all(config))
        except Exception as exc:  # shown by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=deliverer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(m["To"] for m in handler.messages) == recipients
    assert sum(sent for sent, _failed in results) == len(recipients) and all(f == 0 for _s, f in results)
    db.session.expire_all()
    assert all(m.sent_at is not None and m.claimed_by is None for m in db.session.scalars(select(Notification)))


def test_a_deliverer_dying_between_sending_and_its_commit_means_one_more_copy_after_the_claim(
        app, smtp_server, monkeypatch):
    """What the README promises: at least once. The server accepted the message, then the
    deliverer died before it could mark it sent: the message is claimed until its claim runs
    out, and then it goes once more, with the same Message-ID so the receiver can tell."""
    controller, handler = smtp_server
    outbox.queue("test:9", "test", ["nv@example.gov.vn"], "S", "B")
    db.session.commit()
    config = dict(app.config, SMTP_HOST="127.0.0.1", SMTP_PORT=controller.port)
    now = datetime(2026, 11, 30, 1, 0)
    send_message = smtplib.SMTP.send_message

    def send_then_die(smtp, *args, **kwargs):
        send_message(smtp, *args, **kwargs)
        raise KeyboardInterrupt  # killed right after the server's "250 OK"

    monkeypatch.setattr(smtplib.SMTP, "send_message", send_then_die)
    with pytest.raises(KeyboardInterrupt):
        outbox.deliver_pending(config, now=now)
    db.session.rollback()
    monkeypatch.undo()
    assert len(handler.messages) == 1
    assert outbox.deliver_pending(config, now=now + timedelta(seconds=1)) == (0, 0)  # still claimed
    assert outbox.deliver_pending(config, now=now + outbox.CLAIM_FOR + timedelta(seconds=1)) == (1, 0)
    assert outbox.deliver_pending(config, now=now + 2 * outbox.CLAIM_FOR) == (0, 0)
    assert [m["To"] for m in handler.messages] == ["nv@example.gov.vn"] * 2
    assert handler.messages[0]["Message-ID"] and handler.messages[0]["Message-ID"] == handler.messages[1]["Message-ID"]
