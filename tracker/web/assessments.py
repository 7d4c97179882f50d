"""Assessments (a unit's results for a year) and the peer ranking of a year."""
from flask import Blueprint, abort, render_template
from flask_login import login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.extensions import db
from tracker.models import Assessment, Unit
from tracker.services import assessment_view
from tracker.web.pagination import page_args

bp = Blueprint("assessments", __name__)


@bp.get("/assessments/")
@login_required
def index():
    page, per_page = page_args()
    stmt = (select(Assessment).join(Assessment.unit)
            .options(selectinload(Assessment.unit), selectinload(Assessment.criteria_set))
            .order_by(Assessment.year.desc(), Unit.name))
    pagination = db.paginate(stmt, page=page, per_page=per_page, error_out=False)
    return render_template("assessments/index.html", pagination=pagination)


@bp.get("/assessments/<int:assessment_id>")
@login_required
def detail(assessment_id: int):
    assessment = assessment_view.load(assessment_id)
    if assessment is None:
        abort(404)
    lines = assessment_view.tree(assessment)
    previous = assessment_view.previous_assessment(assessment)
    fields = assessment_view.field_changes(lines, previous)
    return render_template("assessments/detail.html", assessment=assessment, lines=lines,
                           previous=previous, fields=fields)


@bp.get("/rankings/<int:year>")
@login_required
def ranking(year: int):
    entries = assessment_view.ranking(year)
    assessed = {a.unit.name: a for a in db.session.scalars(
        select(Assessment).where(Assessment.year == year).options(selectinload(Assessment.unit)))}
    return render_template("assessments/ranking.html", year=year, entries=entries, assessed=assessed)
