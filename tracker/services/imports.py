"""Importing scoring sheets and rankings: parse, check, then write in one transaction.

Any error rejects the whole file and writes nothing. Used by the CLI and the upload page.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import contains_eager, selectinload

from tracker.domain.scoring import N_, TOLERANCE, UNCLASSIFIED_KINDS, ScoreRow, TreeError, fmt, lost_points
from tracker.extensions import db
from tracker.domain.starter import kind_from_name
from tracker.importers.ranking import RankingRow, parse_ranking
from tracker.importers.scoring import parse_scoring
from tracker.importers.sheets import Limits
from tracker.models import Assessment, CriteriaSet, Criterion, Plan, Task, Unit
from tracker.services import assessments, audit

MIN_YEAR, MAX_YEAR = 2000, 2100
NAME_MAX = 200  # a unit's or a criteria set's name (models: String(200))
GROUP_MAX = 100  # a ranking group's name (RankingEntry.group: String(100))


class ImportRejected(Exception):
    """The file (or the options) had errors; nothing was written."""

    def __init__(self, errors: list[TreeError]):
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


class ResultsExist(Exception):
    """Results for this unit and year exist; replacing them needs confirmation (--replace)."""

    def __init__(self, assessment: Assessment):
        super().__init__(f"results for {assessment.unit.name} {assessment.year} already exist")
        self.assessment = assessment


def reject(message: str, **params) -> ImportRejected:
    return ImportRejected([TreeError(None, message, params)])


def limits() -> Limits:
    """What an import may hold (README: Importing scoring sheets), from the configuration."""
    config = current_app.config
    return Limits(rows=config["IMPORT_MAX_ROWS"], cell_chars=config["IMPORT_MAX_CELL_CHARS"],
                  uncompressed_mb=config["IMPORT_MAX_UNCOMPRESSED_MB"])


def check_size(data: bytes) -> None:
    """The upload limit holds for the command line too: a file is read whole."""
    maximum = current_app.config["UPLOAD_MAX_MB"]
    if len(data) > maximum * 1024 * 1024:
        raise reject("the file is larger than %(max)s MB", max=maximum)


def check_group(group: str) -> None:
    """A ranking group's name fits its column (RankingEntry.group)."""
    if len(group.strip()) > GROUP_MAX:
        raise reject("A group's name is at most 100 characters.")


def check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise reject("the year %(year)s is not between %(min)s and %(max)s",
                     year=year, min=MIN_YEAR, max=MAX_YEAR)


def checked_rows(data: bytes, filename: str, *, year: int, name: str, missing_name: str,
                 need_scores: bool) -> list[ScoreRow]:
    """The options checked, then the sheet read and checked: any error rejects it all."""
    check_year(year)
    if not name:
        raise reject(missing_name)
    if len(name) > NAME_MAX:
        raise reject("the name %(name)s… is longer than %(max)s characters", name=name[:40], max=NAME_MAX)
    check_size(data)
    parsed = parse_scoring(data, filename, need_scores=need_scores, limits=limits())
    if parsed.errors:
        raise ImportRejected(parsed.errors)
    return parsed.rows


def import_criteria(data: bytes, filename: str, *, name: str, year: int,
                    decision: str | None = None, actor=None, classifies: bool = True) -> CriteriaSet:
    name = name.strip()
    rows = checked_rows(data, filename, year=year, name=name, need_scores=False,
                        missing_name=N_("a criteria set needs a name"))
    if db.session.scalar(select(CriteriaSet.id).where(CriteriaSet.name == name)):
        raise reject("a criteria set named %(name)s already exists", name=name)
    return assessments.save_criteria_set(name, year, rows, decision, actor=actor, classifies=classifies)


def import_results(data: bytes, filename: str, *, unit_name: str, year: int,
                   criteria_set_name: str | None = None, replace: bool = False,
                   actor=None) -> Assessment:
    unit_name = unit_name.strip()
    rows = checked_rows(data, filename, year=year, name=unit_name, need_scores=True,
                        missing_name=N_("the unit needs a name"))
    existing = db.session.scalar(
        select(Assessment).join(Assessment.unit)
        .where(Unit.name == unit_name, Assessment.year == year)
        .options(selectinload(Assessment.unit), selectinload(Assessment.criteria_set)))
    if existing and not replace:
        raise ResultsExist(existing)

    if criteria_set_name:
        criteria_set = db.session.scalar(select(CriteriaSet).where(CriteriaSet.name == criteria_set_name))
        if criteria_set is None:
            raise reject("there is no criteria set named %(name)s", name=criteria_set_name)
        errors = differences(rows, criteria_set)
        if errors:
            raise ImportRejected(errors)
    else:
        unit = db.session.scalar(select(Unit).where(Unit.name == unit_name))
        criteria_set = matching_or_new_set(rows, unit_name, year, existing, actor,
                                           classifies=unit is None or unit.kind not in UNCLASSIFIED_KINDS)

    unit = assessments.get_or_create_unit(unit_name)
    if existing:
        relink_tasks(existing, criteria_set, rows)
    return assessments.save_assessment(unit, year, criteria_set, rows, source_filename=filename,
                                       actor=actor, existing=existing)


