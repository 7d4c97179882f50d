"""The province's view of every unit's plan (the units page and its .xlsx): per unit, its
latest results, whether its plan is issued, its tasks (done, overdue, stale) and where its
score is heading. The figures are the unit's own projection (CONTRACT §5), read the same way
as its projection page, in a fixed number of queries whatever the number of units; they are
stored (services/stored_figures), and the database filters, orders, counts and pages them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, func, or_, select, true
from sqlalchemy.orm import selectinload

from tracker.domain import projection as domain_projection
from tracker.domain.errors import InputError
from tracker.extensions import db
from tracker.models import Assessment, Criterion, Plan, PlanDeadline, StoredFigures, Task, Unit
from tracker.services import audit, projection, stored_figures
from tracker.services.dashboard import is_stale, last_updates
from tracker.services.plans import latest_results


@dataclass(frozen=True)
class UnitInfo:
    id: int
    name: str
    own: bool
    runs_own_plan: bool


@dataclass(frozen=True)
class AssessmentInfo:
    id: int
    year: int


@dataclass(frozen=True)
class PlanInfo:
    id: int
    number: str
    issued_on: date


@dataclass(frozen=True)
class Filters:
    """Which units the reader lists, and in which order (`SORTS`)."""
    kind: str | None = None
    search: str = ""
    behind_only: bool = False
    sort: str = "behind"


@dataclass(frozen=True)
class Summary:
    """The whole filtered list at a glance: its units, those behind, its latest results' year."""
    total: int
    behind: int
    latest_year: int | None


@dataclass
class UnitRow:
    """What the page shows of a unit: read as plain columns, not ORM objects."""
    unit: UnitInfo
    assessment: AssessmentInfo  # its latest assessed year
    plan: PlanInfo | None       # its plan for that year, if one is issued
    figures: dict               # CONTRACT §5 for that assessment and plan
    stale: int = 0              # open tasks nobody has updated for STALE_DAYS
    plan_due: date | None = None  # by when the plan was to be issued (PlanDeadline)

    def plan_late(self, today: date) -> bool:
        """Issued after its due date, or still missing after it."""
        if self.plan_due is None:
            return False
        return self.plan.issued_on > self.plan_due if self.plan else today > self.plan_due

    @property
    def counts(self) -> dict[str, int]:
        return self.figures["tasks"]

    @property
    def tasks(self) -> int:
        return domain_projection.counted_tasks(self.counts)

    @property
    def done(self) -> int:
        return domain_projection.counted_done(self.counts)

    @property
    def overdue(self) -> int:
        return self.counts["overdue"]

    @property
    def done_pct(self) -> float:
        return domain_projection.done_share(self.counts)

    @property
    def behind(self) -> bool:
        """What the province calls about: no plan for its results yet, or tasks past their deadline."""
        return self.plan is None or self.overdue > 0


def stale_counts(plan_ids: list[int], now: datetime) -> dict[int, int]:
    """Per plan, its open tasks with no progress update for STALE_DAYS (the dashboard's "stale")."""
    if not plan_ids:
        return {}
    scope = Task.plan_id.in_(plan_ids)
    updated = last_updates(scope)
    return dict(db.session.execute(
        select(Task.plan_id, func.count(Task.id)).outerjoin(updated, updated.c.task_id == Task.id)
        .where(scope, Task.status.not_in(domain_projection.CLOSED), is_stale(updated, now))
        .group_by(Task.plan_id)).all())


def task_rows(plan_ids: list[int]):
    """What the projection reads of each task of those plans, as plain rows (no ORM objects:
    a province's plans hold tens of thousands of tasks)."""
    if not plan_ids:
        return []
    return db.session.execute(
        select(Task.id, Task.plan_id, Task.lost_points, Task.status, Task.progress, Task.deadline,
               Task.current_value, Criterion.method, Criterion.max_points, Criterion.scale)
        .join(Criterion, Criterion.id == Task.criterion_id).where(Task.plan_id.in_(plan_ids))).all()


