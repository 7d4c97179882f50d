"""The set-up page: what `tracker setup` does, for an admin in the browser.

Two steps on one form: the unit and its kind, then that kind's starter departments, ownership
rules and document settings, each editable (or left out) before anything is saved.
"""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, FieldList, Form, FormField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from tracker.domain.errors import InputError
from tracker.domain.starter import SETUP_KINDS, StarterDepartment, StarterRule, document_starter, starter
from tracker.extensions import db
from tracker.permissions import own_unit_admin_required as admin_required
from tracker.services import setup as setup_service
from tracker.web import documents as document_fields
from tracker.web.forms import flash_refusal, form_status

bp = Blueprint("setup", __name__)

KIND_LABELS = {"province": _l("Province (UBND tỉnh, thành phố)"),
               "department": _l("Provincial department (sở, ban, ngành)"),
               "commune": _l("Commune, ward or special zone (xã, phường, đặc khu)"),
               "ministry": _l("Ministry or ministry-level agency")}
EXTRA_ROWS = 3  # blank department rows for the unit's own additions


class DepartmentRow(Form):
    keep = BooleanField(_l("Keep"), default=True)
    code = StringField(_l("Code"), validators=[Optional(), Length(max=20)])
    name = StringField(_l("Name"), validators=[Optional(), Length(max=200)])


class RuleRow(Form):
    keep = BooleanField(_l("Keep"), default=True)
    code = StringField(_l("Field"), validators=[Optional(), Length(max=30)])
    lead = StringField(_l("Lead department"), validators=[Optional(), Length(max=20)])
    supporting = StringField(_l("Supporting departments"), validators=[Optional(), Length(max=500)])
    wording = TextAreaField(_l("Task wording"), validators=[Optional(), Length(max=2000)])


class SetupForm(FlaskForm):
    name = StringField(_l("Unit"), validators=[DataRequired(), Length(max=200)],
                       render_kw={"placeholder": "UBND tỉnh Lâm Đồng"})
    kind = SelectField(_l("Kind"), choices=[], default="province")
    place = StringField(_l("Place on documents"), validators=[DataRequired(), Length(max=100)],
                        render_kw={"placeholder": "Lâm Đồng"})
    issuing_body = StringField(_l("Issuing body on documents"), validators=[DataRequired(), Length(max=200)],
                               render_kw={"placeholder": "UBND TỈNH LÂM ĐỒNG"})
    departments = FieldList(FormField(DepartmentRow), max_entries=60)
    rules = FieldList(FormField(RuleRow), max_entries=30)
    documents = FormField(document_fields.DocumentFields)
    review = SubmitField(_l("Continue: starter departments and rules"))
    save = SubmitField(_l("Set up"))


def fill_starter(form: SetupForm) -> None:
    """Replace the rows with the chosen kind's starter, plus blank rows to add departments."""
    departments, rules = starter(form.kind.data)
    for rows in (form.departments, form.rules):
        while rows.entries:
            rows.pop_entry()
    for d in departments:
        form.departments.append_entry({"keep": True, "code": d.code, "name": d.name})
    for _blank in range(EXTRA_ROWS):
        form.departments.append_entry({"keep": True, "code": "", "name": ""})
    for r in rules:
        form.rules.append_entry({"keep": True, "code": r.code, "lead": r.lead,
                                 "supporting": r.supporting, "wording": r.wording})
    document_fields.fill(form.documents.form, document_starter(form.kind.data, (form.name.data or "").strip()))


def chosen_documents(form: SetupForm):
    """The document settings as the admin left them; a post without them (a script that only
    sends the unit, departments and rules) gets the kind's starter."""
    if form.documents.form.coordinator.name not in request.form:
        return None
    return document_fields.settings_from(form.documents.form)


def chosen(form: SetupForm) -> tuple[list[StarterDepartment], list[StarterRule]]:
    """The rows the admin kept (ticked, with a code), as the service takes them."""
    def text(field) -> str:
        return (field.data or "").strip()
    kept = [entry.form for entry in form.departments if entry.form.keep.data and text(entry.form.code)]
    departments = [StarterDepartment(text(row.code), text(row["name"])) for row in kept]
    kept = [entry.form for entry in form.rules if entry.form.keep.data and text(entry.form.code)]
    rules = [StarterRule(text(row.code), text(row.lead), text(row.supporting), text(row.wording)) for row in kept]
    return departments, rules


@bp.route("/setup", methods=["GET", "POST"])
@admin_required
def index():
    unit = setup_service.own_unit()
    if unit is not None:
        return render_template("setup/done.html", unit=unit)
    form = SetupForm()
    form.kind.choices = [(k, str(KIND_LABELS[k])) for k in SETUP_KINDS]
    reviewing = bool(form.departments.entries or form.rules.entries)
    if form.validate_on_submit():
        if form.save.data and reviewing:
            departments, rules = chosen(form)
            try:
                setup_service.set_up(name=form.name.data, kind=form.kind.data, place=form.place.data,
                                     issuing_body=form.issuing_body.data, starter_departments=departments,
                                     starter_rules=rules, document_settings=chosen_documents(form),
                                     actor=current_user)
                db.session.commit()
            except InputError as exc:
                db.session.rollback()
                flash_refusal(exc)
                return render_template("setup/index.html", form=form, reviewing=True), 422
            flash(_("%(unit)s is set up with %(departments)s departments and %(rules)s ownership rules. "
                    "Next: import last year's results.", unit=form.name.data.strip(),
                    departments=len(departments), rules=len(rules)), "success")
            return redirect(url_for("imports.index"))
        fill_starter(form)
        return render_template("setup/index.html", form=form, reviewing=True)
    return render_template("setup/index.html", form=form, reviewing=reviewing), form_status()
