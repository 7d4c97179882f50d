"""Document settings: who speaks to whom in the own unit's plan and periodic reports, and who
signs. The same fields on the set-up page and on the admin's page (Văn bản)."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import Form, FormField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional

from tracker.domain import documents as rules
from tracker.domain.errors import InputError
from tracker.extensions import db
from tracker.permissions import admin_required
from tracker.services import documents as document_service
from tracker.services import setup as setup_service
from tracker.web.forms import flash_refusal, form_status

bp = Blueprint("documents", __name__)

# Required fields are checked by the service (with the reason); the set-up page shows these
# fields only in its second step, so the form itself requires none.
UNIT_CAPACITIES = [SelectChoice(rules.ON_BEHALF, _l("TM.: the head, on behalf of the committee")),
                   SelectChoice(rules.FOR_THE_HEAD, _l("KT.: a deputy, for the head")),
                   SelectChoice(rules.OWN_NAME, _l("The head, in their own name"))]
HEAD_CAPACITIES = [SelectChoice(rules.OWN_NAME, _l("The head, in their own name")),
                   SelectChoice(rules.FOR_THE_HEAD, _l("KT.: a deputy, for the head"))]
SENDERS = [SelectChoice(rules.UNIT, _l("The unit, to its superior")),
           SelectChoice(rules.COORDINATOR, _l("The coordinating body, to the unit's leaders"))]


def _text(label, limit: int, **kwargs):
    return StringField(label, validators=[Optional(), Length(max=limit)], **kwargs)


def _lines(label):
    return TextAreaField(label, validators=[Optional(), Length(max=6000)], render_kw={"rows": 5})


class DocumentFields(Form):
    parent_body = _text(_l("Parent body, printed above the unit's name (a sở: UBND TỈNH …)"), 200)
    coordinator = _text(_l("Coordinating body (follows the plan up)"), 200,
                        render_kw={"placeholder": "Sở Nội vụ"})
    coordinator_symbol = _text(_l("Its symbol in document numbers (…/BC-SNV)"), 20,
                               render_kw={"placeholder": "SNV"})
    recipients = _lines(_l("Recipients of the plan (Nơi nhận), one per line"))
    archive = _text(_l("Archive line of the plan"), 200, render_kw={"placeholder": "Lưu: VT, SNV"})
    signer_capacity = SelectField(_l("Signs"), choices=UNIT_CAPACITIES, default=rules.ON_BEHALF)
    signer_title = _text(_l("Signer's title"), 100, render_kw={"placeholder": "CHỦ TỊCH"})
    signer_name = _text(_l("Signer's name"), 100)
    report_sender = SelectField(_l("The periodic report is sent by"), choices=SENDERS, default=rules.UNIT)
    report_addressee = _text(_l("Addressee of the report (Kính gửi); its proposals are addressed to it"), 200,
                             render_kw={"placeholder": "Bộ Nội vụ"})
    report_recipients = _lines(_l("Recipients of the report, one per line (“Như trên” comes first by itself)"))
    report_archive = _text(_l("Archive line of the report"), 200, render_kw={"placeholder": "Lưu: VT, SNV"})
    coordinator_signer_capacity = SelectField(_l("Signs for the coordinating body"), choices=HEAD_CAPACITIES,
                                              default=rules.OWN_NAME)
    coordinator_signer_title = _text(_l("Title of the coordinating body's signer"), 100,
                                     render_kw={"placeholder": "GIÁM ĐỐC"})
    coordinator_signer_name = _text(_l("Name of the coordinating body's signer"), 100)


def fill(fields: DocumentFields, settings: rules.Settings) -> None:
    """Show `settings` in the fields (what was posted before is replaced)."""
    values = document_service.columns(settings)
    for name, value in values.items():
        field = fields[name]
        field.data, field.raw_data = value, None


def settings_from(fields: DocumentFields) -> rules.Settings:
    def text(name: str) -> str:
        return fields[name].data or ""
    return rules.Settings(
        parent_body=text("parent_body"), coordinator=text("coordinator"),
        coordinator_symbol=text("coordinator_symbol"), recipients=rules.recipient_list(text("recipients")),
        archive=text("archive"),
        signer=rules.Signer(text("signer_capacity"), text("signer_title"), text("signer_name")),
        report_sender=text("report_sender"), report_addressee=text("report_addressee"),
        report_recipients=rules.recipient_list(text("report_recipients")), report_archive=text("report_archive"),
        coordinator_signer=rules.Signer(text("coordinator_signer_capacity"), text("coordinator_signer_title"),
                                        text("coordinator_signer_name")))


class DocumentSettingsForm(FlaskForm):
    documents = FormField(DocumentFields)
    submit = SubmitField(_l("Save document settings"))


@bp.route("/admin/documents", methods=["GET", "POST"])
@admin_required
def edit():
    unit = setup_service.workspace_unit()
    if unit is None:
        return redirect(url_for("setup.index"))
    form = DocumentSettingsForm()
    if form.validate_on_submit():
        try:
            document_service.save(unit, settings_from(form.documents.form), current_user)
            db.session.commit()
        except InputError as exc:
            db.session.rollback()
            flash_refusal(exc)
            return render_template("admin/documents.html", form=form, unit=unit), 422
        flash(_("Document settings saved."), "success")
        return redirect(url_for("documents.edit"))
    if not form.is_submitted():
        fill(form.documents.form, document_service.settings_of(unit))
    return render_template("admin/documents.html", form=form, unit=unit), form_status()
