"""Task lists, a task's page with its history, progress updates, and Internal Affairs'
task management (edit, split, cancel, bulk reassign)."""
from flask import (Blueprint, abort, current_app, flash, redirect, render_template, request, send_file,
                   url_for)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError
from wtforms import (DecimalField, FieldList, FormField, HiddenField, IntegerField, SelectField,
                     SelectMultipleField, StringField, SubmitField, TextAreaField)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from tracker.domain import bounds
from tracker.domain.deadlines import DeadlineError, deadline_warnings, parse_deadline
from tracker.extensions import db
from tracker.i18n import local_today
from tracker.domain.filetypes import Rejected, check_evidence
from tracker.models import AuditEvent, Criterion, Department, Evidence, ProgressUpdate, Task, TaskStatus
from tracker.models.plans import STATUS_VALUES
from tracker.permissions import admin_required, can_download_evidence, can_edit_task, can_update_progress, is_admin
from tracker.services import evidence as evidence_service
from tracker.services import plan_view
from tracker.services import projection as projection_service
from tracker.services import tasks as task_service
from tracker.web.forms import Bounded, flash_refusal, form_status
from tracker.web.labels import status_label
from tracker.web.pagination import page_args, paginate_by_id
from tracker.web.params import whole_number
from tracker.web.plans import flash_deadline_warnings, language

bp = Blueprint("tasks", __name__, url_prefix="/tasks")
VALUE = Bounded(-bounds.VALUE_LIMIT, bounds.VALUE_LIMIT)


class VersionedForm(FlaskForm):
    """A form that changes a task: it carries the version it was read at (optimistic locking)."""

    version = HiddenField(validators=[DataRequired()])


class ProgressForm(VersionedForm):
    status = SelectField(_l("Status"), validators=[DataRequired()])
    progress = IntegerField(_l("Progress (%)"), validators=[InputRequired(), Bounded(0, 100)])
    current_value = DecimalField(_l("Current value"), validators=[Optional(), VALUE], places=None)
    note = TextAreaField(_l("Note"), validators=[Length(max=4000)])
    evidence = MultipleFileField(_l("Evidence files (pdf, doc, docx, xls, xlsx, jpg, png)"))
    submit = SubmitField(_l("Save progress"))


class VerifyForm(VersionedForm):
    # Required when the task has no evidence file (task_service.lacks_evidence): where is it?
    note = TextAreaField(_l("Confirmation note: where is the evidence?"), validators=[Length(max=2000)],
                         id="verify-note",  # the progress form on the same page has its own "note"
                         render_kw={"placeholder": _l("e.g. the evidence is on paper, kept at the office")})
    submit = SubmitField(_l("Accept: verified"))


class ReturnForm(VersionedForm):
    reason = TextAreaField(_l("Why is it returned?"), validators=[DataRequired(), Length(max=2000)])
    submit = SubmitField(_l("Return to the department"))


class EditForm(VersionedForm):
    title = TextAreaField(_l("Task (nhiệm vụ, giải pháp)"), validators=[DataRequired(), Length(max=2000)])
    product = TextAreaField(_l("Product"), validators=[Length(max=2000)])
    lead = SelectField(_l("Lead department"), choices=[])
    supporting = SelectMultipleField(_l("Supporting departments"), choices=[])
    deadline = StringField(_l("Deadline: a date, a quarter or Thường xuyên"),
                           validators=[DataRequired(), Length(max=30)],
                           render_kw={"placeholder": "30/11/2026 · Quý III/2026 · Thường xuyên"})
    target_value = DecimalField(_l("Target value (rate criteria)"), validators=[Optional(), VALUE], places=None)
    value_unit = StringField(_l("Unit of the value"), validators=[Optional(), Length(max=20)],
                             render_kw={"placeholder": "%"})
    submit = SubmitField(_l("Save task"))
    ongoing_until = None   # the plan's default deadline: what "Thường xuyên" runs to
    parsed_deadline = None

    def validate_deadline(self, field):
        try:
            self.parsed_deadline = parse_deadline(field.data or "", self.ongoing_until)
        except DeadlineError as exc:
            raise ValidationError(_(exc.message, **exc.params)) from None


