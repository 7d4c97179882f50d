"""Form fields shared by several blueprints."""
import os

from flask import flash, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import DateField
from wtforms.validators import ValidationError
from wtforms.widgets import TextInput

from tracker.domain import bounds
from tracker.domain.errors import InputError
from tracker.extensions import db
from tracker.i18n import format_number
from tracker.web.params import DATE_FORMATS, MAX_YEAR, MIN_YEAR, in_range


class Bounded:
    """A finite number from `low` to `high`. WTForms' NumberRange lets a float NaN through and
    fails on a Decimal one; "NaN", "Infinity" and "1e400" are what some people type to see."""

    def __init__(self, low: float, high: float):
        self.low, self.high = low, high

    def __call__(self, form, field):
        if field.data is not None and not bounds.within(field.data, self.low, self.high):
            raise ValidationError(_("Enter a number from %(low)s to %(high)s.", low=format_number(self.low, 0),
                                    high=format_number(self.high, 0)))

class VNDateField(DateField):
    """A date typed dd/mm/yyyy (ISO accepted), shown dd/mm/yyyy.

    A text input, not type="date": a browser's date input neither shows a dd/mm/yyyy value
    nor lets one be typed, so the form's own default would appear empty."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})
        super().__init__(label, validators, format=DATE_FORMATS, **kwargs)

    def _value(self):
        if self.raw_data:
            return " ".join(self.raw_data)
        return self.data.strftime("%d/%m/%Y") if self.data else ""

    def validate(self, form, extra_validators=()):
        # An unreadable date says so; DataRequired would replace that with "required".
        if self.process_errors and "".join(self.raw_data or []).strip():
            self.errors = list(self.process_errors)
            return False
        return super().validate(form, extra_validators)

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None
            raise ValueError(str(_l("Enter a date as dd/mm/yyyy.")))
        if self.data is not None and not in_range(self.data):
            self.data = None
            raise ValueError(str(_l("Enter a date between %(min)s and %(max)s.", min=MIN_YEAR, max=MAX_YEAR)))


def form_status() -> int:
    """200 when a form is first shown, 422 when a post of it did not go through."""
    return 422 if request.method == "POST" else 200


def flash_refusal(exc: InputError) -> None:
    flash(_(exc.message, **exc.params), "error")


def save_or_refuse(change) -> bool:
    """Run a service change and commit. On a refusal roll back, show it, and return False."""
    try:
        change()
        db.session.commit()
        return True
    except InputError as exc:
        db.session.rollback()
        flash_refusal(exc)
        return False


def uploaded(field) -> tuple[bytes, str]:
    """A file field's bytes and its name without any folder the browser sent."""
    storage = field.data
    try:
        return storage.read(), os.path.basename(storage.filename or "upload")
    finally:
        storage.close()  # a large upload is spooled to a temporary file: free it now
