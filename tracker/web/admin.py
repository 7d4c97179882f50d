"""Administration for Internal Affairs: users, departments, the outbox and the audit log."""
from datetime import timedelta

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from wtforms import (BooleanField, EmailField, PasswordField, SelectField, SelectMultipleField, StringField,
                     SubmitField, TextAreaField)
from wtforms.validators import DataRequired, Email, Length

from tracker.extensions import db
from tracker.domain.planning import ALL_DEPARTMENTS
from tracker.domain.scoring import code_sort_key
from tracker.models import AuditEvent, Department, Notification, PlanningRule, User
from tracker.permissions import admin_required, own_unit_admin_required
from tracker.services import departments as department_service
from tracker.services import rules as rule_service
from tracker.services import users as user_service
from tracker.web.account import MailSettingsForm
from tracker.web.labels import ROLE_LABELS
from tracker.i18n import error_text, local_midnight_utc, local_today
from tracker.services.imports import ImportRejected
from tracker.web import params
from tracker.web.forms import form_status, save_or_refuse, uploaded
from tracker.web.pagination import page_args
from tracker.web.params import whole_number

bp = Blueprint("admin", __name__)


class UserForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)])
    role = SelectField(_l("Role"), choices=[])
    department = SelectField(_l("Department"), choices=[])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(min=8, max=200)])
    submit = SubmitField(_l("Create user"))


@bp.get("/admin/users")
@admin_required
def users():
    page, per_page = page_args()
    stmt = select(User).options(selectinload(User.department)).order_by(User.role, User.email)
    pagination = db.paginate(stmt, page=page, per_page=per_page, error_out=False)
    return render_template("admin/users.html", pagination=pagination)


@bp.route("/admin/users/new", methods=["GET", "POST"])
@admin_required
def new_user():
    form = UserForm()
    form.role.choices = [(code, str(label)) for code, label in ROLE_LABELS.items()]
    departments = db.session.scalars(select(Department).order_by(Department.code)).all()
    form.department.choices = [("", "—")] + [(d.code, f"{d.code} · {d.name}") for d in departments]
    if form.validate_on_submit() and save_or_refuse(lambda: user_service.create_user(
            form.email.data, form.name.data, form.role.data, form.password.data,
            form.department.data or None, actor=current_user)):
        flash(_("User %(email)s created.", email=form.email.data.strip().lower()), "success")
        return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form), form_status()


class EditUserForm(MailSettingsForm):
    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)])
    role = SelectField(_l("Role"), choices=[])
    department = SelectField(_l("Department"), choices=[])
    is_head = BooleanField(_l("Head of the department (long-overdue tasks are escalated to them)"))
    active = BooleanField(_l("Active (may log in)"))
    new_password = PasswordField(_l("New password (leave empty to keep)"), validators=[Length(max=200)])
    submit = SubmitField(_l("Save user"))


@bp.route("/admin/users/<int:user_id>", methods=["GET", "POST"])
@admin_required
def edit_user(user_id: int):
    user = db.get_or_404(User, user_id)
    form = EditUserForm(obj=user)
    form.role.choices = [(code, str(label)) for code, label in ROLE_LABELS.items()]
    departments = db.session.scalars(select(Department).order_by(Department.code)).all()
    form.department.choices = [("", "—")] + [(d.code, f"{d.code} · {d.name}") for d in departments]
    form.fill_choices()
    if request.method == "GET":
        form.department.data = user.department.code if user.department else ""
        form.locale.data = user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]
    if form.validate_on_submit() and save_or_refuse(lambda: user_service.update_user(
            user, current_user._get_current_object(), name=form.name.data, role=form.role.data,
            department_code=form.department.data or None, active=form.active.data,
            new_password=form.new_password.data or None, is_head=form.is_head.data,
            digest_enabled=form.digest_enabled.data, reminders_enabled=form.reminders_enabled.data,
            locale=form.locale.data or None)):
        flash(_("User %(email)s saved.", email=user.email), "success")
        return redirect(url_for("admin.users"))
    return render_template("admin/user_edit.html", form=form, user=user), form_status()


class DepartmentImportForm(FlaskForm):
    file = FileField(_l("Department list (xlsx or csv)"), validators=[FileRequired()])
    submit = SubmitField(_l("Import departments"))


def departments_page(status: int = 200, import_form=None, errors=None):
    rows = db.session.execute(
        select(Department, func.count(User.id))
        .outerjoin(User, User.department_id == Department.id)
        .group_by(Department.id).order_by(Department.code)).all()
    heads = {u.department_id: u for u in db.session.scalars(select(User).where(User.is_head.is_(True)))}
    return render_template("admin/departments.html", rows=rows, heads=heads,
                           import_form=import_form or DepartmentImportForm(formdata=None),
                           errors=[error_text(e) for e in errors or []]), status


