"""A task overdue long enough is escalated to its department's head: the user marked head, or,
when no user is, the head's address the department names (Department.head_email)."""
from datetime import date

import pytest
from sqlalchemy import select

from tests import mail_world
from tests.mail_world import HEAD, QUIET
from tests.test_outbox import smtp_server  # noqa: F401 (a fixture)
from tracker.extensions import db
from tracker.models import AuditEvent, TaskEscalation
from tracker.notify import reminders
from tracker.notify.recipients import Audience

TRUONG = "truong.nv@example.gov.vn"  # the head's address, with no account
DUE = date(2026, 11, 20)             # Friday; on Wednesday 02/12 it is 7 working days overdue


@pytest.fixture
def world(app):
    found = mail_world.build()
    found.users[HEAD].is_head = False  # no user of NV is marked head
    found.nv.head_email = TRUONG
    db.session.commit()
    return found


def send(app, day):
    run, queued = reminders.send(day, app.config, actor="test")
    db.session.commit()
    return run, queued


def test_without_a_head_user_the_escalation_goes_to_the_heads_address_through_smtp(
        app, world, runner, smtp_server):  # noqa: F811
    controller, handler = smtp_server
    task = world.task("1.1", DUE)
    db.session.commit()
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=controller.port)
    result = runner.invoke(args=["tracker", "send-reminders", "--on", "2026-12-02"])
    assert result.exit_code == 0, result.output
    assert f"Escalated 1 overdue tasks: task {task.id} to head" in result.output
    assert [m["To"] for m in handler.messages] == [TRUONG]
    body = handler.messages[0].get_body(("plain",)).get_content()
    assert "Quá hạn từ 7 ngày làm việc trở lên" in body and "1.1 · " in body
    assert "người đứng đầu Phòng Nội vụ" in body
    assert "/settings" not in body  # an address without an account has no settings to choose
    assert [(e.task_id, e.level) for e in db.session.scalars(select(TaskEscalation))] == [(task.id, "head")]
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "task.escalate"))
    assert event.entity_id == task.id and TRUONG in event.summary
    again = runner.invoke(args=["tracker", "send-reminders", "--on", "2026-12-03"])
    assert again.exit_code == 0 and len(handler.messages) == 1  # once per task


def test_a_user_marked_head_comes_before_the_heads_address(app, world):
    world.users[HEAD].is_head = True
    task = world.task("1.1", DUE)
    db.session.commit()
    run, queued = send(app, date(2026, 12, 2))
    assert [(e.task_id, e.level, e.told) for e in run.escalations] == [(task.id, "head", ["Head.Nv"])]
    assert [m.recipient for m in queued] == [HEAD]


def test_a_heads_address_that_is_a_login_follows_that_persons_language_whatever_their_settings(app, world):
    quiet = world.users[QUIET]  # opted out of reminders: escalations are not optional
    quiet.locale = "en"
    world.nv.head_email = QUIET.upper()
    task = world.task("1.1", DUE)
    db.session.commit()
    run, queued = send(app, date(2026, 12, 2))
    assert [(e.task_id, e.level) for e in run.escalations] == [(task.id, "head")]
    assert [m.recipient for m in queued] == [QUIET]
    assert "You receive this email as the head of Phòng Nội vụ." in queued[0].body_text
    assert "/settings" in queued[0].body_text


def test_without_a_head_user_or_address_nobody_is_told_yet(app, world):
    world.nv.head_email = None
    world.task("1.1", DUE)
    db.session.commit()
    assert send(app, date(2026, 12, 2))[0].escalations == []
    audience = Audience.load()
    assert audience.head(world.nv.id) is None
    world.nv.head_email = TRUONG
    db.session.commit()
    head = Audience.load().head(world.nv.id)
    assert (head.email, head.name, head.user_id, head.reason, head.department) == (
        TRUONG, None, None, "head", "Phòng Nội vụ")
    run, queued = send(app, date(2026, 12, 3))  # the next run escalates to the address
    assert [e.level for e in run.escalations] == ["head"] and [m.recipient for m in queued] == [TRUONG]
