"""Reading plans for pages and exports: tasks grouped by field, counts by status."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from tracker.domain.scoring import code_sort_key
from tracker.extensions import db
from tracker.models import Assessment, Criterion, CriterionResult, Plan, Task
from tracker.models.plans import STATUS_VALUES


@dataclass
class FieldTasks:
    field: Criterion
    tasks: list[Task] = field(default_factory=list)

    @property
    def lost_points(self) -> float:
        return round(sum(t.lost_points for t in self.tasks if t.status != "cancelled"), 2)


def load(plan_id: int) -> Plan | None:
    return db.session.scalar(
        select(Plan).where(Plan.id == plan_id).options(
            selectinload(Plan.assessment).selectinload(Assessment.unit),
            selectinload(Plan.assessment).selectinload(Assessment.criteria_set)))


def loss_reasons(plan: Plan, criterion_ids: list[int] | None = None) -> dict[int, str]:
    """Why the points were lost (the appraisal's note), by criterion id, where one is given."""
    stmt = select(CriterionResult.criterion_id, CriterionResult.note).where(
        CriterionResult.assessment_id == plan.assessment_id, CriterionResult.note.is_not(None),
        CriterionResult.note != "")
    if criterion_ids is not None:
        stmt = stmt.where(CriterionResult.criterion_id.in_(criterion_ids))
    return dict(db.session.execute(stmt).all())


def tasks_by_field(plan: Plan) -> list[FieldTasks]:
    tasks = db.session.scalars(
        select(Task).where(Task.plan_id == plan.id)
        .options(selectinload(Task.criterion), selectinload(Task.lead_department),
                 selectinload(Task.supporting_departments))).all()
    fields = field_criteria(plan)
    groups: dict[str, FieldTasks] = {}
    for task in sorted(tasks, key=lambda t: (code_sort_key(t.criterion.code), t.id)):
        code = task.criterion.field_code
        groups.setdefault(code, FieldTasks(fields[code])).tasks.append(task)
    return [groups[code] for code in sorted(groups, key=code_sort_key)]


def unplanned_risks(plan: Plan) -> list:
    """The at-risk criteria (full marks now, lost in an earlier year) the plan has no task for."""
    from tracker.services import projection
    risks = projection.risks(plan.assessment)
    if not risks:
        return []
    planned = set(db.session.scalars(select(Criterion.code).join(Task, Task.criterion_id == Criterion.id)
                                     .where(Task.plan_id == plan.id)))
    return [r for r in risks if r.code not in planned]


def field_criteria(plan: Plan) -> dict[str, Criterion]:
    """The fields tasks are grouped under, by code: the plan's set's, and once it is carried
    over, the new set's (its cancelled tasks stay on last year's criteria)."""
    sets = [plan.assessment.criteria_set_id] + ([plan.target_set_id] if plan.target_set_id else [])
    found = db.session.scalars(select(Criterion).where(Criterion.criteria_set_id.in_(sets),
                                                       Criterion.depth == 0)).all()
    return {c.code: c for c in sorted(found, key=lambda c: c.criteria_set_id == plan.target_set_id)}  # the new set last: its titles win


def field_titles(plan: Plan) -> dict[str, str]:
    return {code: c.title for code, c in field_criteria(plan).items()}


def status_counts(plan_ids: list[int]) -> dict[int, dict[str, int]]:
    rows = db.session.execute(
        select(Task.plan_id, Task.status, func.count(Task.id))
        .where(Task.plan_id.in_(plan_ids)).group_by(Task.plan_id, Task.status)).all()
    counts = {pid: dict.fromkeys(STATUS_VALUES, 0) for pid in plan_ids}
    for pid, status, n in rows:
        counts[pid][status] = n
    return counts
