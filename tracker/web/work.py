"""My department's work (Việc của phòng): a department officer's open tasks, most urgent first."""
from flask import Blueprint, render_template
from flask_login import current_user, login_required

from tracker.i18n import local_today
from tracker.models import Task
from tracker.models.base import utcnow
from tracker.services import work as work_service
from tracker.web.home import works_for_a_department
from tracker.web.pagination import page_args, paginate_by_id

bp = Blueprint("work", __name__, url_prefix="/work")
bp.add_app_template_global(works_for_a_department)  # the navigation's link to this page


@bp.get("/")
@login_required
def index():
    department = current_user.department
    pagination, items = None, []
    if department is not None:
        today, now = local_today(), utcnow()
        page, per_page = page_args()
        pagination = paginate_by_id(work_service.department_work(department.id, today, now), Task.id,
                                    page, per_page)
        items = work_service.explain(pagination.items, department.id, today, now)
    return render_template("work/index.html", department=department, pagination=pagination, items=items,
                           today=local_today())
