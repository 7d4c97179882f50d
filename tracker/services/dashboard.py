"""Figures for the dashboard, each from one aggregate query."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from tracker.extensions import db
from tracker.models import Assessment, Plan, Task
from tracker.models.plans import CLOSED_STATUSES, STATUS_VALUES

DUE_SOON_DAYS = 14


@dataclass
class Summary:
    assessment: Assessment | None
    plan: Plan | None
    by_status: dict[str, int] = field(default_factory=dict)
    overdue: list[Task] = field(default_factory=list)
    due_soon: list[Task] = field(default_factory=list)

    @property
    def total_tasks(self) -> int:
        return sum(self.by_status.values())


def latest_plan() -> Plan | None:
    return db.session.scalar(
        select(Plan).join(Plan.assessment)
        .options(selectinload(Plan.assessment).selectinload(Assessment.unit))
        .order_by(Assessment.year.desc(), Plan.id.desc()).limit(1))


def summary(today: date, department_id: int | None = None, limit: int = 10) -> Summary:
    plan = latest_plan()
    assessment = plan.assessment if plan else db.session.scalar(
        select(Assessment).options(selectinload(Assessment.unit))
        .order_by(Assessment.year.desc()).limit(1))
    result = Summary(assessment=assessment, plan=plan)
    if plan is None:
        return result
    scope = [Task.plan_id == plan.id]
    if department_id:
        scope.append(Task.lead_department_id == department_id)
    counts = dict(db.session.execute(
        select(Task.status, func.count(Task.id)).where(*scope).group_by(Task.status)).all())
    result.by_status = {s: counts.get(s, 0) for s in STATUS_VALUES}
    open_tasks = (select(Task).where(*scope, Task.status.not_in(CLOSED_STATUSES))
                  .options(selectinload(Task.criterion), selectinload(Task.lead_department))
                  .order_by(Task.deadline, Task.id).limit(limit))
    result.overdue = db.session.scalars(open_tasks.where(Task.deadline < today)).all()
    result.due_soon = db.session.scalars(open_tasks.where(
        Task.deadline >= today, Task.deadline <= today + timedelta(days=DUE_SOON_DAYS))).all()
    return result
