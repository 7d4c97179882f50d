"""Plans: generate one from an assessment, read it grouped by field, top it up, export it."""
import io

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.orm import selectinload
from wtforms import IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from tracker.domain import bounds, deadlines
from tracker.domain import plan_text as plan_text_domain
from tracker.domain.deadlines import deadline_warnings
from tracker.extensions import db
from tracker.i18n import local_today
from tracker.models import Assessment, Plan, Unit
from tracker.permissions import admin_required, can_read_draft_report, is_admin
from tracker.services import effectiveness as effectiveness_service
from tracker.services import carry_over, plan_export, plan_text, plan_view, plans, work
from tracker.services import reports as report_service
from tracker.domain.errors import InputError
from tracker.web.forms import Bounded, VNDateField, flash_refusal, form_status, save_or_refuse

bp = Blueprint("plans", __name__, url_prefix="/plans")


class PlanForm(FlaskForm):
    number = StringField(_l("Number (số/ký hiệu)"), validators=[DataRequired(), Length(max=50)],
                         render_kw={"placeholder": "45/KH-UBND"})
    issued_on = VNDateField(_l("Issued on"), validators=[DataRequired()])
    default_deadline = VNDateField(_l("Default deadline of the tasks"), validators=[DataRequired()])
    target_classification = SelectField(_l("Target classification"), choices=[], validators=[Optional()])
    target_rank = IntegerField(_l("Target rank"), validators=[Optional(), Bounded(1, bounds.RANK_LIMIT)])
    submit = SubmitField(_l("Generate the plan"))


class ConfirmForm(FlaskForm):
    submit = SubmitField(_l("Add tasks for newly lost criteria"))


def language() -> str:
    from flask_babel import get_locale
    return "vi" if str(get_locale()) == "vi" else "en_US"


def flash_deadline_warnings(deadline, plan_year) -> None:
    for message, params in deadline_warnings(deadline, plan_year, language()):
        flash(_(message, **params), "warning")


@bp.get("/")
@login_required
def index():
    plan_list = db.session.scalars(
        select(Plan).join(Plan.assessment).join(Assessment.unit)
        .options(selectinload(Plan.assessment).selectinload(Assessment.unit))
        .order_by(Assessment.year.desc(), Unit.name)).all()
    without_plan = db.session.scalars(
        select(Assessment).where(~Assessment.id.in_(select(Plan.assessment_id)))
        .options(selectinload(Assessment.unit)).order_by(Assessment.year.desc())).all()
    counts = plan_view.status_counts([p.id for p in plan_list])
    return render_template("plans/index.html", plans=plan_list, counts=counts, without_plan=without_plan)


@bp.route("/new/<int:assessment_id>", methods=["GET", "POST"])
@admin_required
def new(assessment_id: int):
    assessment = db.get_or_404(Assessment, assessment_id)
    existing = db.session.scalar(select(Plan).where(Plan.assessment_id == assessment.id))
    if existing:
        return redirect(url_for("plans.detail", plan_id=existing.id))
    today = local_today()
    form = PlanForm()
    form.target_classification.choices = [("", "—")] + [
        (name, name) for _floor, name in assessment.criteria_set.band_list]
    if request.method == "GET":
        form.issued_on.data = today
        # Before the annual report's cut-off, so that the year's report can show the tasks done.
        form.default_deadline.data = deadlines.default_deadline(assessment.year + 1) \
            if today.year <= assessment.year + 1 else today
    if form.validate_on_submit():
        try:
            plan, created, is_new = plans.generate_committed(
                assessment.id, form.number.data, form.issued_on.data, form.default_deadline.data,
                actor=current_user, target_classification=form.target_classification.data or None,
                target_rank=form.target_rank.data)
        except InputError as exc:
            db.session.rollback()
            flash_refusal(exc)
        else:
            if is_new:
                flash(_("Plan %(number)s created with %(count)s tasks.", number=plan.number,
                        count=len(created)), "success")
                if plan.default_deadline != form.default_deadline.data:
                    flash(_("%(date)s is not a working day: the deadline is %(moved)s, the working day before.",
                            date=form.default_deadline.data.strftime("%d/%m/%Y"),
                            moved=plan.default_deadline.strftime("%d/%m/%Y")), "info")
                flash_deadline_warnings(plan.default_deadline, assessment.year + 1)
            else:  # someone else's generation, a moment earlier, made it
                flash(_("Plan %(number)s had just been created by someone else; nothing was added twice.",
                        number=plan.number), "info")
            return redirect(url_for("plans.detail", plan_id=plan.id))
    return render_template("plans/new.html", form=form, assessment=assessment), form_status()


