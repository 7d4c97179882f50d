"""Generating a remediation plan from an assessment: one task per lost-point leaf."""
from __future__ import annotations

from datetime import date

from sqlalchemy import Select, and_, func, select
from sqlalchemy.exc import IntegrityError

from tracker.domain import deadlines
from tracker.domain.errors import InputError
from tracker.domain import wording
from tracker.domain.planning import ALL_DEPARTMENTS, LostCriterion, Rule, draft_tasks, resolve_rule
from tracker.domain.scoring import SURVEY, code_sort_key
from tracker.extensions import db
from tracker.i18n import local_midnight_utc
from tracker.models import (Assessment, Criterion, CriterionResult, Department, Plan, PlanningRule,
                            Task, TaskStatus, Unit)
from tracker.models.base import utcnow
from tracker.services import audit


def load_rules() -> dict[str, Rule]:
    rules = db.session.scalars(select(PlanningRule)).all()
    departments = {d.id: d.code for d in db.session.scalars(select(Department))}
    return {r.code: Rule(lead=departments.get(r.lead_department_id),
                         supporting=[c.strip() for c in r.supporting_codes.split(",") if c.strip()],
                         title=r.task_title, product=r.product) for r in rules}


def lost_criteria(assessment: Assessment) -> list[tuple[Criterion, LostCriterion]]:
    rows = db.session.execute(
        select(Criterion, CriterionResult)
        .join(CriterionResult, CriterionResult.criterion_id == Criterion.id)
        .where(CriterionResult.assessment_id == assessment.id, Criterion.is_leaf.is_(True))).all()
    found = [(c, LostCriterion(code=c.code, title=c.title, max_points=c.max_points,
                               appraised=r.appraised_score, note=r.note or "", method=c.method))
             for c, r in rows]
    found = [(c, lc) for c, lc in found if lc.lost > 0]
    return sorted(found, key=lambda pair: code_sort_key(pair[0].code))


def latest_results():
    """Each unit's latest assessed year, as a subquery (unit_id, year): what the units page
    lists and the leaders' digest checks for a plan."""
    return (select(Assessment.unit_id, func.max(Assessment.year).label("year"))
            .group_by(Assessment.unit_id).subquery())


def current_plan_ids() -> Select:
    """The plans being worked on: each unit's plan for its latest assessed year that has one
    (an older plan's open tasks are superseded by the newer plan). Use as a subquery."""
    latest = (select(Assessment.unit_id, func.max(Assessment.year).label("year"))
              .join(Plan, Plan.assessment_id == Assessment.id).group_by(Assessment.unit_id).subquery())
    return (select(Plan.id).join(Assessment, Plan.assessment_id == Assessment.id)
            .join(latest, and_(latest.c.unit_id == Assessment.unit_id, latest.c.year == Assessment.year)))


class PlanInputError(InputError):
    """A plan cannot be generated or found like this."""


def find_assessment(unit_name: str, year: int) -> Assessment:
    assessment = db.session.scalar(
        select(Assessment).join(Assessment.unit).where(Unit.name == unit_name, Assessment.year == year))
    if assessment is None:
        raise PlanInputError("There are no results of %(unit)s for %(year)s.", unit=unit_name, year=year)
    return assessment


def check_plan_dates(issued_on: date, default_deadline: date) -> None:
    if default_deadline < issued_on:
        raise PlanInputError("The deadline %(deadline)s is before the issue date %(issued)s.",
                             deadline=default_deadline.strftime("%d/%m/%Y"),
                             issued=issued_on.strftime("%d/%m/%Y"))


