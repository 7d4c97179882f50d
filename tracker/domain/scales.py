"""Scoring scales of rate criteria: "≥ 90%: 2; 70 - < 90%: 1; < 70%: 0" (DOMAIN.md).

Pure. A scale is a list of steps, each a range of the value and the points it scores; the first
step whose range holds the value gives the points, so a value moves through the scale in steps,
not linearly. Descending scales ("≤ 2 late files: 1; > 2: 0") are written the same way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.domain import bounds
from tracker.domain.errors import InputError
from tracker.domain.scoring import N_


class ScaleError(InputError):
    """A scale cannot be read."""


@dataclass(frozen=True)
class Step:
    low: float | None        # None: no lower bound
    low_inclusive: bool
    high: float | None       # None: no upper bound
    high_inclusive: bool
    points: float

    def holds(self, value: float) -> bool:
        if self.low is not None and (value < self.low or (value == self.low and not self.low_inclusive)):
            return False
        if self.high is not None and (value > self.high or (value == self.high and not self.high_inclusive)):
            return False
        return True


_NUMBER = r"(\d+(?:[.,]\d+)?)\s*%?"  # checked by _number
_OPERATOR = r"(>=|≥|>|<=|≤|<|=)"
_BOUND = re.compile(rf"^{_OPERATOR}\s*{_NUMBER}$")
_RANGE = re.compile(rf"^{_NUMBER}\s*[-–]\s*{_OPERATOR}?\s*{_NUMBER}$")  # "70 - < 90": from 70 to below 90


_PLAIN = re.compile(r"^\d{1,12}(?:[.,]\d{1,6})?$")  # "2", "0,5": no sign, no NaN, no 400 digits


def _number(text: str) -> float:
    """A bound of a step: a plain number a value can reach (bounds.VALUE_LIMIT)."""
    value = float(text.replace(",", ".")) if _PLAIN.match(text) else None
    if value is None or not bounds.is_value(value):
        raise ScaleError(N_("%(value)s is not a number a scale can use."), value=text[:30])
    return value


def _points(text: str, step: str) -> float:
    """A step's points: a plain number from 0 to bounds.POINTS_LIMIT."""
    value = float(text.replace(",", ".")) if _PLAIN.match(text) else None
    if value is None or not bounds.is_points(value):
        raise ScaleError(N_("The scale step %(step)s has no points: write it as ≥ 90: 2."), step=step[:60])
    return value


def _condition(text: str, points: float) -> Step:
    text = text.strip()
    bound = _BOUND.match(text)
    if bound:
        op, value = bound.group(1), _number(bound.group(2))
        if op in (">=", "≥"):
            return Step(value, True, None, False, points)
        if op == ">":
            return Step(value, False, None, False, points)
        if op in ("<=", "≤"):
            return Step(None, False, value, True, points)
        if op == "<":
            return Step(None, False, value, False, points)
        return Step(value, True, value, True, points)
    ranged = _RANGE.match(text)
    if ranged:
        low, op, high = _number(ranged.group(1)), ranged.group(2) or "<=", _number(ranged.group(3))
        if low > high:
            raise ScaleError(N_("In the scale, %(step)s goes from a larger value to a smaller one."), step=text)
        return Step(low, True, high, op in ("<=", "≤"), points)
    raise ScaleError(N_("The scale step %(step)s is not a condition such as ≥ 90, < 70 or 70 - < 90."),
                     step=text)


def parse_scale(text: str) -> list[Step]:
    """Steps separated by ";" or new lines, each "condition: points"."""
    steps = []
    for part in re.split(r"[;\n]", text or ""):
        if not part.strip():
            continue
        if ":" not in part:
            raise ScaleError(N_("The scale step %(step)s has no points: write it as ≥ 90: 2."), step=part.strip())
        condition, points = part.rsplit(":", 1)
        steps.append(_condition(condition, _points(points.strip(), part.strip())))
    if len(steps) < 2:
        raise ScaleError(N_("A scale needs at least two steps, such as ≥ 90: 2; < 90: 0."))
    return steps


def steps_or_none(text: str | None) -> list[Step] | None:
    """A stored scale's steps, or None without one (or one stored before scales were checked)."""
    if not text:
        return None
    try:
        return parse_scale(text)
    except ScaleError:
        return None


def checked_scale(text: str, max_points: float | None) -> list[Step]:
    """`parse_scale`, refusing a step worth more than the criterion's maximum."""
    steps = parse_scale(text)
    top = max(step.points for step in steps)
    if max_points is not None and top > max_points + 1e-9:
        raise ScaleError(N_("The scale gives %(points)s points, more than the maximum of %(max)s."),
                         points=f"{top:g}", max=f"{max_points:g}")
    return steps


def describe(step: Step) -> str:
    """A step's range as written back: "≥ 90", "< 70", "70 – < 90", "= 0"."""
    def n(value: float) -> str:
        return f"{value:g}"
    if step.low is not None and step.high is not None:
        if step.low == step.high:
            return f"= {n(step.low)}"
        return f"{n(step.low)} – {'≤' if step.high_inclusive else '<'} {n(step.high)}"
    if step.low is not None:
        return f"{'≥' if step.low_inclusive else '>'} {n(step.low)}"
    if step.high is not None:
        return f"{'≤' if step.high_inclusive else '<'} {n(step.high)}"
    return "*"


def points_for(steps: list[Step], value: float) -> float:
    """The points `value` scores: the first step that holds; none holds: 0."""
    return next((s.points for s in steps if s.holds(value)), 0.0)


def next_step(steps: list[Step], value: float) -> tuple[float, float] | None:
    """(the value that reaches the next points, those points), or None at the top: the step
    with the fewest points above what `value` scores now."""
    now = points_for(steps, value)
    better = sorted((s for s in steps if s.points > now), key=lambda s: s.points)
    if not better:
        return None
    step = better[0]
    if step.low is not None and value < step.low:
        return step.low, step.points
    if step.high is not None and value > step.high:
        return step.high, step.points
    return (step.low if step.low is not None else step.high), step.points
