"""The self-assessment export of a plan (tự đánh giá, chấm điểm).

At the end of the year the plan works in, the unit scores itself on the next year's criteria set
and uploads its evidence to the province's scoring software. For a plan this reads:

- **which set**: the one the plan was carried over to (services/carry_over); else the set of
  the unit's results of the next year, once imported; else a set published for that year
  (the one sharing most sub-criterion codes with the plan's), matched to last year's criteria
  by code. Without any, SelfAssessmentError says what to import.
- per sub-criterion of that set: what it kept last year (carried onto its maximum), the tasks
  that landed on it and their evidence files, and the points proposed (domain/self_assessment).

The page, the .xlsx (exporters/self_assessment_xlsx) and the evidence .zip
(exporters/evidence_zip) are built from the one `SelfAssessment` this returns. A few queries,
whatever the number of criteria, tasks or files.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from tracker.domain import archive_names, self_assessment as domain
from tracker.domain.carry_over import Leaf, TaskAt, carry_tasks, normalized
from tracker.domain.errors import InputError
from tracker.domain.scoring import N_, code_sort_key
from tracker.extensions import db
from tracker.models import Assessment, CriteriaSet, Criterion, Evidence, Plan, Task
from tracker.models.plans import TaskStatus
from tracker.services import carry_over, evidence as evidence_service
from tracker.services.assessment_view import score_rows
from tracker.services.effectiveness import next_results

CARRIED = "carried"            # the set the plan was carried over to
NEXT_RESULTS = "next_results"  # the set of the unit's results of the next year
NEXT_YEAR = "next_year"        # a set published for the next year, matched by code


class SelfAssessmentError(InputError):
    """There is nothing to score the plan's year on."""


@dataclass(frozen=True)
class Target:
    """The set the unit scores itself on, and how it was found."""

    criteria_set: CriteriaSet
    source: str  # CARRIED, NEXT_RESULTS or NEXT_YEAR

    @property
    def by_code(self) -> bool:
        """Last year's criteria matched to this set's by code (not by a confirmed mapping)."""
        return self.source != CARRIED


def plan_year(plan: Plan) -> int:
    """The year the plan works in, which the unit now scores itself for."""
    return plan.assessment.year + 1


def target_set(plan: Plan) -> Target:
    """The next year's criteria set for this plan (module docstring), or SelfAssessmentError."""
    if plan.target_set_id is not None:
        return Target(plan.target_set, CARRIED)
    later = next_results(plan)
    if later is not None:
        return Target(later.criteria_set, NEXT_RESULTS)
    year = plan_year(plan)
    sets = db.session.scalars(select(CriteriaSet).where(CriteriaSet.year == year)
                              .order_by(CriteriaSet.name)).all()
    if not sets:
        raise SelfAssessmentError(N_(
            "There is no criteria set for %(year)s: import the criteria set published for %(year)s "
            "(Import → criteria set, or the import-criteria command), then carry the plan over to it."), year=year)
    if len(sets) == 1:
        return Target(sets[0], NEXT_YEAR)
    old_codes = select(Criterion.code).where(Criterion.criteria_set_id == plan.assessment.criteria_set_id,
                                             Criterion.is_leaf.is_(True))
    shared = dict(db.session.execute(
        select(Criterion.criteria_set_id, func.count(Criterion.id))
        .where(Criterion.criteria_set_id.in_([s.id for s in sets]), Criterion.is_leaf.is_(True),
               Criterion.code.in_(old_codes))
        .group_by(Criterion.criteria_set_id)).all())
    return Target(max(sets, key=lambda s: shared.get(s.id, 0)), NEXT_YEAR)  # the first, by name, of a tie


@dataclass(frozen=True)
class EvidenceFile:
    id: int
    name: str              # as uploaded, for display
    uploaded_at: datetime  # naive UTC
    size: int
    stored_name: str
    url: str               # its download through the app (TRACKER_BASE_URL)
    archive_path: str = ""  # "1.2.3 - …/name.pdf" in the evidence .zip


@dataclass
class TaskLine:
    task: Task
    lost_points: float                 # its share of the criterion's loss, on the new set
    files: list[EvidenceFile] = field(default_factory=list)


