"""A task's status and progress at a past moment, from its history. Pure.

Every progress update records the state it started from (status_from, progress_from), so the
state at a moment is the "from" side of the first update after it, or the task's current state
when nothing changed since. Reports and digests computed later for a past moment therefore show
what they would have shown then.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Iterable

NOT_STARTED = "not_started"


@dataclass(frozen=True)
class Change:
    """One progress update, as the history needs it."""

    task_id: int
    at: datetime
    status_from: str | None
    progress_from: int | None
    status_to: str
    progress_to: int


@dataclass(frozen=True)
class State:
    status: str
    progress: int


def state_at(current: State, later: Iterable[Change], moment: datetime) -> State:
    """The state at `moment`; `later` holds the task's changes after some earlier moment, oldest
    first (changes before `moment` among them are skipped)."""
    for change in later:
        if change.at > moment:
            return State(change.status_from or NOT_STARTED, change.progress_from or 0)
    return current