def plan_or_404(plan_id: int) -> Plan:
    plan = plan_view.load(plan_id)
    if plan is None:
        abort(404)
    return plan


@bp.get("/<int:plan_id>")
@login_required
def detail(plan_id: int):
    plan = plan_or_404(plan_id)
    groups = plan_view.tasks_by_field(plan)
    counts = plan_view.status_counts([plan.id])[plan.id]
    return render_template("plans/detail.html", plan=plan, groups=groups, counts=counts,
                           reasons=plan_view.loss_reasons(plan), maintain_form=ConfirmForm(),
                           risks=plan_view.unplanned_risks(plan),
                           topup=ConfirmForm(), today=local_today(),
                           periods=report_service.periods(plan),
                           report_rows={(r.year, r.quarter): r for r in report_service.report_rows([plan.id])[plan.id]},
                           can_read_drafts=can_read_draft_report(current_user),
                           without_lead=work.without_lead_count(plan.id),
                           next_results=effectiveness_service.next_results(plan))


@bp.get("/<int:plan_id>/outcome")
@login_required
def outcome(plan_id: int):
    """Did the plan work? Each task beside what its criterion scored a year later."""
    plan = plan_or_404(plan_id)
    later, result = effectiveness_service.outcome(plan)
    return render_template("plans/outcome.html", plan=plan, result=result, later=later)


class CarryOverForm(FlaskForm):
    check = SubmitField(_l("Check the mapping"))
    confirm = SubmitField(_l("Carry the tasks over"))


def entered_links(preview) -> dict[str, list[str]]:
    """The mapping as typed on the page (one field per old sub-criterion), else as proposed."""
    if request.method != "POST":
        return preview.proposed_links
    return {row.criterion.code: carry_over.parse_codes(request.form.get(f"map-{row.criterion.code}", "")[:500])
            for row in preview.rows}


@bp.route("/<int:plan_id>/carry-over", methods=["GET", "POST"])
@admin_required
def carry(plan_id: int):
    """Map last year's sub-criteria to the next year's set and move the plan's tasks onto it."""
    plan = plan_or_404(plan_id)
    if plan.target_set_id is not None:
        return render_template("plans/carried.html", plan=plan, links=carry_over.links_of(plan))
    sets = carry_over.candidate_sets(plan)
    chosen = next((s for s in sets if str(s.id) == request.values.get("set")), sets[0] if sets else None)
    if chosen is None:
        return render_template("plans/carry_over.html", plan=plan, sets=sets, preview=None)
    preview = carry_over.preview(plan, chosen)
    links = entered_links(preview)
    form = CarryOverForm()
    figures = error = None
    if form.validate_on_submit() or request.method == "GET":
        try:
            figures = carry_over.check(preview, links)
            if request.method == "POST" and form.confirm.data:
                done = carry_over.carry_over(plan, chosen, links, actor=current_user)
                db.session.commit()
                flash(_("Plan %(number)s carried over to %(name)s: %(moved)s tasks moved, %(split)s split off, "
                        "%(closed)s closed.", number=plan.number, name=chosen.name, moved=len(done.moved),
                        split=len(done.split_off), closed=len(done.closed)), "success")
                return redirect(url_for("plans.detail", plan_id=plan.id))
        except InputError as exc:
            db.session.rollback()
            error = exc
            flash_refusal(exc)
        except (StaleDataError, IntegrityError):  # another admin's change to the same tasks won
            db.session.rollback()
            flash(_("The plan's tasks changed at this very moment; nothing was carried over. Look again."), "error")
            return redirect(url_for("plans.carry", plan_id=plan.id))
    status = 422 if request.method == "POST" and (error or form.errors) else 200
    return render_template("plans/carry_over.html", plan=plan, sets=sets, preview=preview, chosen=chosen,
                           links=links, form=form, figures=figures), status


