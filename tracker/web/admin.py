"""Administration for Internal Affairs: users, departments, the outbox and the audit log."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from wtforms import EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length

from tracker.extensions import db
from tracker.models import AuditEvent, Department, Notification, User
from tracker.permissions import admin_required
from tracker.services import users as user_service
from tracker.web.labels import ROLE_LABELS
from tracker.web.pagination import page_args

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
    status = 200
    if form.validate_on_submit():
        try:
            user = user_service.create_user(form.email.data, form.name.data, form.role.data,
                                            form.password.data, form.department.data or None,
                                            actor=current_user)
            db.session.commit()
            flash(_("User %(email)s created.", email=user.email), "success")
            return redirect(url_for("admin.users"))
        except user_service.InvalidUser as exc:
            db.session.rollback()
            flash(_(exc.message, **exc.params), "error")
            status = 422
    elif request.method == "POST":
        status = 422
    return render_template("admin/user_form.html", form=form), status


@bp.get("/admin/departments")
@admin_required
def departments():
    rows = db.session.execute(
        select(Department, func.count(User.id))
        .outerjoin(User, User.department_id == Department.id)
        .group_by(Department.id).order_by(Department.code)).all()
    return render_template("admin/departments.html", rows=rows)


@bp.get("/outbox")
@admin_required
def outbox():
    page, per_page = page_args()
    stmt = select(Notification).order_by(Notification.created_at.desc(), Notification.id.desc())
    pagination = db.paginate(stmt, page=page, per_page=per_page, error_out=False)
    return render_template("admin/outbox.html", pagination=pagination)


@bp.get("/outbox/<int:notification_id>")
@admin_required
def outbox_message(notification_id: int):
    message = db.get_or_404(Notification, notification_id)
    return render_template("admin/outbox_message.html", message=message)


@bp.get("/admin/audit")
@admin_required
def audit_log():
    page, per_page = page_args()
    stmt = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    action = request.args.get("action") or None
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    pagination = db.paginate(stmt, page=page, per_page=per_page, error_out=False)
    actions = db.session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)).all()
    return render_template("admin/audit.html", pagination=pagination, actions=actions,
                           selected_action=action)
