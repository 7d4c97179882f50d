"""Settings, read from environment variables (CONTRACT §2) with development defaults."""
import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"


def database_url(raw: str | None) -> str:
    """SQLite in instance/ unless DATABASE_URL is set; PostgreSQL URLs use psycopg 3."""
    if not raw:
        return f"sqlite:///{INSTANCE_DIR / 'tracker.db'}"
    for prefix in ("postgres://", "postgresql://"):
        if raw.startswith(prefix):
            return "postgresql+psycopg://" + raw[len(prefix):]
    return raw


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = database_url(os.environ.get("DATABASE_URL"))
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

    SMTP_HOST = os.environ.get("SMTP_HOST") or None
    SMTP_PORT = int(os.environ.get("SMTP_PORT", "25"))
    SMTP_USER = os.environ.get("SMTP_USER") or None
    SMTP_PASSWORD = os.environ.get("SMTP_PASSWORD") or None
    SMTP_STARTTLS = env_bool("SMTP_STARTTLS")
    MAIL_FROM = os.environ.get("MAIL_FROM", "par-tracker@localhost")

    TRACKER_TIMEZONE = os.environ.get("TRACKER_TIMEZONE", "Asia/Ho_Chi_Minh")
    TRACKER_BASE_URL = os.environ.get("TRACKER_BASE_URL", "http://127.0.0.1:5000")
    UPLOAD_MAX_MB = int(os.environ.get("UPLOAD_MAX_MB", "20"))
    UPLOAD_DIR = os.environ.get("UPLOAD_DIR", str(INSTANCE_DIR / "uploads"))
    MAX_EVIDENCE_FILES = 20   # files in one progress update
    MAX_FORM_PARTS = 250      # fields and files in one multipart request (Werkzeug answers 413 beyond)
    # Imports (scoring sheets, criteria sets, rankings, departments): beyond any of these a file
    # is refused with a message, before it can exhaust the server (README: Importing).
    IMPORT_MAX_ROWS = int(os.environ.get("TRACKER_IMPORT_MAX_ROWS", "5000"))
    IMPORT_MAX_CELL_CHARS = int(os.environ.get("TRACKER_IMPORT_MAX_CELL_CHARS", "4000"))
    IMPORT_MAX_UNCOMPRESSED_MB = int(os.environ.get("TRACKER_IMPORT_MAX_UNCOMPRESSED_MB", "50"))

    BABEL_DEFAULT_LOCALE = "vi"
    BABEL_DEFAULT_TIMEZONE = TRACKER_TIMEZONE
    LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}

    # How new passwords are hashed (Werkzeug's method string): its default, scrypt n=2**15, r=8, p=1.
    PASSWORD_HASH_METHOD = "scrypt"
    # Login throttling (tracker/services/logins.py): after this many failures on one account from
    # one address, or from all addresses, each further try waits 1 minute, then 2, 4… up to an hour.
    LOGIN_MAX_FAILURES = 5
    LOGIN_ACCOUNT_MAX_FAILURES = 20
    # Reverse proxies in front of the app whose X-Forwarded-For/-Proto are trusted (ProxyFix).
    TRUSTED_PROXIES = int(os.environ.get("TRACKER_TRUSTED_PROXIES", "0"))

    # Reminders and digests (tracker/notify): local times in TRACKER_TIMEZONE, on working days.
    REMINDER_TIME = os.environ.get("TRACKER_REMINDER_TIME", "07:30")
    DIGEST_TIME = os.environ.get("TRACKER_DIGEST_TIME", "07:00")  # Monday, or the week's first working day
    REMINDER_DAYS_BEFORE = (7, 1)
    ESCALATE_HEAD_AFTER = int(os.environ.get("TRACKER_ESCALATE_HEAD_AFTER", "7"))  # working days overdue
    ESCALATE_LEADERS_AFTER = int(os.environ.get("TRACKER_ESCALATE_LEADERS_AFTER", "15"))

    # Periodic reports: "decree09" (Decree 09/2019: data from the 15th of the month before the
    # quarter to the 14th of its last month, due on the 20th) or "calendar" quarters.
    REPORT_PERIODS = os.environ.get("TRACKER_REPORT_PERIODS", "decree09")

    PER_PAGE = 25
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None  # a form left open all morning must still submit


# Signs session cookies on a developer's machine only: anyone who knows it can forge a login, so
# create_app() accepts it only when TRACKER_CONFIG=development is set explicitly (make run does).
DEVELOPMENT_KEY = "dev-only-not-secret"


class DevelopmentConfig(Config):
    pass


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = secrets.token_hex(16)  # fresh per process: never a key known outside it
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    SMTP_HOST = None
    # A fraction of a millisecond instead of a good part of a second per hash: the suite hashes
    # thousands of passwords. Still a salted, named Werkzeug hash; the timing test uses the real one.
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}
