"""The day's deadline reminders and escalations (`send-reminders`, and the scheduler daily).

One email per person per day (key `reminder:YYYY-MM-DD`) with every task of theirs that is due
a reminder that day (tracker.domain.reminders), and, for a department head, the tasks newly
escalated to them; one escalation email per admin and leader (`escalation:YYYY-MM-DD`) for the
tasks newly overdue past the second threshold. An escalation is recorded once per task and level,
and appears in the task's history, only when an email carrying it was queued to someone: one
that reaches nobody new (everyone it goes to already has that day's email) stays unrecorded, so
the next working day's run sends it. The queries do not depend on the number of tasks or
recipients: the open tasks, the escalations already made, the users and the departments.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from sqlalchemy import select

from tracker.domain import reminders as rules
from tracker.domain.task_states import OPEN
from tracker.domain.workdays import is_working_day
from tracker.extensions import db
from tracker.models import Criterion, Task, TaskEscalation
from tracker.models.base import insert_or_skip, utcnow
from tracker.notify import outbox, render
from tracker.notify.lines import Listing, TaskLine
from tracker.notify.recipients import REMINDER, Audience, Recipient
from tracker.services import audit
from tracker.services.plans import current_plan_ids


@dataclass
class Escalation:
    task_id: int
    level: str                 # rules.HEAD or rules.LEADERS
    overdue_working_days: int
    key: str                   # the outbox key of the emails that carry it
    recipients: list[Recipient]  # whom those emails go to

    @property
    def told(self) -> list[str]:
        """Who hears of it (names or addresses), for the history."""
        return [r.name or r.email for r in self.recipients]

    def reached(self, queued: set[tuple[str, str]]) -> Escalation | None:
        """This escalation as told to those of its recipients whose email is among `queued`
        ((key, address) pairs); None when it reached nobody."""
        reached = [r for r in self.recipients if (self.key, r.email.lower()) in queued]
        return replace(self, recipients=reached) if reached else None


@dataclass
class Run:
    """What the day's reminder job sends and records."""

    day: date
    messages: list[outbox.Message] = field(default_factory=list)
    escalations: list[Escalation] = field(default_factory=list)
    recorded: list[Escalation] = field(default_factory=list)  # those this run mailed and recorded (not a rival)
    not_a_working_day: bool = False


LIST_LIMIT = 30  # tasks shown per list in an email; the rest are counted and linked


def listing() -> Listing:
    return Listing(limit=LIST_LIMIT)


@dataclass
class Inbox:
    """One person's reminder of the day, while it is being put together."""

    recipient: Recipient
    lines: Listing = field(default_factory=listing)
    escalated: Listing = field(default_factory=listing)


def thresholds(config) -> rules.Thresholds:
    return rules.Thresholds(config["ESCALATE_HEAD_AFTER"], config["ESCALATE_LEADERS_AFTER"])


def open_tasks(day: date, horizon: int):
    """Open tasks of the current plans that could be due a reminder on `day`."""
    return db.session.execute(
        select(Task.id, Task.title, Task.deadline, Task.status, Task.progress, Task.lead_department_id,
               Criterion.code)
        .join(Criterion, Task.criterion_id == Criterion.id)
        .where(Task.plan_id.in_(current_plan_ids()), Task.status.in_(OPEN),
               Task.deadline <= day + timedelta(days=horizon))
        .order_by(Task.deadline, Criterion.code, Task.id)).all()


def recorded_escalations(day: date) -> set[tuple[int, str]]:
    return set(db.session.execute(
        select(TaskEscalation.task_id, TaskEscalation.level).join(Task, Task.id == TaskEscalation.task_id)
        .where(Task.plan_id.in_(current_plan_ids()), Task.overdue_on(day))).all())


