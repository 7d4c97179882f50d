"""Deadline checks: warn (never refuse) when a deadline is not a working day in Vietnam or
falls after the plan's year, when the next self-assessment is already under way."""
from __future__ import annotations

from datetime import date

from tracker.domain.scoring import N_
from tracker.domain.workdays import holiday_name


def deadline_warnings(deadline: date, plan_year: int, language: str = "vi") -> list[tuple[str, dict]]:
    """Warnings as (English msgid, params), for the caller to translate."""
    warnings = []
    if deadline.year > plan_year:
        warnings.append((N_("The deadline %(date)s is after the end of the plan year %(year)s."),
                         {"date": deadline.strftime("%d/%m/%Y"), "year": plan_year}))
    name = holiday_name(deadline, language)
    if name:
        warnings.append((N_("The deadline %(date)s is a public holiday (%(name)s)."),
                         {"date": deadline.strftime("%d/%m/%Y"), "name": name}))
    elif deadline.weekday() >= 5:
        warnings.append((N_("The deadline %(date)s falls on a weekend."),
                         {"date": deadline.strftime("%d/%m/%Y")}))
    return warnings
