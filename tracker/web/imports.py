"""The upload page for Internal Affairs: scoring results, criteria sets and rankings."""
from __future__ import annotations

import io
import os
import re
import secrets
import time

from flask import (Blueprint, abort, current_app, flash, g, redirect, render_template, send_file,
                   url_for)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from sqlalchemy import select
from wtforms import BooleanField, HiddenField, IntegerField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from tracker.exporters import import_templates
from tracker.extensions import db
from tracker.i18n import error_text, format_date, local_today
from tracker.models import CriteriaSet, Unit
from tracker.permissions import own_unit_admin_required as admin_required
from tracker.services import imports, setup
from tracker.web.forms import VNDateField, uploaded
from tracker.web.params import whole_number

bp = Blueprint("imports", __name__, url_prefix="/imports")


@bp.before_request
def every_workspace() -> None:
    """The own unit's admins import every unit's results, those of units that run their own
    plan included (workspace.py): nothing here is filtered to a workspace."""
    g.workspace = None
YEAR = [DataRequired(), NumberRange(imports.MIN_YEAR, imports.MAX_YEAR)]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ResultsForm(FlaskForm):
    file = FileField(_l("Scoring sheet (xlsx or csv)"), validators=[FileRequired()])
    unit = StringField(_l("Unit (exactly as in the ranking)"), validators=[DataRequired(), Length(max=200)])
    year = IntegerField(_l("Assessed year"), validators=YEAR)
    criteria_set = SelectField(_l("Criteria set"), choices=[], validators=[Optional()])
    submit = SubmitField(_l("Import results"))


class CriteriaForm(FlaskForm):
    file = FileField(_l("Criteria sheet (xlsx or csv)"), validators=[FileRequired()])
    name = StringField(_l("Name of the criteria set"), validators=[DataRequired(), Length(max=200)])
    year = IntegerField(_l("Year"), validators=YEAR)
    decision = StringField(_l("Issued by decision"), validators=[Optional(), Length(max=500)])
    submit = SubmitField(_l("Import criteria set"))


class RankingForm(FlaskForm):
    file = FileField(_l("Ranking sheet (xlsx or csv)"), validators=[FileRequired()])
    year = IntegerField(_l("Assessed year"), validators=YEAR)
    group = StringField(_l("Group of peers (when the province ranks several)"), validators=[Length(max=100)],
                        render_kw={"placeholder": "Xã, phường, đặc khu"})
    submit = SubmitField(_l("Import ranking"))


class UnitResultsForm(FlaskForm):
    file = FileField(_l("Results of every unit (xlsx: one sheet per group)"), validators=[FileRequired()])
    year = IntegerField(_l("Assessed year"), validators=YEAR)
    plan_due = VNDateField(_l("Plans to be issued by"), validators=[Optional()])
    group = StringField(_l("Group (for a .csv file)"), validators=[Length(max=100)])
    replace = BooleanField(_l("Replace the results that units already have for that year"))
    submit = SubmitField(_l("Import every unit's results"))


class ConfirmForm(FlaskForm):
    token = HiddenField(validators=[DataRequired()])
    filename = HiddenField(validators=[DataRequired()])
    unit = HiddenField(validators=[DataRequired()])
    year = HiddenField(validators=[DataRequired()])
    criteria_set = HiddenField()
    submit = SubmitField(_l("Replace the results"))


def forms(**bound):
    year = local_today().year - 1
    own = setup.own_unit()  # the unit set up is the one whose results are usually imported
    results = bound.get("results") or ResultsForm(prefix="results", formdata=None, year=year,
                                                  unit=own.name if own else None)
    criteria = bound.get("criteria") or CriteriaForm(prefix="criteria", formdata=None, year=year)
    ranking = bound.get("ranking") or RankingForm(prefix="ranking", formdata=None, year=year)
    unit_results = bound.get("unit_results") or UnitResultsForm(prefix="units", formdata=None, year=year)
    sets = db.session.scalars(select(CriteriaSet.name).order_by(CriteriaSet.year.desc(), CriteriaSet.name)).all()
    results.criteria_set.choices = [("", _("From the file (new or matching set)"))] + [(n, n) for n in sets]
    return {"results": results, "criteria": criteria, "ranking": ranking, "unit_results": unit_results}


def page(status=200, errors=None, which=None, **bound):
    units = db.session.scalars(select(Unit.name).order_by(Unit.name)).all()
    return render_template("imports/index.html", forms=forms(**bound), units=units,
                           errors=[error_text(e) for e in errors or []], which=which), status


@bp.get("/")
@admin_required
def index():
    return page()


def run_import(form, which: str, do):
    """The form checked and its file imported by `do(data, filename)`, all or nothing: (what
    `do` returned, None), or (None, the import page again with the form's or the file's errors)."""
    if not form.validate():
        return None, page(422, which=which, **{which: form})
    data, filename = uploaded(form.file)
    try:
        return do(data, filename), None
    except imports.ImportRejected as exc:
        db.session.rollback()
        return None, page(422, errors=exc.errors, which=which, **{which: form})


