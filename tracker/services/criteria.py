"""Editing a criteria set: a criterion's scoring scale (domain/scales), entered on its page, and
whether the set's scoring body classifies."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.domain.scales import ScaleError, checked_scale
from tracker.domain.scoring import DEFAULT_BANDS, classify, percentage
from tracker.extensions import db
from tracker.models import Assessment, CriteriaSet, Criterion, Task
from tracker.services import audit

SCALE_MAX = 500


def set_scale(criterion: Criterion, text: str, actor=None) -> None:
    """Store the scale as written (checked first); an empty one removes it."""
    text = (text or "").strip()
    if len(text) > SCALE_MAX:
        raise ScaleError("A scale may hold at most %(max)s characters.", max=SCALE_MAX)
    if text and not criterion.is_leaf:
        raise ScaleError("Only a sub-criterion is scored through a scale; %(code)s has sub-criteria.",
                         code=criterion.code)
    if text:
        checked_scale(text, criterion.max_points)
    changes = audit.diff(criterion, {"scale": text or None})
    if changes:
        audit.record("criterion.scale", criterion, changes, actor=actor, summary=criterion.code)
    db.session.flush()


def set_classification(criteria_set: CriteriaSet, classifies: bool, actor=None) -> None:
    """Whether the set's scoring body classifies (Xuất sắc … Yếu by the default bands) or
    publishes score and rank only; the results scored under it follow."""
    bands = [list(b) for b in DEFAULT_BANDS] if classifies else []
    if criteria_set.bands == bands:
        return
    audit.record("criteria_set.classification", criteria_set, {"bands": (criteria_set.bands, bands)},
                 actor=actor, summary=criteria_set.name)
    criteria_set.bands = bands
    for assessment in db.session.scalars(select(Assessment).where(Assessment.criteria_set_id == criteria_set.id)):
        assessment.classification = classify(percentage(assessment.total, assessment.max_score),
                                             criteria_set.band_list)
    db.session.flush()


def tasks_on(criterion: Criterion) -> list[Task]:
    return db.session.scalars(select(Task).where(Task.criterion_id == criterion.id)
                              .options(selectinload(Task.lead_department), selectinload(Task.plan))
                              .order_by(Task.part, Task.id)).all()


def assessments_of(criterion: Criterion) -> list[Assessment]:
    """The results scored under the criterion's set (the way back from its page)."""
    return db.session.scalars(select(Assessment).where(Assessment.criteria_set_id == criterion.criteria_set_id)
                              .options(selectinload(Assessment.unit)).order_by(Assessment.year.desc())).all()
