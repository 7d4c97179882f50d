"""Working days in Vietnam: weekends and the public holidays the `holidays` package knows
(Tết, Hùng Kings' day, 30/4, 1/5, 2/9 and their observed days). Pure, no Flask."""
from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=16)
def vietnam_holidays(year: int, language: str = "vi") -> dict[date, str]:
    """Public holidays (Tết, 30/4, 1/5, 2/9, Hùng Kings' day…) named in `language` (vi, en_US)."""
    return dict(holidays.country_holidays("VN", years=year, language=language))


def holiday_name(day: date, language: str = "vi") -> str | None:
    return vietnam_holidays(day.year, language).get(day)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and holiday_name(day) is None


def next_working_day(day: date) -> date:
    """`day` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def first_working_day_after(day: date) -> date:
    return next_working_day(day + timedelta(days=1))


@lru_cache(maxsize=32)
def _cumulative(year: int) -> tuple[int, ...]:
    """Working days from 1 January up to and including each day of `year`."""
    counts, total, day = [], 0, date(year, 1, 1)
    while day.year == year:
        total += is_working_day(day)
        counts.append(total)
        day += timedelta(days=1)
    return tuple(counts)


def _upto(day: date) -> int:
    """Working days from 1 January of its year up to and including `day`."""
    return _cumulative(day.year)[day.timetuple().tm_yday - 1]


def working_days_between(start: date, end: date) -> int:
    """Working days d with start < d <= end (0 when end <= start). Years are counted once and
    cached, so a year of overdue days for thousands of tasks stays cheap."""
    if end <= start:
        return 0
    whole_years = sum(_cumulative(year)[-1] for year in range(start.year, end.year))
    return whole_years + _upto(end) - _upto(start)
