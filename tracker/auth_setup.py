"""Flask-Login wiring: who is the current user (session cookie or API bearer token)."""
from flask import request
from sqlalchemy import select

from tracker.extensions import db, login_manager
from tracker.models import User
from tracker.models.users import hash_token


def init_app(app) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None  # the login page explains itself
    login_manager.session_protection = "basic"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    if not user_id.isdecimal():
        return None
    user = db.session.get(User, int(user_id))
    return user if user and user.active else None  # deactivation ends open sessions too


@login_manager.request_loader
def load_user_from_token(req) -> User | None:
    """`Authorization: Bearer TOKEN` for scripts calling the API."""
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    token = header[len("Bearer "):].strip()
    if not token:
        return None
    user = db.session.scalar(select(User).where(User.api_token_hash == hash_token(token)))
    return user if user and user.active else None
