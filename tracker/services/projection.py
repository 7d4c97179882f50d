"""Gather an assessment's figures from the database for the pure projection."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tracker.domain import projection
from tracker.domain.scoring import SURVEY, leaves, lost_points, node_figures
from tracker.extensions import db
from tracker.models import Assessment, Criterion, Plan, RankingEntry, Task
from tracker.services.assessment_view import score_rows


def plan_tasks(assessment: Assessment) -> list[tuple[Task, Criterion]]:
    return db.session.execute(
        select(Task, Criterion).join(Criterion, Task.criterion_id == Criterion.id)
        .join(Plan, Task.plan_id == Plan.id).where(Plan.assessment_id == assessment.id)).all()


def figures(task: Task, criterion: Criterion) -> projection.TaskFigures:
    return projection.TaskFigures(lost_points=task.lost_points, progress=task.progress,
                                  status=task.status, method=criterion.method, deadline=task.deadline)


def peers(assessment: Assessment) -> list[projection.Peer] | None:
    entries = db.session.scalars(select(RankingEntry).where(RankingEntry.year == assessment.year)).all()
    if not entries:
        return None
    return [projection.Peer(e.score, e.max_score) for e in entries if e.unit_name != assessment.unit.name]


def load(assessment: Assessment) -> tuple[list, list[tuple[Task, Criterion]]]:
    """What both the projection and the per-field figures read: the scores and the plan's tasks."""
    return score_rows(assessment.id), plan_tasks(assessment)


def for_assessment(assessment: Assessment, today: date, loaded=None) -> dict:
    """The projection object of CONTRACT §5 (the CLI's --json and the API return exactly this)."""
    triples, tasks = loaded or load(assessment)
    rows = [row for _c, _r, row in triples]
    survey_lost = sum(lost_points(r.max_points, r.appraised) for r in leaves(rows) if r.method == SURVEY)
    return projection.project(
        unit=assessment.unit.name, year=assessment.year, max_score=assessment.max_score,
        baseline=assessment.total, survey_lost=survey_lost,
        tasks=[figures(t, c) for t, c in tasks],
        bands=assessment.criteria_set.band_list, peers=peers(assessment), today=today)


def recovery_by_field(assessment: Assessment, loaded=None) -> list[projection.FieldRecovery]:
    triples, tasks = loaded or load(assessment)
    fig = node_figures([row for _c, _r, row in triples])
    fields = [(c.code, c.title, fig[c.code].lost) for c, _r, _row in triples if c.depth == 0]
    return projection.field_recovery(fields, [(c.field_code, figures(t, c)) for t, c in tasks])
