"""What the assessment page shows: the tree with figures per node, and the change on last year."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.domain.scoring import NodeFigures, ScoreRow, code_sort_key, node_figures, round2
from tracker.extensions import db
from tracker.models import Assessment, Criterion, CriterionResult, RankingEntry


@dataclass
class TreeLine:
    criterion: Criterion
    figures: NodeFigures
    note: str | None


@dataclass
class FieldChange:
    code: str
    title: str
    appraised: float
    previous: float | None

    @property
    def delta(self) -> float | None:
        return None if self.previous is None else round2(self.appraised - self.previous)


def score_rows(assessment_id: int) -> list[tuple[Criterion, CriterionResult | None, ScoreRow]]:
    pairs = db.session.execute(
        select(Criterion, CriterionResult)
        .join(CriterionResult, CriterionResult.criterion_id == Criterion.id)
        .where(CriterionResult.assessment_id == assessment_id)).all()
    pairs.sort(key=lambda p: code_sort_key(p[0].code))
    return [(c, r, ScoreRow(code=c.code, title=c.title, max_points=c.max_points,
                            appraised=r.appraised_score, self_assessed=r.self_score,
                            method=c.method)) for c, r in pairs]


def tree(assessment: Assessment) -> list[TreeLine]:
    triples = score_rows(assessment.id)
    figures = node_figures([row for _, _, row in triples])
    return [TreeLine(c, figures[c.code], r.note if r else None) for c, r, _ in triples]


def previous_assessment(assessment: Assessment) -> Assessment | None:
    return db.session.scalar(
        select(Assessment).where(Assessment.unit_id == assessment.unit_id,
                                 Assessment.year < assessment.year)
        .order_by(Assessment.year.desc()).limit(1))


def field_changes(lines: list[TreeLine], previous: Assessment | None) -> list[FieldChange]:
    """Per field, this year's points against the previous assessment's (matched by code)."""
    before = {}
    if previous is not None:
        prev_rows = [row for _, _, row in score_rows(previous.id)]
        before = {code: f.appraised for code, f in node_figures(prev_rows).items() if "." not in code}
    return [FieldChange(l.criterion.code, l.criterion.title, l.figures.appraised,
                        before.get(l.criterion.code))
            for l in lines if l.criterion.depth == 0]


def load(assessment_id: int) -> Assessment | None:
    return db.session.scalar(
        select(Assessment).where(Assessment.id == assessment_id)
        .options(selectinload(Assessment.unit), selectinload(Assessment.criteria_set)))


def ranking(year: int) -> list[RankingEntry]:
    """The year's peers, best first (by share of the maximum, then name)."""
    entries = db.session.scalars(select(RankingEntry).where(RankingEntry.year == year)).all()
    return sorted(entries, key=lambda e: (-(e.score / e.max_score), e.unit_name))
