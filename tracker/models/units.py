"""Assessed units and the departments that carry out tasks."""
from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, false, text
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
    # A unit the own unit scores that runs its own plan here (a sở, a commune): its own
    # departments, users, rules, plans and reports (tracker/workspace.py). Others are followed
    # from the own unit's workspace.
    runs_own_plan: Mapped[bool] = mapped_column(default=False, server_default=false())

    parent: Mapped[Unit | None] = relationship(remote_side=[id])
    # Who speaks to whom in its documents; only the own unit has them (None: its kind's starter).
    document_settings: Mapped[DocumentSettings | None] = relationship(
        back_populates="unit", uselist=False, cascade="all, delete-orphan", passive_deletes=True)

    def __repr__(self) -> str:
        return f"<Unit {self.name}>"


class Department(db.Model):
    """A department of a unit (phòng, ban): leads or supports remediation tasks. `unit_id` is
    the unit whose workspace it belongs to; None: the own unit's (workspace.py)."""

    __tablename__ = "departments"
    # A code is unique within its workspace: every commune has its own "VP".
    __table_args__ = (
        Index("uq_departments_own_code", "code", unique=True,
              sqlite_where=text("unit_id IS NULL"), postgresql_where=text("unit_id IS NULL")),
        Index("uq_departments_unit_code", "unit_id", "code", unique=True,
              sqlite_where=text("unit_id IS NOT NULL"), postgresql_where=text("unit_id IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(20))  # "NV", used by CLI and API
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


class DocumentSettings(db.Model):
    """Who speaks to whom in the own unit's documents (Decree 30/2020/NĐ-CP): the coordinating
    body (cơ quan tham mưu), the Nơi nhận and Lưu lines of the plan and of the periodic report,
    who sends the report to whom, and who signs. Set at set-up, edited by an admin
    (`services.documents`); a unit without a row uses its kind's starter (`starter.document_starter`).

    Lists are one recipient a line; a signer's capacity is "TM.", "KT." or "" (the head signs
    in their own name)."""

    __tablename__ = "document_settings"
    __table_args__ = (CheckConstraint("report_sender IN ('unit', 'coordinator')", name="report_sender"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), unique=True)
    # The unit's parent body above its name in the header (a sở: "UBND TỈNH LÂM ĐỒNG").
    parent_body: Mapped[str] = mapped_column(String(200), default="")
    coordinator: Mapped[str] = mapped_column(String(200))           # "Sở Nội vụ"
    coordinator_symbol: Mapped[str] = mapped_column(String(20))     # "SNV" in …/BC-SNV
    recipients: Mapped[str] = mapped_column(Text, default="")       # the plan's Nơi nhận
    archive: Mapped[str] = mapped_column(String(200))               # "Lưu: VT, SNV"
    signer_capacity: Mapped[str] = mapped_column(String(3), default="TM.")
    signer_title: Mapped[str] = mapped_column(String(100))          # "CHỦ TỊCH", "PHÓ CHỦ TỊCH"
    signer_name: Mapped[str] = mapped_column(String(100), default="")
    # The periodic report: sent by the unit to its superior, or by the coordinator to the unit.
    report_sender: Mapped[str] = mapped_column(String(20), default="unit")
    report_addressee: Mapped[str] = mapped_column(String(200))      # "Bộ Nội vụ"
    report_recipients: Mapped[str] = mapped_column(Text, default="")
    report_archive: Mapped[str] = mapped_column(String(200))
    # Who signs a report the coordinating body sends (its head: GIÁM ĐỐC).
    coordinator_signer_capacity: Mapped[str] = mapped_column(String(3), default="")
    coordinator_signer_title: Mapped[str] = mapped_column(String(100))
    coordinator_signer_name: Mapped[str] = mapped_column(String(100), default="")

    unit: Mapped[Unit] = relationship(back_populates="document_settings")

    def __repr__(self) -> str:
        return f"<DocumentSettings of unit {self.unit_id}>"
