"""Periodic reports on a plan (báo cáo quý I, 6 tháng, quý III, năm): a draft is computed when
read; an issued report keeps its figures, prose and files as they were issued."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from tracker.extensions import db
from tracker.models.base import utcnow
from tracker.models.plans import Plan
from tracker.models.users import User


class Report(db.Model):
    __tablename__ = "reports"
    __table_args__ = (
        UniqueConstraint("plan_id", "year", "quarter"),  # one report per plan and period
        CheckConstraint("quarter BETWEEN 1 AND 4", name="quarter"),
        CheckConstraint("status IN ('draft', 'issued')", name="status"),
        CheckConstraint("status = 'draft' OR (number IS NOT NULL AND issued_on IS NOT NULL "
                        "AND docx IS NOT NULL AND xlsx IS NOT NULL)", name="issued_complete"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    year: Mapped[int]
    quarter: Mapped[int]          # 1 quý I, 2 six months, 3 quý III, 4 the year
    scheme: Mapped[str] = mapped_column(String(10), default="decree09")  # the periods it used
    status: Mapped[str] = mapped_column(String(10), default="draft")
    # The four prose sections (results, shortcomings, next_tasks, proposals) as edited.
    prose: Mapped[dict] = mapped_column(JSON, default=dict)
    number: Mapped[str | None] = mapped_column(String(50))   # "15/BC-UBND" once issued
    issued_on: Mapped[date | None]
    issued_at: Mapped[datetime | None]
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The snapshot of an issued report: served as they are, whatever happens to the tasks after.
    figures: Mapped[dict | None] = mapped_column(JSON)
    docx: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    xlsx: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    plan: Mapped[Plan] = relationship()
    issued_by: Mapped[User | None] = relationship()

    @property
    def is_issued(self) -> bool:
        return self.status == "issued"
