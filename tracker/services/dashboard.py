"""Figures for the dashboard: where next year's score is heading, and which tasks need a push."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from tracker.domain.periods import ReportPeriod
from tracker.domain.projection import FieldRecovery, Risk
from tracker.domain.scoring import round2
from tracker.extensions import db
from tracker.models import Assessment, Department, Plan, ProgressUpdate, Task
from tracker.domain.task_states import COMPLETE
from tracker.models.plans import CLOSED_STATUSES, STATUS_VALUES
from tracker.services import projection, reports

DUE_SOON_DAYS = 14
STALE_DAYS = 14  # an open task nobody has updated for two weeks needs a reminder


@dataclass
class DepartmentRow:
    department: Department
    tasks: int = 0
    done: int = 0
    overdue: int = 0
    completed_on_time: int = 0

    @property
    def on_time_rate(self) -> float | None:
        """Share of finished tasks finished by their deadline (None before any is finished)."""
        return round(self.completed_on_time * 100 / self.done, 1) if self.done else None


@dataclass
class Summary:
    assessment: Assessment | None
    plan: Plan | None
    projection: dict | None = None
    recovery: list[FieldRecovery] = field(default_factory=list)
    by_status: dict[str, int] = field(default_factory=dict)
    overdue: list[Task] = field(default_factory=list)
    due_soon: list[Task] = field(default_factory=list)
    stale: list[Task] = field(default_factory=list)
    departments: list[DepartmentRow] = field(default_factory=list)
    report_due: ReportPeriod | None = None   # a periodic report due within two weeks
    report_issued: bool = False
    risks: list[Risk] = field(default_factory=list)  # full marks now, lost in an earlier year

    @property
    def points_at_risk(self) -> float:
        return round2(sum(r.lost for r in self.risks))

    @property
    def total_tasks(self) -> int:
        return sum(self.by_status.values())


def last_updates(*scope):
    """Each task's latest progress update, for the tasks in `scope` only (a plan's, not every
    plan's: a province's tasks have hundreds of thousands of updates). A subquery."""
    return (select(ProgressUpdate.task_id, func.max(ProgressUpdate.at).label("at"))
            .join(Task, Task.id == ProgressUpdate.task_id).where(*scope)
            .group_by(ProgressUpdate.task_id).subquery())


def is_stale(updated, now: datetime):
    """Nobody has updated the task for STALE_DAYS (`updated`: last_updates, outer-joined);
    with open tasks only, what the dashboard lists and the units page counts."""
    return func.coalesce(updated.c.at, Task.created_at) < now - timedelta(days=STALE_DAYS)


def latest_plan() -> Plan | None:
    return db.session.scalar(
        select(Plan).join(Plan.assessment)
        .options(selectinload(Plan.assessment).selectinload(Assessment.unit),
                 selectinload(Plan.assessment).selectinload(Assessment.criteria_set))
        .order_by(Assessment.year.desc(), Plan.id.desc()).limit(1))


def completion_dates(plan_id: int) -> dict[int, datetime]:
    """When each task was first reported finished. Read per task of the plan through the index
    on (task, time): a join over every progress update of the database made PostgreSQL scan them
    all once a province's 150 units wrote theirs (28 ms against 4)."""
    first = (select(func.min(ProgressUpdate.at)).where(ProgressUpdate.task_id == Task.id,
                                                       ProgressUpdate.status_to.in_(COMPLETE))
             .correlate(Task).scalar_subquery())
    return {task_id: at for task_id, at in db.session.execute(select(Task.id, first).where(Task.plan_id == plan_id))
            if at is not None}


def department_rows(plan: Plan, today: date) -> list[DepartmentRow]:
    tasks = db.session.scalars(select(Task).where(Task.plan_id == plan.id, Task.status != "cancelled")
                               .options(selectinload(Task.lead_department))).all()
    finished = completion_dates(plan.id)
    rows: dict[int | None, DepartmentRow] = {}
    for task in tasks:
        if task.lead_department is None:
            continue
        row = rows.setdefault(task.lead_department_id, DepartmentRow(task.lead_department))
        row.tasks += 1
        if task.status in COMPLETE:
            row.done += 1
            at = finished.get(task.id)
            if at is None or at.date() <= task.deadline:
                row.completed_on_time += 1
        elif task.is_overdue(today):
            row.overdue += 1
    return sorted(rows.values(), key=lambda r: (-r.overdue, r.department.code))


def summary(today: date, now: datetime, department_id: int | None = None, limit: int = 8) -> Summary:
    plan = latest_plan()
    assessment = plan.assessment if plan else db.session.scalar(
        select(Assessment).options(selectinload(Assessment.unit), selectinload(Assessment.criteria_set))
        .order_by(Assessment.year.desc()).limit(1))
    result = Summary(assessment=assessment, plan=plan)
    if assessment is None:
        return result
    loaded = projection.load(assessment)  # one read serves both figures
    result.projection = projection.for_assessment(assessment, today, loaded)
    result.recovery = projection.recovery_by_field(assessment, loaded)
    result.risks = projection.risks(assessment)
    if plan is None:
        return result
    scope = [Task.plan_id == plan.id]
    if department_id:
        scope.append(Task.lead_department_id == department_id)
    counts = dict(db.session.execute(
        select(Task.status, func.count(Task.id)).where(*scope).group_by(Task.status)).all())
    result.by_status = {s: counts.get(s, 0) for s in STATUS_VALUES}
    open_tasks = (select(Task).where(*scope, Task.status.not_in(CLOSED_STATUSES))
                  .options(selectinload(Task.criterion), selectinload(Task.lead_department)))
    result.overdue = db.session.scalars(
        open_tasks.where(Task.overdue_on(today)).order_by(Task.deadline, Task.id).limit(limit)).all()
    result.due_soon = db.session.scalars(open_tasks.where(
        Task.deadline >= today, Task.deadline <= today + timedelta(days=DUE_SOON_DAYS))
        .order_by(Task.deadline, Task.id).limit(limit)).all()
    updated = last_updates(*scope)
    result.stale = db.session.scalars(
        open_tasks.outerjoin(updated, updated.c.task_id == Task.id).where(is_stale(updated, now))
        .order_by(func.coalesce(updated.c.at, Task.created_at), Task.id).limit(limit)).all()
    if department_id is None:
        result.departments = department_rows(plan, today)
    result.report_due = reports.due_soon(plan, today)
    if result.report_due:
        row = reports.find_row(plan, result.report_due)
        result.report_issued = bool(row and row.is_issued)
    return result