def scoped(stmt, kind: str | None, search: str):
    """`stmt` over each unit's latest results (and its plan for them), of `kind` and with
    `search` in its name."""
    latest = latest_results()
    stmt = (stmt.select_from(Assessment)
            .join(latest, (latest.c.unit_id == Assessment.unit_id) & (latest.c.year == Assessment.year))
            .join(Unit, Unit.id == Assessment.unit_id).outerjoin(Plan, Plan.assessment_id == Assessment.id))
    if kind:
        stmt = stmt.where(Unit.kind == kind)
    if search:
        stmt = stmt.where(func.lower(Unit.name).contains(search.lower(), autoescape=True))
    return stmt


def refresh(chosen: Filters, today: date, now: datetime) -> None:
    """Compute and store the figures of the listed units that have none still valid: only the
    units whose plan changed since, or all of them once a day (services/stored_figures)."""
    missing = dict(db.session.execute(stored_figures.outdated(
        scoped(select(Assessment.id, Assessment.figures_version), chosen.kind, chosen.search), today)).all())
    if not missing:
        return
    loaded = db.session.scalars(select(Assessment).where(Assessment.id.in_(missing)).options(
        selectinload(Assessment.unit), selectinload(Assessment.criteria_set))).all()
    plans = {p.assessment_id: p for p in db.session.scalars(
        select(Plan).where(Plan.assessment_id.in_(missing)).options(selectinload(Plan.target_set)))}
    # Stored under the versions read before the tasks: a change committed since outdates them.
    stored_figures.save(compute(loaded, plans, today, now), missing, today)


def stored(chosen: Filters, stmt):
    """`stmt` over the listed units with their stored figures, as `chosen` filters them."""
    stmt = scoped(stmt, chosen.kind, chosen.search).join(StoredFigures, StoredFigures.assessment_id == Assessment.id)
    return stmt.where(BEHIND) if chosen.behind_only else stmt


# No plan for its results yet, or tasks past their deadline (UnitRow.behind, in SQL).
BEHIND = or_(Plan.id.is_(None), StoredFigures.overdue > 0)
NO_PLAN_LAST = case((Plan.id.is_(None), 1), else_=0)
# How the list can be ordered: those behind first (no plan, then the most overdue), or by name,
# expected score (lowest first: who needs help), overdue (most first), share done (least
# first) or plan issue date (latest first, none last). Ties keep the names' order.
ORDERS = {
    "behind": (NO_PLAN_LAST.desc(), StoredFigures.overdue.desc(), StoredFigures.expected_pct),
    "unit": (),
    "expected": (StoredFigures.expected_pct,),
    "overdue": (StoredFigures.overdue.desc(),),
    "done": (StoredFigures.done_pct,),
    "issued": (NO_PLAN_LAST, Plan.issued_on.desc()),
}
SORTS = tuple(ORDERS)


def summary(chosen: Filters, today: date, now: datetime) -> Summary:
    """How many units the list holds and how many are behind, in one query when every listed
    unit's stored figures are still valid; otherwise those are computed first, and counted again."""
    listed = BEHIND if chosen.behind_only else true()
    counts = scoped(select(func.count(StoredFigures.assessment_id).filter(listed),
                           func.count(StoredFigures.assessment_id).filter(BEHIND), func.max(Assessment.year),
                           func.count().filter(stored_figures.invalid(today))), chosen.kind, chosen.search) \
        .outerjoin(StoredFigures, StoredFigures.assessment_id == Assessment.id)
    total, behind, latest, invalid = db.session.execute(counts).one()
    if invalid:
        refresh(chosen, today, now)
        total, behind, latest, _none = db.session.execute(counts).one()
    return Summary(total, behind, latest)


def rows(chosen: Filters, offset: int = 0, limit: int | None = None) -> list[UnitRow]:
    """The listed units in the order chosen, `limit` of them from `offset` (all: the .xlsx).
    Call `summary` first: it stores the figures these rows read."""
    stmt = stored(chosen, select(Unit.id, Unit.name, Unit.own, Unit.runs_own_plan, Assessment.id, Assessment.year,
                                 Plan.id, Plan.number, Plan.issued_on, StoredFigures.figures, StoredFigures.stale))
    stmt = stmt.order_by(*ORDERS.get(chosen.sort, ORDERS["behind"]), StoredFigures.name_key, Unit.id)
    found = db.session.execute(stmt.offset(offset).limit(limit)).all()
    due = plan_deadlines({row[5] for row in found})
    result = []
    for unit_id, name, own, runs, a_id, year, plan_id, number, issued_on, figures, stale in found:
        result.append(UnitRow(UnitInfo(unit_id, name, own, runs), AssessmentInfo(a_id, year),
                              PlanInfo(plan_id, number, issued_on) if plan_id else None, figures, stale,
                              due.get(year)))
    return result


