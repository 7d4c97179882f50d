"""A province's results for all the units it scores, as it publishes them: one sheet per group of
peers (its sở, ban, ngành; its communes, wards and special zones), named after the group, each the
criteria tree (STT, Tiêu chí, Điểm tối đa and, optionally, Phương pháp) with one column of
appraised scores per unit, headed by the unit's name. A "Tổng điểm" row or "Xếp hạng" column is
ignored: totals and ranks follow from the scores."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from tracker.domain.scoring import N_, ScoreRow, TreeError, leaves, validate_tree
from tracker.importers.headers import HEADER_SEARCH_ROWS, Header, find_header, header_key, required_names
from tracker.importers.ranking import UNIT_NAME_MAX
from tracker.importers.scoring import number_in, read_rows
from tracker.importers.sheets import DEFAULT_LIMITS, Limits, SheetError, cell, is_blank, read_sheets, text

# Header cells right of the tree that are not a unit's name (folded as header_key folds them).
NOT_UNITS = {header_key(h) for h in ("Tổng điểm", "Tổng", "Xếp hạng", "Hạng", "Xếp loại", "Tỷ lệ", "Tỷ lệ %",
                                       "Điểm tối đa", "Ghi chú")}


@dataclass
class UnitScores:
    name: str
    rows: list[ScoreRow]  # the group's tree with this unit's scores


@dataclass
class GroupSheet:
    group: str                # the sheet's name: the group of peers its units are ranked in
    tree: list[ScoreRow]      # the criteria, without scores
    units: list[UnitScores] = field(default_factory=list)


@dataclass
class UnitResults:
    """The groups are only meaningful when there are no errors (then the file is rejected)."""
    groups: list[GroupSheet] = field(default_factory=list)
    errors: list[TreeError] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # sheets without the tree's columns (notes, a cover)


def parse_unit_results(data: bytes, filename: str, limits: Limits = DEFAULT_LIMITS) -> UnitResults:
    try:
        sheets = read_sheets(data, filename, limits)
    except SheetError as exc:
        return UnitResults(errors=[TreeError(None, exc.message, exc.params)])
    result = UnitResults()
    seen: dict[str, str] = {}  # unit name (folded) -> the sheet it was first in
    for name, table in sheets:
        group = text(name)
        header = find_header(table, "scoring")
        if header is None:
            result.skipped.append(group)
            continue
        sheet = _read_sheet(group, table, header, seen, result.errors)
        if sheet:
            result.groups.append(sheet)
    if not result.groups and not result.errors:
        result.errors.append(TreeError(None, "no sheet has a header row with the columns %(names)s in its first "
                                       "%(count)s rows", {"names": required_names("scoring"),
                                                          "count": HEADER_SEARCH_ROWS}))
    return result


def unit_columns(cells: list, header: Header) -> list[tuple[int, str]]:
    """(column, unit name) for each header cell that is neither a known column nor a total."""
    known = set(header.columns.values())
    return [(index, text(value)) for index, value in enumerate(cells)
            if index not in known and not is_blank(value) and header_key(value) not in NOT_UNITS]


def _read_sheet(group: str, table, header: Header, seen: dict[str, str], errors: list[TreeError]) -> GroupSheet | None:
    cells_of = dict(table)
    columns = unit_columns(cells_of[header.row], header)
    found = len(errors)
    if not columns:
        errors.append(TreeError(header.row, "no unit columns: after %(names)s, give one column of scores per "
                                "unit, headed by the unit's name", {"names": required_names("scoring")}, where=group))
    for _index, unit in columns:
        key = unit.casefold()
        if len(unit) > UNIT_NAME_MAX:
            errors.append(TreeError(header.row, "the unit name %(unit)s… is longer than %(max)s characters",
                                    {"unit": unit[:40], "max": UNIT_NAME_MAX}, where=group))
        elif key in seen:
            errors.append(TreeError(header.row, "%(unit)s has a column already (sheet %(sheet)s)",
                                    {"unit": unit, "sheet": seen[key] or "—"}, where=group))
        else:
            seen[key] = group
    tree, tree_errors = read_rows(table, header)
    tree_errors += validate_tree(tree, need_scores=False)
    errors += [replace(e, where=group) for e in tree_errors]
    if len(errors) > found:
        return None  # a unit's scores can only be read against a sound tree
    sheet = GroupSheet(group, tree)
    leaf_codes = {r.code for r in leaves(tree)}
    for index, unit in columns:
        where = f"{group} › {unit}" if group else unit
        unit_errors: list[TreeError] = []
        rows = []
        for row in tree:
            score = None
            if row.code in leaf_codes:
                score = number_in(cell(cells_of[row.row], index), row.row, row.code,
                                N_("appraised score of %(code)s is not a number: %(value)s"), unit_errors)
            rows.append(replace(row, appraised=score, self_assessed=None))
        unit_errors += validate_tree(rows, need_scores=True)
        errors += [replace(e, where=where) for e in unit_errors]
        sheet.units.append(UnitScores(unit, rows))
    return sheet
