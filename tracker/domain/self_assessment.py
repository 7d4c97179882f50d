"""The points a unit proposes to claim in its self-assessment (tự đánh giá, chấm điểm). Pure.

At the end of the year the plan works in, the unit scores itself on the next year's criteria
set. The tracker proposes, for the office to review, per sub-criterion of that set:

- a **survey-scored** criterion (SIPAS, the leaders' survey) is left to the survey: no points
  are claimed, the row says so;
- a criterion **without a result last year** to start from (added in the new set) is left to
  the office: no points are proposed;
- otherwise the claim is what the criterion **kept** last year (its appraised score, carried
  onto the new set's maximum) **plus** what its **verified** tasks on appraisal-scored criteria
  **won back** (each task's lost points: its share of what the criterion lost), never more than
  the criterion's maximum and never below 0. A task only done, in progress or cancelled wins
  nothing back: Internal Affairs has not accepted its evidence.

A field's or criterion's claim is the sum of the claims below it, with the maximum of the
sub-criteria it leaves out (survey, new) said beside it.
"""
from __future__ import annotations

from dataclasses import dataclass

from tracker.domain.scoring import APPRAISAL, SURVEY, round2
from tracker.domain.task_states import TaskStatus

CLAIMED = "claimed"   # kept last year + won back, up to the maximum
SURVEY_LEFT = "survey"  # left to the survey
NO_RESULT = "new"     # no result last year to start from: the office scores it


@dataclass(frozen=True)
class TaskShare:
    """A task on a criterion of the new set: its share of what the criterion lost."""

    lost_points: float
    status: str
    method: str = APPRAISAL  # the method of the criterion the task was planned on


@dataclass(frozen=True)
class Claim:
    basis: str              # CLAIMED, SURVEY_LEFT or NO_RESULT
    points: float | None    # None unless CLAIMED
    kept: float | None      # what the criterion kept last year (on the new maximum)
    won_back: float         # the lost points of its verified appraisal tasks
    capped: bool = False    # kept + won back came to more than the maximum

    @property
    def claimed(self) -> bool:
        return self.basis == CLAIMED


def won_back(tasks: list[TaskShare] | tuple[TaskShare, ...]) -> float:
    """The lost points of the verified tasks planned on appraisal-scored criteria."""
    return round2(sum(t.lost_points for t in tasks
                      if t.status == TaskStatus.VERIFIED.value and t.method != SURVEY))


def claim(max_points: float, method: str, kept: float | None, tasks=()) -> Claim:
    """The proposal for one sub-criterion of the new set (see the module's docstring)."""
    if method == SURVEY:
        return Claim(SURVEY_LEFT, None, kept, 0.0)
    if kept is None:
        return Claim(NO_RESULT, None, None, 0.0)
    won = won_back(tasks)
    total = round2(kept + won)
    capped = total > max_points
    return Claim(CLAIMED, round2(max(0.0, min(total, max_points))), kept, won, capped)


@dataclass(frozen=True)
class Rollup:
    """A field's or criterion's claim: the sum over its sub-criteria that are claimed."""

    max_points: float
    points: float       # claimed
    claimed_of: float   # the maximum of the sub-criteria claimed
    left_out: float     # the maximum of those left to the survey or to the office

    @property
    def complete(self) -> bool:
        return self.left_out == 0


def ancestors(code: str) -> list[str]:
    """"1.2.3" → ["1", "1.2"]."""
    parts = code.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts))]


TOTAL = ""  # the key of the whole set's roll-up


def roll_up(leaves: dict[str, tuple[float, Claim]]) -> dict[str, Rollup]:
    """Sub-criterion code → (maximum, claim) in; every ancestor code (and TOTAL) → its Rollup."""
    sums: dict[str, list[float]] = {}
    for code, (maximum, found) in leaves.items():
        for key in ancestors(code) + [TOTAL]:
            entry = sums.setdefault(key, [0.0, 0.0, 0.0, 0.0])
            entry[0] += maximum
            if found.claimed:
                entry[1] += found.points
                entry[2] += maximum
            else:
                entry[3] += maximum
    return {key: Rollup(*(round2(v) for v in values)) for key, values in sums.items()}