class SplitPartForm(FlaskForm):
    class Meta:
        csrf = False  # the enclosing form carries the token

    title = TextAreaField(_l("Task"), validators=[Optional(), Length(max=2000)])
    lead = SelectField(_l("Lead department"), choices=[], validate_choice=False)
    weight = DecimalField(_l("Share (%)"), validators=[Optional(), Bounded(0, 100)], places=None)


class SplitForm(VersionedForm):
    parts = FieldList(FormField(SplitPartForm), min_entries=2, max_entries=6)
    submit = SubmitField(_l("Split the task"))


class CancelForm(VersionedForm):
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(), Length(max=2000)])
    submit = SubmitField(_l("Cancel the task"))


class ReassignForm(FlaskForm):
    department = SelectField(_l("New lead department"), choices=[], validators=[DataRequired()])
    submit = SubmitField(_l("Reassign the selected tasks"))


def departments() -> list[Department]:
    return db.session.scalars(select(Department).where(Department.active.is_(True))
                              .order_by(Department.code)).all()


def department_choices(blank: bool = True) -> list[tuple[str, str]]:
    return ([("", "—")] if blank else []) + [(d.code, f"{d.code} · {d.name}") for d in departments()]


def int_arg(name: str) -> int | None:
    return whole_number(request.args.get(name))


@bp.get("/")
@login_required
def index():
    all_departments = departments()
    no_lead = request.args.get("lead") == "none"  # the tasks waiting for a lead department
    department = None if no_lead else next(
        (d for d in all_departments if d.code == request.args.get("department")), None)
    fields = db.session.execute(select(Criterion.code, Criterion.title).where(Criterion.depth == 0)
                                .distinct().order_by(Criterion.code)).all()
    field_codes = {code for code, _title in fields}
    filters = task_service.TaskFilter(
        department_id=department.id if department else None,
        status=request.args.get("status") if request.args.get("status") in STATUS_VALUES else None,
        field=request.args.get("field") if request.args.get("field") in field_codes else None,
        overdue=request.args.get("overdue") == "1",
        due_within=int_arg("due_within"),
        plan_id=int_arg("plan"),
        no_lead=no_lead,
        current_plans=request.args.get("plans") != "all",  # last year's closed plan only on request
        sort=request.args.get("sort") if request.args.get("sort") in task_service.SORTS else "deadline")
    stmt = task_service.task_query(filters, today=local_today(),
                                   first_department_id=current_user.department_id)
    page, per_page = page_args()
    pagination = paginate_by_id(stmt, Task.id, page, per_page)
    reassign = ReassignForm()
    reassign.department.choices = department_choices(blank=False)
    unique_fields = list(dict.fromkeys(fields))
    return render_template("tasks/index.html", pagination=pagination, departments=all_departments,
                           fields=unique_fields, filters=filters, statuses=STATUS_VALUES,
                           sorts=task_service.SORTS, selected_department=department.code if department else None,
                           today=local_today(), reassign=reassign)


def load_task(task_id: int) -> Task:
    task = db.session.scalar(
        select(Task).where(Task.id == task_id).options(
            selectinload(Task.criterion), selectinload(Task.lead_department),
            selectinload(Task.supporting_departments), selectinload(Task.plan),
            selectinload(Task.updates).selectinload(ProgressUpdate.user),
            selectinload(Task.updates).selectinload(ProgressUpdate.evidence),
            selectinload(Task.evidence)))
    if task is None:
        abort(404)
    return task


def progress_form(task: Task, formdata=None) -> ProgressForm:
    form = ProgressForm(formdata=formdata, obj=None if formdata else task)
    form.status.choices = [(s, status_label(s)) for s in task_service.allowed_statuses(current_user)]
    if formdata is None:
        form.version.data = str(task.version)
    return form


