"""Weekly digests: each department's lists and points and the leaders' figures, as of the week's
Monday from the task history, in each reader's language, once per recipient."""
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from tests import mail_world
from tests.mail_world import ADMIN, HEAD, LEADER, NV_CONTACT, OFFICER, QUIET, TP_OFFICER
from tests.test_outbox import Collect, free_port
from tracker.extensions import db
from tracker.models import Notification
from tracker.notify import digests

MONDAY = date(2026, 11, 30)  # week 2026-W49; its digest is as of 30/11 00:00 in Hồ Chí Minh City
ROOT = Path(__file__).resolve().parents[1]


def utc(day: int, month: int = 11, hour: int = 3) -> datetime:
    return datetime(2026, month, day, hour, 0)


@pytest.fixture
def world(app):
    """NV's tasks in every state a digest lists; TP has one task. See each line's comment."""
    w = mail_world.build()
    w.task("1.1", date(2026, 11, 20), "in_progress", 20)   # overdue 10 days at the cut-off
    w.update("1.1", utc(25), "in_progress", 40)
    w.task("1.2", date(2026, 12, 10), "not_started", 0)    # due in 10 days; never updated: stale
    w.task("1.3", date(2026, 12, 20), "in_progress", 60)
    w.update("1.3", utc(25), "done", 100)                  # finished last week, waits for verification
    w.task("1.4", date(2027, 6, 30), "in_progress", 80)
    w.update("1.4", utc(10), "done", 100)
    w.update("1.4", utc(26), "in_progress", 90, "Thiếu quyết định ban hành", by=ADMIN)  # returned
    w.task("1.5", date(2026, 11, 15), "done", 100)
    w.update("1.5", utc(1), "verified", 100, by=ADMIN)     # secured before last week
    w.task("1.6", date(2027, 6, 30), "in_progress", 50, department=w.tp)
    w.task("2.1", date(2027, 6, 30), "cancelled", 0)
    w.update("1.1", utc(1, 12), "in_progress", 80)         # after the cut-off: not in this digest
    db.session.commit()
    return w


def test_department_digest_lists_and_points_as_of_monday(app, world):
    built = digests.build(MONDAY, app.config)
    nv = next(d for d in built.departments if d.department.code == "NV")
    codes = lambda listing: [line.code for line in listing.lines]  # noqa: E731
    assert codes(nv.overdue) == ["1.1"] and nv.overdue.lines[0].days_left == -10
    assert nv.overdue.lines[0].progress == 40  # its state at the cut-off, not today's 80
    assert codes(nv.due_soon) == ["1.2"] and codes(nv.stale) == ["1.2"]
    assert codes(nv.finished) == ["1.3"] and codes(nv.returned) == ["1.4"]
    assert nv.returned.lines[0].note == "Thiếu quyết định ban hành"
    # Lost: five tasks of 1 point (2.1 is cancelled); secured: 1.5; expected 0.4 + 0 + 1 + 0.9 + 1.
    assert (nv.tasks, nv.lost, nv.secured, nv.expected) == (5, 5.0, 1.0, 3.3)
    tp = next(d for d in built.departments if d.department.code == "TP")
    assert codes(tp.stale) == ["1.6"] and tp.overdue.total == 0 and (tp.tasks, tp.expected) == (1, 0.5)


def test_leaders_digest_figures_and_their_change_over_the_week(app, world):
    leaders = digests.build(MONDAY, app.config).leaders
    [plan] = leaders.plans
    # Baseline 9/16; expected now 9 + 0.4 + 1 + 0.9 + 1 + 0.5, a week earlier 9 + 0.2 + 0.6 + 1 + 1 + 0.5.
    assert (plan.now["baseline"], plan.now["secured"], plan.now["expected"]) == (9.0, 10.0, 12.8)
    assert plan.before["expected"] == 12.3 and plan.change("expected") == 0.5
    assert plan.change("secured") == 0 and plan.now["tasks"]["overdue"] == 1
    assert [(r.department.code, r.overdue, r.open) for r in leaders.departments] == [("NV", 1, 3), ("TP", 0, 1)]
    assert [line.code for line in leaders.waiting.lines] == ["1.3"]
    assert [(line.code, line.points) for line in leaders.movers] == [("1.3", 0.4), ("1.1", 0.2), ("1.4", -0.1)]