def import_ranking(data: bytes, filename: str, *, year: int, actor=None, group: str = "") -> int:
    """The year's ranking of `group` (a province's sở, its communes; "" when it has one)."""
    check_year(year)
    check_size(data)
    check_group(group)
    parsed = parse_ranking(data, filename, limits())
    if parsed.errors:
        raise ImportRejected(parsed.errors)
    return assessments.save_ranking(year, parsed.rows, actor=actor, group=group)


@dataclass
class GroupImported:
    group: str
    criteria_set: CriteriaSet
    assessments: list[Assessment]


@dataclass
class UnitsImported:
    """What importing every unit's results did: per group, its set and assessments, and how many
    units that run their own plan here were told by when to issue it."""
    year: int
    groups: list[GroupImported]
    plan_due: date | None = None
    told: int = 0
    skipped: list[str] = dataclasses.field(default_factory=list)  # sheets that hold no results

    @property
    def units(self) -> int:
        return sum(len(g.assessments) for g in self.groups)


# A province's communes fill a sheet far wider than one unit's results: one column per unit.
UNIT_COLUMNS_MAX = 400


def import_unit_results(data: bytes, filename: str, *, year: int, replace: bool = False,
                        plan_due: date | None = None, group: str = "", actor=None) -> UnitsImported:
    """Every unit's results for `year` from the province's workbook (importers/unit_results.py),
    all or nothing: each unit's assessment is created (or replaced with `replace`), each sheet's
    totals become its group's ranking, and the admins of units that run their own plan here are
    told by when to issue their plan (`plan_due`, else the date already set for the year).
    `group` names the one group of a .csv file (which has no sheet names)."""
    from tracker.importers.unit_results import parse_unit_results
    from tracker.services import unit_overview

    check_year(year)
    check_size(data)
    read = limits()
    parsed = parse_unit_results(data, filename, dataclasses.replace(read, columns=max(read.columns, UNIT_COLUMNS_MAX)))
    if parsed.errors:
        raise ImportRejected(parsed.errors)
    sheets = [dataclasses.replace(s, group=s.group or group.strip()) for s in parsed.groups]
    if any(not s.group for s in sheets):
        raise reject("name the group of units this file ranks (a workbook names each group by its sheet)")
    for sheet in sheets:
        check_group(sheet.group)
    names = [u.name for s in sheets for u in s.units]
    existing = {a.unit.name: a for a in db.session.scalars(
        select(Assessment).join(Assessment.unit).where(Assessment.year == year, Unit.name.in_(names))
        .options(contains_eager(Assessment.unit), selectinload(Assessment.criteria_set)))}
    if existing and not replace:
        raise reject("results of %(year)s exist for %(units)s: replace them, or leave those units out",
                     year=year, units=", ".join(sorted(existing)))
    units = {u.name: u for u in db.session.scalars(select(Unit).where(Unit.name.in_(names)))}
    done = []
    for sheet in sheets:
        criteria_set = set_for_group(sheet.tree, sheet.group, year, actor)
        imported = GroupImported(sheet.group, criteria_set, [])
        for scores in sheet.units:
            unit = units.get(scores.name) or assessments.get_or_create_unit(scores.name,
                                                                             kind=kind_from_name(scores.name))
            earlier = existing.get(scores.name)
            if earlier:
                relink_tasks(earlier, criteria_set, scores.rows)
            imported.assessments.append(assessments.save_assessment(
                unit, year, criteria_set, scores.rows, source_filename=filename, actor=actor,
                existing=earlier, rank=False))
        assessments.save_ranking(year, [RankingRow(a.unit.name, a.total, a.max_score) for a in imported.assessments],
                                 actor=actor, group=sheet.group)
        done.append(imported)
    result = UnitsImported(year, done, plan_due or unit_overview.plan_deadlines({year}).get(year),
                           skipped=parsed.skipped)
    if plan_due:
        try:
            unit_overview.set_plan_deadline(year, plan_due, actor, tell=False)
        except unit_overview.DeadlineError as exc:
            raise ImportRejected([TreeError(None, exc.message, exc.params)]) from exc
    if result.plan_due:
        result.told = unit_overview.tell_units_to_plan(year, result.plan_due)
    return result


