"""The figures of a periodic report on a plan, as of the period's cut-off. Pure: records in,
figures out.

Every task is taken as it stood at the cut-off: its status and progress from the progress
updates (tracker.domain.history), and its lost points, lead department, deadline, title and
product from the audit log's edits after the cut-off (each edit keeps the old value). A task
created after the cut-off did not exist then. So a report generated later for a past period
shows the figures it would have shown then; a task done before the cut-off and reopened after
it counts as done in that period.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Callable

from tracker.domain import projection
from tracker.domain.history import Change, State, state_at
from tracker.domain.periods import ReportPeriod
from tracker.domain.scales import steps_or_none
from tracker.domain.scoring import SURVEY, round2
from tracker.domain.task_states import CLOSED, COMPLETE, days_overdue, is_overdue

EDITED = ("lost_points", "lead_department_id", "deadline", "title", "product")


@dataclass(frozen=True)
class TaskRecord:
    """A task as it is now."""

    id: int
    code: str
    criterion: str
    method: str
    title: str
    product: str
    lead_department_id: int | None
    deadline: date
    lost_points: float
    status: str
    progress: int
    created_at: datetime
    max_points: float = 0.0      # of its criterion, and the criterion's scale if it has one
    scale: str | None = None
    plan_id: int | None = None

    @property
    def field_code(self) -> str:
        return self.code.split(".", 1)[0]

    @property
    def steps(self) -> list | None:
        return _steps(self.scale)


@lru_cache(maxsize=512)
def _steps(text: str | None) -> list | None:
    return steps_or_none(text)


@dataclass(frozen=True)
class Update(Change):
    """A progress update with its note (a department's explanation, a return's reason) and the
    value it reported, if any."""

    note: str = ""
    current_value: float | None = None


@dataclass(frozen=True)
class Edit:
    """An audit entry of a task: field → [old, new], as the audit log keeps them (JSON values)."""

    task_id: int
    at: datetime
    changes: dict


@dataclass
class TaskAt:
    """A task as it stood at a moment."""

    record: TaskRecord
    title: str
    product: str
    lead_department_id: int | None
    deadline: date
    lost_points: float
    status: str
    progress: int
    completed_at: datetime | None = None   # when it last became done or verified
    explanation: str = ""                   # the latest note before the moment
    explained_at: datetime | None = None
    current_value: float | None = None      # the latest value reported before the moment
    last_update: datetime | None = None     # the latest update before the moment

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED

    def figures(self, survey_known: bool) -> projection.TaskFigures:
        return projection.task_figures(
            lost_points=self.lost_points, status=self.status, progress=self.progress, method=self.record.method,
            deadline=self.deadline, task_id=self.record.id, value=self.current_value,
            steps=self.record.steps if self.current_value is not None else None,
            max_points=self.record.max_points, survey_known=survey_known)


def _old_value(name: str, value):
    if name == "deadline" and isinstance(value, str):
        return date.fromisoformat(value[:10])
    return value


def task_at(record: TaskRecord, updates: list[Update], edits: list[Edit], moment: datetime) -> TaskAt | None:
    """The task at `moment`, or None if it did not exist yet. `updates` and `edits` are the
    task's own, oldest first."""
    if record.created_at > moment:
        return None
    state = state_at(State(record.status, record.progress), updates, moment)
    values = {name: getattr(record, name) for name in EDITED}
    for name in EDITED:  # the first edit after the moment holds the value the task had then
        first = next((e for e in edits if e.at > moment and name in e.changes), None)
        if first is not None:
            values[name] = _old_value(name, first.changes[name][0])
    task = TaskAt(record, status=state.status, progress=state.progress, **values)
    for update in updates:
        if update.at > moment:
            break
        if update.status_to in COMPLETE and (update.status_from or "") not in COMPLETE:
            task.completed_at = update.at
        if update.note.strip():
            task.explanation, task.explained_at = update.note.strip(), update.at
        if update.current_value is not None:
            task.current_value = update.current_value
        task.last_update = update.at
    if task.status not in COMPLETE:
        task.completed_at = None
    return task


