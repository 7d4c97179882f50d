"""The weekly digests (`send-digests`, and the scheduler on Monday or the week's first working day).

A digest for ISO week W is as of the start of W (Monday 00:00 in TRACKER_TIMEZONE) and looks
back on the week before. Each task is taken as it stood at that moment, as the periodic reports
take it (domain/report_figures.task_at: its state, value, deadline, lead department and share
from the history and the audited edits), so a digest built later for a past week shows what it
showed then, with the same figures as the dashboard and the reports.
- Each department with tasks in the current plans: its overdue tasks, those due in the next 14
  days, those with no update for 14 days, those finished or returned last week, and the points
  its tasks carry (lost, secured, expected). To its officers and contact addresses.
- The admins and leaders: each current plan's projected figures (CONTRACT §5) and their change
  over the week, departments ranked by overdue tasks, tasks waiting for verification, and the
  tasks that moved the expected score most.
The queries are the same whatever the number of tasks, plans, departments or recipients.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.domain import projection as figures
from tracker.domain import report_figures as rf
from tracker.domain.periods import iso_week
from tracker.domain.task_states import COMPLETE, OPEN, TaskStatus, is_overdue
from tracker.domain.scoring import round2
from tracker import workspace
from tracker.extensions import db
from tracker.i18n import local_midnight_utc
from tracker.models import Assessment, Department, Plan, ProgressUpdate, Task, Unit
from tracker.notify import outbox, render
from tracker.notify.lines import Listing, TaskLine
from tracker.notify.recipients import DIGEST, Audience
from tracker.services import projection as projection_service
from tracker.services import task_history
from tracker.services.plans import current_plan_ids, latest_results

DUE_WITHIN = 14    # days ahead for "due soon"
STALE_AFTER = 14   # days without an update
MOVERS = 5
PLANS_SHOWN = 30


@dataclass
class Week:
    label: str                 # "2026-W49"
    monday: date
    cutoff: datetime           # Monday 00:00 local, as naive UTC: the digest's "now"
    previous_cutoff: datetime  # a week earlier

    @property
    def title(self) -> str:
        """"49/2026", as the week is named in a Vietnamese subject line."""
        year, number, _day = self.monday.isocalendar()
        return f"{number}/{year}"

    @property
    def last_week(self) -> tuple[date, date]:
        return self.monday - timedelta(days=7), self.monday - timedelta(days=1)


def week_of(monday: date) -> Week:
    cutoff = local_midnight_utc(monday)
    return Week(iso_week(monday), monday, cutoff, local_midnight_utc(monday - timedelta(days=7)))


@dataclass
class TaskRow:
    """A task of a current plan as it stood at the digest's cut-off and a week before (None: it
    did not exist yet): its state, deadline, lead department and share as of each moment, read
    from the history as the periodic reports read it (domain/report_figures.task_at)."""

    record: rf.TaskRecord
    now: rf.TaskAt | None
    before: rf.TaskAt | None
    survey_known: bool = False  # its plan's survey has reported (the next year's results are in)

    def figures(self, state: rf.TaskAt) -> figures.TaskFigures:
        return state.figures(self.survey_known)

    @property
    def id(self) -> int:
        return self.record.id

    @property
    def plan_id(self) -> int:
        return self.record.plan_id

    @property
    def code(self) -> str:
        return self.record.code

    @property
    def lead_department_id(self) -> int | None:
        return self.now.lead_department_id if self.now else self.record.lead_department_id

    @property
    def deadline(self) -> date:
        return self.now.deadline if self.now else self.record.deadline

    @property
    def lost_points(self) -> float:
        return self.now.lost_points if self.now else self.record.lost_points

    @property
    def last_update(self) -> datetime:
        """The last update before the cut-off (or its creation)."""
        return (self.now.last_update if self.now else None) or self.record.created_at

    def is_open(self) -> bool:
        return self.now is not None and self.now.is_open


@dataclass
class DepartmentDigest:
    department: Department
    tasks: int = 0  # not cancelled
    overdue: Listing = field(default_factory=Listing)
    due_soon: Listing = field(default_factory=Listing)
    stale: Listing = field(default_factory=Listing)
    finished: Listing = field(default_factory=Listing)
    returned: Listing = field(default_factory=Listing)
    lost: float = 0.0
    secured: float = 0.0
    expected: float = 0.0


@dataclass
class PlanFigures:
    plan: Plan
    now: dict      # CONTRACT §5 at the cut-off
    before: dict   # … a week earlier
    risks: list[figures.Risk] = field(default_factory=list)  # full marks now, lost in an earlier year

    def change(self, key: str) -> float:
        return round2(self.now[key] - self.before[key])


@dataclass
class DepartmentOverdue:
    department: Department
    overdue: int
    open: int


@dataclass
class UnitBehind:
    """A unit the leaders should call: its results have no plan yet, or its plan has overdue
    tasks at the week's cut-off (the units page's "behind", as of the week)."""
    name: str
    plan: str | None   # the plan's number, None without a plan
    overdue: int = 0


@dataclass
class LeadersDigest:
    plans: list[PlanFigures] = field(default_factory=list)
    # Units followed here (with more than one, a province following its sở and communes).
    units: int = 0
    behind: list[UnitBehind] = field(default_factory=list)
    departments: list[DepartmentOverdue] = field(default_factory=list)
    waiting: Listing = field(default_factory=Listing)
    movers: list[TaskLine] = field(default_factory=list)

    @property
    def overdue(self) -> int:
        return sum(row.overdue for row in self.departments)

    @property
    def departments_behind(self) -> list[DepartmentOverdue]:
        """The departments with overdue tasks, most first: whom a leader calls."""
        return [row for row in self.departments if row.overdue]

    @property
    def risks(self) -> list[figures.Risk]:
        return [risk for plan in self.plans for risk in plan.risks]

    @property
    def points_at_risk(self) -> float:
        return round2(sum(risk.lost for risk in self.risks))

    @property
    def weakest(self) -> list[PlanFigures]:
        """With many plans (a province following its communes), those expected lowest first."""
        return sorted(self.plans, key=lambda f: (f.now["expected_pct"], f.plan.id))[:PLANS_SHOWN]


@dataclass
class Digests:
    week: Week
    departments: list[DepartmentDigest] = field(default_factory=list)
    leaders: LeadersDigest | None = None
    messages: list[outbox.Message] = field(default_factory=list)


# --- Reading ----------------------------------------------------------------------------

def in_current_plans():
    return Task.plan_id.in_(current_plan_ids())


def load_tasks(week: Week, plans: list[Plan]) -> list[TaskRow]:
    """Every task of the current plans at the week's cut-off and a week before."""
    scope = in_current_plans()
    records = task_history.records(scope)
    updates = task_history.updates(scope)
    edits = task_history.edits(scope, after=week.previous_cutoff)
    now = {t.record.id: t for t in rf.tasks_at(records, updates, edits, week.cutoff)}
    before = {t.record.id: t for t in rf.tasks_at(records, updates, edits, week.previous_cutoff)}
    known = projection_service.surveys_known([p.assessment for p in plans])
    surveyed = {p.id for p in plans if p.assessment_id in known}
    rows = [TaskRow(r, now.get(r.id), before.get(r.id), r.plan_id in surveyed) for r in records]
    return sorted(rows, key=lambda t: (t.deadline, t.code, t.id))


