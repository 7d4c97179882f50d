"""A task as one line of an email's table."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class TaskLine:
    task_id: int
    code: str
    title: str
    department: str | None     # the lead department's name
    deadline: date
    status: str
    progress: int
    days_left: int | None = None              # calendar days; negative when overdue
    overdue_working_days: int | None = None
    note: str | None = None                    # a reason, a return note
    points: float | None = None                # lost points, or a change of the expected score


@dataclass
class Listing:
    """Tasks for one list of an email, cut at `limit` (an email is read, not searched); the
    whole count is kept so the email can say how many more there are and link to them."""

    limit: int = 15
    lines: list[TaskLine] = field(default_factory=list)
    total: int = 0

    def add(self, line: TaskLine) -> None:
        self.total += 1
        if len(self.lines) < self.limit:
            self.lines.append(line)

    @property
    def more(self) -> int:
        return self.total - len(self.lines)

    def __bool__(self) -> bool:
        return self.total > 0
