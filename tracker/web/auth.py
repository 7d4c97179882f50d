"""Login, logout and the language switch."""
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, Email, Length

from tracker.extensions import db
from tracker.services import audit, logins
from tracker.web.home import home_url

bp = Blueprint("auth", __name__)


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    submit = SubmitField(_l("Log in"))


class LogoutForm(FlaskForm):
    submit = SubmitField(_l("Log out"))


def safe_next(target: str | None, default: str | None = None) -> str:
    """Only same-site relative paths: never redirect a login to another host."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//"):
            return target
    return default or url_for("dashboard.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(home_url(current_user))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        ip = request.remote_addr or "-"
        email = form.email.data.strip().lower()
        wait = logins.seconds_to_wait(email, ip, logins.throttle(current_app.config))
        if wait:
            flash(_("Too many failed logins for this account. Wait %(minutes)s minutes and try again.",
                    minutes=(wait + 59) // 60), "error")
            return render_template("auth/login.html", form=form), 429, {"Retry-After": str(wait)}
        user = logins.authenticate(email, form.password.data, ip)
        if user:
            audit.record("user.login", user, actor=user)
            db.session.commit()
            login_user(user)
            return redirect(safe_next(request.args.get("next"), home_url(user)))
        db.session.commit()
        flash(_("Wrong email or password."), "error")
        status = 401
    elif request.method == "POST":
        status = 400
    return render_template("auth/login.html", form=form), status


@bp.post("/logout")
@login_required
def logout():
    form = LogoutForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        user.end_sessions()  # a copy of the cookie is worth nothing now, on any worker
        audit.record("user.logout", user, actor=user)
        db.session.commit()
        logout_user()
        flash(_("You have logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.get("/lang/<code>")
def set_language(code: str):
    """Switch the UI language; remembered in the session (and on the user, if logged in)."""
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
        if current_user.is_authenticated and current_user.locale != code:
            current_user.locale = code
            db.session.commit()
    return redirect(safe_next(request.args.get("next")))
