"""A unit the own unit scores starts running its own plan here (issue 23): the own unit's
admin gives it its first administrator (its văn phòng or phòng nội vụ), who then adds the
unit's departments, users and rules and makes its plan from its results (workspace.py)."""
from __future__ import annotations

from sqlalchemy import func, select

from tracker import workspace
from tracker.domain.errors import InputError
from tracker.extensions import db
from tracker.models import Assessment, Plan, PlanDeadline, Unit
from tracker.services import audit, unit_overview, users


class WorkspaceError(InputError):
    """The unit cannot run its own plan like this."""


def open_workspace(unit: Unit, *, email: str, name: str, password: str, actor) -> "users.User":
    """Mark the unit as running its own plan and create its first administrator. Refused for
    the own unit, for a unit that already runs its own plan, and for one whose plan the own
    unit already follows (its tasks are led by the own unit's departments)."""
    if unit.own:
        raise WorkspaceError("%(unit)s is the installation's own unit.", unit=unit.name)
    if unit.runs_own_plan:
        raise WorkspaceError("%(unit)s already runs its own plan here.", unit=unit.name)
    followed = db.session.scalar(workspace.everywhere(
        select(Plan.number).join(Assessment, Assessment.id == Plan.assessment_id)
        .where(Assessment.unit_id == unit.id).limit(1)))
    if followed is not None:
        raise WorkspaceError("The plan %(plan)s of %(unit)s is followed here, with tasks led by this unit's "
                             "departments; it cannot move to the unit's own workspace.", plan=followed, unit=unit.name)
    audit.save(Unit, unit, {"runs_own_plan": True}, "unit", actor)
    with workspace.working_in(workspace.Workspace(unit.id)):
        admin = users.create_user(email, name, "admin", password, actor=actor)
    # Its plan's due date, if the coordinating body has set one for its latest results.
    latest = db.session.scalar(workspace.everywhere(
        select(func.max(Assessment.year)).where(Assessment.unit_id == unit.id)))
    deadline = db.session.get(PlanDeadline, latest) if latest else None
    if deadline is not None:
        unit_overview.tell_units_to_plan(latest, deadline.due_on, unit.id)
    return admin