def edits(task: Task) -> list[AuditEvent]:
    """Internal Affairs' changes to the task (edits, splits, reassignments) and its escalations,
    newest first."""
    return db.session.scalars(
        select(AuditEvent).where(AuditEvent.entity_type == "Task", AuditEvent.entity_id == task.id,
                                 AuditEvent.action.in_(["task.edit", "task.split", "task.reassign",
                                                        "task.relink", "task.create", "task.escalate"]))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())).all()


def render_detail(task: Task, status: int = 200, **forms):
    if "form" not in forms and can_update_progress(current_user, task):
        forms["form"] = progress_form(task)
    if is_admin(current_user) and task.status == TaskStatus.DONE.value:
        forms.setdefault("verify_form", VerifyForm(formdata=None, version=task.version))
        forms.setdefault("return_form", ReturnForm(formdata=None, version=task.version))
    notes = [_(message, **params) for message, params in
             deadline_warnings(task.deadline, task.plan.assessment.year + 1, language())]
    return render_template("tasks/detail.html", task=task, today=local_today(), edits=edits(task),
                           deadline_notes=notes, lacks_evidence=task_service.lacks_evidence(task),
                           loss_reason=plan_view.loss_reasons(task.plan, [task.criterion_id]).get(task.criterion_id),
                           scale=projection_service.scale_reading(task),
                           **forms), status


@bp.get("/<int:task_id>")
@login_required
def detail(task_id: int):
    return render_detail(load_task(task_id))


def expected_version(form) -> int:
    try:
        return int(form.version.data)
    except (TypeError, ValueError):
        abort(400)


def conflict(task_id: int, form, template: str | None = None, slot: str = "form"):
    """Someone saved the task first: show their change, keep this user's entry in the form.

    On the task's own page the form goes back into its `slot` (progress, verify or return)."""
    db.session.rollback()
    flash(_("Someone else updated this task while you were editing it. Their change is shown "
            "below; your entry was not saved: check it and save again."), "error")
    task = load_task(task_id)
    form.version.data = str(task.version)
    if template is None:
        return render_detail(task, 409, conflict=True, **{slot: form})
    return render_template(template, task=task, form=form, edits=edits(task), conflict=True), 409


def show_form(template: str, task: Task, form):
    """An admin form for a task: 200 when first shown, 422 when a post did not validate."""
    return render_template(template, task=task, form=form), form_status()


def apply(task: Task, form, change, *, template: str | None = None, slot: str = "form",
          on_failure=None):
    """Run `change()` and commit. None on success; otherwise the response to send: the conflict
    page (409), or the form again with the service's message (422). Nothing is half-saved."""
    task_id = task.id  # read before a failed flush leaves the session awaiting its rollback
    try:
        change()
        db.session.commit()
        return None
    except (task_service.VersionConflict, StaleDataError):
        response = conflict(task_id, form, template, slot)
    except task_service.InvalidUpdate as exc:
        db.session.rollback()
        flash_refusal(exc)
        response = render_detail(task, 422, **{slot: form}) if template is None \
            else show_form(template, task, form)
    except Exception:
        db.session.rollback()
        if on_failure:
            on_failure()
        raise
    if on_failure:
        on_failure()
    return response


def checked_uploads(form) -> list:
    """Every uploaded file checked by content and size before anything is written."""
    limit = current_app.config["UPLOAD_MAX_MB"] * 1024 * 1024
    chosen = [s for s in form.evidence.data or [] if getattr(s, "filename", None)]  # not the empty input
    if len(chosen) > current_app.config["MAX_EVIDENCE_FILES"]:
        raise Rejected("Too many files in one update: at most %(n)s.", n=current_app.config["MAX_EVIDENCE_FILES"])
    files = []
    for storage in chosen:
        data = storage.read(limit + 1)
        files.append((data, check_evidence(data, storage.filename, limit)))
    return files


