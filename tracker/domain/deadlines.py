"""Deadlines as a real plan writes them (Thời gian hoàn thành): a date, a quarter ("Quý III/2026")
or "Thường xuyên" (ongoing). Pure.

A date never falls on a weekend or a public holiday: it moves to the working day before (one
prepares for a deadline, one does not let it slip by a weekend). A quarter's deadline is its
last working day; an ongoing task's is the plan's default deadline, which sits before the
annual report's cut-off (14/12) so that the year's report can show the tasks done. A task on a
survey-scored criterion is due before the survey window opens: afterwards it changes nothing.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tracker.domain.errors import InputError
from tracker.domain.scoring import N_
from tracker.domain.workdays import holiday_name, is_working_day

ONGOING = "Thường xuyên"
ROMAN_QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}
ANNUAL_CUTOFF = (12, 14)        # the year report's data run to 14/12 (Decree 09/2019)
DEFAULT_DEADLINE = (11, 30)     # the default deadline a new plan proposes, well before it
SURVEY_WINDOW_OPENS = (8, 1)    # SIPAS and the leaders' survey are run from August on

_QUARTER = re.compile(r"^(quy|q)\s*(?P<q>iv|iii|ii|i|[1-4])\s*[/\-.]?\s*(?P<year>\d{4})$")
_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")


class DeadlineError(InputError):
    """A deadline that reads as no date, quarter or "Thường xuyên"."""


@dataclass(frozen=True)
class Deadline:
    day: date                 # the effective date: overdue, reminders and reports count from it
    label: str | None = None  # "Quý III/2026" or "Thường xuyên"; None: the date is the deadline
    moved_from: date | None = None  # the weekend or holiday it was moved off

    @property
    def text(self) -> str:
        return self.label or f"{self.day:%d/%m/%Y}"


def working_day_on_or_before(day: date) -> date:
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def on_working_day(day: date) -> Deadline:
    """The date, or the working day before it when it is a weekend or a holiday."""
    moved = working_day_on_or_before(day)
    return Deadline(moved, moved_from=day if moved != day else None)


def quarter_label(quarter: int, year: int) -> str:
    return f"Quý {ROMAN_QUARTERS[quarter]}/{year}"


def quarter_deadline(quarter: int, year: int) -> Deadline:
    last = date(year, quarter * 3, 31 if quarter in (1, 4) else 30)
    return Deadline(working_day_on_or_before(last), quarter_label(quarter, year))


def ongoing(until: date) -> Deadline:
    return Deadline(working_day_on_or_before(until), ONGOING)


def default_deadline(plan_year: int) -> date:
    return working_day_on_or_before(date(plan_year, *DEFAULT_DEADLINE))


def survey_deadline(plan_year: int) -> date:
    """The last working day before the survey window opens."""
    return working_day_on_or_before(date(plan_year, *SURVEY_WINDOW_OPENS) - timedelta(days=1))


def _plain(text: str) -> str:
    """Lower case without diacritics: "Quý III/2026" → "quy iii/2026", "Thường xuyên" → "thuong xuyen"."""
    text = unicodedata.normalize("NFD", text.strip().lower()).replace("đ", "d")
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


def parse_deadline(text: str, ongoing_until: date) -> Deadline:
    """What a user typed in the deadline field: dd/mm/yyyy (ISO too), "Quý III/2026" (or "Q3/2026",
    "quy 3 2026") or "Thường xuyên"; DeadlineError for anything else."""
    plain = _plain(text)
    if plain in ("thuong xuyen", "thuongxuyen"):
        return ongoing(ongoing_until)
    quarter = _QUARTER.match(plain)
    if quarter:
        q = quarter.group("q")
        number = int(q) if q.isdigit() else {"i": 1, "ii": 2, "iii": 3, "iv": 4}[q]
        year = int(quarter.group("year"))
        if not 1900 <= year <= 2199:
            raise DeadlineError(N_("Enter a date between %(min)s and %(max)s."), min=1900, max=2199)
        return quarter_deadline(number, year)
    for fmt in _DATE_FORMATS:
        try:
            day = datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
        if not 1900 <= day.year <= 2199:
            raise DeadlineError(N_("Enter a date between %(min)s and %(max)s."), min=1900, max=2199)
        return on_working_day(day)
    raise DeadlineError(N_("Enter the deadline as a date (dd/mm/yyyy), a quarter (Quý III/2026) or "
                           "Thường xuyên."))


def deadline_warnings(deadline: date, plan_year: int, language: str = "vi") -> list[tuple[str, dict]]:
    """Warnings as (English msgid, params), for the caller to translate."""
    warnings = []
    if deadline.year > plan_year:
        warnings.append((N_("The deadline %(date)s is after the end of the plan year %(year)s."),
                         {"date": deadline.strftime("%d/%m/%Y"), "year": plan_year}))
    elif deadline > date(plan_year, *ANNUAL_CUTOFF):
        warnings.append((N_("The deadline %(date)s is after the annual report's cut-off (%(cutoff)s): the "
                            "year's report cannot show these tasks done."),
                         {"date": deadline.strftime("%d/%m/%Y"),
                          "cutoff": date(plan_year, *ANNUAL_CUTOFF).strftime("%d/%m/%Y")}))
    name = holiday_name(deadline, language)
    if name:
        warnings.append((N_("The deadline %(date)s is a public holiday (%(name)s)."),
                         {"date": deadline.strftime("%d/%m/%Y"), "name": name}))
    elif deadline.weekday() >= 5:
        warnings.append((N_("The deadline %(date)s falls on a weekend."),
                         {"date": deadline.strftime("%d/%m/%Y")}))
    return warnings
