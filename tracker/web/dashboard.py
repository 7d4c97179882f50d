"""The home page: where the plan stands, for the reader's role."""
from flask import Blueprint, render_template
from flask_login import current_user, login_required

from tracker.i18n import local_today
from tracker.services import dashboard as dashboard_service

bp = Blueprint("dashboard", __name__)


@bp.get("/")
@login_required
def index():
    today = local_today()
    summary = dashboard_service.summary(today, department_id=current_user.department_id)
    return render_template("dashboard/index.html", summary=summary, today=today)
