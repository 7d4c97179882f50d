"""Ranking sheets: the peer table of units with their total scores."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from tracker.domain.scoring import N_, TreeError, fmt
from tracker.importers.headers import open_sheet
from tracker.importers.sheets import DEFAULT_LIMITS, Limits, SheetError, cell, is_blank, text, to_number

DEFAULT_MAX = 100.0
_RANK = re.compile(r"^0*(\d+)(\.0+)?(\s*/\s*\d+)?$")  # "5", "05", "5.0", "06/18"


UNIT_NAME_MAX = 200  # what a unit's name holds (models.Unit.name, RankingEntry.unit_name)


@dataclass
class RankingRow:
    unit: str
    score: float
    max_score: float = DEFAULT_MAX
    rank: int | None = None
    row: int | None = None  # row number in the source file, for messages


@dataclass
class RankingResult:
    rows: list[RankingRow] = field(default_factory=list)
    errors: list[TreeError] = field(default_factory=list)


def parse_ranking(data: bytes, filename: str, limits: Limits = DEFAULT_LIMITS) -> RankingResult:
    try:
        table, header = open_sheet(data, filename, "ranking", limits)
    except SheetError as exc:
        return RankingResult(errors=[TreeError(None, exc.message, exc.params)])

    col = header.columns
    rows: list[RankingRow] = []
    errors: list[TreeError] = []
    seen: dict[str, int] = {}
    for number, cells in table:
        unit = text(cell(cells, col["unit"]))
        if number <= header.row or not unit:
            continue  # title rows, blank lines, totals without a unit
        row_errors: list[TreeError] = []
        if len(unit) > UNIT_NAME_MAX:
            row_errors.append(TreeError(number, "the unit name %(unit)s… is longer than %(max)s characters",
                                        {"unit": unit[:40], "max": UNIT_NAME_MAX}))
        score = _number(cell(cells, col["score"]), N_("score of %(unit)s is not a number: %(value)s"),
                        number, unit, row_errors)
        maximum = _number(cell(cells, col.get("maximum")),
                          N_("maximum of %(unit)s is not a number: %(value)s"), number, unit, row_errors)
        rank = _rank(cell(cells, col.get("rank")), number, unit, row_errors)
        if score is None and is_blank(cell(cells, col["score"])):
            row_errors.append(TreeError(number, "score of %(unit)s is empty", {"unit": unit}))
        elif score is not None and not row_errors:  # bounds only once both numbers are read
            maximum = DEFAULT_MAX if maximum is None else maximum  # no column or an empty cell
            if not 0 <= score <= maximum + 1e-9:
                row_errors.append(TreeError(
                    number, "score %(score)s of %(unit)s is not between 0 and %(max)s",
                    {"score": fmt(score), "unit": unit, "max": fmt(maximum)}))
        key = unit.casefold()  # text() gave NFC, so typing differences do not matter
        if key in seen:
            row_errors.append(TreeError(number, "duplicate unit %(unit)s (first on row %(first)s)",
                                        {"unit": unit, "first": seen[key]}))
        else:
            seen[key] = number
        errors += row_errors
        if not row_errors:
            rows.append(RankingRow(unit, score, maximum, rank, number))
    if not rows and not errors:
        errors.append(TreeError(None, "the ranking has no units"))
    return RankingResult(rows, errors)


def _number(value, message, number, unit, errors) -> float | None:
    try:
        return to_number(value)
    except ValueError:
        errors.append(TreeError(number, message,
                                {"unit": unit, "value": text(value)}))
        return None


def _rank(value, number, unit, errors) -> int | None:
    if is_blank(value):
        return None
    match = _RANK.match(text(value))
    if not match or int(match.group(1)) < 1:
        errors.append(TreeError(number, "rank of %(unit)s is not a whole number: %(value)s",
                                {"unit": unit, "value": text(value)}))
        return None
    return int(match.group(1))
