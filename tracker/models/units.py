"""Assessed units and the departments that carry out tasks."""
from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db

UNIT_KINDS = ("ministry", "province", "department", "district", "commune", "other")


class Unit(db.Model):
    """A body assessed on the PAR Index: ministry, province, department, commune, former district.

    No fixed hierarchy is assumed (districts were abolished in 2025); `parent` is informational.
    """

    __tablename__ = "units"
    # At most one own unit: two set-ups at the same moment cannot both succeed.
    __table_args__ = (Index("uq_units_own", "own", unique=True, sqlite_where=text("own"),
                            postgresql_where=text("own")),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)  # as the ranking names it
    kind: Mapped[str] = mapped_column(String(20), default="other")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    place: Mapped[str | None] = mapped_column(String(100))  # "Tánh Linh" in "Tánh Linh, ngày …"
    issuing_body: Mapped[str | None] = mapped_column(String(200))  # "UBND HUYỆN TÁNH LINH"
    # The installation's own unit (set up once, `tracker setup`): its plans, its departments.
    # Other units are peers that only the ranking or an import brought in.
    own: Mapped[bool] = mapped_column(default=False, server_default=false())

    parent: Mapped[Unit | None] = relationship(remote_side=[id])

    def __repr__(self) -> str:
        return f"<Unit {self.name}>"


class Department(db.Model):
    """A department of the unit (phòng, ban): leads or supports remediation tasks."""

    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)  # "NV", used by CLI and API
    name: Mapped[str] = mapped_column(String(200))
    emails: Mapped[str] = mapped_column(Text, default="")  # comma-separated contact addresses
    # The head's address (trưởng phòng): escalations go there when no user is marked head.
    head_email: Mapped[str | None] = mapped_column(String(254))
    active: Mapped[bool] = mapped_column(default=True)

    @property
    def email_list(self) -> list[str]:
        return [e.strip() for e in self.emails.split(",") if e.strip()]

    def __repr__(self) -> str:
        return f"<Department {self.code}>"
