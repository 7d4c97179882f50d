"""Next year's score projected from task progress (CONTRACT §5). Pure: numbers in, numbers out.

- secured:   baseline + lost points of verified tasks on appraisal-scored criteria (evidence
             accepted; survey points cannot be secured by evidence)
- expected:  baseline + Σ lost points × progress/100 over tasks not cancelled (done and
             verified count 100); a survey-scored task counts only once its survey's result
             is known (the next year's results are imported): until then people's
             satisfaction is hoped for, not measured
- potential: baseline + lost points of every task not cancelled
A percentage is of the maximum; the rank is the one `expected` would take among the other
units of the year's ranking (1 is best, a tie shares the better rank).
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date
from typing import Protocol

from tracker.domain.scoring import SURVEY, classify, code_sort_key, percentage, rank_among, round2

from tracker.domain.task_states import ALL as STATUSES, CLOSED, COMPLETE, is_overdue


@dataclass
class TaskFigures:
    lost_points: float
    progress: int
    status: str
    method: str            # of its criterion: "appraisal" or "survey"
    deadline: date | None = None
    task_id: int | None = None  # what a what-if names it by
    scaled: float | None = None  # a rate criterion's points won back at its current value, through its scale
    awaiting_survey: bool = False  # a survey outcome whose survey has not reported: only potential

    def expected(self) -> float:
        """The points this task is expected to win back: all once finished; for a rate criterion
        with a scale and a reported value, what that value scores; else in proportion to progress;
        nothing for a survey outcome before its survey."""
        if self.awaiting_survey:
            return 0.0
        if self.status in COMPLETE or self.scaled is None:
            return self.lost_points * self.progress_fraction()
        return max(0.0, min(self.scaled, self.lost_points))

    def progress_fraction(self) -> float:
        return 1.0 if self.status in COMPLETE else max(0, min(self.progress, 100)) / 100


def scale_regain(steps: "list | None", value: float | None, max_points: float, lost_points: float) -> float | None:
    """Points a rate task's reported value wins back through its criterion's scale (None without
    a scale or a value): what the value scores, less what the criterion kept when scored."""
    if steps is None or value is None:
        return None
    from tracker.domain.scales import points_for
    return points_for(steps, value) - (max_points - lost_points)


def task_figures(*, lost_points: float, status: str, progress: int, method: str, deadline: date | None = None,
                 task_id: int | None = None, value: float | None = None, steps: "list | None" = None,
                 max_points: float = 0.0, survey_known: bool = False) -> TaskFigures:
    """The one way a task becomes figures, now or as of a past moment (the dashboard, the API,
    the what-if, the digests and the reports): its share, state and reported value read
    through its criterion's scale; a survey-scored task awaits its survey until `survey_known`."""
    return TaskFigures(lost_points, progress, status, method, deadline, task_id,
                       scale_regain(steps, value, max_points, lost_points),
                       awaiting_survey=method == SURVEY and not survey_known)


@dataclass
class Peer:
    score: float
    max_score: float


class Ranking(Protocol):
    """The other units of a year's ranking when they are not loaded as a list (the database
    counts them: a province's ranking of communes has hundreds)."""

    def rank(self, share: float) -> tuple[int, int] | None:
        """(the rank a unit at `share` of its maximum would take, the units ranked with it),
        or None when the year has no ranking."""


class YearRanking:
    """A year's rankings held in memory as sorted shares per group of peers (a province's sở,
    its communes), so that each of hundreds of units is ranked by bisection among its own
    group rather than against every other (the units page, the digests). `entries` have
    unit_name, score, max_score and, optionally, group."""

    def __init__(self, entries) -> None:
        self.group_of: dict[str, str] = {}
        by_group: dict[str, list] = {}
        for e in entries:
            group = getattr(e, "group", "")
            self.group_of.setdefault(e.unit_name, group)
            by_group.setdefault(group, []).append(e)
        self.groups = {group: _Group(found) for group, found in by_group.items()}

    def without(self, unit_name: str) -> Ranking:
        """The other units of its group, for `unit_name`'s projected rank."""
        return _Peers(self, unit_name)


class _Group:
    def __init__(self, entries) -> None:
        self.size = len(entries)
        self.shares = sorted(e.score / e.max_score for e in entries if e.max_score)
        self.own: dict[str, list[float]] = {}
        self.counts: dict[str, int] = {}
        for e in entries:
            self.counts[e.unit_name] = self.counts.get(e.unit_name, 0) + 1
            if e.max_score:
                self.own.setdefault(e.unit_name, []).append(e.score / e.max_score)


@dataclass(frozen=True)
class _Peers:
    ranking: YearRanking
    unit_name: str

    def rank(self, share: float) -> tuple[int, int] | None:
        """As rank_in over the list of the other units of its group: 1 + those strictly above (a
        tie shares the better rank), out of the others and the unit; None for a unit in no group
        of the ranking (a ward beside a ranking of provinces)."""
        if self.unit_name not in self.ranking.group_of:
            return None
        r, threshold = self.ranking.groups[self.ranking.group_of[self.unit_name]], share + 1e-9
        above = len(r.shares) - bisect_right(r.shares, threshold)
        above -= sum(1 for own in r.own.get(self.unit_name, []) if own > threshold)
        return 1 + above, r.size - r.counts.get(self.unit_name, 0) + 1


