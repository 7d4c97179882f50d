"""Gather an assessment's figures from the database for the pure projection."""
from __future__ import annotations

from datetime import date

from dataclasses import dataclass

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import selectinload

from tracker.domain import projection, scales
from tracker.domain.errors import InputError
from tracker.domain.scoring import SURVEY, leaves, lost_points, node_figures
from tracker.extensions import db
from tracker.models import Assessment, Criterion, CriterionResult, Plan, RankingEntry, Task
from tracker.permissions import can_use_what_if
from tracker.services import carry_over
from tracker.services.assessment_view import score_rows


def plan_tasks(assessment: Assessment) -> list[tuple[Task, Criterion]]:
    return db.session.execute(
        select(Task, Criterion).join(Criterion, Task.criterion_id == Criterion.id)
        .join(Plan, Task.plan_id == Plan.id).where(Plan.assessment_id == assessment.id)).all()


def figures(task: Task, criterion: Criterion, survey_known: bool) -> projection.TaskFigures:
    return projection.task_figures(
        lost_points=task.lost_points, progress=task.progress, status=task.status, method=criterion.method,
        deadline=task.deadline, task_id=task.id, value=task.current_value,
        steps=scale_steps(criterion) if task.current_value is not None else None, max_points=criterion.max_points,
        survey_known=survey_known)


def surveys_known(assessments: list[Assessment]) -> set[int]:
    """The ids of those assessments whose plan's survey has reported: the unit's results of the
    next year are imported (SIPAS and the leaders' survey come with them)."""
    if not assessments:
        return set()
    later = {(unit_id, year) for unit_id, year in db.session.execute(
        select(Assessment.unit_id, Assessment.year).where(
            Assessment.unit_id.in_({a.unit_id for a in assessments}),
            Assessment.year.in_({a.year + 1 for a in assessments})))}
    return {a.id for a in assessments if (a.unit_id, a.year + 1) in later}


def survey_known(assessment: Assessment) -> bool:
    return assessment.id in surveys_known([assessment])


def scale_steps(criterion: Criterion) -> list[scales.Step] | None:
    """The criterion's scale, or None without one (or one stored before scales were checked)."""
    return scales.steps_or_none(criterion.scale)


@dataclass(frozen=True)
class StoredRanking:
    """The assessment's year's ranking, counted by the database in one query whatever its size."""

    year: int
    unit_name: str

    def rank(self, share: float) -> tuple[int, int] | None:
        peer = RankingEntry.unit_name != self.unit_name
        better = and_(peer, RankingEntry.max_score > 0, RankingEntry.score > (share + 1e-9) * RankingEntry.max_score)
        its_group = (select(RankingEntry.group).where(RankingEntry.year == self.year,
                                                      RankingEntry.unit_name == self.unit_name)
                     .limit(1).scalar_subquery())  # ranked among its own group's units only
        entries, peers, above = db.session.execute(
            select(func.count(), func.count(case((peer, 1))), func.count(case((better, 1))))
            .where(RankingEntry.year == self.year, RankingEntry.group == its_group)).one()
        # Ranked only among the ranking it is in: a ward is not ranked among the provinces.
        return None if entries == peers else (1 + above, peers + 1)


def peers(assessment: Assessment) -> StoredRanking:
    return StoredRanking(assessment.year, assessment.unit.name)


def plan_of(assessment: Assessment) -> Plan | None:
    return db.session.scalar(select(Plan).where(Plan.assessment_id == assessment.id)
                             .options(selectinload(Plan.target_set)))


@dataclass(frozen=True)
class Basis:
    """What the projection reads the tasks against: the assessed year's results, or, once the
    plan is carried over to the next year's criteria set, those results carried onto it."""

    max_score: float
    baseline: float
    survey_lost: float
    bands: list[tuple[float, str]]


def basis(assessment: Assessment, plan: Plan | None, survey_lost: float) -> Basis:
    if plan is not None and plan.target_set_id is not None:
        return Basis(plan.carried_max, plan.carried_baseline, plan.carried_survey_lost,
                     plan.target_set.band_list)
    return Basis(assessment.max_score, assessment.total, survey_lost, assessment.criteria_set.band_list)