def load_week_changes(week: Week):
    """Last week's updates that finished or returned a task, oldest first."""
    return db.session.execute(
        select(ProgressUpdate.task_id, ProgressUpdate.status_from, ProgressUpdate.status_to, ProgressUpdate.note)
        .join(Task, Task.id == ProgressUpdate.task_id)
        .where(in_current_plans(), ProgressUpdate.at >= week.previous_cutoff, ProgressUpdate.at < week.cutoff)
        .order_by(ProgressUpdate.at, ProgressUpdate.id)).all()


def results_without_plan(week: Week) -> list[str]:
    """The units whose latest results had no plan issued before the week's Monday."""
    latest = latest_results()
    planned = select(Plan.assessment_id).where(Plan.issued_on < week.monday)
    return list(db.session.scalars(
        select(Unit.name).join(Assessment, Assessment.unit_id == Unit.id)
        .join(latest, (latest.c.unit_id == Assessment.unit_id) & (latest.c.year == Assessment.year))
        .where(Assessment.id.not_in(planned)).order_by(Unit.name)))


def units_behind(plans: list[PlanFigures], week: Week) -> tuple[int, list[UnitBehind]]:
    """(the units followed, those behind: without a plan first, then the most overdue)."""
    missing = results_without_plan(week)
    late = sorted((UnitBehind(f.plan.assessment.unit.name, f.plan.number, f.now["tasks"]["overdue"])
                   for f in plans if f.now["tasks"]["overdue"]), key=lambda u: (-u.overdue, u.name))
    return len(plans) + len(missing), [UnitBehind(name, None) for name in missing] + late


