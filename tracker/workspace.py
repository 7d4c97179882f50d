"""Whose plan a request works on: the own unit's (the province's, or the district's, office) or
that of a unit it scores that runs its own plan here (a sở, a commune: `Unit.runs_own_plan`).

Each workspace has its own departments, users, ownership rules, results, plans, tasks and
reports. A request sees only its workspace's: every ORM query gets the workspace's criteria
(SQLAlchemy's `with_loader_criteria` in a `do_orm_execute` hook), so no view, service or
lookup by id can forget it; a row of another workspace is simply not found (404). Plans and
tasks carry their workspace (`workspace_id`, stamped when they are made: `stamp`), so the
filter on the largest tables is one indexed column.

- A user of a unit (`User.unit_id`) always works in that unit's workspace.
- A user of the own unit (`unit_id` None) works in the own unit's; its admins and leaders may
  *visit* a unit's workspace (`visit`), read-only: `permissions.is_admin` is then False.
- Outside a request (the scheduler, the reminders and digests, imports from the command line)
  nothing is filtered unless `working_in` says so: those jobs serve every workspace. The
  command line's commands that name a unit work in its workspace.
- `everywhere(stmt)` or `unscoped()` read across workspaces on purpose (uniqueness of emails,
  the province's view of every unit, imports of every unit's results).
"""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

from flask import g, has_request_context, request, session
from sqlalchemy import event, select
from sqlalchemy.orm import Session, with_loader_criteria

VISITING = "visiting_unit"   # the session key of the unit an own-unit admin or leader visits
EVERYWHERE = "all_workspaces"  # the execution option that lifts the filter for one statement
API_UNIT = "unit"  # /api/v1/…?unit=ID: an own-unit admin or leader reads that unit's workspace


@dataclass(frozen=True)
class Workspace:
    unit_id: int | None = None   # None: the own unit's

    @property
    def is_home(self) -> bool:
        return self.unit_id is None


HOME = Workspace()
_chosen: ContextVar[Workspace | None] = ContextVar("workspace", default=None)
_lifted: ContextVar[bool] = ContextVar("workspace_lifted", default=False)


def current() -> Workspace | None:
    """The workspace queries are filtered to now, or None (no filter)."""
    if _lifted.get():
        return None
    chosen = _chosen.get()
    if chosen is not None:
        return chosen
    if has_request_context() and "workspace" in g:
        return g.workspace
    return None


def current_unit_id() -> int | None:
    """The unit whose workspace new departments, users and rules belong to (None: the own unit's)."""
    ws = current()
    return ws.unit_id if ws else None


@contextmanager
def working_in(ws: Workspace):
    """Work in `ws` inside the block: the command line acting for a unit, or the own unit's
    admin giving a unit its first administrator."""
    token = _chosen.set(ws)
    try:
        yield
    finally:
        _chosen.reset(token)


@contextmanager
def unscoped():
    """Read and write across workspaces inside the block (imports of every unit's results)."""
    token = _lifted.set(True)
    try:
        yield
    finally:
        _lifted.reset(token)


def everywhere(stmt):
    """The statement, across every workspace (a check that must see them all)."""
    return stmt.execution_options(**{EVERYWHERE: True})


def of_unit(unit) -> Workspace:
    """The workspace a unit's plan is followed in: its own, or the own unit's."""
    return Workspace(unit.id) if unit is not None and unit.runs_own_plan else HOME


def own_workspace(user) -> Workspace:
    return Workspace(user.unit_id) if user.unit_id is not None else HOME


def for_user(user) -> Workspace:
    """The user's own workspace, or the unit an own-unit admin or leader is visiting (on the
    pages, or with `?unit=ID` in an API call: web/api.py checks the unit and refuses writes)."""
    if user.unit_id is None and user.role in ("admin", "leader"):
        asked = api_unit()
        if asked is not None:
            return Workspace(asked)
        if session.get(VISITING):
            return Workspace(session[VISITING])
    return own_workspace(user)


def api_unit() -> int | None:
    """The unit an API call names with `?unit=ID`, if it names one as a whole number."""
    if not (has_request_context() and request.path.startswith("/api/")):
        return None
    value = request.args.get(API_UNIT, "")
    return int(value) if value.isdigit() and len(value) < 10 else None


def is_visiting(user) -> bool:
    """True while an own-unit admin or leader reads a unit's workspace (read-only)."""
    ws = current()
    return ws is not None and ws != own_workspace(user)


