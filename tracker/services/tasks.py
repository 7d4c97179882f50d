"""Changing tasks: progress updates with optimistic locking, and the queries lists use."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import selectinload

from tracker.domain import bounds
from tracker.domain.errors import InputError
from tracker.domain.planning import progress_from_value
from tracker.domain import task_states
from tracker.domain.scoring import APPRAISAL, SURVEY, N_
from tracker.extensions import db
from tracker.i18n import local_today
from tracker.models import Criterion, Plan, ProgressUpdate, Role, Task, TaskStatus, User
from tracker.models.base import utcnow
from tracker.models.plans import CLOSED_STATUSES
from tracker.notify import messages
from tracker.services import audit
from tracker.services.plans import current_plan_ids, without_lead

# What a department may set; `verified` and `cancelled` are Internal Affairs' decisions.
DEPARTMENT_STATUSES = (TaskStatus.NOT_STARTED.value, TaskStatus.IN_PROGRESS.value,
                       TaskStatus.DONE.value, TaskStatus.BLOCKED.value)
# Once Internal Affairs has verified or cancelled a task, departments can no longer change it.
LOCKED_FOR_DEPARTMENTS = (TaskStatus.VERIFIED.value, TaskStatus.CANCELLED.value)


class VersionConflict(Exception):
    """Someone else saved the task since this form or request read it."""

    def __init__(self, task: Task):
        super().__init__(f"task {task.id} is at version {task.version}")
        self.task = task


class InvalidUpdate(InputError):
    """The task cannot be changed like this."""


VALUE_RANGE = N_("A value is a number from -1,000,000,000 to 1,000,000,000.")


@dataclass
class ProgressChange:
    status: str
    progress: int
    note: str = ""
    current_value: float | None = None
    new_evidence: int = 0  # evidence files stored with this update


def lacks_evidence(task: Task) -> bool:
    """An appraisal-scored task (thẩm định) without any evidence file: the appraisers will ask
    for the evidence, so verifying it needs Internal Affairs' note on where the evidence is.
    Survey-scored points (điều tra xã hội học) are not secured by evidence at all."""
    return task.criterion.method == APPRAISAL and not task.evidence


def verified_without_evidence(task: Task, change: ProgressChange) -> bool:
    return (change.status == TaskStatus.VERIFIED.value != task.status and not change.new_evidence
            and lacks_evidence(task))


def allowed_statuses(user: User) -> tuple[str, ...]:
    return tuple(s.value for s in TaskStatus) if user.role == Role.ADMIN.value else DEPARTMENT_STATUSES


def update_progress(task: Task, user: User, change: ProgressChange, expected_version: int) -> ProgressUpdate:
    """Append a history entry and apply it; the caller has checked can_edit_task and commits."""
    if expected_version != task.version:
        raise VersionConflict(task)
    if user.role != Role.ADMIN.value and task.status in LOCKED_FOR_DEPARTMENTS:
        raise InvalidUpdate("This task has been verified or cancelled by Internal Affairs; only they can change it.")
    if change.status not in allowed_statuses(user):
        raise InvalidUpdate("This status cannot be set here.")
    if not bounds.within(change.progress, 0, 100):
        raise InvalidUpdate("Progress must be between 0 and 100.")
    if change.current_value is not None and not bounds.is_value(change.current_value):
        raise InvalidUpdate(VALUE_RANGE)
    if change.status in task_states.COMPLETE and change.status != task.status and awaiting_survey(task):
        raise InvalidUpdate("%(code)s is scored by a survey: its outcome is known only when the next year's "
                            "results are imported. Report the progress of the actions and keep it in progress "
                            "until then.", code=task.criterion.code)
    returning = is_return(user, task, change.status)
    if returning and not change.note.strip():
        raise InvalidUpdate("Give a reason for returning the task.")
    without_evidence = verified_without_evidence(task, change)
    if without_evidence and not change.note.strip():
        raise InvalidUpdate("No evidence file has been uploaded for this task. To accept it anyway, confirm "
                            "in a note where the evidence is (for example: on paper, kept at the office).")
    progress = change.progress
    if change.current_value is not None and task.target_value:
        # A rate criterion: progress follows the reported value towards the target.
        progress = progress_from_value(change.current_value, task.target_value)
    if change.status in (TaskStatus.DONE.value, TaskStatus.VERIFIED.value):
        progress = 100
    entry = ProgressUpdate(
        task=task, user_id=user.id, status_from=task.status, status_to=change.status,
        progress_from=task.progress, progress_to=progress,
        current_value=change.current_value, note=change.note.strip(),
    )
    db.session.add(entry)
    changes = audit.diff(task, {"status": change.status, "progress": progress,
                                "current_value": change.current_value
                                if change.current_value is not None else task.current_value})
    if change.note.strip():
        changes["note"] = (None, change.note.strip())
    task.updated_at = utcnow()  # every history entry is a new version, even a note alone
    audit.record("task.progress", task, changes, actor=user,
                 summary="verified without an evidence file, confirmed by the note" if without_evidence else None)
    db.session.flush()  # raises StaleDataError if a concurrent writer bumped the version
    if change.status == TaskStatus.DONE.value != entry.status_from:
        messages.task_done(task, entry, user)
    elif returning:
        messages.task_returned(task, entry, user)
    return entry


def awaiting_survey(task: Task) -> bool:
    """A survey-scored task (SIPAS, the leaders' survey) before its survey has reported: it can
    be worked on, not finished (domain/projection counts it only in the potential)."""
    from tracker.services import projection  # projection → carry_over → tasks
    return task.criterion.method == SURVEY and not projection.survey_known(task.plan.assessment)


def is_return(user: User, task: Task, status: str) -> bool:
    """Internal Affairs sending a finished task back to work (the department is told why)."""
    return (user.role == Role.ADMIN.value and task.status == TaskStatus.DONE.value
            and status in DEPARTMENT_STATUSES and status != TaskStatus.DONE.value)


def return_task(task: Task, actor: User, expected_version: int, reason: str) -> ProgressUpdate:
    """Return a finished task with a reason; returned work is unfinished, so it no longer
    counts as 100% in the expected score (at most 90%)."""
    if task.status != TaskStatus.DONE.value:
        raise InvalidUpdate("Only a task reported done can be returned.")
    change = ProgressChange(status=TaskStatus.IN_PROGRESS.value, progress=min(task.progress, 90),
                            note=reason)
    return update_progress(task, actor, change, expected_version)


MAX_DUE_WITHIN_DAYS = 3660  # "due within" ten years is every task; more would overflow the calendar

# "deadline" sorts within a day by criterion id, which follows the criteria set's order (codes are
# stored in tree order), so one index of tasks (deadline, criterion_id, id) serves the default list.
SORTS = {
    "deadline": lambda: [Task.deadline, Task.criterion_id, Task.id],
    "criterion": lambda: [Criterion.code, Task.id],
    "lost": lambda: [Task.lost_points.desc(), Task.deadline, Task.id],
    "status": lambda: [Task.status, Task.deadline, Task.id],
    "updated": lambda: [Task.updated_at.desc(), Task.id],
}


@dataclass
class TaskFilter:
    department_id: int | None = None
    status: str | None = None
    field: str | None = None          # a field code: "3" keeps criteria 3.x.y
    overdue: bool = False
    due_within: int | None = None     # days from today, open tasks only
    plan_id: int | None = None
    no_lead: bool = False             # only the tasks waiting for a lead department
    current_plans: bool = False       # only the plans being worked on (not last year's, closed)
    sort: str = "deadline"


def task_query(filters: TaskFilter, *, today: date, first_department_id: int | None = None) -> Select:
    """Tasks with their criterion and departments loaded eagerly; a department's own first."""
    stmt = (select(Task).options(selectinload(Task.criterion), selectinload(Task.lead_department),
                                 selectinload(Task.supporting_departments)))
    if filters.field or filters.sort == "criterion":  # only these read the criterion's code
        stmt = stmt.join(Task.criterion)
    if filters.department_id:
        stmt = stmt.where(Task.lead_department_id == filters.department_id)
    if filters.status:
        stmt = stmt.where(Task.status == filters.status)
    if filters.field:
        stmt = stmt.where(or_(Criterion.code == filters.field, Criterion.code.startswith(filters.field + ".")))
    if filters.plan_id:
        stmt = stmt.where(Task.plan_id == filters.plan_id)
    elif filters.current_plans:
        # The plans superseded by a newer one are few (last year's of each unit): leaving them
        # out keeps the walk along the ordered task index that a whole list pages through,
        # where keeping the many current ones in made the database read them all first.
        superseded = db.session.scalars(select(Plan.id).where(Plan.id.not_in(current_plan_ids()))).all()
        if superseded:
            stmt = stmt.where(Task.plan_id.not_in(superseded))
    if filters.no_lead:
        stmt = stmt.where(without_lead())
    if filters.overdue:
        stmt = stmt.where(Task.overdue_on(today))
    if filters.due_within is not None:
        horizon = today + timedelta(days=min(filters.due_within, MAX_DUE_WITHIN_DAYS))
        stmt = stmt.where(Task.deadline >= today, Task.deadline <= horizon,
                          Task.status.not_in(CLOSED_STATUSES))
    order = []
    if first_department_id:
        order.append(case((Task.lead_department_id == first_department_id, 0), else_=1))
    order += SORTS.get(filters.sort, SORTS["deadline"])()
    return stmt.order_by(*order)


# --- Internal Affairs' task management -------------------------------------------------

def _check_version(task: Task, expected_version: int) -> None:
    if expected_version != task.version:
        raise VersionConflict(task)


def edit_task(task: Task, actor: User, expected_version: int, *, title: str, product: str,
              lead_department, supporting: list, deadline: date,
              target_value: float | None, value_unit: str | None, deadline_label: str | None = None) -> dict:
    """Change a task's plan fields; it is marked edited so regeneration never touches it.
    `deadline_label`: "Quý III/2026" or "Thường xuyên" when the plan writes the deadline so."""
    _check_version(task, expected_version)
    if not title.strip():
        raise InvalidUpdate("A task needs a title.")
    if target_value is not None and not bounds.is_value(target_value):
        raise InvalidUpdate(VALUE_RANGE)
    changes = audit.diff(task, {
        "title": title.strip(), "product": product.strip(), "lead_department_id":
        lead_department.id if lead_department else None, "deadline": deadline, "deadline_label": deadline_label,
        "target_value": target_value, "value_unit": (value_unit or "").strip() or None})
    old_support = [d.code for d in task.supporting_departments]
    new_support = sorted({d.code: d for d in supporting if d is not lead_department})
    if old_support != new_support:
        task.supporting_departments = [d for d in supporting if d is not lead_department]
        changes["supporting_departments"] = (old_support, new_support)
    if changes:
        task.edited = True
        event = audit.record("task.edit", task, changes, actor=actor)
        db.session.flush()
        if "lead_department_id" in changes and lead_department is not None:
            messages.tasks_assigned([task], lead_department, f"assigned:{event.id}", actor, local_today())
    return changes


@dataclass
class SplitPart:
    title: str
    lead_department: object  # Department or None
    weight: float            # percentage of the criterion's lost points


def split_task(task: Task, actor: User, expected_version: int, parts: list[SplitPart]) -> list[Task]:
    """Share one task's lost points over several tasks by weights adding up to 100.

    The first part keeps the original task (and its history); the others are new tasks on
    the same criterion with the same product and deadline.
    """
    from tracker.domain.planning import split_points
    _check_version(task, expected_version)
    if task.status == TaskStatus.CANCELLED.value:
        raise InvalidUpdate("A cancelled task cannot be split.")
    if any(not p.title.strip() for p in parts):
        raise InvalidUpdate("Every part needs a title.")
    try:
        shares = split_points(task.lost_points, [p.weight for p in parts])
    except ValueError as exc:  # its message is a msgid for the user
        raise InvalidUpdate(str(exc)) from exc
    first, rest = parts[0], parts[1:]
    previous_lead = task.lead_department
    last_part = db.session.scalar(select(func.max(Task.part)).where(
        Task.plan_id == task.plan_id, Task.criterion_id == task.criterion_id)) or 1
    changes = audit.diff(task, {"title": first.title.strip(), "lost_points": shares[0],
                                "lead_department_id": first.lead_department.id if first.lead_department else None})
    task.edited = True
    created = []
    for number, (part, share) in enumerate(zip(rest, shares[1:]), start=last_part + 1):
        new = Task(plan_id=task.plan_id, criterion_id=task.criterion_id, part=number, title=part.title.strip(),
                   product=task.product, lead_department=part.lead_department, deadline=task.deadline,
                   lost_points=share, target_value=task.target_value, value_unit=task.value_unit,
                   edited=True, supporting_departments=list(task.supporting_departments))
        db.session.add(new)
        created.append(new)
    db.session.flush()
    changes["split_into"] = ([task.id], [task.id] + [t.id for t in created])
    audit.record("task.split", task, changes, actor=actor)
    events = [audit.record("task.create", new, {"title": (None, new.title), "lost_points": (None, new.lost_points)},
                           summary=f"split from task {task.id}", actor=actor) for new in created]
    db.session.flush()
    # Each department given a new part hears of it (the first part keeps the original's lead).
    for department in {t.lead_department for t in created if t.lead_department is not None} - {previous_lead}:
        mine = [t for t in created if t.lead_department is department]
        messages.tasks_assigned(mine, department, f"assigned:{events[created.index(mine[0])].id}", actor,
                                local_today())
    return [task] + created


def cancel_task(task: Task, actor: User, expected_version: int, reason: str) -> ProgressUpdate:
    _check_version(task, expected_version)
    if not reason.strip():
        raise InvalidUpdate("Give a reason for cancelling.")
    if task.status == TaskStatus.CANCELLED.value:
        raise InvalidUpdate("The task is already cancelled.")
    entry = ProgressUpdate(task=task, user_id=actor.id, status_from=task.status,
                           status_to=TaskStatus.CANCELLED.value, progress_from=task.progress,
                           progress_to=task.progress, note=reason.strip())
    db.session.add(entry)
    changes = audit.diff(task, {"status": TaskStatus.CANCELLED.value, "cancel_reason": reason.strip()})
    audit.record("task.cancel", task, changes, actor=actor)
    db.session.flush()
    return entry


def reassign(tasks: list[Task], department, actor: User) -> int:
    """Give every listed task a new lead department, which is told in one message; returns how
    many changed."""
    changed, events = [], []
    for task in tasks:
        changes = audit.diff(task, {"lead_department_id": department.id})
        if changes:
            task.edited = True
            events.append(audit.record("task.reassign", task, changes, actor=actor,
                                       summary=f"lead department → {department.code}"))
            changed.append(task)
    db.session.flush()
    if changed:
        messages.tasks_assigned(changed, department, f"assigned:{events[0].id}", actor, local_today())
    return len(changed)
