"""Task lists, a task's page with its history, and progress updates."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError
from wtforms import DecimalField, HiddenField, IntegerField, SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from tracker.extensions import db
from tracker.i18n import local_today
from tracker.models import Department, ProgressUpdate, Task
from tracker.models.plans import STATUS_VALUES
from tracker.permissions import can_edit_task
from tracker.services import tasks as task_service
from tracker.web.labels import status_label
from tracker.web.pagination import page_args

bp = Blueprint("tasks", __name__, url_prefix="/tasks")


class ProgressForm(FlaskForm):
    status = SelectField(_l("Status"), validators=[DataRequired()])
    progress = IntegerField(_l("Progress (%)"), validators=[InputRequired(), NumberRange(0, 100)])
    current_value = DecimalField(_l("Current value"), validators=[Optional()], places=None)
    note = TextAreaField(_l("Note"), validators=[Length(max=4000)])
    version = HiddenField(validators=[DataRequired()])
    submit = SubmitField(_l("Save progress"))


@bp.get("/")
@login_required
def index():
    department_code = request.args.get("department") or None
    status = request.args.get("status") or None
    if status not in STATUS_VALUES:
        status = None
    overdue = request.args.get("overdue") == "1"
    departments = db.session.scalars(select(Department).order_by(Department.code)).all()
    department = next((d for d in departments if d.code == department_code), None)
    stmt = task_service.task_query(
        department_id=department.id if department else None, status=status, overdue=overdue,
        today=local_today(), first_department_id=current_user.department_id)
    page, per_page = page_args()
    pagination = db.paginate(stmt, page=page, per_page=per_page, error_out=False)
    return render_template("tasks/index.html", pagination=pagination, departments=departments,
                           selected_department=department_code, selected_status=status,
                           overdue=overdue, statuses=STATUS_VALUES, today=local_today())


def load_task(task_id: int) -> Task:
    task = db.session.scalar(
        select(Task).where(Task.id == task_id).options(
            selectinload(Task.criterion), selectinload(Task.lead_department),
            selectinload(Task.supporting_departments), selectinload(Task.plan),
            selectinload(Task.updates).selectinload(ProgressUpdate.user)))
    if task is None:
        abort(404)
    return task


def progress_form(task: Task, formdata=None) -> ProgressForm:
    form = ProgressForm(formdata=formdata, obj=None if formdata else task)
    form.status.choices = [(s, status_label(s)) for s in task_service.allowed_statuses(current_user)]
    if formdata is None:
        form.version.data = str(task.version)
    return form


@bp.get("/<int:task_id>")
@login_required
def detail(task_id: int):
    task = load_task(task_id)
    form = progress_form(task) if can_edit_task(current_user, task) else None
    return render_template("tasks/detail.html", task=task, form=form, today=local_today())


@bp.post("/<int:task_id>/progress")
@login_required
def update(task_id: int):
    task = load_task(task_id)
    if not can_edit_task(current_user, task):
        abort(403)
    form = progress_form(task, formdata=request.form)
    if not form.validate():
        return render_template("tasks/detail.html", task=task, form=form, today=local_today()), 422
    change = task_service.ProgressChange(
        status=form.status.data, progress=form.progress.data, note=form.note.data or "",
        current_value=float(form.current_value.data) if form.current_value.data is not None else None)
    try:
        expected = int(form.version.data)
    except ValueError:
        abort(400)
    try:
        task_service.update_progress(task, current_user, change, expected)
        db.session.commit()
    except (task_service.VersionConflict, StaleDataError):
        db.session.rollback()
        task = load_task(task_id)
        flash(_("Someone else updated this task while you were editing it. Their change is shown "
                "below; your entry was not saved: check it and save again."), "error")
        return render_template("tasks/detail.html", task=task, form=form, today=local_today(),
                               conflict=True), 409
    except task_service.InvalidUpdate as exc:
        db.session.rollback()
        flash(_(str(exc)), "error")
        return render_template("tasks/detail.html", task=task, form=form, today=local_today()), 422
    flash(_("Progress saved."), "success")
    return redirect(url_for("tasks.detail", task_id=task.id))
