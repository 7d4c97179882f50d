"""What a demo is made of: one unit, its departments and users, two years of results, its peers.

Pure data, no Flask or database; `tracker.demo.load` writes a scenario into the database.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from tracker.domain.documents import Settings as DocumentSettings
from tracker.domain.scoring import APPRAISAL, SURVEY

METHODS = {"A": APPRAISAL, "S": SURVEY}  # thẩm định, điều tra xã hội học


@dataclass(frozen=True)
class CriterionRow:
    code: str
    title: str
    max_points: float
    method: str | None = None        # None for a field or criterion with sub-criteria
    score: float | None = None       # last year's appraised points
    prev_score: float | None = None  # the year before's
    note: str = ""                   # why points were lost last year
    product: str = ""                # the remediation product the plan names

    @property
    def is_leaf(self) -> bool:
        return self.method is not None

    @property
    def lost(self) -> bool:
        return self.is_leaf and self.score < self.max_points


def criteria_table(text: str) -> list[CriterionRow]:
    """Rows of "code | title | max [| A/S | score | prev | note | product]", one per line."""
    rows = []
    for line in text.strip().splitlines():
        cells = [c.strip() for c in line.split("|")]
        cells += [""] * (8 - len(cells))
        code, title, maximum, method, score, prev, note, product = cells
        rows.append(CriterionRow(code, title, float(maximum), METHODS[method] if method else None,
                                 float(score) if score else None, float(prev) if prev else None,
                                 note, product))
    return rows


@dataclass(frozen=True)
class Scenario:
    kind: str                 # the unit's kind, and the starter rules it plans with
    unit_name: str
    place: str
    issuing_body: str
    criteria_set_name: str    # {year}: the assessed year
    criteria_decision: str
    result_decision: str      # {number}, {day}, {year}: the decision that published the results
    criteria: list[CriterionRow]
    peers: list[tuple[str, float]]  # last year's ranking, the unit included
    peers_from: int           # the first year these peers existed as such
    previous_from: int        # the first year the unit itself was scored
    departments: list[tuple[str, str, list[str], str | None]]  # code, name, emails, head's email
    owners: dict[str, str]    # criterion code → lead department, beyond the starter's fields
    users: list[tuple[str, str, str, str | None]]  # email, name, role, department
    plan_number: str
    previous_plan_number: str
    target_classification: str | None
    target_rank: int
    blocked_note: str
    documents: DocumentSettings  # who speaks to whom in its plan and reports, who signs
    department_renames: dict[str, str] = field(default_factory=dict)  # starter code → demo code
    # The departments' heads with an account of their own (email, name, department): escalations
    # reach them, not the officer who keeps the tasks up to date.
    heads: list[tuple[str, str, str]] = field(default_factory=list)
    # What officers write when they report progress, by turn (a note says why, not just "updated").
    progress_notes: list[str] = field(default_factory=lambda: ["Đang triển khai theo kế hoạch."])
    report_prefix: str = "BC-UBND"   # the periodic reports' số/ký hiệu: "15/BC-UBND"
    # The set published for the year the plan works in, as changes to last year's: code →
    # (its new code, its new title or None); none: the demo has no next year's set.
    next_year_changes: dict[str, tuple[str, str | None]] = field(default_factory=dict)

    @property
    def max_score(self) -> float:
        return sum(r.max_points for r in self.criteria if "." not in r.code)
