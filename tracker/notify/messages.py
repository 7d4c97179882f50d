"""The messages tasks cause: queued in the outbox in the same transaction as the change."""
from __future__ import annotations

from flask import current_app, render_template
from sqlalchemy import select

from tracker.extensions import db
from tracker.models import ProgressUpdate, Role, Task, User
from tracker.notify import outbox


def department_recipients(department_id: int | None) -> list[str]:
    """The department's contact addresses and its officers' emails, without duplicates."""
    if department_id is None:
        return []
    from tracker.models import Department
    department = db.session.get(Department, department_id)
    officers = db.session.scalars(select(User.email).where(
        User.department_id == department_id, User.active.is_(True)))
    return list(dict.fromkeys([*department.email_list, *officers]))


def admin_recipients() -> list[str]:
    return list(db.session.scalars(select(User.email).where(
        User.role == Role.ADMIN.value, User.active.is_(True)).order_by(User.email)))


def _queue(key: str, kind: str, recipients: list[str], template: str, **context):
    context["url"] = current_app.config["TRACKER_BASE_URL"].rstrip("/") + f"/tasks/{context['task'].id}"
    subject = render_template(f"emails/{template}.subject.txt", **context).strip()
    return outbox.queue(key, kind, recipients, subject,
                        render_template(f"emails/{template}.txt", **context),
                        render_template(f"emails/{template}.html", **context))


def task_returned(task: Task, entry: ProgressUpdate, by: User):
    """Internal Affairs sent the task back: tell the lead department why."""
    return _queue(f"returned:{task.id}:{entry.id}", "task_returned",
                  department_recipients(task.lead_department_id), "task_returned",
                  task=task, reason=entry.note, by=by)


def task_done(task: Task, entry: ProgressUpdate, by: User):
    """A department reports a task finished: Internal Affairs should verify the evidence."""
    return _queue(f"done:{task.id}:{entry.id}", "task_done", admin_recipients(), "task_done",
                  task=task, note=entry.note, by=by)
