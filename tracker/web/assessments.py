"""Assessments (a unit's results for a year), a criterion's page and the peer ranking of a year."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import BooleanField, SubmitField, TextAreaField
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.extensions import db
from tracker.domain import scales
from tracker.domain.errors import InputError
from tracker.models import Assessment, Criterion, Unit
from tracker.permissions import is_own_unit_admin
from tracker.services import assessment_view, criteria
from tracker.web.forms import flash_refusal
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


class ClassificationForm(FlaskForm):
    classifies = BooleanField(_l("The scoring body classifies (Xuất sắc, Tốt, Khá, Trung bình, Yếu)"))
    submit = SubmitField(_l("Save"))


@bp.route("/assessments/<int:assessment_id>", methods=["GET", "POST"])
@login_required
def detail(assessment_id: int):
    assessment = assessment_view.load(assessment_id)
    if assessment is None:
        abort(404)
    form = ClassificationForm(data={"classifies": assessment.criteria_set.classifies})
    if request.method == "POST":
        if not is_own_unit_admin(current_user):  # a criteria set is shared by every unit scored on it
            abort(403)
        if form.validate_on_submit():
            criteria.set_classification(assessment.criteria_set, form.classifies.data, actor=current_user)
            db.session.commit()
            flash(_("Saved: the results of %(name)s are classified.", name=assessment.criteria_set.name)
                  if form.classifies.data else
                  _("Saved: the results of %(name)s are shown with score, percentage and rank only.",
                    name=assessment.criteria_set.name), "success")
            return redirect(url_for("assessments.detail", assessment_id=assessment.id))
    lines = assessment_view.tree(assessment)
    previous = assessment_view.previous_assessment(assessment)
    fields = assessment_view.field_changes(lines, previous)
    return render_template("assessments/detail.html", assessment=assessment, lines=lines,
                           previous=previous, fields=fields, classification_form=form)


class ScaleForm(FlaskForm):
    scale = TextAreaField(_l("Scoring scale"), render_kw={"rows": 3, "placeholder": "≥ 90: 2; 70 - < 90: 1; < 70: 0"})
    submit = SubmitField(_l("Save the scale"))


@bp.route("/criteria/<int:criterion_id>", methods=["GET", "POST"])
@login_required
def criterion(criterion_id: int):
    """A criterion of a set: what it is worth, its scale (an admin edits it) and its tasks."""
    found = db.session.get(Criterion, criterion_id)
    if found is None:
        abort(404)
    form = ScaleForm()
    status = 200
    if request.method == "POST":
        if not is_own_unit_admin(current_user):  # a criteria set is shared by every unit scored on it
            abort(403)
        if form.validate_on_submit():
            try:
                criteria.set_scale(found, form.scale.data, actor=current_user)
                db.session.commit()
            except InputError as exc:
                db.session.rollback()
                flash_refusal(exc)
                status = 422
            else:
                flash(_("Scale of %(code)s saved.", code=found.code) if found.scale
                      else _("Scale of %(code)s removed.", code=found.code), "success")
                return redirect(url_for("assessments.criterion", criterion_id=found.id))
        else:
            status = 422
    elif found.scale:
        form.scale.data = found.scale
    steps = None
    if found.scale:
        try:
            steps = [(scales.describe(step), step.points) for step in scales.parse_scale(found.scale)]
        except scales.ScaleError:
            steps = None
    return render_template("assessments/criterion.html", criterion=found, form=form, steps=steps,
                           tasks=criteria.tasks_on(found), assessments=criteria.assessments_of(found)), status


@bp.get("/rankings/<int:year>")
@login_required
def ranking(year: int):
    entries = assessment_view.ranking(year)
    assessed = {a.unit.name: a for a in db.session.scalars(
        select(Assessment).where(Assessment.year == year).options(selectinload(Assessment.unit)))}
    return render_template("assessments/ranking.html", year=year, entries=entries, assessed=assessed)