def load(assessment: Assessment) -> tuple[list, list[tuple[Task, Criterion]], Plan | None]:
    """What both the projection and the per-field figures read: the scores, the plan's tasks
    as figures, the plan, and the tasks themselves."""
    tasks = plan_tasks(assessment)
    known = survey_known(assessment) if tasks else False
    return (score_rows(assessment.id), [(t, c, figures(t, c, known)) for t, c in tasks], plan_of(assessment))


def project(assessment: Assessment, read_against: Basis, tasks: list[projection.TaskFigures], peers,
            today: date) -> dict:
    """CONTRACT §5 for the assessment's tasks read against `read_against` (its results, or those
    carried over): the one call the projection page, the digests and the units page share."""
    return projection.project(
        unit=assessment.unit.name, year=assessment.year, max_score=read_against.max_score,
        baseline=read_against.baseline, survey_lost=read_against.survey_lost, bands=read_against.bands,
        peers=peers, today=today, tasks=tasks)


def for_assessment(assessment: Assessment, today: date, loaded=None,
                   assume_done: frozenset[int] = frozenset()) -> dict:
    """The projection object of CONTRACT §5 (the CLI's --json and the API return exactly this);
    with `assume_done`, as if those tasks were verified (a what-if: nothing is written)."""
    triples, tasks, plan = loaded or load(assessment)
    rows = [row for _c, _r, row in triples]
    survey_lost = sum(lost_points(r.max_points, r.appraised) for r in leaves(rows) if r.method == SURVEY)
    read_against = basis(assessment, plan, survey_lost)
    return project(assessment, read_against, projection.assuming_verified([f for _t, _c, f in tasks], assume_done),
                   peers(assessment), today)


class WhatIfError(InputError):
    """A what-if names tasks that are not the assessment's."""


class WhatIfRefused(Exception):
    """The user may not ask what-if questions (permissions.can_use_what_if)."""


def what_if(assessment: Assessment, today: date, task_ids: list[int] | set[int], user, loaded=None) -> dict:
    """The §5 figures as if the named tasks of the assessment's plan were verified."""
    if not can_use_what_if(user):
        raise WhatIfRefused()
    loaded = loaded or load(assessment)
    unknown = sorted(set(task_ids) - {task.id for task, _c, _f in loaded[1]})
    if unknown:
        raise WhatIfError("Not tasks of this assessment's plan: %(ids)s.",
                          ids=", ".join(map(str, unknown[:20])) + (" …" if len(unknown) > 20 else ""))
    return for_assessment(assessment, today, loaded, frozenset(task_ids))


def recovery_by_field(assessment: Assessment, loaded=None) -> list[projection.FieldRecovery]:
    triples, tasks, plan = loaded or load(assessment)
    if plan is not None and plan.target_set_id is not None:
        fields = carry_over.carried_field_lost(plan, triples)
    else:
        fig = node_figures([row for _c, _r, row in triples])
        fields = [(c.code, c.title, fig[c.code].lost) for c, _r, _row in triples if c.depth == 0]
    return projection.field_recovery(fields, [(c.field_code, f) for _t, c, f in tasks])


def risks(assessment: Assessment) -> list[projection.Risk]:
    """This year's full marks that the unit lost in an earlier year (by code): points at risk."""
    return risks_for([assessment]).get(assessment.id, [])