def tasks_at(records: list[TaskRecord], updates: list[Update], edits: list[Edit],
             moment: datetime) -> list[TaskAt]:
    by_task_updates: dict[int, list[Update]] = {}
    for u in sorted(updates, key=lambda u: (u.at, u.task_id)):
        by_task_updates.setdefault(u.task_id, []).append(u)
    by_task_edits: dict[int, list[Edit]] = {}
    for e in sorted(edits, key=lambda e: e.at):
        by_task_edits.setdefault(e.task_id, []).append(e)
    found = (task_at(r, by_task_updates.get(r.id, []), by_task_edits.get(r.id, []), moment) for r in records)
    return [t for t in found if t is not None]


# --- The figures -------------------------------------------------------------------------

@dataclass
class Counts:
    total: int = 0
    not_started: int = 0
    in_progress: int = 0
    blocked: int = 0
    done: int = 0
    verified: int = 0
    cancelled: int = 0
    overdue: int = 0     # open at the cut-off and past its deadline
    on_time: int = 0     # finished (done or verified) by its deadline
    late: int = 0        # finished after its deadline
    lost: float = 0.0    # the points its tasks carry (not cancelled)
    secured: float = 0.0
    expected: float = 0.0

    def add(self, task: TaskAt, first_day_after: date, local_date: Callable[[datetime], date],
            survey_known: bool) -> None:
        self.total += 1
        setattr(self, task.status, getattr(self, task.status) + 1)
        if is_overdue(task.deadline, task.status, first_day_after):
            self.overdue += 1
        if task.status in COMPLETE:
            if task.completed_at is None or local_date(task.completed_at) <= task.deadline:
                self.on_time += 1
            else:
                self.late += 1
        if task.status != "cancelled":
            fig = task.figures(survey_known)
            self.lost = round2(self.lost + task.lost_points)
            self.secured = round2(self.secured + projection.secured_points([fig]))
            self.expected = round2(self.expected + projection.expected_points([fig]))

    @property
    def finished(self) -> int:
        return self.done + self.verified

    @property
    def still_lost(self) -> float:
        return round2(self.lost - self.expected)


@dataclass
class Group:
    """A line of the table by field or by lead department."""

    key: str      # a field's code, or a department's code ("" for tasks without one)
    title: str
    counts: Counts = field(default_factory=Counts)


@dataclass
class TaskLine:
    code: str
    title: str
    department: str
    deadline: date
    status: str
    progress: int
    product: str = ""
    days_overdue: int | None = None
    explanation: str = ""
    finished_on: date | None = None
    on_time: bool | None = None


@dataclass
class ReportFigures:
    period: ReportPeriod
    as_of: date                      # the last day the figures include
    counts: Counts
    projection: dict                 # CONTRACT §5 at the cut-off
    previous: dict | None            # … at the previous period's cut-off (none before quý I)
    by_field: list[Group]
    by_department: list[Group]
    overdue: list[TaskLine]          # with the departments' latest explanation
    completed: list[TaskLine]        # products completed in the period
    due_next: list[TaskLine]         # open tasks due in the next period
    # The annual report's look at last year's plan (domain/effectiveness.report_summary), once
    # the results it worked for are imported; None otherwise.
    last_plan: dict | None = None

    def change(self, key: str) -> float | None:
        return None if self.previous is None else round2(self.projection[key] - self.previous[key])


@dataclass(frozen=True)
class Scoring:
    """What the projection needs besides the tasks (tracker.domain.projection.project)."""

    unit: str
    year: int
    max_score: float
    baseline: float
    survey_lost: float
    bands: list | None
    peers: "list[projection.Peer] | projection.Ranking | None"
    survey_known: bool = False   # the next year's results are in: survey outcomes count


def project(scoring: Scoring, tasks: list[TaskAt], today: date) -> dict:
    return projection.project(unit=scoring.unit, year=scoring.year, max_score=scoring.max_score,
                              baseline=scoring.baseline, survey_lost=scoring.survey_lost,
                              tasks=[t.figures(scoring.survey_known) for t in tasks], bands=scoring.bands,
                              peers=scoring.peers, today=today)


