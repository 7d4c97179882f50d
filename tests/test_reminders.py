"""Deadline reminders and escalations: the rules on a frozen calendar (weekends and Vietnamese
public holidays), who gets which tasks, one email per person per day, and nothing twice."""
from datetime import date

import pytest
from sqlalchemy import select

from tests import mail_world
from tests.mail_world import ADMIN, HEAD, LEADER, NV_CONTACT, OFFICER, QUIET, TP_OFFICER
from tests.test_outbox import smtp_server  # noqa: F401 (a fixture)
from tracker.domain import reminders as rules
from tracker.domain.workdays import working_days_between
from tracker.extensions import db
from tracker.models import AuditEvent, Notification, TaskEscalation
from tracker.notify import reminders

WED = date(2026, 12, 2)  # an ordinary Wednesday


# --- The rules, on the calendar ---------------------------------------------------------

def reminder_days(deadline: date, start: date, end: date) -> dict[date, str]:
    days, day = {}, start
    while day <= end:
        reason = rules.reminder_reason(deadline, day)
        if reason:
            days[day] = reason
        day = date.fromordinal(day.toordinal() + 1)
    return days


def test_reminders_7_days_and_1_day_before_then_when_missed_then_weekly():
    assert reminder_days(date(2026, 12, 9), date(2026, 11, 20), date(2027, 1, 10)) == {
        date(2026, 12, 2): rules.DUE_SOON,       # 7 days before (Wednesday)
        date(2026, 12, 8): rules.DUE_SOON,       # the day before
        date(2026, 12, 10): rules.MISSED,        # the first working day after the deadline
        date(2026, 12, 17): rules.STILL_OVERDUE,
        date(2026, 12, 24): rules.STILL_OVERDUE,
        date(2026, 12, 31): rules.STILL_OVERDUE,
        date(2027, 1, 7): rules.STILL_OVERDUE,
    }


def test_a_reminder_that_falls_on_a_weekend_moves_to_the_next_working_day():
    # Deadline Monday 07/12/2026: the day before is a Sunday, so that reminder goes on Monday.
    assert reminder_days(date(2026, 12, 7), date(2026, 11, 25), date(2026, 12, 9)) == {
        date(2026, 11, 30): rules.DUE_SOON, date(2026, 12, 7): rules.DUE_SOON, date(2026, 12, 8): rules.MISSED}
    assert all(rules.reminder_reason(date(2026, 12, 7), d) is None
               for d in (date(2026, 12, 5), date(2026, 12, 6)))  # never on Saturday or Sunday


def test_a_deadline_on_a_public_holiday():
    # 02/09/2026 (National Day, a Wednesday); 01/09 is a holiday too and 31/08 a day off in lieu.
    assert reminder_days(date(2026, 9, 2), date(2026, 8, 20), date(2026, 9, 12)) == {
        date(2026, 8, 26): rules.DUE_SOON,   # 7 days before
        date(2026, 9, 3): rules.MISSED,      # the day before was a holiday; the deadline too
        date(2026, 9, 10): rules.STILL_OVERDUE,
    }


def test_a_monday_that_is_a_holiday_moves_its_reminder_to_tuesday():
    # Hùng Kings' day is observed on Monday 27/04/2026.
    assert rules.reminder_reason(date(2026, 5, 4), date(2026, 4, 27)) is None
    assert rules.reminder_reason(date(2026, 5, 4), date(2026, 4, 28)) == rules.DUE_SOON


def test_weekly_reminders_skip_the_tet_holiday_without_losing_the_week_after():
    # Missed on Monday 09/02/2026; the next Monday is in Tết (16-20/02), the one after is not.
    assert reminder_days(date(2026, 2, 6), date(2026, 2, 7), date(2026, 3, 3)) == {
        date(2026, 2, 9): rules.MISSED, date(2026, 2, 23): rules.STILL_OVERDUE,
        date(2026, 3, 2): rules.STILL_OVERDUE}


def test_escalation_counts_working_days_overdue():
    deadline = date(2026, 10, 7)  # Wednesday; no holiday in the three weeks after
    assert rules.escalation_levels(deadline, date(2026, 10, 15)) == []             # 6 working days
    assert rules.escalation_levels(deadline, date(2026, 10, 16)) == [rules.HEAD]   # 7
    assert rules.escalation_levels(deadline, date(2026, 10, 27)) == [rules.HEAD]   # 14
    assert rules.escalation_levels(deadline, date(2026, 10, 28)) == [rules.HEAD, rules.LEADERS]  # 15
    # Holidays do not count: Tết 2026 (16-20/02) adds a whole week before the head hears of it.
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 27)) == 5
    assert rules.escalation_levels(date(2026, 2, 13), date(2026, 3, 3)) == [rules.HEAD]
    assert rules.escalation_levels(date(2026, 2, 13), date(2026, 3, 2)) == []
    assert rules.escalation_levels(deadline, date(2026, 10, 16), rules.Thresholds(8, 20)) == []


