"""Periodic reports on a plan: the report page (figures, chart, prose), editing the prose,
issuing, and the .docx/.xlsx downloads. Drafts are for admins and leaders; issued reports for
everyone logged in."""
import io

from flask import Blueprint, abort, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import Length, Optional

from tracker.domain.periods import parse_quarter
from tracker.exporters.report_document import SECTIONS
from tracker.extensions import db
from tracker.i18n import local_today
from tracker.models import Assessment, Plan, Unit
from tracker.permissions import admin_required, can_read_draft_report
from tracker.services import reports as report_service
from tracker.web.forms import VNDateField, flash_refusal, save_or_refuse
from tracker.web.pagination import page_args
from tracker.web.plans import MIMETYPES

bp = Blueprint("reports", __name__)
REPORTS_PER_PAGE = 10  # plans a page, four reports each


class ProseForm(FlaskForm):
    results = TextAreaField(_l("I. Results"), validators=[Length(max=report_service.PROSE_MAX)])
    shortcomings = TextAreaField(_l("II. Shortcomings and their causes"),
                                 validators=[Length(max=report_service.PROSE_MAX)])
    next_tasks = TextAreaField(_l("III. Key tasks for the next period"),
                               validators=[Length(max=report_service.PROSE_MAX)])
    proposals = TextAreaField(_l("IV. Proposals"), validators=[Length(max=report_service.PROSE_MAX)])
    save = SubmitField(_l("Save the sections"))


class ResetForm(FlaskForm):
    reset = SubmitField(_l("Rewrite the sections from the figures"))


class IssueForm(FlaskForm):
    # The service checks both (one message for the page and the CLI alike).
    number = StringField(_l("Number (số/ký hiệu)"), render_kw={"placeholder": "15/BC-UBND"})
    issued_on = VNDateField(_l("Issued on"), validators=[Optional()])
    submit = SubmitField(_l("Issue the report"))


def load(plan_id: int, label: str):
    """The plan and period named in the URL, or 404."""
    plan = report_service.load_plan(plan_id)
    try:
        year, quarter = parse_quarter(label)
    except ValueError:
        abort(404)
    if plan is None or year != report_service.plan_year(plan):
        abort(404)
    period = report_service.period(year, quarter)
    if period not in report_service.periods(plan):  # cut off before the plan was issued
        abort(404)
    return plan, period


def readable_report(plan, period):
    """The report if the reader may open it (drafts: admins and leaders; 403 otherwise), or
    None after telling the reader why there is none yet."""
    row = report_service.find_row(plan, period)
    if not (row and row.is_issued) and not can_read_draft_report(current_user):
        abort(403)
    try:
        return report_service.build(plan, period)
    except report_service.ReportError as exc:
        flash_refusal(exc)
        return None


@bp.get("/reports/")
@login_required
def index():
    page, per_page = page_args(default=REPORTS_PER_PAGE)
    stmt = (select(Plan).join(Plan.assessment).join(Assessment.unit)
            .options(selectinload(Plan.assessment).selectinload(Assessment.unit))
            .order_by(Unit.own.desc(), Assessment.year.desc(), Unit.name, Plan.id))  # the office's own first
    pagination = db.paginate(stmt, page=page, per_page=per_page, error_out=False)
    plans = list(pagination.items)
    today = local_today()
    rows = report_service.report_rows([p.id for p in plans])
    periods = {p.id: report_service.periods(p) for p in plans}
    return render_template("reports/index.html", pagination=pagination, plans=plans, periods=periods,
                           rows={pid: {(r.year, r.quarter): r for r in found} for pid, found in rows.items()},
                           today=today, can_read_drafts=can_read_draft_report(current_user))


@bp.get("/plans/<int:plan_id>/reports/<label>")
@login_required
def detail(plan_id: int, label: str):
    plan, period = load(plan_id, label)
    report = readable_report(plan, period)
    if report is None:
        return redirect(url_for("reports.index"))
    prose_form = ProseForm(data=report.prose)
    today = local_today()
    issue_form = IssueForm(data={"issued_on": today if today > period.end else None})
    # The issuer's symbol: …/BC-UBND from the unit, …/BC-SNV from its coordinating body.
    issue_form.number.render_kw = {"placeholder": f"15/BC-{report.document.parties.symbol}"}
    return render_template("reports/detail.html", report=report, sections=SECTIONS, prose_form=prose_form,
                           reset_form=ResetForm(), issue_form=issue_form, today=today)


@bp.post("/plans/<int:plan_id>/reports/<label>/prose")
@admin_required
def save_prose(plan_id: int, label: str):
    plan, period = load(plan_id, label)
    form = ProseForm()
    if form.validate_on_submit():
        sections = {key: getattr(form, key).data or "" for key, _heading in SECTIONS}
        if save_or_refuse(lambda: report_service.save_prose(plan, period, sections, current_user)):
            flash(_("The sections were saved. They are kept as written until the report is issued."), "success")
    else:
        flash(_("The sections were not saved: each may hold at most %(max)s characters.",
                max=report_service.PROSE_MAX), "error")
    return redirect(url_for("reports.detail", plan_id=plan.id, label=period.label))


@bp.post("/plans/<int:plan_id>/reports/<label>/reset")
@admin_required
def reset_prose(plan_id: int, label: str):
    plan, period = load(plan_id, label)
    if ResetForm().validate_on_submit() and save_or_refuse(
            lambda: report_service.reset_prose(plan, period, current_user)):
        flash(_("The sections were rewritten from the figures."), "success")
    return redirect(url_for("reports.detail", plan_id=plan.id, label=period.label))


@bp.post("/plans/<int:plan_id>/reports/<label>/issue")
@admin_required
def issue(plan_id: int, label: str):
    plan, period = load(plan_id, label)
    form = IssueForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(error, "error")
        return redirect(url_for("reports.detail", plan_id=plan.id, label=period.label))
    result = []
    if save_or_refuse(lambda: result.append(report_service.issue(
            plan, period, form.number.data, form.issued_on.data, current_user))):
        flash(_("Report %(number)s issued. Its figures and files are kept as they are now.",
                number=result[0].number), "success")
    return redirect(url_for("reports.detail", plan_id=plan.id, label=period.label))


@bp.get("/plans/<int:plan_id>/reports/<label>/report.<fmt>")
@login_required
def download(plan_id: int, label: str, fmt: str):
    plan, period = load(plan_id, label)
    if fmt not in MIMETYPES:
        abort(404)
    report = readable_report(plan, period)
    if report is None:
        return redirect(url_for("reports.index"))
    return send_file(io.BytesIO(report_service.render(report, fmt)), mimetype=MIMETYPES[fmt],
                     as_attachment=True, download_name=report_service.filename(report, fmt))
