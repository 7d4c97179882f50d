"""Scoring sheets: a criteria tree with maxima and, for results, scores."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from tracker.domain.scales import ScaleError, checked_scale
from tracker.domain.scoring import APPRAISAL, SURVEY, N_, ScoreRow, TreeError, validate_tree
from tracker.importers.headers import Header, fold, open_sheet
from tracker.importers.sheets import DEFAULT_LIMITS, Limits, SheetError, cell, is_blank, text, to_number

ROMAN = {numeral: n for n, numeral in enumerate(
    "I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX".split(), start=1)}
_DOTTED = re.compile(r"^\d+(\.\d+)*\.?$")
CODE_MAX = 30  # the longest code a criterion holds (models.Criterion.code)
_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,2}|[A-Z])\)?$")  # "1", "(2)", "A" under a header
# "Tổng cộng", "Tổng điểm", "Tổng", "Cộng" written in the code column
_TOTAL = re.compile(r"^(tong\b|cong$)")
_SURVEY_PREFIXES = ("dieu tra", "xhh")


@dataclass
class ParseResult:
    """The rows are only meaningful when there are no errors (then the file is rejected)."""

    rows: list[ScoreRow] = field(default_factory=list)
    errors: list[TreeError] = field(default_factory=list)


def parse_scoring(data: bytes, filename: str, *, need_scores: bool, limits: Limits = DEFAULT_LIMITS) -> ParseResult:
    """Read a scoring sheet; `need_scores` is False for a criteria set without results."""
    try:
        table, header = open_sheet(data, filename, "scoring", limits)
    except SheetError as exc:
        return ParseResult(errors=[TreeError(None, exc.message, exc.params)])

    rows, errors = read_rows(table, header)
    if need_scores and "appraised" not in header.columns:
        # One error for the missing column rather than one per leaf.
        errors.append(TreeError(header.row, "the sheet has no appraised score column (%(names)s)",
                                {"names": "Điểm thẩm định / Điểm đạt / Điểm đánh giá"}))
        need_scores = False
    errors += validate_tree(rows, need_scores=need_scores)
    errors.sort(key=lambda e: e.row or 0)
    return ParseResult(rows, errors)


def read_rows(table, header: Header) -> tuple[list[ScoreRow], list[TreeError]]:
    col = header.columns
    rows: list[ScoreRow] = []
    errors: list[TreeError] = []
    raw_scores: dict[int, tuple] = {}  # id(row) -> (appraised, self-assessed) cells
    codes = _Codes()
    body = [(n, cells) for n, cells in table if n > header.row]
    if body and _is_column_numbers(body[0][1]):
        body = body[1:]  # the "(1) (2) (3)" row official forms put under the header
    for number, cells in body:
        raw_code = cell(cells, col["code"])
        if is_blank(raw_code) or _TOTAL.match(fold(raw_code)):
            continue  # sub-headings, totals, blank lines
        code = codes.canonical(raw_code)
        if code is None:
            errors.append(TreeError(number, "unknown code %(code)s", {"code": text(raw_code)}))
            continue
        maximum = number_in(cell(cells, col["maximum"]), number, code,
                          N_("maximum of %(code)s is not a number: %(value)s"), errors)
        if maximum is None:
            errors.append(TreeError(number, "maximum of %(code)s is empty", {"code": code}))
            maximum = _UNREADABLE
        method = fold(cell(cells, col.get("method")))
        row = ScoreRow(code=code, title=text(cell(cells, col["title"])), max_points=maximum,
                       note=text(cell(cells, col.get("note"))),
                       method=SURVEY if method.startswith(_SURVEY_PREFIXES) else APPRAISAL,
                       row=number, scale=text(cell(cells, col.get("scale"))))
        if row.scale:
            try:
                checked_scale(row.scale, maximum if isinstance(maximum, float) else None)
            except ScaleError as exc:
                errors.append(TreeError(number, exc.message, exc.params))
        rows.append(row)
        raw_scores[id(row)] = (cell(cells, col.get("appraised")),
                               cell(cells, col.get("self_assessed")))

    # A parent's own score cells are ignored: its score is derived from its leaves.
    parents = {r.parent_code for r in rows if r.parent_code}
    for row in rows:
        if row.code in parents:
            continue
        appraised, self_assessed = raw_scores[id(row)]
        row.appraised = number_in(appraised, row.row, row.code,
                                N_("appraised score of %(code)s is not a number: %(value)s"), errors)
        row.self_assessed = number_in(self_assessed, row.row, row.code,
                                    N_("self-assessed score of %(code)s is not a number: %(value)s"),
                                    errors)
    return rows, errors


# NaN stands for a cell already reported: the row stays in the tree (its children still
# find their parent) and every comparison with NaN is false, so validate_tree neither
# checks it against sums or limits nor calls it empty. The error rejects the file anyway.
_UNREADABLE = float("nan")


def number_in(value, row, code, message, errors) -> float | None:
    """The number in a cell: None when blank, _UNREADABLE (error added) when not a number."""
    try:
        return to_number(value)
    except ValueError:
        errors.append(TreeError(row, message, {"code": code, "value": text(value)}))
        return _UNREADABLE


def _is_column_numbers(cells: list) -> bool:
    tokens = [text(c) for c in cells if not is_blank(c)]
    return len(tokens) >= 3 and all(_COLUMN_NUMBER.match(t) for t in tokens)


class _Codes:
    """Turns written codes into canonical dotted codes, remembering the current field.

    Under Roman field "II", criteria numbered inside it ("1", "1.1") become "2.1",
    "2.1.1". Some sheets repeat the field's number instead ("II", then "2.1"); that
    is recognised when the field's first code already starts with its number.
    """

    def __init__(self):
        self.field: int | None = None
        self.qualify = True

    def canonical(self, value) -> str | None:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return None  # dates Excel made of "1.1", booleans
        written = text(value)  # 1.1 from Excel reads "1.1"; 1.10 cannot be told apart
        roman = ROMAN.get(written.rstrip("."))  # upper case only: "i", "ii" are not fields
        if roman:
            self.field, self.qualify = roman, None
            return str(roman)
        if not _DOTTED.match(written):
            return None
        parts = [int(p) for p in written.rstrip(".").split(".")]
        if 0 in parts:
            return None
        if self.field is not None:
            if self.qualify is None:  # the field's first criterion decides its numbering
                self.qualify = not (len(parts) > 1 and parts[0] == self.field)
            if self.qualify:
                parts.insert(0, self.field)
        code = ".".join(map(str, parts))
        return code if len(code) <= CODE_MAX else None  # no criteria set numbers that far
