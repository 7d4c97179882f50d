"""A task's statuses (CONTRACT §6), the sets every count uses, and when a task is overdue: one
definition for the pages, the API, the digests, the reminders and the reports. Pure."""
from __future__ import annotations

import enum
from datetime import date


class TaskStatus(str, enum.Enum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"            # the department says it is finished
    VERIFIED = "verified"    # Internal Affairs accepted the evidence
    BLOCKED = "blocked"
    CANCELLED = "cancelled"


ALL = tuple(s.value for s in TaskStatus)
COMPLETE = (TaskStatus.DONE.value, TaskStatus.VERIFIED.value)   # finished: its points count in full
CLOSED = COMPLETE + (TaskStatus.CANCELLED.value,)                # nobody works on it any more
OPEN = tuple(s for s in ALL if s not in CLOSED)                  # not started, in progress, blocked


def is_overdue(deadline: date, status: str, on: date) -> bool:
    """Open and past its deadline on day `on`: a task due today is overdue from tomorrow."""
    return status not in CLOSED and deadline < on


def days_overdue(deadline: date, on: date) -> int:
    """Calendar days past the deadline on day `on` (1 the day after it). Escalations count
    working days instead (domain/reminders), and every message says which it shows."""
    return (on - deadline).days