def figures(period: ReportPeriod, next_period: ReportPeriod, records: list[TaskRecord],
            updates: list[Update], edits: list[Edit], *, cutoff: datetime,
            previous_cutoff: datetime | None, fields: dict[str, str], departments: dict[int, tuple[str, str]],
            scoring: Scoring, local_date: Callable[[datetime], date],
            last_plan: dict | None = None) -> ReportFigures:
    """The report's figures at `cutoff` (the first moment after the data period, or now for a
    draft of a period still running). `departments`: id → (code, name); `local_date` turns a
    stored UTC time into the local calendar day."""
    tasks = tasks_at(records, updates, edits, cutoff)
    first_day_after = local_date(cutoff)
    as_of = date.fromordinal(first_day_after.toordinal() - 1)

    def department(task: TaskAt) -> tuple[str, str]:
        return departments.get(task.lead_department_id, ("", "—"))

    counts = Counts()
    by_field: dict[str, Group] = {}
    by_department: dict[str, Group] = {}
    overdue, completed, due_next = [], [], []
    for task in sorted(tasks, key=lambda t: (t.deadline, t.record.code, t.record.id)):
        code, name = department(task)
        for groups, key, title in ((by_field, task.record.field_code, fields.get(task.record.field_code, "")),
                                   (by_department, code, name)):
            groups.setdefault(key, Group(key, title)).counts.add(task, first_day_after, local_date,
                                                                 scoring.survey_known)
        counts.add(task, first_day_after, local_date, scoring.survey_known)
        line = dict(code=task.record.code, title=task.title, department=name, deadline=task.deadline,
                    status=task.status, progress=task.progress, product=task.product)
        if is_overdue(task.deadline, task.status, first_day_after):
            overdue.append(TaskLine(**line, days_overdue=days_overdue(task.deadline, first_day_after),
                                    explanation=task.explanation))
        awaiting_survey = task.record.method == SURVEY and not scoring.survey_known
        if task.status in COMPLETE and task.completed_at is not None and not awaiting_survey \
                and period.start <= local_date(task.completed_at) <= as_of:  # a survey outcome is no product
            finished_on = local_date(task.completed_at)
            completed.append(TaskLine(**line, finished_on=finished_on, on_time=finished_on <= task.deadline))
        if task.is_open and as_of < task.deadline <= next_period.end:
            due_next.append(TaskLine(**line))
    previous = None
    if previous_cutoff is not None:
        previous = project(scoring, tasks_at(records, updates, edits, previous_cutoff),
                           local_date(previous_cutoff))
    completed.sort(key=lambda line: (line.finished_on, line.code))
    return ReportFigures(
        period=period, as_of=as_of, counts=counts, projection=project(scoring, tasks, first_day_after),
        previous=previous, by_field=[by_field[k] for k in sorted(by_field, key=_code_key)],
        by_department=sorted(by_department.values(), key=lambda g: (-g.counts.overdue, g.key)),
        overdue=overdue, completed=completed, due_next=due_next, last_plan=last_plan)


def _code_key(code: str) -> tuple:
    return tuple(int(p) if p.isdecimal() else 0 for p in code.split("."))



# --- The snapshot of an issued report (JSON) -------------------------------------------------

def _jsonable(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def to_json(report: ReportFigures) -> dict:
    return _jsonable(asdict(report))


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _line(data: dict) -> TaskLine:
    return TaskLine(**{**data, "deadline": _day(data["deadline"]), "finished_on": _day(data["finished_on"])})


def from_json(data: dict) -> ReportFigures:
    """The figures as they were issued (the inverse of to_json)."""
    period = data["period"]
    return ReportFigures(
        period=ReportPeriod(period["year"], period["quarter"], _day(period["start"]), _day(period["end"]),
                            _day(period["due"])),
        as_of=_day(data["as_of"]), counts=Counts(**data["counts"]), projection=data["projection"],
        previous=data["previous"],
        by_field=[Group(g["key"], g["title"], Counts(**g["counts"])) for g in data["by_field"]],
        by_department=[Group(g["key"], g["title"], Counts(**g["counts"])) for g in data["by_department"]],
        overdue=[_line(line) for line in data["overdue"]], completed=[_line(line) for line in data["completed"]],
        due_next=[_line(line) for line in data["due_next"]], last_plan=data.get("last_plan"))