@bp.get("/admin/departments")
@admin_required
def departments():
    return departments_page()


@bp.post("/admin/departments/import")
@admin_required
def import_departments():
    """A list of departments from a file: all or nothing, every error shown with its row."""
    form = DepartmentImportForm()
    if not form.validate():
        return departments_page(422, form)
    data, filename = uploaded(form.file)
    try:
        summary = department_service.import_departments(data, filename, actor=current_user)
    except ImportRejected as exc:
        db.session.rollback()
        return departments_page(422, form, exc.errors)
    db.session.commit()
    flash(_("Departments imported: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.",
            created=len(summary.created), updated=len(summary.updated), unchanged=len(summary.unchanged)),
          "success")
    return redirect(url_for("admin.departments"))


class DepartmentForm(FlaskForm):
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=20)], render_kw={"placeholder": "NV"})
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)],
                       render_kw={"placeholder": "Phòng Nội vụ"})
    emails = TextAreaField(_l("Contact emails (reminders and digests go here)"), validators=[Length(max=2000)])
    head_email = EmailField(_l("Head's email (overdue tasks are escalated here when no user is marked head)"),
                            validators=[Length(max=254)], render_kw={"placeholder": "truongphong@huyen.gov.vn"})
    active = BooleanField(_l("Active (can lead tasks)"), default=True)
    submit = SubmitField(_l("Save department"))


@bp.route("/admin/departments/new", methods=["GET", "POST"])
@bp.route("/admin/departments/<int:department_id>", methods=["GET", "POST"])
@admin_required
def department(department_id: int | None = None):
    existing = db.get_or_404(Department, department_id) if department_id else None
    form = DepartmentForm(obj=existing)
    if form.validate_on_submit() and save_or_refuse(lambda: department_service.save_department(
            existing, current_user, code=form.code.data, name=form.name.data,
            emails=form.emails.data or "", active=form.active.data, head_email=form.head_email.data or "")):
        flash(_("Department saved."), "success")
        return redirect(url_for("admin.departments"))
    return render_template("admin/department_form.html", form=form, department=existing), form_status()


MESSAGE_KINDS = ("reminder", "escalation", "digest", "task_done", "task_returned", "task_assigned")


@bp.get("/outbox")
@own_unit_admin_required
def outbox():
    """Every message, newest first, filtered by kind and recipient."""
    page, per_page = page_args()
    kind = request.args.get("kind") if request.args.get("kind") in MESSAGE_KINDS else ""
    recipient = (request.args.get("recipient") or "").strip().lower()[:254]
    stmt = select(Notification).order_by(Notification.created_at.desc(), Notification.id.desc())
    if kind:
        stmt = stmt.where(Notification.kind == kind)
    if recipient:
        stmt = stmt.where(Notification.recipient.contains(recipient, autoescape=True))
    pagination = db.paginate(stmt, page=page, per_page=per_page, error_out=False)
    return render_template("admin/outbox.html", pagination=pagination, kinds=MESSAGE_KINDS, kind=kind,
                           recipient=recipient)


@bp.get("/outbox/preview")
@own_unit_admin_required
def outbox_preview():
    """What the reminder job (a day) or the digest job (a week) would send, before it runs;
    builds the messages and writes nothing."""
    from tracker.domain.periods import iso_week, parse_iso_week, week_monday
    from tracker.domain.workdays import next_working_day
    from tracker.notify import digests, outbox as mail, reminders
    today = local_today()
    job = "reminders" if request.args.get("job") == "reminders" else "digests"
    if job == "reminders":
        day = params.day(request.args.get("on")) or next_working_day(today)
        label, messages = day.strftime("%d/%m/%Y"), reminders.build(day, current_app.config).messages
    else:
        try:
            monday = parse_iso_week(request.args.get("week") or iso_week(today + timedelta(days=7)))
        except ValueError:
            flash(_("Give the week as YYYY-Www, for example %(week)s.", week=iso_week(today)), "error")
            monday = week_monday(today + timedelta(days=7))
        label, messages = iso_week(monday), digests.build(monday, current_app.config).messages
    queued = mail.already_queued([(m.key, m.recipient) for m in messages])
    shown = request.args.get("show", "")
    index = whole_number(shown)
    shown = messages[index] if index is not None and index < len(messages) else None
    return render_template("admin/outbox_preview.html", job=job, label=label, messages=messages,
                           queued=queued, shown=shown)