def load_plans() -> list[Plan]:
    return db.session.scalars(
        select(Plan).where(Plan.id.in_(current_plan_ids()))
        .options(selectinload(Plan.assessment).selectinload(Assessment.unit),
                 selectinload(Plan.assessment).selectinload(Assessment.criteria_set), selectinload(Plan.target_set))
        .order_by(Plan.id)).all()


# --- Putting the digests together --------------------------------------------------------

def line(task: TaskRow, departments: dict[int, Department], **extra) -> TaskLine:
    department = departments.get(task.lead_department_id)
    return TaskLine(task_id=task.id, code=task.code, title=task.now.title,
                    department=department.name if department else None, deadline=task.deadline,
                    status=task.now.status, progress=task.now.progress, **extra)


def department_digests(week: Week, tasks: list[TaskRow], departments: dict[int, Department],
                       changes) -> list[DepartmentDigest]:
    digests: dict[int, DepartmentDigest] = {}
    by_id = {t.id: t for t in tasks}
    for task in tasks:
        if task.now is None or task.lead_department_id not in departments:
            continue
        digest = digests.setdefault(task.lead_department_id, DepartmentDigest(departments[task.lead_department_id]))
        if task.now.status != "cancelled":
            digest.tasks += 1
            fig = task.figures(task.now)
            digest.lost += task.lost_points
            digest.secured += figures.secured_points([fig])
            digest.expected += figures.expected_points([fig])
        if not task.is_open():
            continue
        days_left = (task.deadline - week.monday).days
        if is_overdue(task.deadline, task.now.status, week.monday):
            digest.overdue.add(line(task, departments, days_left=days_left))
        elif days_left < DUE_WITHIN:
            digest.due_soon.add(line(task, departments, days_left=days_left))
        if task.last_update < week.cutoff - timedelta(days=STALE_AFTER):
            digest.stale.add(line(task, departments, days_left=days_left))
    finished: dict[int, TaskLine] = {}
    for change in changes:
        task = by_id.get(change.task_id)
        if task is None or task.now is None or task.lead_department_id not in digests:
            continue
        if change.status_to in COMPLETE and change.status_from not in COMPLETE:
            finished[task.id] = line(task, departments)
        elif change.status_from == TaskStatus.DONE.value and change.status_to in OPEN:
            digests[task.lead_department_id].returned.add(line(task, departments, note=change.note))
    for task_id, found in finished.items():
        digests[by_id[task_id].lead_department_id].finished.add(found)
    for digest in digests.values():
        digest.lost, digest.secured, digest.expected = (round2(digest.lost), round2(digest.secured),
                                                        round2(digest.expected))
    return sorted(digests.values(), key=lambda d: d.department.code)