def test_with_several_units_the_leaders_digest_names_those_behind(app, world):
    """A province following its units: a unit whose results have no plan, and the plan with an
    overdue task at the cut-off, are named, the unit without a plan first; one unit alone is not
    a list of units."""
    from tests import factories
    alone = digests.build(MONDAY, app.config).leaders
    assert alone.units == 1 and [(u.name, u.overdue) for u in alone.behind] == [("UBND xã Thử", 1)]
    factories.assessment("Xã Chưa Lập", 2025)
    db.session.commit()
    built = digests.build(MONDAY, app.config)
    leaders = built.leaders
    assert leaders.units == 2
    assert [(u.name, u.plan, u.overdue) for u in leaders.behind] == [("Xã Chưa Lập", None, 0),
                                                                     ("UBND xã Thử", "12/KH-UBND", 1)]
    to_leader = next(m for m in built.messages if m.kind == "digest" and m.recipient == LEADER)  # in English
    assert "· 2 units behind" in to_leader.subject
    assert "Xã Chưa Lập: No plan yet" in to_leader.body_text
    assert "UBND xã Thử: plan 12/KH-UBND, 1 task overdue" in to_leader.body_text
    to_admin = next(m for m in built.messages if m.key.startswith("digest:leaders") and m.recipient == ADMIN)
    assert "· 2 đơn vị chậm" in to_admin.subject and "Xã Chưa Lập: <strong>Chưa có kế hoạch</strong>" in to_admin.body_html


def test_each_reader_gets_one_digest_in_their_language_with_links_and_why(app, world):
    _built, queued = digests.send(MONDAY, app.config)
    db.session.commit()
    mail = {m.recipient: m for m in queued}
    assert sorted(mail) == sorted([HEAD, OFFICER, NV_CONTACT, TP_OFFICER, ADMIN, LEADER])  # not QUIET
    nv = mail[OFFICER]
    assert nv.key == "digest:NV:2026-W49" and nv.kind == "digest"
    assert nv.subject == "[Chỉ số CCHC] Tổng hợp tuần 49/2026: Phòng Nội vụ · 1 nhiệm vụ quá hạn"
    text = nv.body_text
    for expected in ("Quá hạn (1)", "quá hạn 10 ngày", "Đến hạn trong 14 ngày tới (1)", "còn 10 ngày",
                     "Không cập nhật 14 ngày (1)", "Hoàn thành tuần qua (1)", "Bị trả lại tuần qua (1)",
                     "Lý do: Thiếu quyết định ban hành", "Điểm bị mất: 5", "Dự kiến: 3,3",
                     "tính đến 30/11/2026", "(23/11/2026 – 29/11/2026)",
                     f"http://127.0.0.1:5000/tasks/{world.tasks['1.1'].id}",
                     "cán bộ của Phòng Nội vụ", "http://127.0.0.1:5000/settings"):
        assert expected in text, expected
    assert "Thiếu quyết định ban hành" in nv.body_html and "<table" in nv.body_html
    admin = mail[ADMIN]
    # What needs a leader leads: the overdue tasks by department (not the expected score).
    assert admin.subject == "[Chỉ số CCHC] Tuần 49/2026: 1 nhiệm vụ quá hạn (Phòng Nội vụ 1)"
    for expected in ("Dự kiến: 12,8 (80%, Tốt) · Thay đổi tuần qua +0,5", "Phòng Nội vụ: Quá hạn 1",
                     "Chờ thẩm tra (1)", "Điểm dự kiến +0,4", "quản trị hệ thống"):
        assert expected in admin.body_text, expected
    leader = mail[LEADER]  # chose English
    assert leader.subject == "[PAR Index] Week 49/2026: 1 task overdue (Phòng Nội vụ 1)"
    assert "Expected: 12.8 (80%, Tốt) · Change last week +0.5" in leader.body_text


def test_a_second_run_and_a_dry_run_send_nothing_more(app, world, runner):
    result = runner.invoke(args=["tracker", "send-digests", "--week", "2026-W49", "--dry-run"])
    assert result.exit_code == 0 and "Would queue 6 messages (6 digest)" in result.output
    assert db.session.scalars(select(Notification)).all() == []
    first = runner.invoke(args=["tracker", "send-digests", "--week", "2026-W49"])
    assert "Queued 6 messages (6 digest); 0 already queued before." in first.output
    assert "No SMTP_HOST: the messages wait in the outbox" in first.output
    again = runner.invoke(args=["tracker", "send-digests", "--week", "2026-W49"])
    assert "Queued 0 messages; 6 already queued before." in again.output
    assert len(db.session.scalars(select(Notification)).all()) == 6


def test_a_user_who_turned_digests_off_gets_none(app, world, client, auth):
    auth.login(OFFICER, mail_world.factories.PASSWORD)
    from tests.conftest import csrf_token
    page = client.get("/settings").get_data(as_text=True)
    response = client.post("/settings", data={"reminders_enabled": "y", "locale": "vi",
                                              "csrf_token": csrf_token(page)})  # digest box unticked
    assert response.status_code == 302
    _built, queued = digests.send(MONDAY, app.config)
    assert OFFICER not in {m.recipient for m in queued} and QUIET not in {m.recipient for m in queued}
    assert HEAD in {m.recipient for m in queued}


