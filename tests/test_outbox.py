"""Mail goes through the outbox: queued once per key, delivered to a real SMTP server."""
import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

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


def test_a_key_is_queued_only_once(app):
    assert outbox.queue("digest:NV:2026-W48", "digest", ["a@example.gov.vn"], "S", "B") is not None
    assert outbox.queue("digest:NV:2026-W48", "digest", ["a@example.gov.vn"], "S", "B") is None
    db.session.commit()
    assert len(db.session.scalars(select(Notification)).all()) == 1


def test_pending_mail_is_delivered_over_smtp_and_marked_sent(app, smtp_server):
    controller, handler = smtp_server
    outbox.queue("test:1", "test", ["nv@example.gov.vn", "tp@example.gov.vn"], "Nhắc hạn: 3 nhiệm vụ",
                 "Nội dung tiếng Việt", "<p>Nội dung</p>")
    db.session.commit()
    config = dict(app.config, SMTP_HOST="127.0.0.1", SMTP_PORT=controller.port)
    assert outbox.deliver_pending(config) == (1, 0)
    assert len(handler.messages) == 1
    received = handler.messages[0]
    assert received["Subject"] == "Nhắc hạn: 3 nhiệm vụ"
    assert "tp@example.gov.vn" in received["To"]
    assert received.get_body(("plain",)).get_content().strip() == "Nội dung tiếng Việt"
    message = db.session.scalar(select(Notification))
    assert message.sent_at is not None and message.attempts == 1
    assert outbox.deliver_pending(config) == (0, 0)  # never sent twice


def test_unreachable_server_schedules_a_retry(app):
    outbox.queue("test:2", "test", ["nv@example.gov.vn"], "S", "B")
    db.session.commit()
    config = dict(app.config, SMTP_HOST="127.0.0.1", SMTP_PORT=free_port())
    assert outbox.deliver_pending(config) == (0, 1)
    message = db.session.scalar(select(Notification))
    assert message.sent_at is None and message.attempts == 1 and message.last_error
    assert message.next_attempt_at is not None
    assert outbox.deliver_pending(config) == (0, 0)  # backing off


def test_without_smtp_mail_stays_in_the_outbox_readable_by_admins(app, client, auth):
    factories.user("admin@example.gov.vn")
    outbox.queue("test:3", "test", ["nv@example.gov.vn"], "Thư thử", "Nội dung thư")
    db.session.commit()
    assert outbox.deliver_pending(app.config) == (0, 0)
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    page = client.get("/outbox").get_data(as_text=True)
    assert "Thư thử" in page
    message_id = db.session.scalar(select(Notification.id))
    assert "Nội dung thư" in client.get(f"/outbox/{message_id}").get_data(as_text=True)
