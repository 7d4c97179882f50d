"""What a number a user enters can mean, so that none stores a value no page can show (NaN,
infinity, 1e308) or no column can hold. Pure: the services and the forms share these bounds."""
from __future__ import annotations

import math
from decimal import Decimal

VALUE_LIMIT = 1e9      # a task's target or reported value: a rate, a count, an amount
POINTS_LIMIT = 1000.0  # points of a criterion, a share or a scale step (a whole set is about 100)
RANK_LIMIT = 10_000    # a rank among peers (34 provinces, a few hundred communes)


def within(value, low: float, high: float) -> bool:
    """A finite number from `low` to `high` (a Decimal NaN or a bool is not one)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return False
    if isinstance(value, Decimal):
        if not value.is_finite():
            return False
        return Decimal(str(low)) <= value <= Decimal(str(high))
    if isinstance(value, float) and not math.isfinite(value):
        return False
    return low <= value <= high


def is_value(value) -> bool:
    return within(value, -VALUE_LIMIT, VALUE_LIMIT)


def is_points(value) -> bool:
    return within(value, 0, POINTS_LIMIT)
