"""Carrying a plan over to the next year's criteria set. Pure: leaves in, links and figures out.

A link joins a leaf of last year's set to a leaf of the new one. A renumbered criterion has
one link; criteria merged into one have a link each to the same new leaf; a criterion split in
two has two links; a removed one has none, and a new leaf nobody links to was added.

- `propose`: the same code and name first, then the same name under a new code, then the
  closest name (a split is proposed when a new leaf's closest old name is taken already).
- `carried_scores`: what last year's scores are worth on the new leaves (a share of each
  new maximum as large as the share the old leaves kept; an added leaf at the unit's overall
  share), which is the baseline the projection reads once the plan is carried over.
- `carry_tasks`: where each task goes, which split-off criteria need a task of their own, and
  how the new lost points are shared among the tasks that land on a leaf.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from tracker.domain.errors import InputError
from tracker.domain.scoring import SURVEY, round2

SIMILAR = 0.6  # a closest name below this is no proposal at all

SAME = "same"          # same code and name
RENUMBERED = "renumbered"  # same name, another code
SIMILAR_NAME = "similar"   # the closest name


@dataclass(frozen=True)
class Leaf:
    code: str
    title: str
    max_points: float
    score: float | None = None  # last year's appraised score (old leaves only)
    method: str = "appraisal"


@dataclass(frozen=True)
class Proposal:
    new_code: str
    reason: str        # SAME, RENUMBERED or SIMILAR_NAME
    similarity: float  # 1.0 for the same name


class MappingError(InputError):
    """A mapping names criteria that are not leaves of the new set."""


def normalized(title: str) -> str:
    """A title compared without case, punctuation or spacing (Vietnamese letters kept)."""
    text = unicodedata.normalize("NFC", title).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, normalized(a), normalized(b), autojunk=False).ratio()


def propose(old: list[Leaf], new: list[Leaf]) -> dict[str, list[Proposal]]:
    """Old code → the proposed new leaves (empty: the criterion seems removed)."""
    result: dict[str, list[Proposal]] = {leaf.code: [] for leaf in old}
    by_name: dict[str, list[Leaf]] = {}
    for leaf in new:
        by_name.setdefault(normalized(leaf.title), []).append(leaf)
    new_by_code = {leaf.code: leaf for leaf in new}
    taken: set[str] = set()
    for leaf in old:  # the same code and name
        same = new_by_code.get(leaf.code)
        if same is not None and normalized(same.title) == normalized(leaf.title):
            result[leaf.code].append(Proposal(same.code, SAME, 1.0))
            taken.add(same.code)
    for leaf in old:  # the same name under another code
        if result[leaf.code]:
            continue
        candidates = [n for n in by_name.get(normalized(leaf.title), []) if n.code not in taken]
        if candidates:
            result[leaf.code].append(Proposal(candidates[0].code, RENUMBERED, 1.0))
            taken.add(candidates[0].code)
    unmatched_old = [leaf for leaf in old if not result[leaf.code]]
    for leaf in unmatched_old:  # the closest free name
        scored = [(similarity(leaf.title, n.title), n) for n in new if n.code not in taken]
        best = max(scored, key=lambda pair: pair[0], default=None)
        if best and best[0] >= SIMILAR:
            result[leaf.code].append(Proposal(best[1].code, SIMILAR_NAME, round(best[0], 2)))
    linked = {p.new_code for proposals in result.values() for p in proposals}
    for leaf in new:  # a new leaf left over whose closest old name is taken: a split, or a merge
        if leaf.code in linked:
            continue
        scored = [(similarity(o.title, leaf.title), o) for o in old]
        best = max(scored, key=lambda pair: pair[0], default=None)
        if best and best[0] >= SIMILAR:
            result[best[1].code].append(Proposal(leaf.code, SIMILAR_NAME, round(best[0], 2)))
    return result


def parse_codes(text: str) -> list[str]:
    """"2.1.3, 2.1.4" → ["2.1.3", "2.1.4"] (commas, semicolons or spaces between; each once)."""
    codes = (code.rstrip(".") for code in re.split(r"[,;\s]+", text.strip()))
    return list(dict.fromkeys(code for code in codes if code))


def check_links(links: dict[str, list[str]], old: list[Leaf], new: list[Leaf]) -> None:
    """Every old leaf mapped to leaves of the new set; else MappingError naming the first few."""
    new_codes = {leaf.code for leaf in new}
    unknown = sorted({code for codes in links.values() for code in codes} - new_codes)
    if unknown:
        raise MappingError("Not sub-criteria of the new set: %(codes)s.", codes=", ".join(unknown[:10]))
    stray = sorted(set(links) - {leaf.code for leaf in old})
    if stray:
        raise MappingError("Not sub-criteria of last year's set: %(codes)s.", codes=", ".join(stray[:10]))


def _weights(links: dict[str, list[str]], new: dict[str, Leaf]) -> dict[tuple[str, str], float]:
    """(old, new) → the part of the old leaf that went to that new leaf: a split shares it in
    proportion to the new maxima."""
    weights = {}
    for old_code, codes in links.items():
        total = sum(new[c].max_points for c in codes)
        for c in codes:
            weights[(old_code, c)] = new[c].max_points / total if total else 1 / len(codes)
    return weights


def carried_scores(old: list[Leaf], new: list[Leaf], links: dict[str, list[str]],
                   overall_share: float) -> dict[str, float]:
    """New code → last year's score carried onto it: the new maximum times the share its old
    leaves kept (merged leaves pooled, a split leaf's share on each part); a leaf added in the
    new set is counted at `overall_share`, the unit's total share last year."""
    old_by = {leaf.code: leaf for leaf in old}
    new_by = {leaf.code: leaf for leaf in new}
    weights = _weights(links, new_by)
    kept: dict[str, list[float]] = {}  # new code → [weighted score, weighted maximum]
    for (old_code, new_code), w in weights.items():
        leaf = old_by[old_code]
        pooled = kept.setdefault(new_code, [0.0, 0.0])
        pooled[0] += w * (leaf.score or 0.0)
        pooled[1] += w * leaf.max_points
    result = {}
    for leaf in new:
        score, maximum = kept.get(leaf.code, (0.0, 0.0))
        share = score / maximum if maximum else overall_share
        result[leaf.code] = round2(leaf.max_points * max(0.0, min(share, 1.0)))
    return result


@dataclass(frozen=True)
class Basis:
    """What the projection reads against once a plan is carried over."""

    max_score: float
    baseline: float
    survey_lost: float


def basis(new: list[Leaf], scores: dict[str, float]) -> Basis:
    return Basis(max_score=round2(sum(leaf.max_points for leaf in new)),
                 baseline=round2(sum(scores.values())),
                 survey_lost=round2(sum(leaf.max_points - scores[leaf.code] for leaf in new
                                        if leaf.method == SURVEY)))


@dataclass(frozen=True)
class TaskAt:
    """A task of the plan on an old leaf."""

    task_id: int
    code: str
    lost_points: float


@dataclass
class Landing:
    """A task (an existing one moved, or a new one split off `source_task`) on a new leaf."""

    new_code: str
    lost_points: float
    task_id: int | None = None      # moved
    source_task: int | None = None  # split off
    part: int = 1


@dataclass
class Carry:
    landings: list[Landing] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)  # tasks whose criterion is gone

    @property
    def moved(self) -> list[Landing]:
        return [landing for landing in self.landings if landing.task_id is not None]

    @property
    def split_off(self) -> list[Landing]:
        return [landing for landing in self.landings if landing.task_id is None]


