"""Criteria sets (the scoring tree), assessments (a unit's results for a year) and rankings."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.domain.scoring import DEFAULT_BANDS, code_sort_key
from tracker.extensions import db
from tracker.models.base import utcnow
from tracker.models.units import Unit


class CriteriaSet(db.Model):
    """Bộ chỉ số: the tree with maximum points, published by a decision for a year."""

    __tablename__ = "criteria_sets"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    year: Mapped[int]
    decision: Mapped[str | None] = mapped_column(Text)  # "Quyết định số 2161/QĐ-UBND ngày 11/6/2024 …"
    # Classification bands as [[lowest percentage, name], …], high to low; per set because
    # the issuing authority sets them.
    bands: Mapped[list] = mapped_column(JSON, default=lambda: [list(b) for b in DEFAULT_BANDS])
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    criteria: Mapped[list[Criterion]] = relationship(
        back_populates="criteria_set", cascade="all, delete-orphan", order_by="Criterion.position")

    @property
    def band_list(self) -> list[tuple[float, str]]:
        """The bands, or [] when the scoring body publishes no classification (a province's or a
        ministry's index: score, percentage and rank only)."""
        return [(float(floor), name) for floor, name in self.bands]

    @property
    def classifies(self) -> bool:
        return bool(self.bands)

    @property
    def max_score(self) -> float:
        return round(sum(c.max_points for c in self.criteria if c.parent_id is None), 2)


class Criterion(db.Model):
    """A field (lĩnh vực), criterion (tiêu chí) or sub-criterion (tiêu chí thành phần)."""

    __tablename__ = "criteria"
    __table_args__ = (
        UniqueConstraint("criteria_set_id", "code"),
        CheckConstraint("max_points >= 0", name="max_points"),
        CheckConstraint("method IN ('appraisal', 'survey')", name="method"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    criteria_set_id: Mapped[int] = mapped_column(ForeignKey("criteria_sets.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(30))  # canonical dotted arabic: "2.1.3"
    title: Mapped[str] = mapped_column(Text)
    max_points: Mapped[float] = mapped_column(Float)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("criteria.id", ondelete="CASCADE"),
                                                  index=True)
    position: Mapped[int] = mapped_column(default=0)  # order in the sheet
    depth: Mapped[int] = mapped_column(default=0)     # 0 field, 1 criterion, 2 sub-criterion
    is_leaf: Mapped[bool] = mapped_column(default=True)
    method: Mapped[str] = mapped_column(String(10), default="appraisal")
    # How a rate scores, for a rate criterion: "≥ 90%: 2; 70 - < 90%: 1; < 70%: 0" (domain/scales).
    scale: Mapped[str | None] = mapped_column(Text)

    criteria_set: Mapped[CriteriaSet] = relationship(back_populates="criteria")
    parent: Mapped[Criterion | None] = relationship(remote_side=[id])

    @property
    def field_code(self) -> str:
        return self.code.split(".", 1)[0]

    @property
    def sort_key(self) -> tuple[int, ...]:
        return code_sort_key(self.code)

    def __repr__(self) -> str:
        return f"<Criterion {self.code}>"


class Assessment(db.Model):
    """A unit's appraised results for a year under a criteria set."""

    __tablename__ = "assessments"
    __table_args__ = (
        UniqueConstraint("unit_id", "year"),
        CheckConstraint("total >= 0 AND total <= max_score + 0.01", name="total"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    year: Mapped[int] = mapped_column(index=True)
    criteria_set_id: Mapped[int] = mapped_column(ForeignKey("criteria_sets.id"))
    total: Mapped[float] = mapped_column(Float)
    max_score: Mapped[float] = mapped_column(Float)
    rank: Mapped[int | None]
    rank_of: Mapped[int | None]
    classification: Mapped[str | None] = mapped_column(String(50))
    decision: Mapped[str | None] = mapped_column(Text)  # the decision that published the results
    source_filename: Mapped[str | None] = mapped_column(String(255))
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Raised whenever anything its projection reads changes (services/stored_figures): figures
    # stored under an older number are out of date.
    figures_version: Mapped[int] = mapped_column(default=0, server_default="0")

    unit: Mapped[Unit] = relationship()
    criteria_set: Mapped[CriteriaSet] = relationship()
    results: Mapped[list[CriterionResult]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan")

    @property
    def lost(self) -> float:
        return round(self.max_score - self.total, 2)


class CriterionResult(db.Model):
    """The scores of one criterion in an assessment (parents' scores are sums of leaves)."""

    __tablename__ = "criterion_results"
    __table_args__ = (
        UniqueConstraint("assessment_id", "criterion_id"),
        CheckConstraint("appraised_score IS NULL OR appraised_score >= 0", name="appraised_score"),
        CheckConstraint("self_score IS NULL OR self_score >= 0", name="self_score"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criteria.id", ondelete="CASCADE"),
                                              index=True)
    self_score: Mapped[float | None] = mapped_column(Float)        # điểm tự đánh giá
    appraised_score: Mapped[float | None] = mapped_column(Float)   # điểm thẩm định
    note: Mapped[str | None] = mapped_column(Text)                 # ghi chú / nguyên nhân

    assessment: Mapped[Assessment] = relationship(back_populates="results")
    criterion: Mapped[Criterion] = relationship()


class CriterionLink(db.Model):
    """A leaf of one year's set mapped to a leaf of the next year's (domain/carry_over): a
    renumbered criterion has one link, a split one several, a removed one none."""

    __tablename__ = "criterion_links"

    old_criterion_id: Mapped[int] = mapped_column(ForeignKey("criteria.id", ondelete="CASCADE"),
                                                  primary_key=True)
    new_criterion_id: Mapped[int] = mapped_column(ForeignKey("criteria.id", ondelete="CASCADE"),
                                                  primary_key=True, index=True)
    position: Mapped[int] = mapped_column(default=0)  # the first new leaf is where the tasks go


class RankingEntry(db.Model):
    """One line of a year's published peer ranking (unit, score, maximum, rank). A province
    publishes one ranking per group of peers (its sở, its communes): `group` names it ("" when
    the year has one ranking), and a unit is ranked among its own group only."""

    __tablename__ = "ranking_entries"
    __table_args__ = (
        UniqueConstraint("year", "unit_name"),  # a unit is in one group of a year's ranking
        Index("ix_ranking_entries_year_score", "year", "score"),
        CheckConstraint("score >= 0 AND score <= max_score + 0.01", name="score"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    group: Mapped[str] = mapped_column(String(100), default="", server_default="")
    unit_name: Mapped[str] = mapped_column(String(200))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    score: Mapped[float] = mapped_column(Float)
    max_score: Mapped[float] = mapped_column(Float, default=100.0)
    rank: Mapped[int | None]
