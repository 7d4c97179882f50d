"""The units page: every unit's plan at a glance (issued or not, its tasks, where its score is
heading), sortable and filterable, and its .xlsx; giving a unit its own workspace (its first
administrator) and visiting a unit's workspace read-only. For the own unit's admins and
leaders (permissions.can_view_units; opening: its admins)."""
import io
from contextlib import contextmanager

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import EmailField, IntegerField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length

from tracker import workspace
from tracker.exporters.units_xlsx import UnitLine, units_xlsx
from tracker.extensions import db
from tracker.i18n import local_today
from tracker.models import Unit
from tracker.models.base import utcnow
from tracker.models.units import UNIT_KINDS
from tracker.permissions import can_view_units, own_unit_admin_required
from tracker.services import unit_overview, unit_workspaces
from tracker.web.forms import Bounded, VNDateField, save_or_refuse
from tracker.web.pagination import CountedPagination, page_args
from tracker.web.plans import MIMETYPES

bp = Blueprint("units", __name__, url_prefix="/units")
PER_PAGE = 25
SEARCH_MAX = 200


def filters() -> unit_overview.Filters:
    """The list's filters from the query string; anything unknown falls back to the default."""
    sort = request.args.get("sort", "behind")
    kind = request.args.get("kind", "")
    return unit_overview.Filters(kind=kind if kind in UNIT_KINDS else None,
                                 search=request.args.get("q", "").strip()[:SEARCH_MAX],
                                 behind_only=request.args.get("behind") == "1",
                                 sort=sort if sort in unit_overview.SORTS else "behind")


@contextmanager
def every_unit():
    """Only for those who read every unit; across workspaces (those that run their own plan too)."""
    if not can_view_units(current_user):
        abort(403)
    with workspace.unscoped():
        yield


class PlanDeadlineForm(FlaskForm):
    year = IntegerField(_l("Results of"), validators=[InputRequired(), Bounded(2000, 2100)])
    due_on = VNDateField(_l("Plans to be issued by"), validators=[DataRequired()])
    submit = SubmitField(_l("Set the due date"))


@bp.get("/")
@login_required
def index():
    return render_index()


def render_index(deadline_form: PlanDeadlineForm | None = None, status: int = 200):
    chosen = filters()
    page, per_page = page_args(default=PER_PAGE)
    with every_unit():
        found = unit_overview.summary(chosen, local_today(), utcnow())
        pagination = CountedPagination(found.total, page, per_page)
        pagination.items = unit_overview.rows(chosen, pagination.offset, per_page)
    if deadline_form is None:  # the latest results' due date, as the page's rows carry it or read apart
        latest = found.latest_year
        on_page = [r.plan_due for r in pagination.items if r.assessment.year == latest]
        due = on_page[0] if on_page else unit_overview.plan_deadlines({latest}).get(latest) if latest else None
        deadline_form = PlanDeadlineForm(formdata=None, year=latest, due_on=due)
    return render_template("units/index.html", pagination=pagination, filters=chosen, behind=found.behind,
                           kinds=UNIT_KINDS, visit_form=FlaskForm(), deadline_form=deadline_form,
                           today=local_today()), status


@bp.post("/plan-deadline")
@own_unit_admin_required
def plan_deadline():
    """By when the units must issue their plan for a year's results (Sở Nội vụ's date)."""
    form = PlanDeadlineForm()
    if form.validate_on_submit() and save_or_refuse(lambda: unit_overview.set_plan_deadline(
            form.year.data, form.due_on.data, current_user)):
        flash(_("The plans for the results of %(year)s are to be issued by %(day)s.", year=form.year.data,
                day=form.due_on.data.strftime("%d/%m/%Y")), "success")
        return redirect(url_for("units.index"))
    return render_index(form, 422)


def line(row: unit_overview.UnitRow) -> UnitLine:
    p = row.figures
    rank = f"{p['projected_rank']}/{p['rank_of']}" if p["projected_rank"] else None
    return UnitLine(unit=row.unit.name, year=row.assessment.year, baseline=p["baseline"], max_score=p["max_score"],
                    plan_number=row.plan.number if row.plan else None,
                    issued_on=row.plan.issued_on if row.plan else None, plan_due=row.plan_due,
                    tasks=row.tasks, done=row.done,
                    overdue=row.overdue, stale=row.stale, expected=p["expected"], expected_pct=p["expected_pct"],
                    classification=p["expected_classification"], rank=rank)


@bp.get("/units.xlsx")
@login_required
def export():
    """The list as filtered and ordered on the page, every row (not one page)."""
    chosen = filters()
    with every_unit():
        rows = unit_overview.every_row(chosen, local_today(), utcnow())
    today = local_today()
    data = units_xlsx(f"Tình hình thực hiện kế hoạch khắc phục của các đơn vị đến ngày {today:%d/%m/%Y}",
                      [line(r) for r in rows])
    return send_file(io.BytesIO(data), mimetype=MIMETYPES["xlsx"], as_attachment=True,
                     download_name=_("units") + f"-{today:%Y-%m-%d}.xlsx")


class OpenForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    submit = SubmitField(_l("Give the unit its own workspace"))


@bp.route("/<int:unit_id>/open", methods=["GET", "POST"])
@own_unit_admin_required
def open_workspace(unit_id: int):
    """The unit's first administrator: from then on the unit runs its own plan here."""
    unit = db.get_or_404(Unit, unit_id)
    form = OpenForm()
    if form.validate_on_submit() and save_or_refuse(lambda: unit_workspaces.open_workspace(
            unit, email=form.email.data, name=form.name.data, password=form.password.data, actor=current_user)):
        flash(_("%(unit)s now runs its own plan here: %(email)s can log in as its administrator.",
                unit=unit.name, email=form.email.data.strip().lower()), "success")
        return redirect(url_for("units.index", sort="unit", q=unit.name))
    return render_template("units/open.html", unit=unit, form=form), 422 if form.is_submitted() else 200


@bp.post("/<int:unit_id>/visit")
@login_required
def visit(unit_id: int):
    """Read a unit's workspace (its dashboard, plans, tasks, reports) as it is, read-only."""
    if not can_view_units(current_user) or not FlaskForm().validate_on_submit():
        abort(403)
    unit = db.get_or_404(Unit, unit_id)
    if not unit.runs_own_plan:
        abort(404)
    session[workspace.VISITING] = unit.id
    flash(_("You are reading %(unit)s's plan, read-only.", unit=unit.name), "info")
    return redirect(url_for("dashboard.index"))


@bp.post("/leave")
@login_required
def leave():
    if not FlaskForm().validate_on_submit():
        abort(400)
    session.pop(workspace.VISITING, None)
    return redirect(url_for("units.index"))


def visited_unit() -> Unit | None:
    """The unit whose workspace the reader is visiting (for the banner that leads back)."""
    if not (current_user.is_authenticated and workspace.is_visiting(current_user)):
        return None
    return db.session.get(Unit, workspace.current_unit_id())
