"""Password logins, throttled per account and per (account, address), with a growing wait.

Counted in the database, so every gunicorn worker sees the same failures. Nothing is counted per
address alone: an office behind one proxy is never locked out by one person's typos, and a
correct password is never refused because of failures on someone else's account.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from sqlalchemy import and_, case, func, select
from werkzeug.security import check_password_hash, generate_password_hash

from tracker.extensions import db
from tracker.models import LoginAttempt, User
from tracker.models.base import utcnow
from tracker.models.users import password_hash_method


@dataclass(frozen=True)
class Throttle:
    pair_free: int = 5           # failures from one address on one account before it must wait
    account_free: int = 20       # failures on one account from all addresses before it must wait
    first_wait: int = 60         # seconds; doubles with each further failure…
    longest_wait: int = 3600     # …up to an hour
    memory: timedelta = timedelta(hours=24)  # failures older than this, or before a success, count no more

    def wait(self, failures: int, free: int) -> int:
        if failures < free:
            return 0
        return min(self.first_wait * 2 ** (failures - free), self.longest_wait)


def throttle(config) -> Throttle:
    return Throttle(pair_free=config["LOGIN_MAX_FAILURES"], account_free=config["LOGIN_ACCOUNT_MAX_FAILURES"])


def seconds_to_wait(email: str, ip: str, rules: Throttle, now: datetime | None = None) -> int:
    """How long this email must wait before another try from this address (0: go ahead)."""
    now = now or utcnow()
    email = email.strip().lower()
    horizon = now - rules.memory
    ok_here = and_(LoginAttempt.succeeded.is_(True), LoginAttempt.ip == ip)
    last_ok, last_ok_here = db.session.execute(
        select(func.max(case((LoginAttempt.succeeded.is_(True), LoginAttempt.at))),
               func.max(case((ok_here, LoginAttempt.at))))
        .where(LoginAttempt.email == email, LoginAttempt.at >= horizon)).one()
    since_account = max(horizon, last_ok or horizon)
    since_pair = max(horizon, last_ok_here or horizon)  # the owner logging in elsewhere resets no attacker
    failed = LoginAttempt.succeeded.is_(False)
    anywhere = LoginAttempt.at > since_account
    here = and_(LoginAttempt.ip == ip, LoginAttempt.at > since_pair)
    account_failures, account_last, pair_failures, pair_last = db.session.execute(
        select(func.count(case((anywhere, LoginAttempt.id))), func.max(case((anywhere, LoginAttempt.at))),
               func.count(case((here, LoginAttempt.id))), func.max(case((here, LoginAttempt.at))))
        .where(LoginAttempt.email == email, failed, LoginAttempt.at > min(since_account, since_pair))).one()
    waits = [0]
    for failures, last, free in ((pair_failures, pair_last, rules.pair_free),
                                 (account_failures, account_last, rules.account_free)):
        wait = rules.wait(failures, free)
        if wait and last is not None:
            waits.append(int((last + timedelta(seconds=wait) - now).total_seconds()) + 1)
    return max(waits)


@lru_cache(maxsize=4)
def _decoy_hash(method: str) -> str:
    """Checked when no account matches, so that an unknown email takes as long as a wrong password
    (hashed as the app hashes passwords)."""
    return generate_password_hash("not anyone's password", method=method)


def authenticate(email: str, password: str, ip: str) -> User | None:
    """The user if the password matches an active account; records the attempt either way.
    Every path computes one password hash: the answer's timing tells nothing about the email."""
    email = email.strip().lower()
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        check_password_hash(_decoy_hash(password_hash_method()), password)
        ok = False
    else:
        ok = user.check_password(password) and user.active
    db.session.add(LoginAttempt(email=email, ip=ip, succeeded=ok))
    if ok:
        user.last_login_at = utcnow()
        if not user.session_token:
            user.end_sessions()  # its first session token (none was ever issued)
    return user if ok else None