def generate_plan(assessment: Assessment, number: str, issued_on: date, default_deadline: date,
                  actor=None, target_classification: str | None = None,
                  target_rank: int | None = None) -> tuple[Plan, list[Task]]:
    """Create the plan, or top it up: tasks only for criteria that have none yet.

    Existing tasks (edited or not) are never touched, so a second run adds nothing. A default
    deadline on a weekend or holiday moves to the working day before (the caller compares and
    says so); a task on a survey-scored criterion is due before the survey window opens.
    """
    plan = db.session.scalar(select(Plan).where(Plan.assessment_id == assessment.id))
    created_at = utcnow()
    if plan is None:
        # A plan entered after it was issued (backfilled) has had its tasks since its issue date,
        # so the reports of the periods since then count them.
        created_at = min(created_at, local_midnight_utc(issued_on))
        if not number.strip():
            raise PlanInputError("The plan needs a number (số/ký hiệu).")
        check_plan_dates(issued_on, default_deadline)
        plan = Plan(assessment=assessment, number=number.strip(), issued_on=issued_on,
                    default_deadline=deadlines.working_day_on_or_before(default_deadline), target_classification=target_classification,
                    target_rank=target_rank)
        db.session.add(plan)
        db.session.flush()
        audit.record("plan.create", plan, {"number": (None, number),
                                           "issued_on": (None, issued_on)}, actor=actor)
    if plan.target_set_id is not None:
        raise PlanInputError("Plan %(number)s is carried over to %(name)s: its tasks no longer follow "
                             "last year's results.", number=plan.number, name=plan.target_set.name)
    planned = set(db.session.scalars(select(Task.criterion_id).where(Task.plan_id == plan.id)))
    pending = [(c, lc) for c, lc in lost_criteria(assessment) if c.id not in planned]
    departments = {d.code: d for d in db.session.scalars(
        select(Department).where(Department.active.is_(True)).order_by(Department.code))}
    drafts = draft_tasks([lc for _, lc in pending], load_rules(), list(departments),
                         year=assessment.year + 1)
    criteria = {c.code: c for c, _ in pending}
    before_survey = deadlines.survey_deadline(assessment.year + 1)
    created = []
    for draft in drafts:
        criterion = criteria[draft.code]
        deadline = plan.default_deadline
        if criterion.method == SURVEY and before_survey >= plan.issued_on:
            deadline = min(deadline, before_survey)  # afterwards it changes nothing the survey sees
        task = Task(plan=plan, criterion=criterion, title=draft.title,
                    product=draft.product, lead_department=departments.get(draft.lead),
                    supporting_departments=[departments[c] for c in draft.supporting if c in departments],
                    deadline=deadline, lost_points=draft.lost_points, created_at=created_at)
        db.session.add(task)
        created.append(task)
    db.session.flush()
    if created:
        audit.record("plan.generate", plan, {"tasks": (len(planned), len(planned) + len(created))},
                     actor=actor)
    return plan, created


def maintain(plan: Plan, codes: list[str], actor=None) -> list[Task]:
    """"Duy trì" tasks for the at-risk criteria named (full marks now, lost in an earlier year):
    no lost points to win back, an owner by the rules, the plan's default deadline. A criterion
    that already has a task, or is no longer at risk, is skipped."""
    from tracker.services import projection
    risks = {r.code: r for r in projection.risks(plan.assessment)}
    wanted = [risks[c] for c in codes if c in risks]
    if not wanted:
        return []
    planned = set(db.session.scalars(select(Criterion.code).join(Task, Task.criterion_id == Criterion.id)
                                     .where(Task.plan_id == plan.id)))
    criteria = {c.code: c for c in db.session.scalars(select(Criterion).where(
        Criterion.criteria_set_id == plan.assessment.criteria_set_id, Criterion.code.in_([r.code for r in wanted])))}
    rules = load_rules()
    departments = {d.code: d for d in db.session.scalars(select(Department).where(Department.active.is_(True)))}
    created = []
    for risk in wanted:
        if risk.code in planned or risk.code not in criteria:
            continue
        rule = resolve_rule(risk.code, rules)
        supporting = list(departments) if rule.supporting == [ALL_DEPARTMENTS] else rule.supporting
        task = Task(plan=plan, criterion=criteria[risk.code], lost_points=0.0,
                    title=wording.maintain_wording(risk.title, risk.lost, risk.year, plan.assessment.year + 1),
                    product=f"Tiêu chí {risk.code} đạt điểm tối đa, đủ tài liệu kiểm chứng",
                    lead_department=departments.get(rule.lead), deadline=plan.default_deadline,
                    supporting_departments=[departments[c] for c in supporting if c in departments and c != rule.lead])
        db.session.add(task)
        created.append(task)
    db.session.flush()
    if created:
        audit.record("plan.maintain", plan, {"codes": (None, [t.criterion.code for t in created])}, actor=actor)
    return created


def without_lead():
    """Tasks no department leads yet, and not cancelled: Internal Affairs has to assign them."""
    return and_(Task.lead_department_id.is_(None), Task.status != TaskStatus.CANCELLED.value)


def ownerless_codes(plan: Plan) -> list[str]:
    """Criterion codes of the plan's tasks that have no lead department, in code order."""
    codes = db.session.scalars(
        select(Criterion.code).join(Task, Task.criterion_id == Criterion.id)
        .where(Task.plan_id == plan.id, without_lead())).all()
    return sorted(set(codes), key=code_sort_key)


def generate_committed(assessment_id: int, number: str, issued_on: date, default_deadline: date, actor=None,
                       **targets) -> tuple[Plan, list[Task], bool]:
    """`generate_plan` and commit, for the page and the command line; also says whether the plan
    was new. When another generation of the same plan commits first, the database's unique keys
    refuse the duplicates; this one then rolls back and runs once more, which finds what the
    other made and adds only what is still missing (usually nothing)."""
    for attempt in (1, 2):
        assessment = db.session.get(Assessment, assessment_id)
        existed = db.session.scalar(select(Plan.id).where(Plan.assessment_id == assessment_id)) is not None
        try:
            plan, created = generate_plan(assessment, number, issued_on, default_deadline, actor=actor, **targets)
            db.session.commit()
            return plan, created, not existed
        except IntegrityError:
            db.session.rollback()
    raise PlanInputError("The plan is being generated by someone else at this very moment; reload the page.")
