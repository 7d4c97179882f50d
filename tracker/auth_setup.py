"""Flask-Login wiring: who is the current user (session cookie or API bearer token)."""
import hmac

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
def load_user(session_id: str) -> User | None:
    """The user of a session cookie, if its session token is still the user's (User.get_id)."""
    user_id, _sep, token = session_id.partition(":")
    if not user_id.isdecimal() or not token or len(user_id) > 10:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or not user.session_token:
        return None
    return user if hmac.compare_digest(user.session_token, token) else None


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