def every_row(chosen: Filters, today: date, now: datetime) -> list[UnitRow]:
    """The whole list as filtered and ordered (the .xlsx)."""
    summary(chosen, today, now)
    return rows(chosen)


def compute(assessments: list[Assessment], plans: dict[int, Plan], today: date,
            now: datetime) -> dict[int, stored_figures.Figures]:
    """The figures of those assessments from their plans' tasks, in a fixed number of queries."""
    if not assessments:
        return {}
    mine = {a.id: plans[a.id] for a in assessments if a.id in plans}
    plan_ids = [p.id for p in mine.values()]
    known = projection.surveys_known(assessments)
    by_plan: dict[int, list] = {}
    for task in task_rows(plan_ids):
        by_plan.setdefault(task.plan_id, []).append(task)
    surveys = projection.survey_lost([a.id for a in assessments])
    stale = stale_counts(plan_ids, now)
    ranking = projection.rankings({a.year for a in assessments})
    computed = {}
    for a in assessments:
        plan = mine.get(a.id)
        read_against = projection.basis(a, plan, surveys.get(a.id, 0.0))
        tasks = [projection.figures(t, t, a.id in known) for t in by_plan.get(plan.id, [])] if plan else []
        figures = projection.project(a, read_against, tasks, projection.peers_of(a, ranking), today)
        computed[a.id] = stored_figures.Figures(figures, stale.get(plan.id, 0) if plan else 0)
    return computed


def plan_deadlines(years: set[int]) -> dict[int, date]:
    if not years:
        return {}
    return dict(db.session.execute(select(PlanDeadline.year, PlanDeadline.due_on)
                                   .where(PlanDeadline.year.in_(years))).all())


class DeadlineError(InputError):
    """The plans' due date cannot be set like this."""


def set_plan_deadline(year: int, due_on: date, actor, tell: bool = True) -> PlanDeadline:
    """By when the units scored on `year`'s results must issue their plan (audited); `tell`:
    their admins are told (tell_units_to_plan)."""
    if not db.session.scalar(select(Assessment.id).where(Assessment.year == year).limit(1)):
        raise DeadlineError("There are no results of %(year)s.", year=year)
    if due_on.year not in (year, year + 1):
        raise DeadlineError("The plans for the results of %(year)s are due in %(year)s or %(next)s, not on %(day)s.",
                            year=year, next=year + 1, day=due_on.strftime("%d/%m/%Y"))
    deadline = audit.save(PlanDeadline, db.session.get(PlanDeadline, year), {"year": year, "due_on": due_on},
                          "plan_deadline", actor)
    if tell:
        tell_units_to_plan(year, due_on)
    return deadline


def tell_units_to_plan(year: int, due_on: date, unit_id: int | None = None) -> int:
    """The admins of each unit that runs its own plan here (or only `unit_id`) and has results
    of `year` without a plan are told by when to issue it; returns the messages queued."""
    from tracker import workspace
    from tracker.notify import messages
    from tracker.services import documents, setup
    own = setup.own_unit()
    coordinator = documents.settings_of(own).coordinator if own else ""
    with workspace.unscoped():
        waiting = db.session.execute(
            select(Unit, Assessment).join(Assessment, Assessment.unit_id == Unit.id)
            .where(Unit.runs_own_plan.is_(True), Assessment.year == year,
                   Assessment.id.not_in(select(Plan.assessment_id)),
                   *([Unit.id == unit_id] if unit_id else []))).all()
    told = 0
    for unit, assessment in waiting:
        with workspace.working_in(workspace.Workspace(unit.id)):
            told += len(messages.plan_due(unit, assessment, due_on, coordinator))
    return told
