"""Reading numbers and dates a user typed into a URL or a filter: out-of-range values are
unreadable (None), never an overflow deep in the database or the calendar (a 500)."""
from __future__ import annotations

from datetime import date, datetime

from flask import abort
from werkzeug.routing import IntegerConverter

DB_INT_MAX = 2 ** 31 - 1            # what every integer column holds, on SQLite and PostgreSQL
MIN_YEAR, MAX_YEAR = 1900, 2199     # any date a plan, a report or a filter can mean
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]  # typed as dd/mm/yyyy; ISO from scripts and browsers


def whole_number(value: str | None, maximum: int = DB_INT_MAX) -> int | None:
    """ASCII digits up to `maximum` ("²" and "1e20" are not numbers here), else None."""
    value = (value or "").strip()
    if not (value.isascii() and value.isdigit()) or len(value) > 12:
        return None
    number = int(value)
    return number if number <= maximum else None


def in_range(day: date) -> bool:
    return MIN_YEAR <= day.year <= MAX_YEAR


def day(value: str | None) -> date | None:
    """A dd/mm/yyyy (or ISO) value between MIN_YEAR and MAX_YEAR, else None."""
    for fmt in DATE_FORMATS:
        try:
            parsed = datetime.strptime((value or "").strip(), fmt).date()
        except ValueError:
            continue
        return parsed if in_range(parsed) else None
    return None


class DatabaseIntConverter(IntegerConverter):
    """`<int:…>` in every route matches at most 18 digits; `reject_huge_ids` turns one larger
    than an integer column holds into a 404 (a converter's own `max` would make Werkzeug answer
    405 where a route has a twin for another method)."""

    regex = r"\d{1,18}"


def reject_huge_ids(endpoint, values) -> None:
    if values and any(isinstance(v, int) and v > DB_INT_MAX for v in values.values()):
        abort(404)
