"""Storing criteria sets, assessments and rankings from validated rows (one transaction each).

Callers validate first (tracker.domain.scoring.validate_tree); these functions trust the rows.
"""
from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import contains_eager

from tracker.domain.scoring import (DEFAULT_BANDS, ScoreRow, classify, leaves, max_score, percentage,
                                    TreeError, rank_among, total_score)
from tracker.extensions import db
from tracker.importers.ranking import RankingRow
from tracker.models import Assessment, CriteriaSet, Criterion, CriterionResult, RankingEntry, Unit
from tracker.models.base import utcnow
from tracker.services import audit


def get_or_create_unit(name: str, **attrs) -> Unit:
    unit = db.session.scalar(select(Unit).where(Unit.name == name))
    if unit is None:
        unit = Unit(name=name, **attrs)
        db.session.add(unit)
        db.session.flush()
    return unit


def save_criteria_set(name: str, year: int, rows: list[ScoreRow], decision: str | None = None,
                      actor=None, classifies: bool = True) -> CriteriaSet:
    """A new set; `classifies` False for a scoring body that publishes no classification."""
    criteria_set = CriteriaSet(name=name, year=year, decision=decision,
                               bands=[list(b) for b in DEFAULT_BANDS] if classifies else [])
    db.session.add(criteria_set)
    leaf_codes = {r.code for r in leaves(rows)}
    by_code: dict[str, Criterion] = {}
    for position, row in enumerate(rows):
        criterion = Criterion(
            criteria_set=criteria_set, code=row.code, title=row.title, max_points=row.max_points,
            parent=by_code.get(row.parent_code) if row.parent_code else None,
            position=position, depth=row.depth, is_leaf=row.code in leaf_codes, method=row.method,
            scale=row.scale or None)
        by_code[row.code] = criterion
        db.session.add(criterion)
    db.session.flush()
    audit.record("criteria_set.create", criteria_set,
                 {"name": (None, name), "year": (None, year), "criteria": (None, len(rows))},
                 actor=actor)
    return criteria_set


def save_assessment(unit: Unit, year: int, criteria_set: CriteriaSet, rows: list[ScoreRow],
                    decision: str | None = None, source_filename: str | None = None,
                    actor=None, existing: Assessment | None = None, rank: bool = True) -> Assessment:
    """Store a unit's results for a year, matched to the set's criteria by code.

    With `existing`, its results are replaced in place (its plan stays attached). `rank` False
    leaves the year's ranks to the caller (who saves many and ranks them once).
    """
    total, maximum = total_score(rows), max_score(rows)
    values = {"criteria_set_id": criteria_set.id, "total": total, "max_score": maximum,
              "classification": classify(percentage(total, maximum), criteria_set.band_list),
              "decision": decision or (existing.decision if existing else None),
              "source_filename": source_filename}
    if existing is None:
        assessment = Assessment(unit=unit, year=year, **values)
        db.session.add(assessment)
        changes = {"unit": (None, unit.name), "year": (None, year), "total": (None, total),
                   "max_score": (None, maximum)}
    else:
        assessment = existing
        db.session.execute(delete(CriterionResult).where(CriterionResult.assessment_id == existing.id))
        changes = audit.diff(existing, values)
        existing.imported_at = utcnow()
    criteria = {c.code: c for c in db.session.scalars(
        select(Criterion).where(Criterion.criteria_set_id == criteria_set.id))}
    leaf_codes = {r.code for r in leaves(rows)}
    for row in rows:
        db.session.add(CriterionResult(
            assessment=assessment, criterion=criteria[row.code],
            self_score=row.self_assessed if row.code in leaf_codes else None,
            appraised_score=row.appraised if row.code in leaf_codes else None,
            note=row.note or None))
    db.session.flush()
    if rank:
        apply_ranking(year)
    audit.record("assessment.replace" if existing else "assessment.create", assessment, changes,
                 actor=actor)
    return assessment


def save_ranking(year: int, lines: list[RankingRow], actor=None, group: str = "") -> int:
    """Replace the year's ranking of `group` ("" for a year with one ranking); link lines to
    known units; rank the assessments. A unit already in another group of the year is refused."""
    group = group.strip()
    elsewhere = dict(db.session.execute(
        select(RankingEntry.unit_name, RankingEntry.group).where(
            RankingEntry.year == year, RankingEntry.group != group,
            RankingEntry.unit_name.in_([line.unit for line in lines]))).all())
    if elsewhere:
        from tracker.services.imports import ImportRejected
        raise ImportRejected([TreeError(line.row, "%(unit)s is already in the %(year)s ranking of %(group)s.",
                                        {"unit": line.unit, "year": year, "group": elsewhere[line.unit] or "—"})
                              for line in lines if line.unit in elsewhere])
    db.session.execute(delete(RankingEntry).where(RankingEntry.year == year, RankingEntry.group == group))
    units = {u.name: u.id for u in db.session.scalars(
        select(Unit).where(Unit.name.in_([line.unit for line in lines])))}
    for line in lines:
        db.session.add(RankingEntry(year=year, group=group, unit_name=line.unit, unit_id=units.get(line.unit),
                                    score=line.score, max_score=line.max_score, rank=line.rank))
    db.session.flush()
    apply_ranking(year)
    audit.record("ranking.import", None, {"year": (None, year), "group": (None, group),
                                          "units": (None, len(lines))}, actor=actor)
    return len(lines)


def apply_ranking(year: int) -> None:
    """Set rank and rank_of on the year's assessments from the ranking of their group."""
    entries = db.session.scalars(select(RankingEntry).where(RankingEntry.year == year)).all()
    if not entries:
        return
    by_unit = {e.unit_name: e for e in entries}
    groups: dict[str, list[RankingEntry]] = {}
    for entry in entries:
        groups.setdefault(entry.group, []).append(entry)
    for assessment in db.session.scalars(
            select(Assessment).join(Assessment.unit).where(Assessment.year == year)
            .options(contains_eager(Assessment.unit))):
        mine = by_unit.get(assessment.unit.name)
        if mine is None:
            continue
        group = groups[mine.group]
        others = [e.score / e.max_score for e in group if e is not mine]
        assessment.rank = mine.rank or rank_among(mine.score / mine.max_score, others)
        assessment.rank_of = len(group)
