"""The home page: where next year's score is heading and what needs doing, for the reader's role."""
from flask import Blueprint, render_template
from flask_login import current_user, login_required

from tracker.i18n import local_today
from tracker.models.base import utcnow
from tracker.services import dashboard as dashboard_service

bp = Blueprint("dashboard", __name__)


@bp.get("/")
@login_required
def index():
    today = local_today()
    summary = dashboard_service.summary(today, utcnow(), department_id=current_user.department_id)
    return render_template("dashboard/index.html", summary=summary, today=today)
