"""Tasks as they stood at past moments: the records, progress updates and audited edits that
domain/report_figures.task_at reads, for one plan (a periodic report) or for every current
plan (the weekly digests). A fixed number of queries whatever the number of tasks."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, select

from tracker.domain import report_figures as rf
from tracker.extensions import db
from tracker.models import AuditEvent, Criterion, ProgressUpdate, Task


def records(scope: ColumnElement[bool]) -> list[rf.TaskRecord]:
    """The tasks `scope` (a condition on Task) selects, as they are now."""
    rows = db.session.execute(
        select(Task.id, Criterion.code, Criterion.title, Criterion.method, Task.title, Task.product,
               Task.lead_department_id, Task.deadline, Task.lost_points, Task.status, Task.progress,
               Task.created_at, Criterion.max_points, Criterion.scale, Task.plan_id)
        .join(Criterion, Criterion.id == Task.criterion_id).where(scope)).all()
    return [rf.TaskRecord(*row) for row in rows]


def updates(scope: ColumnElement[bool]) -> list[rf.Update]:
    """Their progress updates, oldest first."""
    rows = db.session.execute(
        select(ProgressUpdate.task_id, ProgressUpdate.at, ProgressUpdate.status_from,
               ProgressUpdate.progress_from, ProgressUpdate.status_to, ProgressUpdate.progress_to,
               ProgressUpdate.note, ProgressUpdate.current_value)
        .join(Task, Task.id == ProgressUpdate.task_id).where(scope)
        .order_by(ProgressUpdate.at, ProgressUpdate.id)).all()
    return [rf.Update(*row) for row in rows]


def edits(scope: ColumnElement[bool], after: datetime | None = None) -> list[rf.Edit]:
    """The audit entries of their edits that change what a report or digest shows (progress is
    read from its own table); only those after `after` when given (an edit before the earliest
    moment asked about changes nothing then)."""
    stmt = (select(AuditEvent.entity_id, AuditEvent.at, AuditEvent.changes)
            .where(AuditEvent.entity_type == "Task", AuditEvent.action != "task.progress",
                   AuditEvent.entity_id.in_(select(Task.id).where(scope)))
            .order_by(AuditEvent.at, AuditEvent.id))
    if after is not None:
        stmt = stmt.where(AuditEvent.at > after)
    return [rf.Edit(task_id, at, changes) for task_id, at, changes in db.session.execute(stmt)
            if any(name in (changes or {}) for name in rf.EDITED)]