# --- Who gets what ----------------------------------------------------------------------

@pytest.fixture
def world(app):
    found = mail_world.build()
    db.session.commit()
    return found


def send(app, day, dry_run=False):
    run, queued = reminders.send(day, app.config, actor="test", dry_run=dry_run)
    db.session.commit()
    return run, queued


def inbox() -> dict[str, list[Notification]]:
    found: dict[str, list[Notification]] = {}
    for message in db.session.scalars(select(Notification).order_by(Notification.id)):
        found.setdefault(message.recipient, []).append(message)
    return found


def test_the_lead_departments_people_get_one_email_with_all_their_tasks_due(app, world):
    world.task("1.1", date(2026, 12, 9))                      # 7 days ahead
    world.task("1.2", date(2026, 12, 3))                      # tomorrow
    world.task("1.3", date(2026, 12, 1))                      # missed yesterday
    world.task("1.4", date(2026, 12, 9), department=world.tp)  # TP's
    world.task("1.5", date(2026, 12, 4))                      # due, but not a reminder day
    world.task("1.6", date(2026, 12, 9), status="done", progress=100)  # finished: no reminder
    world.task("2.1", date(2026, 12, 9), status="cancelled")
    db.session.commit()
    _run, queued = send(app, WED)
    mail = inbox()
    assert sorted(mail) == sorted([HEAD, OFFICER, NV_CONTACT, TP_OFFICER])  # QUIET opted out
    assert all(len(messages) == 1 for messages in mail.values()) and len(queued) == 4
    nv = mail[OFFICER][0]
    assert nv.kind == "reminder" and nv.key == "reminder:2026-12-02"
    assert nv.subject == "[Chỉ số CCHC] Nhắc hạn ngày 02/12/2026: 3 nhiệm vụ"
    for code, what in (("1.1", "còn 7 ngày"), ("1.2", "còn 1 ngày"), ("1.3", "quá hạn 1 ngày")):
        assert f"{code} · " in nv.body_text and what in nv.body_text
        assert f"http://127.0.0.1:5000/tasks/{world.tasks[code].id}" in nv.body_html
    assert "1.5 · " not in nv.body_text and "1.6 · " not in nv.body_text and "1.4 · " not in nv.body_text
    assert "cán bộ của Phòng Nội vụ" in nv.body_text and "http://127.0.0.1:5000/settings" in nv.body_text
    contact = mail[NV_CONTACT][0]
    assert "địa chỉ liên hệ của Phòng Nội vụ" in contact.body_text and "/settings" not in contact.body_text
    tp = mail[TP_OFFICER][0]  # the TP officer's login is also TP's contact address: one email
    assert "1.4 · " in tp.body_text and "1.1 · " not in tp.body_text


def test_a_second_run_sends_nothing_and_nobody_with_nothing_due_gets_mail(app, world):
    world.task("1.1", date(2026, 12, 9))
    db.session.commit()
    _run, first = send(app, WED)
    assert {m.recipient for m in first} == {HEAD, OFFICER, NV_CONTACT}
    assert send(app, WED)[1] == []
    assert send(app, date(2026, 12, 3))[1] == []  # Thursday: nothing due for anyone
    assert len(db.session.scalars(select(Notification)).all()) == 3


def test_nothing_is_sent_on_a_weekend_or_a_holiday(app, world):
    world.task("1.1", date(2026, 12, 12))
    db.session.commit()
    saturday = send(app, date(2026, 12, 5))[0]
    assert saturday.not_a_working_day and saturday.messages == []
    assert db.session.scalars(select(Notification)).all() == []