def build(day: date, config) -> Run:
    """Everything the reminder job would send on `day`, without writing anything."""
    run = Run(day)
    if not is_working_day(day):
        run.not_a_working_day = True
        return run
    days_before = tuple(config["REMINDER_DAYS_BEFORE"])
    limits = thresholds(config)
    audience = Audience.load(config["BABEL_DEFAULT_LOCALE"])
    done = recorded_escalations(day)
    inboxes: dict[str, Inbox] = {}
    # Per workspace (a department's unit; None: the own unit's): its admins and leaders are told
    # of its overdue tasks. Escalations are not optional.
    for_leaders: dict[int | None, Listing] = {}
    leaders: dict[int | None, list[Recipient]] = {}

    def leaders_of(unit_id: int | None) -> list[Recipient]:
        if unit_id not in leaders:
            leaders[unit_id] = audience.admins_and_leaders(unit_id=unit_id)
        return leaders[unit_id]
    reminder_key, escalation_key = f"reminder:{day.isoformat()}", f"escalation:{day.isoformat()}"

    def inbox(recipient: Recipient) -> Inbox:
        box = inboxes.setdefault(recipient.email.lower(), Inbox(recipient))
        if recipient.reason == "head":
            box.recipient = recipient  # the footer says they got it as the head
        return box

    for row in open_tasks(day, max(days_before, default=0)):
        department = audience.departments.get(row.lead_department_id)
        line = TaskLine(task_id=row.id, code=row.code, title=row.title,
                        department=department.name if department else None, deadline=row.deadline,
                        status=row.status, progress=row.progress,
                        days_left=rules.days_left(row.deadline, day),
                        overdue_working_days=rules.overdue_working_days(row.deadline, day))
        reason = rules.reminder_reason(row.deadline, day, days_before)
        if reason:
            line.note = reason
            for recipient in audience.department(row.lead_department_id, REMINDER):
                inbox(recipient).lines.add(line)
        for level in rules.escalation_levels(row.deadline, day, limits):
            if (row.id, level) in done:
                continue
            if level == rules.HEAD:
                head = audience.head(row.lead_department_id)
                if head is None:
                    continue  # escalated once the department has a head: a user marked head, or its head's email
                inbox(head).escalated.add(line)
                key, told = reminder_key, [head]
            else:
                unit_id = department.unit_id if department else None
                for_leaders.setdefault(unit_id, listing()).add(line)
                key, told = escalation_key, leaders_of(unit_id)
            run.escalations.append(Escalation(row.id, level, line.overdue_working_days, key, list(told)))

    for box in inboxes.values():
        run.messages.append(render.message(reminder_key, "reminder", "reminder", box.recipient, day=day,
                                           lines=box.lines, escalated=box.escalated,
                                           head_after=limits.head_after))
    for unit_id, lines in for_leaders.items():
        for recipient in leaders_of(unit_id):
            run.messages.append(render.message(escalation_key, "escalation", "escalation", recipient, day=day,
                                               lines=lines, leaders_after=limits.leaders_after))
    return run


def record(run: Run, queued: list[outbox.Message], actor: str) -> list[Escalation]:
    """Record the run's escalations that went out in `queued` (the messages this run put in the
    outbox), each once per task and level even with two runs at once, and put each in its
    task's history with those it was told to; returns those recorded now. An escalation whose
    every recipient already had that day's email is left for the next run to send."""
    sent = {(m.key, m.recipient.lower()) for m in queued}
    mailed = [e for e in (e.reached(sent) for e in run.escalations) if e is not None]
    if not mailed:
        return []
    rows = [{"task_id": e.task_id, "level": e.level, "on": run.day,
             "overdue_working_days": e.overdue_working_days, "created_at": utcnow()}
            for e in mailed]
    stmt = insert_or_skip(TaskEscalation, "task_id", "level").returning(
        TaskEscalation.task_id, TaskEscalation.level)
    new = {tuple(r) for r in db.session.execute(stmt, rows)}
    recorded = [e for e in mailed if (e.task_id, e.level) in new]
    for e in recorded:
        whom = "the department head" if e.level == rules.HEAD else "the admins and leaders"
        audit.record_for("task.escalate", "Task", e.task_id,
                         {"escalated_to": (None, e.level), "overdue_working_days": (None, e.overdue_working_days),
                          "told": (None, ", ".join(e.told))},
                         summary=f"Overdue {e.overdue_working_days} working days: sent to {whom} "
                                 f"({', '.join(e.told)})", actor=actor)
    return recorded


def send(day: date, config, actor: str = "scheduler", dry_run: bool = False):
    """Build the day's reminders; unless `dry_run`, queue the messages and record the
    escalations they carry (idempotent: a second run queues and records nothing). Returns
    (run, messages queued now). The caller commits."""
    run = build(day, config)
    if dry_run:
        return run, []
    queued = outbox.queue_all(run.messages)
    run.recorded = record(run, queued, actor)
    return run, queued
