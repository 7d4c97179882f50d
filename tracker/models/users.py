"""People who log in, and the log of login attempts used for throttling."""
from __future__ import annotations

import enum
import hashlib
import secrets
from datetime import datetime

from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from tracker.extensions import db
from tracker.models.base import utcnow
from tracker.models.units import Department, Unit


DEFAULT_PASSWORD_HASH = "scrypt"  # Werkzeug's default: scrypt, n=2**15, r=8, p=1


def password_hash_method() -> str:
    """How new passwords are hashed: the app's PASSWORD_HASH_METHOD (config.py; only the testing
    configuration makes it cheaper). A stored hash names its own method, so checking reads any."""
    if has_app_context():
        return current_app.config.get("PASSWORD_HASH_METHOD", DEFAULT_PASSWORD_HASH)
    return DEFAULT_PASSWORD_HASH


class Role(str, enum.Enum):
    ADMIN = "admin"            # Internal Affairs (Phòng Nội vụ): everything
    LEADER = "leader"          # Chủ tịch / Phó Chủ tịch: reads everything
    DEPARTMENT = "department"  # a department officer: reads all, writes its own tasks


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role IN ('admin', 'leader', 'department')", name="role"),
        CheckConstraint("role != 'department' OR department_id IS NOT NULL", name="department_role"),
        CheckConstraint("NOT is_head OR role = 'department'", name="head_role"),
        # At most one head per department (the escalation of overdue tasks goes to them).
        Index("uq_users_department_head", "department_id", unique=True,
              sqlite_where=text("is_head"), postgresql_where=text("is_head")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lower-case
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    # The unit whose workspace the user works in; None: the own unit's (workspace.py).
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    active: Mapped[bool] = mapped_column(default=True)
    # sha256 of the API token; the token itself is shown once and never stored.
    api_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    # Part of every session cookie's user id: a new value ends every session of the user, on
    # every worker at once (logout, a password reset, deactivation).
    session_token: Mapped[str | None] = mapped_column(String(32))
    locale: Mapped[str | None] = mapped_column(String(5))  # emails and UI; None: Vietnamese
    # The user's own choices (the settings page): what the tracker may send them.
    digest_enabled: Mapped[bool] = mapped_column(default=True, server_default=text("true"))
    reminders_enabled: Mapped[bool] = mapped_column(default=True, server_default=text("true"))
    # Head of their department (trưởng phòng): overdue tasks are escalated to them.
    is_head: Mapped[bool] = mapped_column(default=False, server_default=text("false"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]

    department: Mapped[Department | None] = relationship()
    unit: Mapped["Unit | None"] = relationship()

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN.value

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password, method=password_hash_method())

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def get_id(self) -> str:
        """What Flask-Login keeps in the session cookie: the id and the current session token
        (logins.authenticate gives the user one before the login is committed)."""
        return f"{self.id}:{self.session_token}"

    def end_sessions(self) -> None:
        """Every session cookie issued so far stops working, wherever it is."""
        self.session_token = secrets.token_hex(16)

    def revoke_access(self) -> None:
        """Sessions and the API token both stop working; reactivating brings neither back."""
        self.end_sessions()
        self.api_token_hash = None

    def issue_api_token(self) -> str:
        """A new token replaces the old one, which stops working at once."""
        token = secrets.token_urlsafe(32)
        self.api_token_hash = hash_token(token)
        return token

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class LoginAttempt(db.Model):
    """One password login attempt; recent failures per email or address throttle logins."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_email_at", "email", "at"),
        Index("ix_login_attempts_ip_at", "ip", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    ip: Mapped[str] = mapped_column(String(45))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    succeeded: Mapped[bool] = mapped_column(default=False)
