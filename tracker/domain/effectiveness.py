"""Did last year's plan work? Each task of a plan beside what its criterion scored a year later.

Pure: the plan's tasks with the points their criteria had lost when the plan was made and lost in
the results of the year the plan worked in; out come an outcome per task and totals per
department and per field.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from tracker.domain.scoring import round2

WORKED = "worked"                # done and verified, and the points came back
DID_NOT_WORK = "did_not_work"    # verified, yet points still lost: a candidate for this year's plan
NOT_DONE_LOST = "not_done_lost"  # not finished, and points still lost
NOT_DONE_REGAINED = "not_done_regained"  # not finished, yet the points came back
GONE = "gone"                    # the criterion is not in the next year's set
OUTCOMES = (WORKED, DID_NOT_WORK, NOT_DONE_LOST, NOT_DONE_REGAINED, GONE)


@dataclass
class TaskOutcome:
    task_id: int
    code: str
    field: str
    department: str           # the lead department's name ("" when none)
    status: str
    lost_before: float        # the task's share of the points lost when the plan was made
    lost_after: float | None  # what the criterion lost a year later (None: not in the new set)

    @property
    def regained(self) -> float:
        """Points won back (negative: lost more), in proportion to the task's share."""
        return 0.0 if self.lost_after is None else round2(self.lost_before - self.lost_after)

    @property
    def outcome(self) -> str:
        if self.lost_after is None:
            return GONE
        verified = self.status == "verified"
        if verified:
            return WORKED if self.lost_after < self.lost_before else DID_NOT_WORK
        return NOT_DONE_REGAINED if self.lost_after < self.lost_before else NOT_DONE_LOST


@dataclass
class Totals:
    tasks: int = 0
    lost_before: float = 0.0
    regained: float = 0.0
    by_outcome: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))

    def add(self, row: TaskOutcome) -> None:
        self.tasks += 1
        self.lost_before = round2(self.lost_before + row.lost_before)
        self.regained = round2(self.regained + row.regained)
        self.by_outcome[row.outcome] += 1


def lost_share(criterion_lost: float | None, task_share: float, criterion_lost_before: float) -> float | None:
    """A split task's part of what its criterion lost a year later, in proportion to its part
    of what the criterion had lost (a whole task: all of it)."""
    if criterion_lost is None:
        return None
    if criterion_lost_before <= 0:
        return round2(criterion_lost)
    return round2(criterion_lost * task_share / criterion_lost_before)


@dataclass
class Effectiveness:
    rows: list[TaskOutcome]
    total: Totals
    by_department: dict[str, Totals]
    by_field: dict[str, Totals]


def assess(rows: list[TaskOutcome]) -> Effectiveness:
    total, departments, fields = Totals(), {}, {}
    for row in rows:
        total.add(row)
        departments.setdefault(row.department, Totals()).add(row)
        fields.setdefault(row.field, Totals()).add(row)
    return Effectiveness(rows, total, dict(sorted(departments.items())),
                         dict(sorted(fields.items(), key=lambda kv: (len(kv[0]), kv[0]))))


def _totals_row(key: str, title: str, totals: Totals) -> dict:
    return {"key": key, "title": title, "tasks": totals.tasks, "lost_before": totals.lost_before,
            "regained": totals.regained, **totals.by_outcome}


def report_summary(result: Effectiveness, *, number: str, assessed_year: int, results_year: int,
                   field_titles: dict[str, str]) -> dict:
    """The annual report's section on last year's plan, as plain data (it is stored as issued):
    totals, by field and by department, and the remedies that did not win the points back."""
    return {
        "number": number, "assessed_year": assessed_year, "results_year": results_year,
        "total": _totals_row("", "", result.total),
        "by_field": [_totals_row(code, field_titles.get(code, ""), t) for code, t in result.by_field.items()],
        "by_department": [_totals_row(name, name, t) for name, t in result.by_department.items()],
        "did_not_work": [{"code": r.code, "department": r.department, "lost_before": r.lost_before,
                          "lost_after": r.lost_after} for r in result.rows if r.outcome == DID_NOT_WORK],
    }