@bp.post("/<int:plan_id>/generate")
@admin_required
def top_up(plan_id: int):
    plan = plan_or_404(plan_id)
    if ConfirmForm().validate_on_submit():
        try:
            _plan, created, _new = plans.generate_committed(plan.assessment_id, plan.number, plan.issued_on,
                                                            plan.default_deadline, actor=current_user)
        except InputError as exc:
            flash_refusal(exc)
            return redirect(url_for("plans.detail", plan_id=plan_id))
        if created:
            flash(_("%(count)s tasks added for newly lost criteria.", count=len(created)), "success")
        else:
            flash(_("Every criterion that lost points already has a task; nothing was added."), "info")
    return redirect(url_for("plans.detail", plan_id=plan_id))


class PlanTextForm(FlaskForm):
    basis = TextAreaField(_l("Bases (căn cứ): the decision on the results, and the directives and plans it follows, one per line"),
                          validators=[Length(max=plan_text_domain.TEXT_MAX)], render_kw={"rows": 4})
    results = TextAreaField(_l("Results of the year and their change"), validators=[Length(max=plan_text_domain.TEXT_MAX)],
                            render_kw={"rows": 5})
    purpose = TextAreaField(_l("I. Purpose and requirements"), validators=[Length(max=plan_text_domain.TEXT_MAX)],
                            render_kw={"rows": 5})
    measures = TextAreaField(_l("II. Tasks and measures (general, then the appendix)"),
                             validators=[Length(max=plan_text_domain.TEXT_MAX)], render_kw={"rows": 9})
    funding = TextAreaField(_l("III. Funding"), validators=[Length(max=plan_text_domain.TEXT_MAX)], render_kw={"rows": 3})
    organisation = TextAreaField(_l("IV. Organisation"), validators=[Length(max=plan_text_domain.TEXT_MAX)],
                                 render_kw={"rows": 6})
    save = SubmitField(_l("Save the text"))


@bp.route("/<int:plan_id>/text", methods=["GET", "POST"])
@login_required
def text(plan_id: int):
    """The plan's text as its .docx prints it; an admin rewrites sections or goes back to the
    wording written from the figures."""
    plan = plan_or_404(plan_id)
    sections = plan_text.text(plan)
    form, reset = PlanTextForm(data=sections), ConfirmForm()
    if request.method == "POST":
        if not is_admin(current_user):
            abort(403)
        if request.form.get("reset") and reset.validate_on_submit():
            plan_text.reset(plan, current_user)
            db.session.commit()
            flash(_("The plan's text is written from the figures again."), "success")
            return redirect(url_for("plans.text", plan_id=plan.id))
        if form.validate_on_submit():
            if save_or_refuse(lambda: plan_text.save(plan, {k: form[k].data or "" for k in plan_text_domain.SECTIONS},
                                                     current_user)):
                flash(_("The plan's text is saved; the .docx prints it."), "success")
                return redirect(url_for("plans.text", plan_id=plan.id))
        return render_template("plans/text.html", plan=plan, form=form, reset=reset, sections=sections,
                               edited=plan.prose or {}), 422
    return render_template("plans/text.html", plan=plan, form=form, reset=reset, sections=sections,
                           edited=plan.prose or {})


@bp.post("/<int:plan_id>/maintain")
@admin_required
def maintain(plan_id: int):
    """Add "duy trì" tasks for the criteria at full marks that lost points in an earlier year."""
    plan = plan_or_404(plan_id)
    if ConfirmForm().validate_on_submit():
        created = plans.maintain(plan, request.form.getlist("code"), actor=current_user)
        db.session.commit()
        if created:
            flash(_("%(count)s tasks added to keep full marks.", count=len(created)), "success")
        else:
            flash(_("Nothing to add: each criterion chosen already has a task or is not at risk."), "info")
    return redirect(url_for("plans.detail", plan_id=plan_id))


MIMETYPES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@bp.get("/<int:plan_id>/export.<fmt>")
@login_required
def export(plan_id: int, fmt: str):
    if fmt not in MIMETYPES:
        abort(404)
    plan = plan_or_404(plan_id)
    data = plan_export.render(plan, fmt)
    return send_file(io.BytesIO(data), mimetype=MIMETYPES[fmt], as_attachment=True,
                     download_name=plan_export.filename(plan, fmt))