@bp.post("/<int:task_id>/progress")
@login_required
def update(task_id: int):
    task = load_task(task_id)
    if not can_edit_task(current_user, task):
        abort(403)
    form = progress_form(task, formdata=request.form)
    form.evidence.data = request.files.getlist(form.evidence.name)
    if not form.validate():
        return render_detail(task, 422, form=form)
    try:
        uploads = checked_uploads(form)
    except Rejected as exc:
        flash_refusal(exc)
        return render_detail(task, 422, form=form)
    change = task_service.ProgressChange(
        status=form.status.data, progress=form.progress.data, note=form.note.data or "",
        current_value=float(form.current_value.data) if form.current_value.data is not None else None,
        new_evidence=len(uploads))
    written = []

    def save():
        entry = task_service.update_progress(task, current_user, change, expected_version(form))
        evidence_service.store(current_app.config["UPLOAD_DIR"], task, entry, current_user, uploads, written)

    failed = apply(task, form, save, on_failure=lambda: evidence_service.discard(written))
    if failed:
        return failed
    flash(_("Progress saved."), "success")
    if uploads:
        flash(_("%(count)s evidence files stored.", count=len(uploads)), "success")
    return redirect(url_for("tasks.detail", task_id=task.id))


@bp.post("/<int:task_id>/verify")
@admin_required
def verify(task_id: int):
    """Internal Affairs accepts the evidence: the task's points count as secured."""
    task = load_task(task_id)
    form = VerifyForm()
    if not form.validate_on_submit():
        if form.note.errors:
            return render_detail(task, 422, verify_form=form)
        abort(400)
    # Without an evidence file the admin's note is the confirmation the service asks for.
    note = (form.note.data or "").strip()
    if not note and not task_service.lacks_evidence(task):
        note = _("Evidence accepted.")
    change = task_service.ProgressChange(status=TaskStatus.VERIFIED.value, progress=100, note=note)
    failed = apply(task, form, lambda: task_service.update_progress(task, current_user, change,
                                                                    expected_version(form)),
                   slot="verify_form")
    if failed:
        return failed
    flash(_("Task verified."), "success")
    return redirect(url_for("tasks.detail", task_id=task.id))


@bp.post("/<int:task_id>/return")
@admin_required
def send_back(task_id: int):
    """Internal Affairs returns the task with a reason; the department is told by email."""
    task = load_task(task_id)
    form = ReturnForm()
    if not form.validate_on_submit():
        flash(_("Give a reason for returning the task."), "error")
        return render_detail(task, 422, return_form=form)
    failed = apply(task, form, lambda: task_service.return_task(
        task, current_user, expected_version(form), form.reason.data), slot="return_form")
    if failed:
        return failed
    flash(_("Task returned to %(dept)s; they have been notified.",
            dept=task.lead_department.name if task.lead_department else "—"), "success")
    return redirect(url_for("tasks.detail", task_id=task.id))


@bp.get("/evidence/<int:evidence_id>")
@login_required
def evidence(evidence_id: int):
    """Evidence is downloaded through the app, never served statically, by those
    permissions.can_download_evidence lets: admins, leaders and the task's lead department."""
    item = db.get_or_404(Evidence, evidence_id)
    if not can_download_evidence(current_user, db.session.get(Task, item.task_id)):
        abort(403)
    path = evidence_service.path_of(current_app.config["UPLOAD_DIR"], item.stored_name)
    return send_file(path, mimetype=item.content_type, as_attachment=True,
                     download_name=item.original_name)


