"""Each assessment's figures as the units page lists them, kept between requests."""
from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from tracker.extensions import db

# Names compared code point by code point on both databases (PostgreSQL's default collation
# would order them by its locale, SQLite's by code point): the page's order is the same.
NAME_KEY = String(200).with_variant(String(200, collation="C"), "postgresql")


class StoredFigures(db.Model):
    """An assessment's projection (CONTRACT §5) and its stale tasks, as computed on
    `computed_on` from what it read at `version` of the assessment's figures_version. Valid while both still hold (services/stored_figures).

    The page's sort keys are columns of their own, so that the database orders, counts and
    pages the units and only one page of rows is read."""

    __tablename__ = "stored_figures"

    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True)
    version: Mapped[int]
    computed_on: Mapped[date]
    figures: Mapped[dict] = mapped_column(JSON)
    stale: Mapped[int]
    name_key: Mapped[str] = mapped_column(NAME_KEY)   # the unit's name, casefolded
    expected_pct: Mapped[float]
    overdue: Mapped[int]
    done_pct: Mapped[float]