@lru_cache(maxsize=4096)
def _criteria(ws: Workspace) -> tuple:
    """The loader criteria of a workspace, built once per process. Lambdas, as SQLAlchemy
    advises for global criteria: each is turned into SQL once and cached by its code, the
    unit's id a bound parameter; plain expressions were keyed anew in every statement (a
    tenth of a page). The subqueries name the tables, not the mapped classes: the criteria
    apply to every mapped entity of a statement, their own subqueries included, and would nest."""
    from tracker.models import (Assessment, Department, Evidence, Plan, PlanningRule, ProgressUpdate, Report, Task,
                                Unit, User)
    units, p, t = Unit.__table__, Plan.__table__, Task.__table__
    unit_id = ws.unit_id
    # Each lambda names unit_id itself: only a lambda's own closure values become parameters.
    # Plans and tasks keep their workspace (stamp): one indexed column, no nested subqueries.
    if ws.is_home:
        criteria = [
            (Assessment, lambda cls: cls.unit_id.in_(select(units.c.id).where(units.c.runs_own_plan.is_(False)))),
            (Plan, lambda cls: cls.workspace_id.is_(None)),
            (Task, lambda cls: cls.workspace_id.is_(None)),
            (Report, lambda cls: cls.plan_id.in_(select(p.c.id).where(p.c.workspace_id.is_(None)))),
            (ProgressUpdate, lambda cls: cls.task_id.in_(select(t.c.id).where(t.c.workspace_id.is_(None)))),
            (Evidence, lambda cls: cls.task_id.in_(select(t.c.id).where(t.c.workspace_id.is_(None)))),
            (Department, lambda cls: cls.unit_id.is_(None)),
            (PlanningRule, lambda cls: cls.unit_id.is_(None)),
            (User, lambda cls: cls.unit_id.is_(None))]
    else:
        criteria = [
            (Assessment, lambda cls: cls.unit_id == unit_id),
            (Plan, lambda cls: cls.workspace_id == unit_id),
            (Task, lambda cls: cls.workspace_id == unit_id),
            (Report, lambda cls: cls.plan_id.in_(select(p.c.id).where(p.c.workspace_id == unit_id))),
            (ProgressUpdate, lambda cls: cls.task_id.in_(select(t.c.id).where(t.c.workspace_id == unit_id))),
            (Evidence, lambda cls: cls.task_id.in_(select(t.c.id).where(t.c.workspace_id == unit_id))),
            (Department, lambda cls: cls.unit_id == unit_id),
            (PlanningRule, lambda cls: cls.unit_id == unit_id),
            (User, lambda cls: cls.unit_id == unit_id)]
    return tuple(with_loader_criteria(entity, where, include_aliases=True) for entity, where in criteria)


def _filter(state) -> None:
    ws = current()
    if ws is None or not state.is_select or state.execution_options.get(EVERYWHERE):
        return
    state.statement = state.statement.options(*_criteria(ws))


def stamp(session: Session, _flush_context, _instances) -> None:
    """Before each flush, whoever adds them (a page, a command, an import): a new plan is
    followed in its unit's workspace, a new task in its plan's. A unit with a plan never moves
    workspace (services/unit_workspaces), so neither ever changes."""
    from tracker.models import Assessment, Plan, Task
    everywhere_ = {EVERYWHERE: True}
    new = [obj for obj in session.new if isinstance(obj, (Plan, Task))]
    with session.no_autoflush:
        for plan in (obj for obj in new if isinstance(obj, Plan)):
            assessment = plan.assessment or session.get(Assessment, plan.assessment_id, execution_options=everywhere_)
            plan.workspace_id = of_unit(assessment.unit).unit_id
        for task in (obj for obj in new if isinstance(obj, Task)):
            plan = task.plan or session.get(Plan, task.plan_id, execution_options=everywhere_)
            task.workspace_id = plan.workspace_id


def init_app(app) -> None:
    if not event.contains(Session, "do_orm_execute", _filter):
        event.listen(Session, "do_orm_execute", _filter)
        event.listen(Session, "before_flush", stamp)

    @app.before_request
    def choose_workspace() -> None:
        from flask_login import current_user
        g.workspace = None  # while the user itself is loaded: unfiltered
        ws = for_user(current_user) if current_user.is_authenticated else None
        if ws is not None and ws.is_home and not units_running_their_plan(limit=1):
            ws = None  # one workspace only: nothing to filter (the filter costs a fifth of a page)
        g.workspace = ws


def units_running_their_plan(limit: int | None = None) -> list[int]:
    """The ids of the units that run their own plan here, in order (at most `limit`)."""
    from tracker.extensions import db
    from tracker.models import Unit
    return list(db.session.scalars(select(Unit.id).where(Unit.runs_own_plan.is_(True)).order_by(Unit.id)
                                   .limit(limit)))
