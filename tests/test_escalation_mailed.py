"""An escalation is made (recorded once per task and level, with "told …" in the task's history)
only when an email carrying it was queued to someone. When everyone it would go to already has
that day's email (the outbox keeps one per (key, recipient)), it stays unmade, and the next
working day's run sends and records it: an escalation is never recorded yet never mailed."""
from datetime import date

import pytest
from sqlalchemy import select

from tests import mail_world
from tests.mail_world import ADMIN, HEAD, LEADER, OFFICER
from tests.test_outbox import smtp_server  # noqa: F401 (a fixture)
from tracker.extensions import db
from tracker.models import AuditEvent, TaskEscalation
from tracker.notify import outbox, reminders

WED, THU = date(2026, 12, 2), date(2026, 12, 3)
HEAD_LINE = "Quá hạn từ 7 ngày làm việc trở lên"   # the head's part of a reminder
OVERDUE_7 = date(2026, 11, 20)   # Friday: 7 working days overdue on WED (24/11 is a holiday)
OVERDUE_15 = date(2026, 11, 10)  # 15 working days overdue on WED


@pytest.fixture
def world(app, smtp_server):  # noqa: F811
    controller, _handler = smtp_server
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=controller.port)
    found = mail_world.build()
    db.session.commit()
    return found


def received(handler, to: str) -> list[str]:
    """The plain-text bodies `to` has received, oldest first."""
    return [m.get_body(("plain",)).get_content() for m in handler.messages if m["To"] == to]


def escalations() -> list[tuple[int, str, date]]:
    return sorted((e.task_id, e.level, e.on) for e in db.session.scalars(select(TaskEscalation)))


def told() -> list[tuple[int, str]]:
    """(task, who) of every escalation in the audit log."""
    return sorted((e.entity_id, e.summary.split("(")[-1].rstrip(")")) for e in db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "task.escalate")))


def test_a_head_marked_after_that_days_reminder_gets_the_escalation_the_next_working_day(
        app, world, runner, smtp_server):  # noqa: F811
    _controller, handler = smtp_server
    world.users[HEAD].is_head = False            # NV has no head yet
    overdue = world.task("1.1", OVERDUE_7)
    world.task("1.2", date(2026, 12, 9))         # due in 7 days: the officers' reminder of WED
    db.session.commit()
    first = runner.invoke(args=["tracker", "send-reminders", "--on", WED.isoformat()])
    assert first.exit_code == 0 and "Escalated" not in first.output, first.output
    assert [("1.2 · " in body, HEAD_LINE in body) for body in received(handler, OFFICER)] == [(True, False)]

    world.users[OFFICER].is_head = True          # later that day the officer is marked head
    db.session.commit()
    second = runner.invoke(args=["tracker", "send-reminders", "--on", WED.isoformat()])
    assert second.exit_code == 0, second.output
    # The head already has WED's reminder, so nothing reaches them: nothing is recorded either.
    assert "Queued 0 messages" in second.output and "Escalated" not in second.output, second.output
    assert len(received(handler, OFFICER)) == 1
    assert escalations() == [] and told() == []

    third = runner.invoke(args=["tracker", "send-reminders", "--on", THU.isoformat()])
    assert third.exit_code == 0, third.output
    assert f"Escalated 1 overdue tasks: task {overdue.id} to head" in third.output
    bodies = received(handler, OFFICER)
    assert len(bodies) == 2 and HEAD_LINE in bodies[1] and "1.1 · " in bodies[1]
    assert escalations() == [(overdue.id, "head", THU)] and told() == [(overdue.id, "Nv")]
    runner.invoke(args=["tracker", "send-reminders", "--on", date(2026, 12, 4).isoformat()])
    assert len(received(handler, OFFICER)) == 2  # once per task


def test_a_task_reopened_after_the_days_escalations_is_escalated_the_next_working_day(
        app, world, smtp_server):  # noqa: F811
    _controller, handler = smtp_server
    first = world.task("1.1", OVERDUE_15)
    reopened = world.task("1.2", OVERDUE_15, status="done", progress=100)
    db.session.commit()
    run, _queued = reminders.send(WED, app.config, actor="test")
    db.session.commit()
    assert sorted((e.task_id, e.level) for e in run.recorded) == [(first.id, "head"), (first.id, "leaders")]
    outbox.deliver_all(app.config)
    assert len(received(handler, HEAD)) == len(received(handler, ADMIN)) == len(received(handler, LEADER)) == 1

    world.task("1.2", OVERDUE_15, status="in_progress", progress=90)  # returned later that day
    db.session.commit()
    run, queued = reminders.send(WED, app.config, actor="test")
    db.session.commit()
    assert sorted((e.task_id, e.level) for e in run.escalations) == [(reopened.id, "head"),
                                                                      (reopened.id, "leaders")]
    assert queued == [] and run.recorded == []  # everyone has WED's mail: it reached nobody
    assert [(task, level) for task, level, _on in escalations()] == [(first.id, "head"), (first.id, "leaders")]

    run, queued = reminders.send(THU, app.config, actor="test")
    db.session.commit()
    outbox.deliver_all(app.config)
    assert sorted((e.task_id, e.level) for e in run.recorded) == [(reopened.id, "head"),
                                                                   (reopened.id, "leaders")]
    assert sorted(m.recipient for m in queued) == [ADMIN, HEAD, LEADER]
    for to in (HEAD, ADMIN, LEADER):
        latest = received(handler, to)[-1]
        assert "1.2 · " in latest and "1.1 · " not in latest, to  # 1.1 was escalated on WED
    assert escalations() == [(first.id, "head", WED), (first.id, "leaders", WED),
                             (reopened.id, "head", THU), (reopened.id, "leaders", THU)]
    assert told() == sorted([(first.id, "Head.Nv"), (first.id, "Admin, Leader"),
                             (reopened.id, "Head.Nv"), (reopened.id, "Admin, Leader")])