def rank_in(peers: "list[Peer] | Ranking", share: float) -> tuple[int, int] | None:
    """Shares of each unit's own maximum, so units scored out of 97 and 100 compare fairly."""
    if isinstance(peers, list):
        return rank_among(share, [p.score / p.max_score for p in peers if p.max_score]), len(peers) + 1
    return peers.rank(share)


def secured_points(tasks: list[TaskFigures]) -> float:
    return sum(t.lost_points for t in tasks if t.status == "verified" and t.method != SURVEY)


def expected_points(tasks: list[TaskFigures]) -> float:
    return sum(t.expected() for t in tasks if t.status != "cancelled")


def potential_points(tasks: list[TaskFigures]) -> float:
    return sum(t.lost_points for t in tasks if t.status != "cancelled")


def assuming_verified(tasks: list[TaskFigures], task_ids: set[int]) -> list[TaskFigures]:
    """What-if: the tasks as if those named were verified (a cancelled task stays cancelled: it
    is no longer part of the plan). Adding tasks never lowers a figure, and never lifts one above
    the potential, which already counts every task as won back."""
    return [replace(t, status="verified", progress=100) if t.task_id in task_ids and t.status != "cancelled"
            else t for t in tasks]


def points_per_remaining_percent(task: TaskFigures) -> float:
    """What finishing the task wins back for the work left: its lost points over the percent of
    it still to do (a task at 90% with 1 point: 0.1 a percent). Closed tasks: 0."""
    if task.awaiting_survey:  # finishing it wins nothing the figures can count yet
        return 0.0
    remaining = 0 if task.status in CLOSED else 100 - max(0, min(task.progress, 100))
    return task.lost_points / remaining if remaining > 0 else 0.0


def task_counts(tasks: list[TaskFigures], today: date) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for t in tasks:
        counts[t.status] = counts.get(t.status, 0) + 1
    counts["overdue"] = sum(1 for t in tasks if t.deadline and is_overdue(t.deadline, t.status, today))
    return counts


def counted_tasks(counts: dict[str, int]) -> int:
    """A plan's tasks from `task_counts`, cancelled ones left out (`overdue` counts some of the
    others again)."""
    return sum(n for status, n in counts.items() if status not in ("cancelled", "overdue"))


def counted_done(counts: dict[str, int]) -> int:
    return sum(counts.get(status, 0) for status in COMPLETE)


def done_share(counts: dict[str, int]) -> float:
    """The share of a plan's tasks done, in percent (0 without tasks)."""
    total = counted_tasks(counts)
    return round(counted_done(counts) * 100 / total, 1) if total else 0.0


def project(*, unit: str, year: int, max_score: float, baseline: float, survey_lost: float,
            tasks: list[TaskFigures], bands: list[tuple[float, str]] | None,
            peers: "list[Peer] | Ranking | None", today: date) -> dict:
    """The object of CONTRACT §5, with exactly its keys. `peers` are the other units of the
    year's ranking (None without a ranking)."""
    result = {"unit": unit, "year": year, "max_score": round2(max_score)}

    def figure(name: str, score: float) -> None:
        score = round2(min(score, max_score))
        pct = percentage(score, max_score)
        result.update({name: score, f"{name}_pct": pct, f"{name}_classification": classify(pct, bands)})

    figure("baseline", baseline)
    result["lost"] = round2(max_score - baseline)
    figure("secured", baseline + secured_points(tasks))
    result["survey_lost"] = round2(survey_lost)
    figure("expected", baseline + expected_points(tasks))
    figure("potential", baseline + potential_points(tasks))
    ranked = None if peers is None else rank_in(peers, result["expected"] / max_score if max_score else 0.0)
    result["projected_rank"], result["rank_of"] = ranked or (None, None)  # rank_of: the unit included
    result["tasks"] = task_counts(tasks, today)
    return result


@dataclass(frozen=True)
class Risk:
    """A criterion at full marks this year that lost points in an earlier one: what it lost then
    may be lost again if nobody keeps it up (a "duy trì" task)."""

    code: str
    title: str
    lost: float        # the most it lost in an earlier year
    year: int          # the latest year it lost points


def at_risk(full_marks: dict[str, str], earlier: list[tuple[int, str, float]]) -> list[Risk]:
    """`full_marks`: this year's leaves at their maximum, code → title; `earlier`: (year, code,
    points lost) of the unit's earlier results, matched by code."""
    worst: dict[str, tuple[float, int]] = {}
    for year, code, lost in earlier:
        if code in full_marks and lost > 1e-9:
            most, latest = worst.get(code, (0.0, year))
            worst[code] = (max(most, lost), max(latest, year))
    return [Risk(code, full_marks[code], round2(lost), year)
            for code, (lost, year) in sorted(worst.items(), key=lambda item: code_sort_key(item[0]))]


@dataclass
class FieldRecovery:
    """Per field: points lost last year and how many the plan has secured or expects back."""

    code: str
    title: str
    lost: float
    secured: float
    expected: float


def field_recovery(fields: list[tuple[str, str, float]],
                   tasks: list[tuple[str, TaskFigures]]) -> list[FieldRecovery]:
    """`fields`: (code, title, lost points); `tasks`: (field code, figures)."""
    by_field: dict[str, list[TaskFigures]] = {}
    for code, figures in tasks:
        by_field.setdefault(code, []).append(figures)
    return [FieldRecovery(code, title, round2(lost), round2(secured_points(by_field.get(code, []))),
                          round2(expected_points(by_field.get(code, []))))
            for code, title, lost in fields]