def set_for_group(tree: list[ScoreRow], group: str, year: int, actor) -> CriteriaSet:
    """The year's criteria set whose tree the group's sheet has, else a new one named after it."""
    for candidate in db.session.scalars(select(CriteriaSet).where(CriteriaSet.year == year)
                                        .options(selectinload(CriteriaSet.criteria))):
        if not differences(tree, candidate):
            return candidate
    return matching_or_new_set(tree, group, year, None, actor)


def differences(rows: list[ScoreRow], criteria_set: CriteriaSet) -> list[TreeError]:
    """How a file's tree differs from a stored set: unknown codes, other maxima, missing codes."""
    stored = {c.code: c for c in criteria_set.criteria}
    errors = []
    for row in rows:
        criterion = stored.get(row.code)
        if criterion is None:
            errors.append(TreeError(row.row, "criterion %(code)s is not in the criteria set %(name)s",
                                    {"code": row.code, "name": criteria_set.name}))
        elif abs(criterion.max_points - row.max_points) > TOLERANCE:
            errors.append(TreeError(
                row.row, "maximum of %(code)s is %(max)s but the criteria set gives %(set_max)s",
                {"code": row.code, "max": fmt(row.max_points), "set_max": fmt(criterion.max_points)}))
    in_file = {r.code for r in rows}
    for code in sorted(set(stored) - in_file, key=lambda c: [int(p) for p in c.split(".")]):
        errors.append(TreeError(None, "criterion %(code)s of the criteria set %(name)s is missing from the file",
                                {"code": code, "name": criteria_set.name}))
    return errors


def matching_or_new_set(rows: list[ScoreRow], unit_name: str, year: int,
                        existing: Assessment | None, actor, classifies: bool = True) -> CriteriaSet:
    """Reuse the set the file matches (the replaced results' or one of the same name), else create
    one (without classification for a unit the Ministry scores: a province, a ministry)."""
    base = f"Bộ chỉ số {year} - {unit_name}"
    candidates = [existing.criteria_set] if existing else []
    candidates += db.session.scalars(
        select(CriteriaSet).where(CriteriaSet.name.startswith(base))
        .options(selectinload(CriteriaSet.criteria))).all()
    for candidate in candidates:
        if not differences(rows, candidate):
            return candidate
    taken = {c.name for c in candidates}
    name = base if base not in taken else next(
        f"{base} ({n})" for n in range(2, 1000) if f"{base} ({n})" not in taken)
    return assessments.save_criteria_set(name, year, rows, actor=actor, classifies=classifies)


def relink_tasks(assessment: Assessment, criteria_set: CriteriaSet, rows: list[ScoreRow]) -> None:
    """Tasks already generated stay with their criteria by code, and their lost points follow
    the new scores (shared in the same proportions when a criterion is split)."""
    carried = db.session.scalar(select(Plan).where(Plan.assessment_id == assessment.id,
                                                   Plan.target_set_id.is_not(None)))
    if carried is not None:
        raise reject("plan %(number)s is carried over to the next criteria set: these results can no "
                     "longer be replaced", number=carried.number)
    tasks = db.session.scalars(
        select(Task).join(Plan).where(Plan.assessment_id == assessment.id)
        .options(selectinload(Task.criterion))).all()
    if not tasks:
        return
    criteria = {c.code: c for c in db.session.scalars(
        select(Criterion).where(Criterion.criteria_set_id == criteria_set.id))}
    by_code = {r.code: r for r in rows}
    missing = sorted({t.criterion.code for t in tasks if t.criterion.code not in criteria})
    if missing:
        raise reject("criteria %(codes)s have remediation tasks but are not in the new results",
                     codes=", ".join(missing))
    groups: dict[str, list[Task]] = {}
    for task in tasks:
        groups.setdefault(task.criterion.code, []).append(task)
    for code, group in groups.items():
        row = by_code[code]
        new_lost = lost_points(row.max_points, row.appraised)
        old_total = sum(t.lost_points for t in group)
        remaining = new_lost
        for i, task in enumerate(group):
            if i == len(group) - 1:
                share = round(remaining, 2)
            elif old_total:
                share = round(new_lost * task.lost_points / old_total, 2)
            else:
                share = round(new_lost / len(group), 2)
            remaining -= share
            changes = audit.diff(task, {"criterion_id": criteria[code].id, "lost_points": max(share, 0.0)})
            if changes:
                audit.record("task.relink", task, changes, summary="results re-imported")

