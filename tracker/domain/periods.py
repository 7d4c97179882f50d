"""Calendar periods: ISO weeks for the weekly digests, and the reporting periods. Pure."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.domain.workdays import next_working_day

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


# --- Reporting periods (DOMAIN.md, Decree 09/2019/NĐ-CP) -----------------------------------

DECREE_09 = "decree09"   # data from the 15th of the month before the quarter to the 14th
CALENDAR = "calendar"    # calendar quarters
SCHEMES = (DECREE_09, CALENDAR)

# Q1 is the quý I report, Q2 the six-month report, Q3 the quý III report, Q4 the year's report.
TITLES_VI = {1: "quý I năm", 2: "6 tháng đầu năm", 3: "quý III năm", 4: "năm"}  # followed by the year
NAMES_VI = {1: "Quý I", 2: "6 tháng", 3: "Quý III", 4: "Năm"}
QUARTER_RE = re.compile(r"(\d{4})-Q([1-4])")


@dataclass(frozen=True)
class ReportPeriod:
    """The data period of one periodic report and its due date. 6 tháng and năm are cumulative
    from the start of the year; quý I and quý III cover their quarter only."""

    year: int
    quarter: int       # 1..4
    start: date        # first day of the data
    end: date          # last day of the data (the cut-off)
    due: date          # when the report is due

    @property
    def label(self) -> str:
        return f"{self.year}-Q{self.quarter}"

    @property
    def title_vi(self) -> str:
        """"quý I năm 2026", "6 tháng đầu năm 2026", "năm 2026": as a report's title says it."""
        return f"{TITLES_VI[self.quarter]} {self.year}"

    def previous(self, scheme: str = DECREE_09) -> "ReportPeriod | None":
        """The period before, whose figures this report compares with (none before quý I)."""
        return report_period(self.year, self.quarter - 1, scheme) if self.quarter > 1 else None

    def next(self, scheme: str = DECREE_09) -> "ReportPeriod":
        if self.quarter == 4:
            return report_period(self.year + 1, 1, scheme)
        return report_period(self.year, self.quarter + 1, scheme)


def report_period(year: int, quarter: int, scheme: str = DECREE_09) -> ReportPeriod:
    """A report due on a weekend or a public holiday is due on the next working day."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter {quarter} is not 1, 2, 3 or 4")
    if scheme == CALENDAR:
        starts = {1: date(year, 1, 1), 2: date(year, 1, 1), 3: date(year, 7, 1), 4: date(year, 1, 1)}
        ends = {1: date(year, 3, 31), 2: date(year, 6, 30), 3: date(year, 9, 30), 4: date(year, 12, 31)}
        end = ends[quarter]
        return ReportPeriod(year, quarter, starts[quarter], end, next_working_day(end + timedelta(days=6)))
    if scheme != DECREE_09:
        raise ValueError(f"unknown reporting scheme {scheme!r}; use {' or '.join(SCHEMES)}")
    year_start = date(year - 1, 12, 15)
    starts = {1: year_start, 2: year_start, 3: date(year, 6, 15), 4: year_start}
    month = quarter * 3
    return ReportPeriod(year, quarter, starts[quarter], date(year, month, 14),
                        next_working_day(date(year, month, 20)))


def periods_of_plan(year: int, issued_on: date, scheme: str = DECREE_09) -> list[ReportPeriod]:
    """The reports a plan working in `year` and issued on `issued_on` has: those whose cut-off is
    on or after its issue date (a plan issued on 20/04 has no quý I report)."""
    return [p for p in (report_period(year, q, scheme) for q in (1, 2, 3, 4)) if p.end >= issued_on]


def parse_quarter(text: str) -> tuple[int, int]:
    """"2026-Q1" → (2026, 1); ValueError for anything else."""
    match = QUARTER_RE.fullmatch(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a quarter such as 2026-Q1 (Q1 to Q4)")
    return int(match.group(1)), int(match.group(2))


def periods_around(day: date, scheme: str = DECREE_09) -> list[ReportPeriod]:
    """The periods whose cut-off or due date is near `day`: last year's Q4 to next year's Q1."""
    return [report_period(y, q, scheme) for y in (day.year - 1, day.year, day.year + 1) for q in (1, 2, 3, 4)]