@bp.post("/results")
@admin_required
def results():
    form = ResultsForm(prefix="results")
    forms(results=form)  # fills the criteria set choices the form validates against
    if not form.validate():
        return page(422, which="results", results=form)
    data, filename = uploaded(form.file)
    try:
        assessment = imports.import_results(
            data, filename, unit_name=form.unit.data, year=form.year.data,
            criteria_set_name=form.criteria_set.data or None, actor=current_user)
    except imports.ImportRejected as exc:
        db.session.rollback()
        return page(422, errors=exc.errors, which="results", results=form)
    except imports.ResultsExist as exc:
        db.session.rollback()
        confirm = ConfirmForm(formdata=None, token=stash(data), filename=filename,
                              unit=form.unit.data.strip(), year=form.year.data,
                              criteria_set=form.criteria_set.data or "")
        return render_template("imports/confirm.html", form=confirm, existing=exc.assessment), 409
    db.session.commit()
    flash(_("Results imported: %(total)s/%(max)s points.", total=assessment.total,
            max=assessment.max_score), "success")
    return redirect(url_for("assessments.detail", assessment_id=assessment.id))


@bp.post("/results/confirm")
@admin_required
def confirm_replace():
    form = ConfirmForm()
    data = unstash(form.token.data) if form.validate() else None
    if data is None or whole_number(form.year.data) is None:
        flash(_("The upload to confirm has expired; upload the file again."), "error")
        return redirect(url_for("imports.index"))
    try:
        assessment = imports.import_results(
            data, form.filename.data, unit_name=form.unit.data, year=whole_number(form.year.data),
            criteria_set_name=form.criteria_set.data or None, replace=True, actor=current_user)
    except imports.ImportRejected as exc:
        db.session.rollback()
        return page(422, errors=exc.errors, which="results")
    db.session.commit()
    discard(form.token.data)
    flash(_("Results replaced: %(total)s/%(max)s points.", total=assessment.total,
            max=assessment.max_score), "success")
    return redirect(url_for("assessments.detail", assessment_id=assessment.id))


@bp.post("/criteria")
@admin_required
def criteria():
    form = CriteriaForm(prefix="criteria")
    criteria_set, refused = run_import(form, "criteria", lambda data, filename: imports.import_criteria(
        data, filename, name=form.name.data, year=form.year.data, decision=form.decision.data, actor=current_user))
    if refused:
        return refused
    db.session.commit()
    flash(_("Criteria set %(name)s imported: %(count)s criteria.", name=criteria_set.name,
            count=len(criteria_set.criteria)), "success")
    return redirect(url_for("imports.index"))


@bp.post("/ranking")
@admin_required
def ranking():
    form = RankingForm(prefix="ranking")
    count, refused = run_import(form, "ranking", lambda data, filename: imports.import_ranking(
        data, filename, year=form.year.data, actor=current_user, group=form.group.data or ""))
    if refused:
        return refused
    db.session.commit()
    flash(_("Ranking of %(year)s imported: %(count)s units.", year=form.year.data, count=count), "success")
    return redirect(url_for("assessments.ranking", year=form.year.data))


@bp.post("/unit-results")
@admin_required
def unit_results():
    """Every unit's results at once (the province's workbook, one sheet per group)."""
    form = UnitResultsForm(prefix="units")
    result, refused = run_import(form, "unit_results", lambda data, filename: imports.import_unit_results(
        data, filename, year=form.year.data, replace=form.replace.data, plan_due=form.plan_due.data,
        group=form.group.data or "", actor=current_user))
    if refused:
        return refused
    db.session.commit()
    flash(_("Results of %(year)s imported for %(count)s units in %(groups)s groups: %(names)s.", year=result.year,
            count=result.units, groups=len(result.groups), names="; ".join(
                f"{g.group} ({len(g.assessments)})" for g in result.groups)), "success")
    if result.skipped:
        flash(_("Sheets without the criteria columns were skipped: %(names)s.", names=", ".join(result.skipped)),
              "info")
    if result.plan_due:
        flash(ngettext("Plans are due on %(day)s; %(num)s unit administrator was told.",
                       "Plans are due on %(day)s; %(num)s unit administrators were told.", result.told,
                       day=format_date(result.plan_due)), "info")
    return redirect(url_for("units.index", sort="unit"))


TEMPLATES = {  # kind: (maker, download name)
    "results": (import_templates.results_template, "mau-ket-qua.xlsx"),
    "ranking": (import_templates.ranking_template, "mau-xep-hang.xlsx"),
    "unit-results": (import_templates.unit_results_template, "mau-ket-qua-cac-don-vi.xlsx"),
    "departments": (import_templates.departments_template, "mau-co-quan.xlsx"),
}


@bp.get("/template/<kind>.xlsx")
@admin_required
def template(kind: str):
    if kind not in TEMPLATES:
        abort(404)
    maker, download_name = TEMPLATES[kind]
    return send_file(io.BytesIO(maker()), mimetype=XLSX, as_attachment=True, download_name=download_name)


# An upload waiting for the admin's confirmation, kept under a random token for a day.
TOKEN = re.compile(r"^[0-9a-f]{32}$")
PENDING_MAX_AGE = 24 * 3600


def pending_dir() -> str:
    path = os.path.join(current_app.instance_path, "pending_imports")
    os.makedirs(path, exist_ok=True)
    return path


def stash(data: bytes) -> str:
    directory = pending_dir()
    for name in os.listdir(directory):  # forget abandoned confirmations
        path = os.path.join(directory, name)
        if time.time() - os.path.getmtime(path) > PENDING_MAX_AGE:
            os.remove(path)
    token = secrets.token_hex(16)
    with open(os.path.join(directory, token), "wb") as f:
        f.write(data)
    return token


def unstash(token: str) -> bytes | None:
    if not TOKEN.match(token or ""):
        return None
    try:
        with open(os.path.join(pending_dir(), token), "rb") as f:
            return f.read()
    except FileNotFoundError:
        return None


def discard(token: str) -> None:
    if TOKEN.match(token or ""):
        try:
            os.remove(os.path.join(pending_dir(), token))
        except FileNotFoundError:
            pass