def plan_figures(plans: list[Plan], tasks: list[TaskRow], week: Week) -> list[PlanFigures]:
    assessments = [p.assessment for p in plans]
    surveys = projection_service.survey_lost([a.id for a in assessments])
    ranking = projection_service.rankings({a.year for a in assessments})
    risks = projection_service.risks_for(assessments)
    by_plan: dict[int, list[TaskRow]] = {}
    for task in tasks:
        by_plan.setdefault(task.plan_id, []).append(task)
    result = []
    for plan in plans:
        a = plan.assessment
        peers = projection_service.peers_of(a, ranking)
        read_against = projection_service.basis(a, plan, surveys.get(a.id, 0.0))

        def project(moment_state, day):
            return projection_service.project(
                a, read_against, [t.figures(s) for t in by_plan.get(plan.id, []) if (s := moment_state(t)) is not None],
                peers, day)
        result.append(PlanFigures(plan, project(lambda t: t.now, week.monday),
                                  project(lambda t: t.before, week.monday - timedelta(days=7)), risks.get(a.id, [])))
    return result


def leaders_digest(week: Week, plans: list[Plan], tasks: list[TaskRow],
                   departments: dict[int, Department]) -> LeadersDigest:
    digest = LeadersDigest(plans=plan_figures(plans, tasks, week))
    digest.units, digest.behind = units_behind(digest.plans, week)
    counts: dict[int, list[int]] = {}
    moves = []
    for task in tasks:
        if task.now is None:
            continue
        if task.is_open() and task.lead_department_id in departments:
            count = counts.setdefault(task.lead_department_id, [0, 0])
            count[1] += 1
            count[0] += is_overdue(task.deadline, task.now.status, week.monday)
        if task.now.status == "done":
            digest.waiting.add(line(task, departments))

        def expected(state):
            return 0.0 if state is None else figures.expected_points([task.figures(state)])
        moved = round2(expected(task.now) - expected(task.before))
        if moved:
            moves.append((moved, task))
    digest.departments = sorted((DepartmentOverdue(departments[d], overdue, open_) for d, (overdue, open_)
                                 in counts.items()), key=lambda r: (-r.overdue, -r.open, r.department.code))
    moves.sort(key=lambda pair: (-abs(pair[0]), pair[1].id))
    digest.movers = [line(task, departments, points=moved) for moved, task in moves[:MOVERS]]
    return digest


def build(monday: date, config) -> Digests:
    """Every digest of the ISO week starting on `monday`, without writing anything."""
    week = week_of(monday)
    result = Digests(week)
    plans = load_plans()
    if not plans:
        return result
    audience = Audience.load(config["BABEL_DEFAULT_LOCALE"])
    departments = {d.id: d for d in audience.departments.values() if d.active}
    tasks = load_tasks(week, plans)
    result.departments = department_digests(week, tasks, departments, load_week_changes(week))
    result.leaders = leaders_digest(week, plans, tasks, departments)
    for digest in result.departments:
        key = f"digest:{digest.department.code}:{week.label}"
        for recipient in audience.department(digest.department.id, DIGEST):
            result.messages.append(render.message(key, "digest", "digest_department", recipient,
                                                  week=week, digest=digest))
    key = f"digest:leaders:{week.label}"
    for recipient in audience.admins_and_leaders(DIGEST):
        result.messages.append(render.message(key, "digest", "digest_leaders", recipient, week=week,
                                              digest=result.leaders))
    # Each unit that runs its own plan here: its admins and leaders get its own plan's digest.
    for unit_id in workspace.units_running_their_plan():
        with workspace.working_in(workspace.Workspace(unit_id)):
            own = load_plans()
            if not own:
                continue
            ids = {p.id for p in own}
            digest = leaders_digest(week, own, [t for t in tasks if t.plan_id in ids], departments)
            for recipient in audience.admins_and_leaders(DIGEST, unit_id):
                result.messages.append(render.message(f"digest:leaders:{unit_id}:{week.label}", "digest",
                                                      "digest_leaders", recipient, week=week, digest=digest))
    return result


def send(monday: date, config, dry_run: bool = False) -> tuple[Digests, list[outbox.Message]]:
    """Build the week's digests and, unless `dry_run`, queue them (idempotent). The caller commits."""
    digests = build(monday, config)
    if dry_run:
        return digests, []
    return digests, outbox.queue_all(digests.messages)