@bp.route("/<int:task_id>/edit", methods=["GET", "POST"])
@admin_required
def edit(task_id: int):
    task = load_task(task_id)
    form = EditForm(obj=task if request.method == "GET" else None)
    form.ongoing_until = task.plan.default_deadline
    form.lead.choices = department_choices()
    form.supporting.choices = department_choices(blank=False)
    if request.method == "GET":
        form.deadline.data = task.deadline_text
        form.lead.data = task.lead_department.code if task.lead_department else ""
        form.supporting.data = [d.code for d in task.supporting_departments]
        form.version.data = str(task.version)
    if not form.validate_on_submit():
        return show_form("tasks/edit.html", task, form)
    by_code = {d.code: d for d in departments()}
    failed = apply(task, form, lambda: task_service.edit_task(
        task, current_user, expected_version(form), title=form.title.data, product=form.product.data or "",
        lead_department=by_code.get(form.lead.data), supporting=[by_code[c] for c in form.supporting.data],
        deadline=form.parsed_deadline.day, deadline_label=form.parsed_deadline.label, value_unit=form.value_unit.data,
        target_value=float(form.target_value.data) if form.target_value.data is not None else None),
        template="tasks/edit.html")
    if failed:
        return failed
    flash(_("Task saved."), "success")
    if form.parsed_deadline.moved_from:
        flash(_("%(date)s is not a working day: the deadline is %(moved)s, the working day before.",
                date=form.parsed_deadline.moved_from.strftime("%d/%m/%Y"),
                moved=task.deadline.strftime("%d/%m/%Y")), "info")
    flash_deadline_warnings(task.deadline, task.plan.assessment.year + 1)
    return redirect(url_for("tasks.detail", task_id=task.id))


@bp.route("/<int:task_id>/split", methods=["GET", "POST"])
@admin_required
def split(task_id: int):
    task = load_task(task_id)
    form = SplitForm()
    if request.method == "GET":
        form.version.data = str(task.version)
        form.parts[0].title.data = task.title
        form.parts[0].lead.data = task.lead_department.code if task.lead_department else ""
        form.parts[0].weight.data = 50
        form.parts[1].lead.data = form.parts[0].lead.data
        form.parts[1].weight.data = 50
    for part in form.parts:
        part.lead.choices = department_choices()
    if not form.validate_on_submit():
        return show_form("tasks/split.html", task, form)
    by_code = {d.code: d for d in departments()}
    parts = [task_service.SplitPart(p.title.data or "", by_code.get(p.lead.data), float(p.weight.data))
             for p in form.parts if p.weight.data]
    created = []
    failed = apply(task, form, lambda: created.extend(
        task_service.split_task(task, current_user, expected_version(form), parts)),
        template="tasks/split.html")
    if failed:
        return failed
    flash(_("Task split into %(count)s tasks.", count=len(created)), "success")
    return redirect(url_for("tasks.detail", task_id=task.id))


@bp.route("/<int:task_id>/cancel", methods=["GET", "POST"])
@admin_required
def cancel(task_id: int):
    task = load_task(task_id)
    form = CancelForm()
    if request.method == "GET":
        form.version.data = str(task.version)
    if not form.validate_on_submit():
        return show_form("tasks/cancel.html", task, form)
    failed = apply(task, form, lambda: task_service.cancel_task(
        task, current_user, expected_version(form), form.reason.data), template="tasks/cancel.html")
    if failed:
        return failed
    flash(_("Task cancelled."), "success")
    return redirect(url_for("tasks.detail", task_id=task.id))


@bp.post("/reassign")
@admin_required
def reassign():
    form = ReassignForm()
    form.department.choices = department_choices(blank=False)
    ids = [n for n in (whole_number(i) for i in request.form.getlist("task_id")) if n is not None]
    back = request.form.get("back") or url_for("tasks.index")
    if not back.startswith("/") or back.startswith("//"):
        back = url_for("tasks.index")
    if not form.validate_on_submit() or not ids:
        flash(_("Select at least one task and a department."), "error")
        return redirect(back)
    department = db.session.scalar(select(Department).where(Department.code == form.department.data))
    tasks = db.session.scalars(select(Task).where(Task.id.in_(ids))).all()
    changed = task_service.reassign(tasks, department, current_user)
    db.session.commit()
    flash(_("%(count)s tasks now led by %(dept)s.", count=changed, dept=department.name), "success")
    return redirect(back)