@dataclass
class Line:
    """A criterion of the next year's set: a field or criterion with its roll-up, or a
    sub-criterion with its claim, tasks and evidence."""

    criterion: Criterion
    claim: domain.Claim | None = None
    rollup: domain.Rollup | None = None
    tasks: list[TaskLine] = field(default_factory=list)
    title_changed: bool = False  # matched by code to last year's criterion of another title

    @property
    def files(self) -> list[EvidenceFile]:
        return [f for t in self.tasks for f in t.files]

    @property
    def unverified(self) -> int:
        """Tasks still open or only done: their points are not claimed."""
        return sum(1 for t in self.tasks if t.task.status != TaskStatus.VERIFIED.value)


@dataclass
class SelfAssessment:
    plan: Plan
    target: Target
    lines: list[Line]            # every criterion of the set, in code order
    total: domain.Rollup
    unmatched: list[Task]        # tasks whose criterion has no place in the set
    hidden_files: int            # evidence files the reader may not download, left out

    @property
    def year(self) -> int:
        return plan_year(self.plan)

    @property
    def leaves(self) -> list[Line]:
        return [line for line in self.lines if line.criterion.is_leaf]

    @property
    def fields(self) -> list[Line]:
        return [line for line in self.lines if line.criterion.depth == 0]

    @property
    def files(self) -> list[tuple[Line, TaskLine, EvidenceFile]]:
        """Every evidence file listed, by criterion, then task, then upload."""
        return [(line, t, f) for line in self.leaves for t in line.tasks for f in t.files]

    @property
    def survey_points(self) -> float:
        return round(sum(line.criterion.max_points for line in self.leaves
                         if line.claim.basis == domain.SURVEY_LEFT), 2)

    @property
    def no_result_points(self) -> float:
        return round(sum(line.criterion.max_points for line in self.leaves
                         if line.claim.basis == domain.NO_RESULT), 2)

    @property
    def title_changes(self) -> list[Line]:
        return [line for line in self.leaves if line.title_changed]


def _task_query(plan: Plan, set_id: int):
    """The plan's tasks on the criteria of `set_id`, cancelled ones left out (they are no longer
    part of the plan), with what each line shows loaded at once."""
    return (select(Task).join(Criterion, Criterion.id == Task.criterion_id)
            .where(Task.plan_id == plan.id, Criterion.criteria_set_id == set_id,
                   Task.status != TaskStatus.CANCELLED.value)
            .options(selectinload(Task.criterion), selectinload(Task.lead_department))
            .order_by(Task.id))


def build(plan: Plan, may_download: Callable[[Task], bool], base_url: str) -> SelfAssessment:
    """The whole export for `plan`; `may_download(task)` says whose evidence the reader gets
    (permissions.can_download_evidence for a page; everything on the command line)."""
    target = target_set(plan)
    new_set = target.criteria_set
    criteria = sorted(db.session.scalars(select(Criterion).where(Criterion.criteria_set_id == new_set.id)).all(),
                      key=lambda c: c.sort_key)
    new_leaves = [c for c in criteria if c.is_leaf]
    old = carry_over.old_leaves(score_rows(plan.assessment_id))
    old_by_code = {c.code: c for c, _score in old}
    new_codes = {c.code for c in new_leaves}
    if target.by_code:
        links = {c.code: [c.code] if c.code in new_codes else [] for c, _score in old}
    else:
        links = carry_over.links_of(plan)
    linked = {code for codes in links.values() for code in codes}
    leaf = {c.code: Leaf(c.code, c.title, c.max_points, method=c.method) for c in new_leaves}
    scores = carry_over.carried(plan, [carry_over.as_leaf(c, score) for c, score in old], list(leaf.values()), links)

    # Each task on the new leaf it lands on, with its share of that leaf's loss.
    shares: dict[str, list[tuple[Task, float, str]]] = {}
    unmatched: list[Task] = []
    if target.by_code:
        tasks = db.session.scalars(_task_query(plan, plan.assessment.criteria_set_id)).all()
        by_id = {t.id: t for t in tasks}
        carry = carry_tasks([TaskAt(t.id, t.criterion.code, t.lost_points) for t in tasks], links,
                            list(leaf.values()), scores)
        for landing in carry.moved:
            task = by_id[landing.task_id]
            shares.setdefault(landing.new_code, []).append((task, landing.lost_points, task.criterion.method))
        unmatched = [by_id[task_id] for task_id in carry.closed]
    else:
        for task in db.session.scalars(_task_query(plan, new_set.id)).all():
            shares.setdefault(task.criterion.code, []).append((task, task.lost_points, task.criterion.method))

    files, hidden = _evidence(plan, [t for found in shares.values() for t, _l, _m in found], may_download, base_url)
    claims: dict[str, tuple[float, domain.Claim]] = {}
    lines = []
    for criterion in criteria:
        if not criterion.is_leaf:
            lines.append(Line(criterion))
            continue
        landed = sorted(shares.get(criterion.code, []), key=lambda s: (s[0].part, s[0].id))
        kept = scores[criterion.code] if criterion.code in linked else None
        found = domain.claim(criterion.max_points, criterion.method, kept,
                             [domain.TaskShare(lost, t.status, method) for t, lost, method in landed])
        claims[criterion.code] = (criterion.max_points, found)
        previous = old_by_code.get(criterion.code)
        lines.append(Line(criterion, claim=found,
                          tasks=[TaskLine(t, lost, files.get(t.id, [])) for t, lost, _m in landed],
                          title_changed=bool(target.by_code and previous is not None
                                             and normalized(previous.title) != normalized(criterion.title))))
    rollups = domain.roll_up(claims)
    for line in lines:
        if not line.criterion.is_leaf:
            line.rollup = rollups.get(line.criterion.code)
    _name_in_archive(lines)
    total = rollups.get(domain.TOTAL, domain.Rollup(0.0, 0.0, 0.0, 0.0))
    return SelfAssessment(plan, target, lines, total, sorted(unmatched, key=lambda t: code_sort_key(t.criterion.code)),
                          hidden)


