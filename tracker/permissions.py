"""The one place that decides who may do what. Views, API and templates all ask here."""
from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from tracker import workspace
from tracker.models import Role, Task, User


def is_admin(user: User) -> bool:
    """An administrator in their own workspace (an own-unit admin visiting a unit's reads only)."""
    return bool(user and user.is_authenticated and user.role == Role.ADMIN.value
                and not workspace.is_visiting(user))


def is_own_unit_user(user: User) -> bool:
    """A user of the installation's own unit (not of a unit that runs its own plan here)."""
    return bool(user and user.is_authenticated and user.unit_id is None)


def is_own_unit_admin(user: User) -> bool:
    """What serves every workspace (imports of results and rankings, the outbox, the audit
    log, visiting the units) is for the own unit's administrators."""
    return is_admin(user) and is_own_unit_user(user)


def can_read(user: User) -> bool:
    """Every active, logged-in role reads everything (plans are public within the unit)."""
    return bool(user and user.is_authenticated)


def can_edit_task(user: User, task: Task) -> bool:
    """Admins edit every task; a department officer only its own department's (as lead)."""
    if is_admin(user):
        return True
    return bool(
        user and user.is_authenticated
        and user.role == Role.DEPARTMENT.value
        and user.department_id is not None
        and task.lead_department_id == user.department_id
    )


def can_update_progress(user: User, task: Task) -> bool:
    """Progress goes to the lead department until Internal Affairs verifies or cancels the task."""
    if not can_edit_task(user, task):
        return False
    return is_admin(user) or task.status not in ("verified", "cancelled")


def can_read_draft_report(user: User) -> bool:
    """Draft reports are for Internal Affairs and the leaders; issued ones for everyone."""
    return bool(user and user.is_authenticated and user.role in (Role.ADMIN.value, Role.LEADER.value))


def can_use_what_if(user: User) -> bool:
    """The what-if (page and API) is for those who read the draft reports: Internal Affairs and
    the leaders; a department officer's plans are made by Internal Affairs."""
    return can_read_draft_report(user)


def can_export_self_assessment(user: User) -> bool:
    """The self-assessment export (page, .xlsx and the evidence .zip of a whole plan) is for
    Internal Affairs and the leaders: it gathers every department's evidence."""
    return can_read_draft_report(user)


def can_view_units(user: User) -> bool:
    """The units page (every unit's plan, its figures and its .xlsx) is for the own unit's
    Internal Affairs and leaders, who follow the units; a department officer follows its own
    tasks, and a unit's own users their unit's plan."""
    return can_read_draft_report(user) and is_own_unit_user(user)


def can_download_evidence(user: User, task: Task) -> bool:
    """Admins and leaders download every evidence file; a department officer only the files of
    the tasks its department leads (its own evidence), not other departments', supporting ones
    included. Everyone still sees that a file exists, and its name."""
    if not (user and user.is_authenticated) or task is None:  # a task of another workspace is none
        return False
    if user.role in (Role.ADMIN.value, Role.LEADER.value):
        return True
    return (user.role == Role.DEPARTMENT.value and user.department_id is not None
            and task.lead_department_id == user.department_id)


def requires(allowed):
    """A view decorator: login first (redirect to the login page), then 403 unless
    `allowed(current_user)`."""
    def decorate(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not allowed(current_user):
                abort(403)
            return view(*args, **kwargs)
        return wrapped
    return decorate


# Internal Affairs in its own workspace; and what serves every workspace (403 for a unit's admins).
admin_required = requires(is_admin)
own_unit_admin_required = requires(is_own_unit_admin)
