"""What waits for whom: a department's open tasks, most urgent first ("Việc của phòng"), and what
waits for Internal Affairs (tasks to verify, results without a plan, tasks without a lead
department)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import Select, and_, case, func, literal, or_, select, union_all
from sqlalchemy.orm import selectinload

from tracker.domain.task_states import days_overdue
from tracker.extensions import db
from tracker.models import Assessment, Plan, ProgressUpdate, Task, TaskStatus, Unit
from tracker.models.plans import CLOSED_STATUSES
from tracker.services.dashboard import DUE_SOON_DAYS, STALE_DAYS
from tracker.services.plans import current_plan_ids, without_lead

# Why a task is urgent, most urgent first: the order of "My department's work".
OVERDUE, DUE_SOON, STALE, RETURNED = "overdue", "due_soon", "stale", "returned"
URGENCIES = (OVERDUE, DUE_SOON, STALE, RETURNED)


@dataclass
class Reason:
    kind: str              # one of URGENCIES
    days: int | None = None  # days overdue, days left, or days without an update
    note: str = ""         # for a returned task: Internal Affairs' reason


@dataclass
class WorkItem:
    task: Task
    reasons: list[Reason] = field(default_factory=list)  # most urgent first; empty: on schedule

    @property
    def urgency(self) -> str | None:
        return self.reasons[0].kind if self.reasons else None


def _department_updates(department_id: int):
    """Join condition: progress updates of the department's tasks only (what the subqueries read)."""
    return and_(ProgressUpdate.task_id == Task.id, Task.lead_department_id == department_id)


def _last_update(department_id: int):
    """When each of the department's tasks was last updated."""
    return (select(ProgressUpdate.task_id, func.max(ProgressUpdate.at).label("at"))
            .join(Task, _department_updates(department_id))
            .group_by(ProgressUpdate.task_id).subquery())


def _last_status_change(department_id: int):
    """Each task's latest change of status (n = 1), with its note. An open task whose latest
    change came from `done` was returned by Internal Affairs' verification (as in the digests)."""
    ranked = (select(ProgressUpdate.task_id, ProgressUpdate.status_from, ProgressUpdate.note,
                     func.row_number().over(partition_by=ProgressUpdate.task_id,
                                            order_by=(ProgressUpdate.at.desc(), ProgressUpdate.id.desc()))
                     .label("n"))
              .join(Task, _department_updates(department_id))
              .where(ProgressUpdate.status_from.is_not(None), ProgressUpdate.status_from != ProgressUpdate.status_to))
    return ranked.subquery()


class _Facts:
    """The columns urgency is judged on, for one department's open tasks."""

    def __init__(self, department_id: int, today: date, now: datetime):
        self.last = _last_update(department_id)
        self.change = _last_status_change(department_id)
        self.last_at = func.coalesce(self.last.c.at, Task.created_at)
        self.returned = self.change.c.status_from == TaskStatus.DONE.value
        self.rank = case((Task.overdue_on(today), 0),
                         (Task.deadline <= today + timedelta(days=DUE_SOON_DAYS), 1),
                         (self.last_at < now - timedelta(days=STALE_DAYS), 2),
                         (self.returned, 3), else_=4)
        self.scope = (Task.lead_department_id == department_id, Task.status.not_in(CLOSED_STATUSES),
                      Task.plan_id.in_(current_plan_ids()))

    def join(self, stmt: Select) -> Select:
        return (stmt.outerjoin(self.last, self.last.c.task_id == Task.id)
                .outerjoin(self.change, and_(self.change.c.task_id == Task.id, self.change.c.n == 1)))


def department_work(department_id: int, today: date, now: datetime) -> Select:
    """The department's open tasks in the current plans (it leads them), most urgent first:
    overdue, due within DUE_SOON_DAYS, no update for STALE_DAYS, returned, then the rest; by
    deadline within each. Paginate it, then `explain` the page."""
    facts = _Facts(department_id, today, now)
    return (facts.join(select(Task)).where(*facts.scope)
            .options(selectinload(Task.criterion), selectinload(Task.lead_department))
            .order_by(facts.rank, Task.deadline, Task.criterion_id, Task.id))