@bp.get("/outbox/<int:notification_id>")
@own_unit_admin_required
def outbox_message(notification_id: int):
    message = db.get_or_404(Notification, notification_id)
    return render_template("admin/outbox_message.html", message=message)


@bp.get("/admin/audit")
@own_unit_admin_required
def audit_log():
    """Every write, newest first; filtered by action, person, kind of record and dates."""
    page, per_page = page_args()
    args = {name: (request.args.get(name) or "").strip() for name in
            ("action", "actor", "entity", "entity_id", "since", "until")}
    stmt = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if args["action"]:
        stmt = stmt.where(AuditEvent.action == args["action"])
    if args["actor"]:
        stmt = stmt.where(AuditEvent.actor.ilike(f"%{args['actor']}%"))
    if args["entity"]:
        stmt = stmt.where(AuditEvent.entity_type == args["entity"])
    if whole_number(args["entity_id"]) is not None:
        stmt = stmt.where(AuditEvent.entity_id == whole_number(args["entity_id"]))
    since, until = params.day(args["since"]), params.day(args["until"])
    if since:  # local calendar days; stored times are UTC
        stmt = stmt.where(AuditEvent.at >= local_midnight_utc(since))
    if until:
        stmt = stmt.where(AuditEvent.at < local_midnight_utc(until + timedelta(days=1)))
    pagination = db.paginate(stmt, page=page, per_page=per_page, error_out=False)
    actions = db.session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)).all()
    entities = db.session.scalars(select(AuditEvent.entity_type).distinct().order_by(AuditEvent.entity_type)).all()
    return render_template("admin/audit.html", pagination=pagination, actions=actions, entities=entities,
                           args=args)


# --- Planning rules ---------------------------------------------------------------------

class RuleForm(FlaskForm):
    code = StringField(_l("Field or criterion code"), validators=[DataRequired(), Length(max=30)],
                       render_kw={"placeholder": "3 / 3.2 / 3.2.1"})
    lead = SelectField(_l("Lead department"), choices=[])
    supporting = SelectMultipleField(_l("Supporting departments"), choices=[])
    title = TextAreaField(_l("Suggested task"), validators=[Length(max=2000)])
    product = TextAreaField(_l("Suggested product"), validators=[Length(max=2000)])
    submit = SubmitField(_l("Save rule"))


class DeleteForm(FlaskForm):
    submit = SubmitField(_l("Delete"))


def rule_form(rule=None) -> RuleForm:
    form = RuleForm(obj=rule if request.method == "GET" else None)
    departments = db.session.scalars(select(Department).order_by(Department.code)).all()
    form.lead.choices = [("", "—")] + [(d.code, f"{d.code} · {d.name}") for d in departments]
    form.supporting.choices = [(ALL_DEPARTMENTS, str(_l("All departments")))] + [
        (d.code, f"{d.code} · {d.name}") for d in departments]
    if request.method == "GET" and rule is not None:
        form.lead.data = rule.lead_department.code if rule.lead_department else ""
        form.supporting.data = [c for c in rule.supporting_codes.split(",") if c]
        form.title.data, form.product.data = rule.task_title, rule.product
    return form


@bp.get("/admin/rules")
@admin_required
def rules():
    all_rules = db.session.scalars(select(PlanningRule).options(selectinload(PlanningRule.lead_department))).all()
    all_rules.sort(key=lambda r: code_sort_key(r.code))
    return render_template("admin/rules.html", rules=all_rules, delete_form=DeleteForm())


@bp.route("/admin/rules/new", methods=["GET", "POST"])
@bp.route("/admin/rules/<int:rule_id>", methods=["GET", "POST"])
@admin_required
def rule(rule_id: int | None = None):
    existing = db.get_or_404(PlanningRule, rule_id) if rule_id else None
    form = rule_form(existing)
    if form.validate_on_submit():
        lead = db.session.scalar(select(Department).where(Department.code == form.lead.data)) \
            if form.lead.data else None
        if save_or_refuse(lambda: rule_service.save_rule(
                existing, current_user, code=form.code.data, lead=lead, supporting=form.supporting.data,
                title=form.title.data or "", product=form.product.data or "")):
            flash(_("Rule saved. It applies to plans generated or topped up from now on."), "success")
            return redirect(url_for("admin.rules"))
    return render_template("admin/rule_form.html", form=form, rule=existing), form_status()


@bp.post("/admin/rules/<int:rule_id>/delete")
@admin_required
def delete_rule(rule_id: int):
    existing = db.get_or_404(PlanningRule, rule_id)
    if DeleteForm().validate_on_submit():
        rule_service.delete_rule(existing, current_user)
        db.session.commit()
        flash(_("Rule deleted."), "success")
    return redirect(url_for("admin.rules"))
