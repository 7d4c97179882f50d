"""The home page: where next year's score is heading and what needs doing, for the reader's role."""
from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from tracker.i18n import local_today
from tracker.models.base import utcnow
from tracker.permissions import can_use_what_if, is_admin
from tracker.services import projection as projection_service
from tracker.services import dashboard as dashboard_service
from tracker.services import work as work_service
from tracker.web.home import home_url

bp = Blueprint("dashboard", __name__)


@bp.get("/")
@login_required
def index():
    """Everyone's start: the dashboard, unless home_url sends this person elsewhere."""
    target = home_url(current_user)
    if target != url_for("dashboard.index"):
        return redirect(target)
    return render_dashboard()


@bp.get("/dashboard")
@login_required
def overview():
    """The dashboard itself, for those whose start is another page (a department officer)."""
    return render_dashboard()


def render_dashboard():
    today = local_today()
    summary = dashboard_service.summary(today, utcnow(), department_id=current_user.department_id)
    queue = work_service.admin_queue() if is_admin(current_user) else None
    return render_template("dashboard/index.html", summary=summary, today=today, queue=queue)


@bp.get("/what-if")
@login_required
def what_if():
    """What if these tasks were done? Ticked tasks (or a whole department or field) count as
    verified in the figures; nothing is stored. For Internal Affairs and the leaders."""
    if not can_use_what_if(current_user):
        abort(403)
    plan = dashboard_service.latest_plan()
    if plan is None:
        return render_template("dashboard/what_if.html", plan=None)
    choices = projection_service.what_if_choices(plan.assessment)
    department, field = request.args.get("department", ""), request.args.get("field", "")
    ticked = {int(v) for v in request.args.getlist("assume") if v.isdecimal() and len(v) < 12}
    ticked |= {t.id for t, _value in choices
               if (department and t.lead_department and t.lead_department.code == department)
               or (field and t.criterion.field_code == field)}
    ticked &= {t.id for t, _value in choices}  # only this plan's open tasks can be assumed done
    today = local_today()
    loaded = projection_service.load(plan.assessment)  # one read serves both figures
    now = projection_service.for_assessment(plan.assessment, today, loaded)
    assumed = projection_service.what_if(plan.assessment, today, ticked, current_user, loaded)
    departments = sorted({t.lead_department for t, _v in choices if t.lead_department}, key=lambda d: d.code)
    fields = sorted({t.criterion.field_code for t, _v in choices}, key=lambda c: (len(c), c))
    return render_template("dashboard/what_if.html", plan=plan, choices=choices, ticked=ticked, now=now,
                           assumed=assumed, departments=departments, fields=fields)