def explain(tasks: list[Task], department_id: int, today: date, now: datetime) -> list[WorkItem]:
    """Every reason each task of a page is urgent, in one query for the whole page."""
    if not tasks:
        return []
    facts = _Facts(department_id, today, now)
    rows = {row.id: row for row in db.session.execute(
        facts.join(select(Task.id, facts.last_at.label("last_at"), facts.returned.label("returned"),
                          facts.change.c.note))
        .where(Task.id.in_([t.id for t in tasks])))}
    items = []
    for task in tasks:
        row, reasons = rows.get(task.id), []
        days_left = (task.deadline - today).days
        if task.is_overdue(today):
            reasons.append(Reason(OVERDUE, days_overdue(task.deadline, today)))
        elif days_left <= DUE_SOON_DAYS:
            reasons.append(Reason(DUE_SOON, days_left))
        if row is not None and row.last_at < now - timedelta(days=STALE_DAYS):
            reasons.append(Reason(STALE, (now - row.last_at).days))
        if row is not None and row.returned:
            reasons.append(Reason(RETURNED, note=row.note or ""))
        items.append(WorkItem(task, reasons))
    return items


# --- What waits for Internal Affairs -------------------------------------------------------

@dataclass
class PlanQueue:
    plan: Plan
    to_verify: int = 0   # reported done, waiting for verification
    without_lead: int = 0


@dataclass
class AdminQueue:
    plans: list[PlanQueue] = field(default_factory=list)   # current plans with something waiting (the first few)
    unplanned: list[Assessment] = field(default_factory=list)  # new results waiting for a plan
    more_plans: int = 0        # further plans with something waiting, not listed
    more_to_verify: int = 0    # their tasks reported done
    more_without_lead: int = 0  # and their tasks without a lead department

    def __bool__(self) -> bool:
        return bool(self.plans or self.unplanned)


def admin_queue(plans_limit: int = 5, unplanned_limit: int = 5) -> AdminQueue:
    """What waits for the administrators, in the current plans: the own unit's first, then the
    newest; beyond `plans_limit` plans only their count and totals (a province holds hundreds of
    plans: the dashboard lists a few, the task list the rest). Three queries whatever the size."""
    # Each kind read through its own index (one OR over both scans every task of every plan).
    flagged = union_all(
        select(Task.plan_id, literal(1).label("done"), literal(0).label("ownerless"))
        .where(Task.status == TaskStatus.DONE.value),
        select(Task.plan_id, literal(0), literal(1)).where(without_lead())).subquery()
    counts = (select(flagged.c.plan_id, func.sum(flagged.c.done).label("done"),
                     func.sum(flagged.c.ownerless).label("ownerless"))
              .where(flagged.c.plan_id.in_(current_plan_ids())).group_by(flagged.c.plan_id).subquery())
    waiting = db.session.execute(
        select(counts.c.plan_id, counts.c.done, counts.c.ownerless).join(Plan, Plan.id == counts.c.plan_id)
        .join(Assessment, Assessment.id == Plan.assessment_id).join(Unit, Unit.id == Assessment.unit_id)
        .order_by(Unit.own.desc(), Assessment.year.desc(), Plan.id)).all()
    queue = AdminQueue()
    listed = {plan_id: (int(done), int(ownerless)) for plan_id, done, ownerless in waiting[:plans_limit]}
    if listed:
        plans = {p.id: p for p in db.session.scalars(
            select(Plan).where(Plan.id.in_(listed))
            .options(selectinload(Plan.assessment).selectinload(Assessment.unit)))}
        queue.plans = [PlanQueue(plans[plan_id], *listed[plan_id]) for plan_id in listed]
    rest = waiting[plans_limit:]
    queue.more_plans = len(rest)
    queue.more_to_verify = sum(int(done) for _id, done, _o in rest)
    queue.more_without_lead = sum(int(ownerless) for _id, _d, ownerless in rest)
    # Results imported after the unit's latest plan (an older year's results without a plan are
    # history, not work).
    planned = (select(Assessment.unit_id, func.max(Assessment.year).label("year"))
               .join(Plan, Plan.assessment_id == Assessment.id).group_by(Assessment.unit_id).subquery())
    queue.unplanned = db.session.scalars(
        select(Assessment).outerjoin(planned, planned.c.unit_id == Assessment.unit_id)
        .where(~Assessment.id.in_(select(Plan.assessment_id)),
               or_(planned.c.year.is_(None), Assessment.year > planned.c.year))
        .options(selectinload(Assessment.unit)).order_by(Assessment.year.desc(), Assessment.id)
        .limit(unplanned_limit)).all()
    return queue


def without_lead_count(plan_id: int) -> int:
    """How many of the plan's tasks (not cancelled) have no lead department yet."""
    return db.session.scalar(select(func.count(Task.id)).where(Task.plan_id == plan_id, without_lead()))
