"""When a task's lead department is reminded of its deadline, and when an overdue task is
escalated to the people accountable for it. Pure: dates in, decisions out.

Reminders go out on working days only; a reminder whose day is a weekend or a public holiday
moves to the next working day:
- 7 days and 1 day before the deadline (DAYS_BEFORE);
- the first working day after the deadline was missed;
- then every 7 days after that while the task stays open.
Escalation counts working days overdue: after HEAD_AFTER the department head hears of it,
after LEADERS_AFTER the admins and leaders do (heads of units are accountable).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tracker.domain.workdays import first_working_day_after, is_working_day, next_working_day, working_days_between

DAYS_BEFORE = (7, 1)
HEAD_AFTER = 7       # working days overdue before the department head is told
LEADERS_AFTER = 15   # … before the admins and leaders are told

# Why a reminder is sent (English msgids where shown to people: see the email templates).
DUE_SOON = "due_soon"
MISSED = "missed"
STILL_OVERDUE = "still_overdue"

HEAD = "head"
LEADERS = "leaders"


def reminder_reason(deadline: date, day: date, days_before: tuple[int, ...] = DAYS_BEFORE) -> str | None:
    """Why an open task due on `deadline` gets a reminder on `day`, or None."""
    if not is_working_day(day):
        return None
    if deadline >= day:
        # A shifted "before" reminder never passes the deadline: if both the day before and the
        # deadline are days off, it lands on the first working day after, which is MISSED below.
        if any(next_working_day(deadline - timedelta(days=n)) == day for n in days_before):
            return DUE_SOON
        return None
    missed = first_working_day_after(deadline)
    if day == missed:
        return MISSED
    weeks = (day - missed).days // 7
    # The weekly reminder of week k is on missed + 7k, or the next working day after it.
    for k in (weeks, weeks - 1):
        if k >= 1 and next_working_day(missed + timedelta(days=7 * k)) == day:
            return STILL_OVERDUE
    return None


def overdue_working_days(deadline: date, day: date) -> int:
    return working_days_between(deadline, day)


@dataclass(frozen=True)
class Thresholds:
    head_after: int = HEAD_AFTER
    leaders_after: int = LEADERS_AFTER


def escalation_levels(deadline: date, day: date, thresholds: Thresholds = Thresholds()) -> list[str]:
    """The escalation levels an open task has reached on `day` (each happens once per task;
    the caller skips those already recorded)."""
    overdue = overdue_working_days(deadline, day)
    levels = []
    if overdue >= thresholds.head_after:
        levels.append(HEAD)
    if overdue >= thresholds.leaders_after:
        levels.append(LEADERS)
    return levels


def days_left(deadline: date, day: date) -> int:
    """Calendar days to the deadline; negative when overdue."""
    return (deadline - day).days