@pytest.mark.parametrize("week", ["2026-49", "W49", "2026-W54", "next week"])
def test_a_bad_week_exits_2_and_writes_nothing(app, world, runner, week):
    result = runner.invoke(args=["tracker", "send-digests", "--week", week])
    assert result.exit_code == 2 and "week" in result.output
    assert db.session.scalars(select(Notification)).all() == []


def test_no_plan_no_digest(app, runner):
    result = runner.invoke(args=["tracker", "send-digests", "--week", "2026-W49"])
    assert result.exit_code == 0 and "no plan yet" in result.output and "Queued 0 messages" in result.output


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_two_processes_at_once_deliver_exactly_one_digest_per_recipient(app, world, database_url):
    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    env = dict(os.environ, DATABASE_URL=database_url, TRACKER_CONFIG="development",
               SMTP_HOST="127.0.0.1", SMTP_PORT=str(controller.port))
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "tracker", "send-digests", "--week", "2026-W49"]
    try:
        processes = [subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                      stderr=subprocess.STDOUT, text=True) for _ in range(2)]
        outputs = [p.communicate(timeout=120)[0] for p in processes]
    finally:
        controller.stop()
    assert [p.returncode for p in processes] == [0, 0], outputs
    received = sorted(m["To"] for m in handler.messages)
    assert received == sorted([HEAD, OFFICER, NV_CONTACT, TP_OFFICER, ADMIN, LEADER]), outputs
    db.session.expire_all()
    rows = db.session.scalars(select(Notification)).all()
    assert len(rows) == 6 and all(r.sent_at is not None for r in rows)


# --- One set of figures: the digest reads each task as the dashboard and the reports do --------

def test_a_rate_task_counts_through_its_scale_in_the_digest_as_on_the_dashboard_and_in_the_report(app, world):
    """1.6 (TP, 1 point lost of 2) is a rate criterion: ≥ 90: 2; 70 - < 90: 1,5; < 70: 1.
    Reported at 75 with progress 10 % it wins back 0,5 (1,5 less the 1 it kept), not 0,1: the
    dashboard's projection, the week's digests and the periodic report all say so."""
    from tracker.models import Criterion
    from tracker.services import projection, reports
    task = world.tasks["1.6"]
    db.session.get(Criterion, task.criterion_id).scale = "≥ 90: 2; 70 - < 90: 1,5; < 70: 1"
    world.update("1.6", utc(20), "in_progress", 10).current_value = 75.0
    task.current_value = 75.0
    db.session.commit()
    tp = next(d for d in digests.build(MONDAY, app.config).departments if d.department.code == "TP")
    assert tp.expected == 0.5
    # A week later every update of the world is in: the digest's "now" is the dashboard's.
    later = date(2026, 12, 7)
    now = projection.for_assessment(world.plan.assessment, later)
    # 9 + 1.1 at 80 % + 1.3 done + 1.4 at 90 % + 1.5 verified + 1.6 through its scale
    assert now["expected"] == round(9 + 0.8 + 1 + 0.9 + 1 + 0.5, 2)
    assert digests.build(later, app.config).leaders.plans[0].now["expected"] == now["expected"]
    year_report = reports.compute_figures(world.plan, reports.period(2026, 4), later)
    assert year_report.projection["expected"] == now["expected"]


def test_the_digest_of_a_past_week_keeps_that_weeks_deadline_owner_and_share(app, world):
    """After the cut-off an admin moved 1.1's deadline, gave it to TP and halved its share: the
    digest of week 49, built afterwards, still shows it overdue for NV with its old share."""
    from tracker.services import audit
    task = world.tasks["1.1"]
    event = audit.record("task.edit", task, audit.diff(task, {
        "deadline": date(2027, 3, 31), "lead_department_id": world.tp.id, "lost_points": 0.5}), actor=ADMIN)
    event.at = utc(2, 12)
    db.session.commit()
    built = digests.build(MONDAY, app.config)
    nv = next(d for d in built.departments if d.department.code == "NV")
    tp = next(d for d in built.departments if d.department.code == "TP")
    assert [line.code for line in nv.overdue.lines] == ["1.1"] and nv.overdue.lines[0].deadline == date(2026, 11, 20)
    assert (nv.tasks, nv.lost) == (5, 5.0) and tp.tasks == 1
    assert [(r.department.code, r.overdue) for r in built.leaders.departments][0] == ("NV", 1)
