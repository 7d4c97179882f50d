"""Remediation plans (Kế hoạch), their tasks, progress updates and evidence files."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (JSON, CheckConstraint, Column, Float, ForeignKey, Index, String, Table, Text,
                        UniqueConstraint, and_, text)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.domain import task_states
from tracker.domain.task_states import TaskStatus  # noqa: F401 (models.TaskStatus)
from tracker.extensions import db
from tracker.models.base import utcnow
from tracker.models.criteria import Assessment, CriteriaSet, Criterion
from tracker.models.units import Department
from tracker.models.users import User


STATUS_VALUES, CLOSED_STATUSES = task_states.ALL, task_states.CLOSED


class Plan(db.Model):
    """The unit's plan to remedy the criteria that lost points in an assessment."""

    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), unique=True)
    # The unit whose workspace the plan is followed in (None: the own unit's), kept from its
    # assessment's unit when it is created (tracker/workspace.py): a unit with a plan never
    # changes workspace, and the filter reads one column instead of joining three tables.
    workspace_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    number: Mapped[str] = mapped_column(String(50))      # số/ký hiệu: "45/KH-UBND"
    issued_on: Mapped[date]
    default_deadline: Mapped[date]
    target_classification: Mapped[str | None] = mapped_column(String(50))
    target_rank: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Once carried over to the next year's criteria set (services/carry_over): the set its tasks
    # are on now, and last year's scores carried onto it, which the projection reads against.
    target_set_id: Mapped[int | None] = mapped_column(ForeignKey("criteria_sets.id"))
    carried_max: Mapped[float | None] = mapped_column(Float)
    carried_baseline: Mapped[float | None] = mapped_column(Float)
    carried_survey_lost: Mapped[float | None] = mapped_column(Float)
    carried_at: Mapped[datetime | None]
    # The sections of the plan's text an office rewrote (domain/plan_text); the others follow
    # the figures.
    prose: Mapped[dict | None] = mapped_column(JSON)

    assessment: Mapped[Assessment] = relationship()
    target_set: Mapped[CriteriaSet | None] = relationship()
    tasks: Mapped[list[Task]] = relationship(back_populates="plan", order_by="Task.id")


task_supporting_departments = Table(
    "task_supporting_departments",
    db.metadata,
    Column("task_id", ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True),
    Column("department_id", ForeignKey("departments.id", ondelete="CASCADE"), primary_key=True),
)


class Task(db.Model):
    """One remediation task for a lost-point criterion (or a share of one, when split)."""

    __tablename__ = "tasks"
    __table_args__ = (
        CheckConstraint("progress >= 0 AND progress <= 100", name="progress"),
        CheckConstraint("lost_points >= 0", name="lost_points"),
        CheckConstraint("status IN (%s)" % ", ".join(f"'{s}'" for s in STATUS_VALUES), name="status"),
        Index("ix_tasks_plan_status", "plan_id", "status"),
        # The task list's default order, whole and filtered by department or status (bench/README).
        Index("ix_tasks_deadline_order", "deadline", "criterion_id", "id"),
        Index("ix_tasks_lead_deadline", "lead_department_id", "deadline", "criterion_id", "id"),
        Index("ix_tasks_status_deadline", "status", "deadline", "criterion_id", "id"),
        # Open tasks by deadline: what "overdue" and "due soon" count and list.
        Index("ix_tasks_open_deadline", "deadline", "criterion_id", "id",
              sqlite_where=text("status NOT IN ('done', 'verified', 'cancelled')"),
              postgresql_where=text("status NOT IN ('done', 'verified', 'cancelled')")),
        # One task per criterion of a plan, or its numbered parts when split: two generations
        # running at once can never both add a task for the same criterion.
        UniqueConstraint("plan_id", "criterion_id", "part"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    workspace_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)  # its plan's
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criteria.id"), index=True)
    part: Mapped[int] = mapped_column(default=1, server_default=text("1"))  # 2, 3… for a split's new parts
    title: Mapped[str] = mapped_column(Text)           # nhiệm vụ, giải pháp
    product: Mapped[str] = mapped_column(Text, default="")  # sản phẩm
    lead_department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    deadline: Mapped[date]
    # As the plan writes it when not a plain date: "Quý III/2026" or "Thường xuyên"; `deadline` is
    # then the quarter's last working day or the plan's default deadline (domain/deadlines).
    deadline_label: Mapped[str | None] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20), default=TaskStatus.NOT_STARTED.value)
    progress: Mapped[int] = mapped_column(default=0)
    lost_points: Mapped[float] = mapped_column(Float)  # this task's share of the criterion's loss
    target_value: Mapped[float | None] = mapped_column(Float)  # for rate criteria, e.g. 50 (%)
    current_value: Mapped[float | None] = mapped_column(Float)
    value_unit: Mapped[str | None] = mapped_column(String(20))
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    # True once an admin edits it: regeneration never overwrites such a task.
    edited: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(default=1)  # optimistic locking
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    plan: Mapped[Plan] = relationship(back_populates="tasks")
    criterion: Mapped[Criterion] = relationship()
    lead_department: Mapped[Department | None] = relationship()
    supporting_departments: Mapped[list[Department]] = relationship(
        secondary=task_supporting_departments, order_by="Department.code")
    updates: Mapped[list[ProgressUpdate]] = relationship(
        back_populates="task", order_by="ProgressUpdate.at.desc()", cascade="all, delete-orphan")
    evidence: Mapped[list[Evidence]] = relationship(order_by="Evidence.uploaded_at",
                                                    viewonly=True)

    __mapper_args__ = {"version_id_col": version}

    @property
    def deadline_text(self) -> str:
        """"Quý III/2026", "Thường xuyên" or "30/11/2026": the deadline as the plan writes it."""
        return self.deadline_label or self.deadline.strftime("%d/%m/%Y")

    def is_overdue(self, today: date) -> bool:
        return task_states.is_overdue(self.deadline, self.status, today)

    @classmethod
    def overdue_on(cls, day: date):
        """The SQL twin of is_overdue: open and past its deadline on `day`."""
        return and_(cls.deadline < day, cls.status.not_in(CLOSED_STATUSES))


