"""The PAR Index scoring tree: codes, totals, checks and classification.

A criteria set is a tree of fields (lĩnh vực), criteria (tiêu chí) and
sub-criteria (tiêu chí thành phần). Codes are canonical dotted arabic
("2", "2.1", "2.1.3"); a node's parent is its code without the last part.
"""
from __future__ import annotations

from dataclasses import dataclass, field

APPRAISAL = "appraisal"  # thẩm định: evidence can secure the points
SURVEY = "survey"        # điều tra xã hội học: only hoped for until the next survey
METHODS = (APPRAISAL, SURVEY)

TOLERANCE = 0.01

# Default bands (DOMAIN.md): lowest percentage of the maximum for each class.
DEFAULT_BANDS: list[tuple[float, str]] = [
    (90.0, "Xuất sắc"),
    (80.0, "Tốt"),
    (70.0, "Khá"),
    (50.0, "Trung bình"),
    (0.0, "Yếu"),
]


def N_(message: str) -> str:
    """Marks a msgid for extraction where it is passed on rather than used (gettext's N_)."""
    return message


@dataclass
class ScoreRow:
    """One row of a scoring sheet, already read and converted."""

    code: str
    title: str
    max_points: float
    appraised: float | None = None
    self_assessed: float | None = None
    note: str = ""
    method: str = APPRAISAL
    row: int | None = None  # row number in the source file, for messages
    scale: str = ""         # a rate criterion's scoring scale (domain/scales), as written

    @property
    def parent_code(self) -> str | None:
        return self.code.rsplit(".", 1)[0] if "." in self.code else None

    @property
    def depth(self) -> int:
        return self.code.count(".")


@dataclass
class TreeError:
    row: int | None
    message: str  # English msgid; callers translate
    params: dict = field(default_factory=dict)
    where: str = ""  # the sheet (and unit) of a workbook of several, as written there

    def __str__(self) -> str:
        text = self.message % self.params if self.params else self.message
        text = f"row {self.row}: {text}" if self.row else text
        return f"{self.where}: {text}" if self.where else text


def code_sort_key(code: str) -> tuple[int, ...]:
    """Sort "1.10" after "1.9"."""
    return tuple(int(part) for part in code.split("."))


def leaves(rows: list[ScoreRow]) -> list[ScoreRow]:
    parents = {r.parent_code for r in rows if r.parent_code}
    return [r for r in rows if r.code not in parents]


def validate_tree(rows: list[ScoreRow], *, need_scores: bool) -> list[TreeError]:
    """Every check of CONTRACT §4 that concerns the tree itself.

    Returns all errors (never stops at the first) so a user can fix a sheet
    in one go. `need_scores` is False for a criteria set without results.
    """
    errors: list[TreeError] = []
    by_code: dict[str, ScoreRow] = {}
    for r in rows:
        if r.code in by_code:
            errors.append(TreeError(r.row, "duplicate code %(code)s (first on row %(first)s)",
                                    {"code": r.code, "first": by_code[r.code].row}))
            continue
        by_code[r.code] = r
    children: dict[str, list[ScoreRow]] = {}
    for r in by_code.values():
        if r.parent_code is None:
            continue
        if r.parent_code not in by_code:
            errors.append(TreeError(r.row, "criterion %(code)s has no parent %(parent)s",
                                    {"code": r.code, "parent": r.parent_code}))
        children.setdefault(r.parent_code, []).append(r)
    for r in by_code.values():
        if r.max_points < 0:
            errors.append(TreeError(r.row, "maximum of %(code)s is below 0", {"code": r.code}))
        for value, below, above in (
            (r.appraised, N_("appraised score of %(code)s is below 0"),
             N_("appraised score %(score)s of %(code)s is above its maximum %(max)s")),
            (r.self_assessed, N_("self-assessed score of %(code)s is below 0"),
             N_("self-assessed score %(score)s of %(code)s is above its maximum %(max)s")),
        ):
            if value is None:
                continue
            if value < 0:
                errors.append(TreeError(r.row, below, {"code": r.code}))
            elif value > r.max_points + 1e-9:
                errors.append(TreeError(r.row, above, {"score": fmt(value), "code": r.code,
                                                       "max": fmt(r.max_points)}))
        kids = children.get(r.code)
        if kids:
            total = sum(k.max_points for k in kids)
            if abs(total - r.max_points) > TOLERANCE:
                errors.append(TreeError(
                    r.row, "maximum of %(code)s is %(max)s but its children add up to %(sum)s",
                    {"code": r.code, "max": fmt(r.max_points), "sum": fmt(total)}))
        elif need_scores and r.appraised is None:
            errors.append(TreeError(r.row, "criterion %(code)s has no score", {"code": r.code}))
    if not rows:
        errors.append(TreeError(None, "the sheet has no criteria"))
    return errors


def fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def round2(value: float) -> float:
    return round(value + 0.0, 2)


def max_score(rows: list[ScoreRow]) -> float:
    """The set's maximum: the sum of its fields (top-level nodes)."""
    return round2(sum(r.max_points for r in rows if r.parent_code is None))


def total_score(rows: list[ScoreRow]) -> float:
    """The appraised total: the sum over leaves (parents' own scores are derived)."""
    return round2(sum(r.appraised or 0.0 for r in leaves(rows)))


def lost_points(max_points: float, appraised: float | None) -> float:
    return round2(max(max_points - (appraised or 0.0), 0.0))


def percentage(score: float, maximum: float) -> float:
    return round2(score * 100.0 / maximum) if maximum else 0.0


# The units the Ministry of Home Affairs scores (provinces, ministries) get a score, a percentage
# and a rank, no classification: their criteria sets carry no bands ([]).
UNCLASSIFIED_KINDS = ("province", "ministry")


def classify(pct: float, bands: list[tuple[float, str]] | None = None) -> str | None:
    """The band name for a percentage of the maximum (bands sorted high to low; None: the
    default bands). An empty list of bands is a scoring body that does not classify: None."""
    if bands is not None and not bands:
        return None
    for floor, name in sorted(bands or DEFAULT_BANDS, key=lambda b: -b[0]):
        if pct + 1e-9 >= floor:
            return name
    return (bands or DEFAULT_BANDS)[-1][1]


def rank_among(score: float, others: list[float]) -> int:
    """1 is best; a tie shares the better rank."""
    return 1 + sum(1 for s in others if s > score + 1e-9)


@dataclass
class NodeFigures:
    """A node's points: a parent's are the sums over its leaves."""

    max_points: float
    appraised: float = 0.0
    self_assessed: float | None = None

    @property
    def lost(self) -> float:
        return round2(max(self.max_points - self.appraised, 0.0))


def node_figures(rows: list[ScoreRow]) -> dict[str, NodeFigures]:
    """Figures for every node, parents summed from their leaves (self-assessed only if every
    leaf beneath has one)."""
    figures = {r.code: NodeFigures(r.max_points) for r in rows}
    has_self = {r.code: True for r in rows}
    for leaf in leaves(rows):
        code: str | None = leaf.code
        while code is not None:
            node = figures[code]
            node.appraised = round2(node.appraised + (leaf.appraised or 0.0))
            if leaf.self_assessed is None:
                has_self[code] = False
            else:
                node.self_assessed = round2((node.self_assessed or 0.0) + leaf.self_assessed)
            code = code.rsplit(".", 1)[0] if "." in code else None
    for code, complete in has_self.items():
        if not complete:
            figures[code].self_assessed = None
    return figures