def risks_for(assessments: list[Assessment]) -> dict[int, list[projection.Risk]]:
    """`risks` of many assessments in two queries, whatever their number."""
    if not assessments:
        return {}
    lost = Criterion.max_points - func.coalesce(CriterionResult.appraised_score, 0.0)
    full: dict[int, dict[str, str]] = {}
    for assessment_id, code, title in db.session.execute(
            select(CriterionResult.assessment_id, Criterion.code, Criterion.title)
            .join(Criterion, Criterion.id == CriterionResult.criterion_id)
            .where(CriterionResult.assessment_id.in_([a.id for a in assessments]), Criterion.is_leaf.is_(True),
                   CriterionResult.appraised_score.is_not(None), lost < 1e-9)):
        full.setdefault(assessment_id, {})[code] = title
    earlier: dict[int, list[tuple[int, str, float]]] = {}
    latest = max(a.year for a in assessments)
    for unit_id, year, code, points in db.session.execute(
            select(Assessment.unit_id, Assessment.year, Criterion.code, lost)
            .join(CriterionResult, CriterionResult.assessment_id == Assessment.id)
            .join(Criterion, Criterion.id == CriterionResult.criterion_id)
            .where(Assessment.unit_id.in_({a.unit_id for a in assessments}), Assessment.year < latest,
                   Criterion.is_leaf.is_(True), lost > 1e-9)):
        earlier.setdefault(unit_id, []).append((year, code, points))
    return {a.id: projection.at_risk(full.get(a.id, {}), [e for e in earlier.get(a.unit_id, []) if e[0] < a.year])
            for a in assessments}


# --- For many assessments at once (digests, reports): a query each, whatever their number ----

def survey_lost(assessment_ids: list[int]) -> dict[int, float]:
    """Points lost on survey-scored leaves, per assessment."""
    if not assessment_ids:
        return {}
    return dict(db.session.execute(
        select(CriterionResult.assessment_id,
               func.sum(Criterion.max_points - func.coalesce(CriterionResult.appraised_score, 0.0)))
        .join(Criterion, Criterion.id == CriterionResult.criterion_id)
        .where(CriterionResult.assessment_id.in_(assessment_ids), Criterion.is_leaf.is_(True),
               Criterion.method == SURVEY)
        .group_by(CriterionResult.assessment_id)).all())


def rankings(years: set[int]) -> dict[int, projection.YearRanking]:
    """The rankings of those years, in memory (read as plain rows, no ORM objects: a
    province's ranking of communes has hundreds)."""
    by_year: dict[int, list] = {}
    for entry in db.session.execute(select(RankingEntry.year, RankingEntry.group, RankingEntry.unit_name,
                                           RankingEntry.score, RankingEntry.max_score)
                                    .where(RankingEntry.year.in_(years or {0}))):
        by_year.setdefault(entry.year, []).append(entry)
    return {year: projection.YearRanking(entries) for year, entries in by_year.items()}


def peers_of(assessment: Assessment, ranking: dict[int, projection.YearRanking]) -> projection.Ranking | None:
    """The other units of the assessment's year in `ranking` (None without a ranking)."""
    year = ranking.get(assessment.year)
    return None if year is None else year.without(assessment.unit.name)


def what_if_choices(assessment: Assessment) -> list[tuple[Task, float]]:
    """The plan's open tasks with the points each wins back per percent of work left, the
    cheapest points first: what a what-if chooses from."""
    tasks = db.session.scalars(
        select(Task).join(Plan, Task.plan_id == Plan.id)
        .where(Plan.assessment_id == assessment.id, Task.status.not_in(projection.CLOSED))
        .options(selectinload(Task.criterion), selectinload(Task.lead_department))).all()
    known = survey_known(assessment) if tasks else False
    valued = [(t, projection.points_per_remaining_percent(figures(t, t.criterion, known))) for t in tasks]
    return sorted(valued, key=lambda pair: (-pair[1], pair[0].deadline, pair[0].id))


def scale_reading(task: Task) -> dict | None:
    """For the task page: what the reported value scores through the criterion's scale and
    what value reaches the next step ("84 → 1 of 2 points; 90 needed for 2")."""
    criterion = task.criterion
    steps = scale_steps(criterion) if task.current_value is not None else None
    if steps is None:
        return None
    upcoming = scales.next_step(steps, task.current_value)
    return {"value": task.current_value, "points": scales.points_for(steps, task.current_value),
            "max": criterion.max_points, "scale": criterion.scale,
            "next_value": upcoming[0] if upcoming else None, "next_points": upcoming[1] if upcoming else None}
