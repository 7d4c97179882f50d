"""Language, time zone and the number/date formats the templates use.

Vietnamese by default; dates always dd/mm/yyyy; decimal comma in Vietnamese.
"""
from datetime import date, datetime, timezone
from decimal import Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol
from flask import current_app, has_request_context, session
from flask_babel import get_locale, gettext
from flask_login import current_user

from tracker.domain import bounds

DATE_FORMAT = "%d/%m/%Y"


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if has_request_context():  # the CLI and the scheduler render in a locale they force
        lang = session.get("lang")
        if lang in languages:
            return lang
        if current_user and current_user.is_authenticated and current_user.locale in languages:
            return current_user.locale
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str:
    return current_app.config["TRACKER_TIMEZONE"]


def local_now() -> datetime:
    return datetime.now(ZoneInfo(current_app.config["TRACKER_TIMEZONE"]))


def local_today() -> date:
    """Today in TRACKER_TIMEZONE: deadlines are Vietnamese calendar days, not UTC ones."""
    return local_now().date()


def local_midnight_utc(day: date) -> datetime:
    """The naive UTC moment a local calendar day starts (for filtering stored times)."""
    zone = ZoneInfo(current_app.config["TRACKER_TIMEZONE"])
    return datetime.combine(day, datetime.min.time(), zone).astimezone(timezone.utc).replace(tzinfo=None)


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    return value.strftime(DATE_FORMAT)


def to_local(value: datetime) -> datetime:
    """A stored datetime (naive UTC) in the tracker's time zone."""
    return value.replace(tzinfo=timezone.utc).astimezone(ZoneInfo(current_app.config["TRACKER_TIMEZONE"]))


def local_date(value: datetime) -> date:
    """The local calendar day of a stored datetime (naive UTC)."""
    return to_local(value).date()


def format_datetime(value: datetime | None) -> str:
    """Stored datetimes are naive UTC; show them in the tracker's time zone."""
    if value is None:
        return ""
    return to_local(value).strftime(DATE_FORMAT + " %H:%M")


def format_number(value: float | int | None, decimals: int = 2) -> str:
    """71.11 → "71,11" in Vietnamese, "71.11" in English; trailing zeros dropped. A value no
    form accepts today but an older row may hold (NaN, 1e30) is shown, never an error page."""
    if value is None:
        return ""
    if not bounds.within(value, -1e15, 1e15):
        return "—" if value != value else f"{Decimal(value):.3E}"  # NaN is the one value unequal to itself
    # Python formats, the locale's symbols are swapped in: what Babel's "#,##0.##" gives, at a
    # twentieth of its cost (a page of 25 units shows 125 numbers; a plan, thousands).
    text = f"{round(value, decimals):,.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    group, decimal, minus = number_symbols(str(get_locale()))
    return text.translate({ord(","): group, ord("."): decimal, ord("-"): minus})


@lru_cache(maxsize=8)
def number_symbols(locale: str) -> tuple[str, str, str]:
    """The locale's digit group separator, decimal sign and minus sign."""
    return get_group_symbol(locale), get_decimal_symbol(locale), get_minus_sign_symbol(locale)


def init_app(app) -> None:
    # A missing value (a classification the scoring body does not publish) prints as nothing.
    app.jinja_env.finalize = lambda value: "" if value is None else value
    app.jinja_env.filters["date"] = format_date
    app.jinja_env.filters["datetime"] = format_datetime
    app.jinja_env.filters["num"] = format_number

    @app.context_processor
    def inject_language():
        return {"current_locale": str(get_locale()), "languages": app.config["LANGUAGES"]}


def error_text(error) -> str:
    """A TreeError/SheetError (English msgid + params) in the user's language, with its row."""
    message = gettext(error.message, **error.params)
    row = getattr(error, "row", None)
    message = gettext("Row %(row)s: %(message)s", row=row, message=message) if row else message
    where = getattr(error, "where", "")  # a sheet's (and a unit's) name: written, not translated
    return f"{where}: {message}" if where else message
