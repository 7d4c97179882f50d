"""A user's own settings: which emails the tracker sends them, and their language."""
from flask import Blueprint, current_app, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, SubmitField

from tracker.services import users as user_service
from tracker.web.forms import form_status, save_or_refuse

bp = Blueprint("account", __name__)


class MailSettingsForm(FlaskForm):
    """The mail settings and language; the admin's user form carries the same fields."""

    digest_enabled = BooleanField(_l("Weekly digest by email (Monday morning)"))
    reminders_enabled = BooleanField(_l("Deadline reminders by email (working days)"))
    # Checked by the service (an unknown code is refused there; none keeps the current one).
    locale = SelectField(_l("Language of the screens and emails"), choices=[], validate_choice=False)

    def fill_choices(self):
        self.locale.choices = list(current_app.config["LANGUAGES"].items())


class SettingsForm(MailSettingsForm):
    submit = SubmitField(_l("Save settings"))


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    user = current_user._get_current_object()
    form = SettingsForm(obj=user)
    form.fill_choices()
    if not form.is_submitted():
        form.locale.data = user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]
    if form.validate_on_submit() and save_or_refuse(lambda: user_service.update_settings(
            user, digest_enabled=form.digest_enabled.data, reminders_enabled=form.reminders_enabled.data,
            locale=form.locale.data or None)):
        if user.locale:
            session["lang"] = user.locale  # the screens follow at once
        flash(_("Settings saved."), "success")
        return redirect(url_for("account.settings"))
    return render_template("account/settings.html", form=form, user=user), form_status()
