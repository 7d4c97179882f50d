"""Changing tasks: progress updates with optimistic locking, and the queries lists use."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, case, select
from sqlalchemy.orm import selectinload

from tracker.extensions import db
from tracker.models import Criterion, ProgressUpdate, Role, Task, TaskStatus, User
from tracker.models.plans import CLOSED_STATUSES
from tracker.services import audit

# What a department may set; `verified` and `cancelled` are Internal Affairs' decisions.
DEPARTMENT_STATUSES = (TaskStatus.NOT_STARTED.value, TaskStatus.IN_PROGRESS.value,
                       TaskStatus.DONE.value, TaskStatus.BLOCKED.value)


class VersionConflict(Exception):
    """Someone else saved the task since this form or request read it."""

    def __init__(self, task: Task):
        super().__init__(f"task {task.id} is at version {task.version}")
        self.task = task


class InvalidUpdate(ValueError):
    """A message (English msgid) for the user; nothing was changed."""


@dataclass
class ProgressChange:
    status: str
    progress: int
    note: str = ""
    current_value: float | None = None


def allowed_statuses(user: User) -> tuple[str, ...]:
    return tuple(s.value for s in TaskStatus) if user.role == Role.ADMIN.value else DEPARTMENT_STATUSES


def update_progress(task: Task, user: User, change: ProgressChange, expected_version: int) -> ProgressUpdate:
    """Append a history entry and apply it; the caller has checked can_edit_task and commits."""
    if expected_version != task.version:
        raise VersionConflict(task)
    if change.status not in allowed_statuses(user):
        raise InvalidUpdate("This status cannot be set here.")
    if not 0 <= change.progress <= 100:
        raise InvalidUpdate("Progress must be between 0 and 100.")
    progress = 100 if change.status in (TaskStatus.DONE.value, TaskStatus.VERIFIED.value) else change.progress
    entry = ProgressUpdate(
        task=task, user_id=user.id, status_from=task.status, status_to=change.status,
        progress_from=task.progress, progress_to=progress,
        current_value=change.current_value, note=change.note.strip(),
    )
    db.session.add(entry)
    changes = audit.diff(task, {"status": change.status, "progress": progress,
                                "current_value": change.current_value
                                if change.current_value is not None else task.current_value})
    if change.note.strip():
        changes["note"] = (None, change.note.strip())
    audit.record("task.progress", task, changes, actor=user)
    db.session.flush()  # raises StaleDataError if a concurrent writer bumped the version
    return entry


def task_query(*, department_id: int | None = None, status: str | None = None,
               overdue: bool = False, today: date, first_department_id: int | None = None) -> Select:
    """Tasks with their criterion and departments loaded eagerly; a department's own first."""
    stmt = (select(Task).join(Task.criterion)
            .options(selectinload(Task.criterion), selectinload(Task.lead_department),
                     selectinload(Task.supporting_departments)))
    if department_id:
        stmt = stmt.where(Task.lead_department_id == department_id)
    if status:
        stmt = stmt.where(Task.status == status)
    if overdue:
        stmt = stmt.where(Task.deadline < today, Task.status.not_in(CLOSED_STATUSES))
    order = []
    if first_department_id:
        order.append(case((Task.lead_department_id == first_department_id, 0), else_=1))
    order += [Task.deadline, Criterion.code, Task.id]
    return stmt.order_by(*order)