class ProgressUpdate(db.Model):
    """An entry of a task's history: appended, never changed."""

    __tablename__ = "progress_updates"
    __table_args__ = (Index("ix_progress_updates_task_at", "task_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    status_from: Mapped[str | None] = mapped_column(String(20))
    status_to: Mapped[str] = mapped_column(String(20))
    progress_from: Mapped[int | None]
    progress_to: Mapped[int]
    current_value: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")

    task: Mapped[Task] = relationship(back_populates="updates")
    user: Mapped[User | None] = relationship()
    evidence: Mapped[list[Evidence]] = relationship(back_populates="update")


class Evidence(db.Model):
    """A tài liệu kiểm chứng uploaded for a task, stored under a random name."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    update_id: Mapped[int | None] = mapped_column(
        ForeignKey("progress_updates.id", ondelete="SET NULL"))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    original_name: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)

    update: Mapped[ProgressUpdate | None] = relationship(back_populates="evidence")
    uploaded_by: Mapped[User | None] = relationship()


class PlanDeadline(db.Model):
    """By when the units scored on a year's results must issue their plan: the date the
    coordinating body (Sở Nội vụ) sets when it sends the results out (triển khai kết quả)."""

    __tablename__ = "plan_deadlines"

    year: Mapped[int] = mapped_column(primary_key=True)  # the assessed year
    due_on: Mapped[date]


class PlanningRule(db.Model):
    """Who leads (and supports) the task for a criterion, and suggested wording.

    `code` is a field ("3"), criterion ("3.2") or leaf ("3.2.1"): the longest matching
    code wins, so field defaults and per-criterion overrides live in one table.
    """

    __tablename__ = "planning_rules"
    # One rule per code within a workspace (unit_id None: the own unit's).
    __table_args__ = (
        Index("uq_planning_rules_own_code", "code", unique=True,
              sqlite_where=text("unit_id IS NULL"), postgresql_where=text("unit_id IS NULL")),
        Index("uq_planning_rules_unit_code", "unit_id", "code", unique=True,
              sqlite_where=text("unit_id IS NOT NULL"), postgresql_where=text("unit_id IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(30))
    lead_department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    supporting_codes: Mapped[str] = mapped_column(Text, default="")  # "TP,VP" or "*" for all
    task_title: Mapped[str | None] = mapped_column(Text)
    product: Mapped[str | None] = mapped_column(Text)

    lead_department: Mapped[Department | None] = relationship()
