"""Calendar periods: ISO weeks for the weekly digests. Pure."""
from __future__ import annotations

import re
from datetime import date, timedelta

WEEK_RE = re.compile(r"(\d{4})-W(\d{2})")


def parse_iso_week(text: str) -> date:
    """"2026-W48" → the Monday of that ISO week; ValueError for anything else."""
    match = WEEK_RE.fullmatch(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not an ISO week such as 2026-W48")
    year, week = int(match.group(1)), int(match.group(2))
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError:
        raise ValueError(f"{text!r}: {year} has no week {week}") from None


def iso_week(day: date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_monday(day: date) -> date:
    return day - timedelta(days=day.weekday())
