"""Each assessment's figures as the units page lists them, kept between requests."""
from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from tracker.extensions import db


class StoredFigures(db.Model):
    """An assessment's projection (CONTRACT §5, its projected rank left out: the ranking is read
    live) and its stale tasks, as computed on `computed_on` from what it read at `version` of the
    assessment's figures_version. Valid while both still hold (services/stored_figures)."""

    __tablename__ = "stored_figures"

    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True)
    version: Mapped[int]
    computed_on: Mapped[date]
    figures: Mapped[dict] = mapped_column(JSON)
    stale: Mapped[int]