def _evidence(plan: Plan, tasks: list[Task], may_download: Callable[[Task], bool],
              base_url: str) -> tuple[dict[int, list[EvidenceFile]], int]:
    """Task id → the evidence files the reader may download, oldest first; and how many were
    left out. One query."""
    allowed = {t.id for t in tasks if may_download(t)}
    ids = [t.id for t in tasks]
    if not ids:
        return {}, 0
    rows = db.session.execute(
        select(Evidence.id, Evidence.task_id, Evidence.original_name, Evidence.uploaded_at, Evidence.size,
               Evidence.stored_name)
        .where(Evidence.task_id.in_(ids)).order_by(Evidence.uploaded_at, Evidence.id)).all()
    found: dict[int, list[EvidenceFile]] = {}
    hidden = 0
    for row in rows:
        if row.task_id not in allowed:
            hidden += 1
            continue
        found.setdefault(row.task_id, []).append(EvidenceFile(
            row.id, row.original_name, row.uploaded_at, row.size, row.stored_name,
            f"{base_url.rstrip('/')}/tasks/evidence/{row.id}"))
    return found, hidden


def _name_in_archive(lines: list[Line]) -> None:
    """Each file's path in the evidence .zip (domain/archive_names), written onto it."""
    listed = [(line, t, i) for line in lines for t in line.tasks for i in range(len(t.files))]
    paths = archive_names.archive_paths([(line.criterion.code, line.criterion.title, t.files[i].name)
                                         for line, t, i in listed])
    for (line, t, i), path in zip(listed, paths):
        t.files[i] = replace(t.files[i], archive_path=path)


def archive_entries(found: SelfAssessment, upload_dir: str):
    """What the evidence .zip holds: (path in the archive, file on disk, uploaded at) per file."""
    from tracker.exporters.evidence_zip import ZipEntry
    return [ZipEntry(f.archive_path, evidence_service.path_of(upload_dir, f.stored_name), f.uploaded_at, f.size)
            for _line, _task, f in found.files]


def find_plan(unit_name: str, year: int) -> Plan:
    """The plan for a unit's results of `year` (command line), or SelfAssessmentError."""
    from tracker.services import plans
    assessment = plans.find_assessment(unit_name, year)
    plan = db.session.scalar(select(Plan).where(Plan.assessment_id == assessment.id))
    if plan is None:
        raise SelfAssessmentError(N_("There is no plan for %(unit)s %(year)s yet; generate it first."),
                                  unit=unit_name, year=year)
    return plan


def load_plan(plan_id: int) -> Plan | None:
    return db.session.scalar(select(Plan).where(Plan.id == plan_id).options(
        selectinload(Plan.assessment).selectinload(Assessment.unit),
        selectinload(Plan.assessment).selectinload(Assessment.criteria_set),
        selectinload(Plan.target_set)))
