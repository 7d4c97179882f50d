"""The province's view of every unit's plan (the units page and its .xlsx): per unit, its latest results, whether its plan is issued, its tasks (done, overdue, stale) and
where its score is heading. The figures are the unit's own projection (CONTRACT §5), read the
same way as its projection page, in a fixed number of queries whatever the number of units."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from tracker.domain import projection as domain_projection
from tracker.domain.task_states import COMPLETE
from tracker.extensions import db
from tracker.domain.errors import InputError
from tracker.models import Assessment, Criterion, Plan, PlanDeadline, Task, Unit
from tracker.services import audit, projection, stored_figures
from tracker.services.dashboard import is_stale, last_updates
from tracker.services.plans import latest_results

# How the list can be ordered (`ordered`).
SORTS = ("behind", "unit", "expected", "overdue", "done", "issued")


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
    figures_version: int


@dataclass(frozen=True)
class PlanInfo:
    id: int
    number: str
    issued_on: date


@dataclass
class UnitRow:
    """What the page shows of a unit: read as plain columns, not ORM objects (hundreds of
    units are listed, sorted and counted on every view; only changed ones are computed)."""
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
        """The plan's tasks, cancelled ones left out."""
        return sum(n for status, n in self.counts.items() if status not in ("cancelled", "overdue"))

    @property
    def done(self) -> int:
        return sum(self.counts.get(status, 0) for status in COMPLETE)

    @property
    def overdue(self) -> int:
        return self.counts["overdue"]

    @property
    def done_pct(self) -> float:
        return round(self.done * 100 / self.tasks, 1) if self.tasks else 0.0

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


def listed(kind: str | None = None, search: str = "") -> list[tuple[UnitInfo, AssessmentInfo, PlanInfo | None]]:
    """Each unit's latest results and its plan for them, in one query of plain columns."""
    latest = latest_results()
    stmt = (select(Unit.id, Unit.name, Unit.own, Unit.runs_own_plan, Assessment.id, Assessment.year,
                   Assessment.figures_version, Plan.id, Plan.number, Plan.issued_on)
            .select_from(Assessment)
            .join(latest, (latest.c.unit_id == Assessment.unit_id) & (latest.c.year == Assessment.year))
            .join(Unit, Unit.id == Assessment.unit_id).outerjoin(Plan, Plan.assessment_id == Assessment.id))
    if kind:
        stmt = stmt.where(Unit.kind == kind)
    if search:
        stmt = stmt.where(func.lower(Unit.name).contains(search.lower(), autoescape=True))
    return [(UnitInfo(unit_id, name, own, runs), AssessmentInfo(a_id, year, version),
             PlanInfo(plan_id, number, issued_on) if plan_id else None)
            for unit_id, name, own, runs, a_id, year, version, plan_id, number, issued_on
            in db.session.execute(stmt)]


def rows(today: date, now: datetime, kind: str | None = None, search: str = "") -> list[UnitRow]:
    """One row per unit with results, in the order of the units' names. The figures come from
    the store where still valid (services/stored_figures): a steady page reads one row per unit,
    not its tasks; only the units whose plan changed since, or all of them once a day, are computed."""
    found = listed(kind, search)
    assessments = [a for _u, a, _p in found]
    figures_of = stored_figures.read(assessments, today)
    missing = [a.id for a in assessments if a.id not in figures_of]
    if missing:
        loaded = db.session.scalars(select(Assessment).where(Assessment.id.in_(missing)).options(
            selectinload(Assessment.unit), selectinload(Assessment.criteria_set))).all()
        plans = {p.assessment_id: p for p in db.session.scalars(
            select(Plan).where(Plan.assessment_id.in_(missing)).options(selectinload(Plan.target_set)))}
        computed = compute(loaded, plans, today, now)
        # The versions read with the list, before the tasks: a change committed since outdates these.
        stored_figures.save(computed, {a.id: a.figures_version for a in assessments if a.id in computed}, today)
        figures_of.update(computed)
    ranking = projection.rankings({a.year for a in assessments})
    due = plan_deadlines({a.year for a in assessments})
    result = []
    for unit, assessment, plan in found:
        figures = {**figures_of[assessment.id].figures, "unit": unit.name}
        figures["projected_rank"], figures["rank_of"] = domain_projection.ranked(
            projection.peers_named(assessment.year, unit.name, ranking),
            figures["expected"], figures["max_score"])
        result.append(UnitRow(unit, assessment, plan, figures, figures_of[assessment.id].stale,
                              due.get(assessment.year)))
    return sorted(result, key=lambda r: (r.unit.name.casefold(), r.unit.id))


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
    computed = {}
    for a in assessments:
        plan = mine.get(a.id)
        read_against = projection.basis(a, plan, surveys.get(a.id, 0.0))
        tasks = [projection.figures(t, t, a.id in known) for t in by_plan.get(plan.id, [])] if plan else []
        figures = projection.project(a, read_against, tasks, None, today)
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


def ordered(found: list[UnitRow], sort: str, behind_only: bool = False) -> list[UnitRow]:
    """The rows as the reader asked: those behind first (no plan, then the most overdue), or by
    name, expected score (lowest first: who needs help), overdue (most first), share done
    (least first) or plan issue date (latest first, none last)."""
    if behind_only:
        found = [r for r in found if r.behind]
    keys = {
        "unit": lambda r: (0,),
        "expected": lambda r: (r.figures["expected_pct"],),
        "overdue": lambda r: (-r.overdue,),
        "done": lambda r: (r.done_pct,),
        "issued": lambda r: (r.plan is None, -(r.plan.issued_on.toordinal() if r.plan else 0)),
        "behind": lambda r: (r.plan is not None, -r.overdue, r.figures["expected_pct"]),
    }
    key = keys.get(sort, keys["behind"])
    return sorted(found, key=key)  # stable: ties keep the names' order