def test_overdue_7_working_days_goes_to_the_head_once_and_shows_in_the_history(app, world, client, auth):
    task = world.task("1.1", date(2026, 11, 20))  # Friday; 24/11 is a holiday (Vietnam Cultural Day)
    db.session.commit()
    assert send(app, date(2026, 11, 30))[0].escalations == []   # 5 working days
    run, _queued = send(app, date(2026, 12, 2))                   # 7 working days
    assert [(e.task_id, e.level) for e in run.escalations] == [(task.id, "head")]
    head_mail = db.session.scalar(select(Notification).where(Notification.recipient == HEAD,
                                                             Notification.key == "reminder:2026-12-02"))
    assert "Quá hạn từ 7 ngày làm việc trở lên" in head_mail.body_text
    assert "người đứng đầu Phòng Nội vụ" in head_mail.body_text
    officer_mail = db.session.scalars(select(Notification).where(Notification.recipient == OFFICER)).all()
    # The officer had the weekly reminder on Monday, and nothing on Wednesday.
    assert [m.key for m in officer_mail] == ["reminder:2026-11-30"]
    assert "1.1 · " in officer_mail[0].body_text and "quá hạn 10 ngày" in officer_mail[0].body_text
    assert send(app, date(2026, 12, 3))[0].escalations == []  # once per task
    assert [(e.task_id, e.level, e.overdue_working_days) for e in db.session.scalars(select(TaskEscalation))] == [
        (task.id, "head", 7)]
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "task.escalate"))
    assert event.entity_id == task.id and HEAD.split("@")[0].title() in event.summary
    auth.login(ADMIN, mail_world.factories.PASSWORD)
    page = client.get(f"/tasks/{task.id}").get_data(as_text=True)
    assert "task.escalate" in page
    assert "Quá hạn 7 ngày làm việc: đã báo cáo người đứng đầu cơ quan (Head.Nv)." in page


def test_overdue_15_working_days_goes_to_the_admins_and_leaders_once(app, world):
    task = world.task("1.1", date(2026, 11, 10))
    db.session.commit()
    send(app, date(2026, 11, 30))  # 13 working days: the head only
    assert {e.level for e in db.session.scalars(select(TaskEscalation))} == {"head"}
    run, queued = send(app, date(2026, 12, 2))  # 15
    assert [(e.task_id, e.level) for e in run.escalations] == [(task.id, "leaders")]
    escalation = {m.recipient: m for m in queued if m.kind == "escalation"}
    assert sorted(escalation) == [ADMIN, LEADER]
    assert "quá hạn từ 15 ngày làm việc trở lên" in escalation[ADMIN].subject
    assert "overdue for 15 working days or more" in escalation[LEADER].subject  # the leader reads English
    assert "Working days overdue: 15" in escalation[LEADER].body_text
    assert send(app, date(2026, 12, 3))[0].escalations == []


def test_without_a_head_the_escalation_waits_until_one_is_marked(app, world):
    world.users[HEAD].is_head = False
    task = world.task("1.1", date(2026, 11, 20))
    db.session.commit()
    assert send(app, date(2026, 12, 2))[0].escalations == []
    world.users[OFFICER].is_head = True
    db.session.commit()
    run, queued = send(app, date(2026, 12, 3))
    assert [(e.task_id, e.level) for e in run.escalations] == [(task.id, "head")]
    assert [m.recipient for m in queued] == [OFFICER]


def test_dry_run_writes_nothing(app, world):
    world.task("1.1", date(2026, 11, 10))
    db.session.commit()
    run, queued = send(app, WED, dry_run=True)
    assert queued == [] and run.messages and run.escalations
    assert db.session.scalars(select(Notification)).all() == []
    assert db.session.scalars(select(TaskEscalation)).all() == []


def test_cli_sends_through_a_real_smtp_server_once(app, world, runner, smtp_server):  # noqa: F811
    controller, handler = smtp_server
    world.task("1.1", date(2026, 12, 9))
    world.task("1.4", date(2026, 12, 9), department=world.tp)
    db.session.commit()
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=controller.port)
    result = runner.invoke(args=["tracker", "send-reminders", "--on", "2026-12-02"])
    assert result.exit_code == 0, result.output
    assert "Queued 4 messages (4 reminder)" in result.output and "Delivered 4 messages." in result.output
    assert sorted(m["To"] for m in handler.messages) == sorted([HEAD, OFFICER, NV_CONTACT, TP_OFFICER])
    tp = next(m for m in handler.messages if m["To"] == TP_OFFICER)
    assert "1.4 · " in tp.get_body(("plain",)).get_content()
    assert "1.4 · " in tp.get_body(("html",)).get_content()
    again = runner.invoke(args=["tracker", "send-reminders", "--on", "2026-12-02"])
    assert "Queued 0 messages; 4 already queued before." in again.output
    assert len(handler.messages) == 4
    assert QUIET not in {m["To"] for m in handler.messages}


def test_cli_refuses_a_bad_date_and_says_so_on_a_holiday(app, world, runner):
    assert runner.invoke(args=["tracker", "send-reminders", "--on", "2026-13-01"]).exit_code == 2
    result = runner.invoke(args=["tracker", "send-reminders", "--on", "2026-09-02"])
    assert result.exit_code == 0 and "not a working day" in result.output
