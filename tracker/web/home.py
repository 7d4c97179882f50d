"""Where each person lands after logging in and on `/`: the one place that decides it."""
from flask import url_for

from tracker.models import Role, User
from tracker.services import setup


def works_for_a_department(user: User) -> bool:
    """A department officer: their start is their department's work (Việc của phòng)."""
    return bool(user and user.is_authenticated and user.role == Role.DEPARTMENT.value
                and user.department_id is not None)


def home_url(user: User) -> str:
    """A department officer starts from their department's work; leaders and admins from the
    dashboard, except an admin of an installation not yet set up: the set-up page."""
    if works_for_a_department(user):
        return url_for("work.index")
    if user and user.is_authenticated and user.role == Role.ADMIN.value and not setup.is_set_up():
        return url_for("setup.index")
    return url_for("dashboard.index")
