"""Password logins, throttled by recent failures per email and per address.

Counted in the database so that every gunicorn worker sees the same failures.
"""
from datetime import timedelta

from sqlalchemy import func, or_, select

from tracker.extensions import db
from tracker.models import LoginAttempt, User
from tracker.models.base import utcnow


def failures_since(email: str, ip: str, minutes: int) -> int:
    since = utcnow() - timedelta(minutes=minutes)
    return db.session.scalar(
        select(func.count(LoginAttempt.id)).where(
            LoginAttempt.at >= since,
            LoginAttempt.succeeded.is_(False),
            or_(LoginAttempt.email == email, LoginAttempt.ip == ip),
        )
    ) or 0


def authenticate(email: str, password: str, ip: str) -> User | None:
    """The user if the password matches an active account; records the attempt either way."""
    email = email.strip().lower()
    user = db.session.scalar(select(User).where(User.email == email))
    ok = bool(user and user.active and user.check_password(password))
    db.session.add(LoginAttempt(email=email, ip=ip, succeeded=ok))
    if ok:
        user.last_login_at = utcnow()
    return user if ok else None