def carry_tasks(tasks: list[TaskAt], links: dict[str, list[str]], new: list[Leaf],
                scores: dict[str, float]) -> Carry:
    """Each task moves to its criterion's first new leaf; every further leaf of a split gets a
    task of its own, split off the criterion's first task. The tasks on a new leaf share what
    it is carried to lose, in proportion to the points they bring to it."""
    new_by = {leaf.code: leaf for leaf in new}
    weights = _weights({code: links.get(code, []) for code in {t.code for t in tasks}}, new_by)
    carry = Carry()
    brought: dict[str, list[tuple[Landing, float]]] = {}
    first_of: dict[str, TaskAt] = {}
    for task in tasks:
        codes = links.get(task.code, [])
        if not codes:
            carry.closed.append(task.task_id)
            continue
        landing = Landing(codes[0], 0.0, task_id=task.task_id)
        brought.setdefault(codes[0], []).append((landing, task.lost_points * weights[(task.code, codes[0])]))
        first_of.setdefault(task.code, task)
    for old_code, first in first_of.items():
        for code in links[old_code][1:]:
            shared = sum(t.lost_points for t in tasks if t.code == old_code)
            landing = Landing(code, 0.0, source_task=first.task_id)
            brought.setdefault(code, []).append((landing, shared * weights[(old_code, code)]))
    for code, arrivals in brought.items():
        lost = round2(new_by[code].max_points - scores[code])
        total = sum(amount for _l, amount in arrivals)
        remaining = lost
        for part, (landing, amount) in enumerate(arrivals, start=1):
            share = remaining if part == len(arrivals) else round2(
                lost * amount / total if total else lost / len(arrivals))
            landing.lost_points, landing.part = round2(max(share, 0.0)), part
            remaining = round2(remaining - share)
            carry.landings.append(landing)
    return carry
