"""Did a plan work? Its tasks beside the results of the year it worked in (domain/effectiveness)."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.domain import effectiveness
from tracker.domain.scoring import code_sort_key, lost_points
from tracker.extensions import db
from tracker.models import Assessment, Criterion, CriterionResult, Plan, Task
from tracker.services import plan_view


def next_results(plan: Plan) -> Assessment | None:
    """The unit's results for the year the plan worked in (assessed year + 1), once imported."""
    a = plan.assessment
    return db.session.scalar(select(Assessment).where(Assessment.unit_id == a.unit_id,
                                                      Assessment.year == a.year + 1))


def lost_by_code(assessment: Assessment) -> dict[str, float]:
    """What each leaf lost in those results, by code: the criteria sets of two years are matched
    by their codes."""
    rows = db.session.execute(
        select(Criterion.code, Criterion.max_points, CriterionResult.appraised_score)
        .join(CriterionResult, CriterionResult.criterion_id == Criterion.id)
        .where(CriterionResult.assessment_id == assessment.id, Criterion.is_leaf.is_(True))).all()
    return {code: lost_points(maximum, appraised) for code, maximum, appraised in rows}


def outcome(plan: Plan) -> tuple[Assessment | None, effectiveness.Effectiveness | None]:
    """The results of the year the plan worked in, and each task beside what its criterion lost
    then; (None, None) before those results."""
    later = next_results(plan)
    if later is None:
        return None, None
    after = lost_by_code(later)
    tasks = db.session.scalars(select(Task).where(Task.plan_id == plan.id).options(
        selectinload(Task.criterion), selectinload(Task.lead_department))).all()
    per_criterion: dict[int, float] = {}
    for task in tasks:  # a split criterion's parts share its loss
        per_criterion[task.criterion_id] = per_criterion.get(task.criterion_id, 0.0) + task.lost_points
    rows = [effectiveness.TaskOutcome(
        task_id=t.id, code=t.criterion.code, field=t.criterion.field_code,
        department=t.lead_department.name if t.lead_department else "", status=t.status,
        lost_before=t.lost_points,
        lost_after=effectiveness.lost_share(after.get(t.criterion.code), t.lost_points, per_criterion[t.criterion_id]))
        for t in sorted(tasks, key=lambda t: (code_sort_key(t.criterion.code), t.id))]
    return later, effectiveness.assess(rows)


def previous_plan(plan: Plan) -> Plan | None:
    """The unit's plan of the year before: the one whose results year this plan starts from."""
    a = plan.assessment
    return db.session.scalar(select(Plan).join(Assessment, Plan.assessment_id == Assessment.id)
                             .where(Assessment.unit_id == a.unit_id, Assessment.year == a.year - 1))


def last_plan_summary(plan: Plan) -> dict | None:
    """For this plan's annual report: how last year's plan did in the results this plan starts
    from (None without such a plan)."""
    previous = previous_plan(plan)
    if previous is None:
        return None
    later, result = outcome(previous)
    if later is None or not result.rows:
        return None
    return {"plan_id": previous.id, **effectiveness.report_summary(
        result, number=previous.number, assessed_year=previous.assessment.year, results_year=later.year,
        field_titles=plan_view.field_titles(previous))}
