"""The messages a change to a task causes, queued by the service that makes the change (so the
UI, the API and the CLI send the same), in the same transaction, one row per recipient."""
from __future__ import annotations

from flask import current_app

from tracker.models import Department, ProgressUpdate, Task, User
from tracker.notify import outbox, render
from tracker.notify.lines import TaskLine
from tracker.notify.recipients import Audience, Recipient


def _queue(key: str, kind: str, template: str, recipients: list[Recipient], **context):
    return outbox.queue_all([render.message(key, kind, template, r, **context) for r in recipients])


def audience() -> Audience:
    return Audience.load(current_app.config["BABEL_DEFAULT_LOCALE"])


def task_done(task: Task, entry: ProgressUpdate, by: User):
    """A department reports a task finished: Internal Affairs should verify the evidence."""
    return _queue(f"done:{task.id}:{entry.id}", "task_done", "task_done", audience().admins(),
                  task=task, note=entry.note, by=by)


def task_returned(task: Task, entry: ProgressUpdate, by: User):
    """Internal Affairs sent the task back: tell the lead department why."""
    return _queue(f"returned:{task.id}:{entry.id}", "task_returned", "task_returned",
                  audience().department(task.lead_department_id), task=task, reason=entry.note, by=by)


def tasks_assigned(tasks: list[Task], department: Department, key: str, by: User, today):
    """Internal Affairs made `department` the lead of these tasks: tell its people."""
    lines = [TaskLine(task_id=t.id, code=t.criterion.code, title=t.title, department=department.name,
                      deadline=t.deadline, status=t.status, progress=t.progress,
                      days_left=(t.deadline - today).days) for t in tasks]
    return _queue(key, "task_assigned", "task_assigned", audience().department(department.id),
                  tasks=tasks, lines=lines, department=department, by=by)


def report_ready(plan, period, report):
    """The period's data is complete: the admins review the draft report and issue it."""
    return _queue(f"report-ready:{plan.id}:{period.label}", "report", "report_ready", audience().admins(),
                  plan=plan, period=period, report=report)


def plan_due(unit, assessment, due_on, coordinator: str):
    """The unit's admins are to issue its plan for these results by `due_on` (the coordinating
    body set the date); call in the unit's workspace. Once per date: a new date is told again."""
    return _queue(f"plan-due:{assessment.id}:{due_on.isoformat()}", "plan_due", "plan_due", audience().admins(),
                  unit=unit, assessment=assessment, due_on=due_on, coordinator=coordinator)
