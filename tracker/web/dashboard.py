"""The home page: where next year's score is heading and what needs doing, for the reader's role."""
from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required

from tracker.i18n import local_today
from tracker.models.base import utcnow
from tracker.permissions import is_admin
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
