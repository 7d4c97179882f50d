"""Sessions and logins an attacker would try: a forged cookie, a replayed cookie after logout,
a password reset or deactivation, one person's failures locking out everyone behind a proxy or
a chosen account, and the time an answer takes telling which emails exist."""
import os
import statistics
import time
from datetime import timedelta

import pytest
from flask.sessions import SecureCookieSessionInterface
from sqlalchemy import select

from config import Config
from tests import factories
from tests.conftest import FreshContextClient, csrf_token, log_in
from tracker import create_app
from tracker.extensions import db
from tracker.models import LoginAttempt, User
from tracker.services import logins
from tracker.services import users as user_service

ADMIN, OFFICER = "admin@example.gov.vn", "nv@example.gov.vn"


@pytest.fixture
def people(app):
    factories.department("NV")
    admin = factories.user(ADMIN, "admin")
    officer = factories.user(OFFICER, "department", "NV")
    db.session.commit()
    return admin, officer


def session_cookie(client) -> str:
    return client.get_cookie("session").value


def replay(client, cookie: str) -> int:
    """The dashboard's status with an old copy of the session cookie (200: still logged in).

    `/dashboard`, not `/`: an officer's `/` sends them on to their department's work."""
    client.set_cookie("session", cookie)
    return client.get("/dashboard").status_code


# --- The secret key ------------------------------------------------------------------------

@pytest.mark.parametrize("config", [None, "production", "testing-by-env"])
def test_without_a_secret_key_the_app_refuses_to_start_and_says_why(monkeypatch, config):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("TRACKER_CONFIG", raising=False)
    if config == "testing-by-env":
        monkeypatch.setenv("TRACKER_CONFIG", "production")
        config = None
    with pytest.raises(RuntimeError, match="SECRET_KEY is not set, and without it anyone could forge a login"):
        create_app(config, {"SECRET_KEY": None})


def test_only_an_explicit_development_configuration_uses_the_built_in_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("TRACKER_CONFIG", "development")
    assert create_app(None, {"SECRET_KEY": None}).config["SECRET_KEY"] == "dev-only-not-secret"
    monkeypatch.setenv("SECRET_KEY", "a-long-random-production-key")
    monkeypatch.setenv("TRACKER_CONFIG", "production")
    assert create_app(None, {"SECRET_KEY": os.environ["SECRET_KEY"]}).config["SECRET_KEY"] == "a-long-random-production-key"


def test_a_cookie_forged_with_the_public_development_key_is_not_a_login(app, client, people):
    """The attack the built-in key allowed: sign {"_user_id": "1"} with it and walk in."""
    forger = create_app("testing", {"SECRET_KEY": "dev-only-not-secret"})
    serializer = SecureCookieSessionInterface().get_signing_serializer(forger)
    client.set_cookie("session", serializer.dumps({"_user_id": str(people[0].id), "_fresh": True}))
    assert client.get("/").status_code == 302


def test_make_run_sets_the_development_configuration():
    from pathlib import Path
    makefile = (Path(__file__).resolve().parents[1] / "Makefile").read_text(encoding="utf-8")
    assert "run: export TRACKER_CONFIG ?= development" in makefile


# --- Sessions end, everywhere --------------------------------------------------------------

def test_logging_out_ends_the_session_even_for_a_copy_of_the_cookie(app, client, people):
    log_in(client, OFFICER)
    stolen = session_cookie(client)
    token = csrf_token(client.get("/dashboard").get_data(as_text=True))
    client.post("/logout", data={"csrf_token": token})
    assert replay(client, stolen) == 302


def test_logging_out_on_one_device_ends_the_users_other_sessions(app, client, people):
    log_in(client, OFFICER)
    other_device = app.test_client()
    log_in(other_device, OFFICER)
    assert other_device.get("/dashboard").status_code == 200
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/dashboard").get_data(as_text=True))})
    assert other_device.get("/dashboard").status_code == 302


def test_a_password_reset_ends_sessions_and_the_api_token(app, client, people):
    admin, officer = people
    api_token = officer.issue_api_token()
    db.session.commit()
    log_in(client, OFFICER)
    cookie = session_cookie(client)
    assert client.get("/api/v1/departments", headers={"Authorization": f"Bearer {api_token}"}).status_code == 200
    user_service.update_user(officer, admin, name=officer.name, role="department", department_code="NV",
                             active=True, new_password="a-new-password-9")
    db.session.commit()
    assert replay(client, cookie) == 302
    anonymous = app.test_client()
    assert anonymous.get("/api/v1/departments", headers={"Authorization": f"Bearer {api_token}"}).status_code == 401


def test_deactivation_ends_sessions_and_reactivation_does_not_bring_them_back(app, client, people):
    admin, officer = people
    api_token = officer.issue_api_token()
    db.session.commit()
    log_in(client, OFFICER)
    cookie = session_cookie(client)
    for active in (False, True):
        user_service.update_user(officer, admin, name=officer.name, role="department", department_code="NV",
                                 active=active)
        db.session.commit()
    assert replay(client, cookie) == 302
    assert app.test_client().get("/api/v1/departments",
                                 headers={"Authorization": f"Bearer {api_token}"}).status_code == 401
    fresh = app.test_client()
    assert log_in(fresh, OFFICER).status_code == 302 and fresh.get("/dashboard").status_code == 200


def test_the_admin_page_deactivation_ends_the_session_on_another_worker(app, client, people):
    """Two app instances share only the database, as two gunicorn workers do."""
    admin, officer = people
    log_in(client, OFFICER)
    cookie = session_cookie(client)
    other_worker = create_app("testing", {"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                                          "SECRET_KEY": app.config["SECRET_KEY"]})
    other_worker.test_client_class = FreshContextClient
    admin_client = other_worker.test_client()
    log_in(admin_client, ADMIN)
    page = admin_client.get(f"/admin/users/{officer.id}").get_data(as_text=True)
    admin_client.post(f"/admin/users/{officer.id}", data={
        "name": officer.name, "role": "department", "department": "NV", "locale": "vi",
        "csrf_token": csrf_token(page)})
    with other_worker.app_context():
        db.engine.dispose()
    db.session.expire_all()
    assert db.session.get(User, officer.id).active is False
    assert replay(client, cookie) == 302


# --- Throttling per account and per (account, address) ---------------------------------------

def test_one_persons_failures_never_lock_out_another_account_behind_the_same_proxy(app, client, people):
    for _ in range(8):
        assert log_in(client, OFFICER, "wrong", ip="10.0.0.9").status_code in (401, 429)
    assert log_in(app.test_client(), ADMIN, ip="10.0.0.9").status_code == 302


def test_failures_from_one_address_make_that_address_wait_longer_each_time(app, client, people):
    rules = logins.throttle(app.config)
    for _ in range(rules.pair_free):
        assert log_in(client, OFFICER, "wrong", ip="10.0.0.9").status_code == 401
    response = log_in(client, OFFICER, ip="10.0.0.9")  # even the right password waits
    assert response.status_code == 429 and 55 <= int(response.headers["Retry-After"]) <= 61
    assert "Đăng nhập sai quá nhiều lần với tài khoản này. Vui lòng chờ 1 phút" in response.get_data(as_text=True)
    # The owner, elsewhere, is not held up by the attacker's failures.
    assert log_in(app.test_client(), OFFICER, ip="10.0.0.7").status_code == 302
    # Each failure after waiting it out doubles the wait: 2 minutes, then 4.
    waits = []
    for _ in range(2):
        wait = logins.seconds_to_wait(OFFICER, "10.0.0.9", rules)
        for attempt in db.session.scalars(select(LoginAttempt)):
            attempt.at -= timedelta(seconds=wait + 1)  # the attacker waited
        db.session.commit()
        assert log_in(client, OFFICER, "wrong", ip="10.0.0.9").status_code == 401
        waits.append(logins.seconds_to_wait(OFFICER, "10.0.0.9", rules))
    assert 115 <= waits[0] <= 121 and 235 <= waits[1] <= 241


def test_a_success_from_an_address_resets_its_count(app, client, people):
    for _ in range(4):
        log_in(client, OFFICER, "wrong")
    assert log_in(client, OFFICER).status_code == 302
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/dashboard").get_data(as_text=True))})
    for _ in range(4):
        assert log_in(client, OFFICER, "wrong").status_code == 401


def test_many_addresses_failing_on_one_account_make_the_account_wait(app, client, people):
    rules = logins.throttle(app.config)
    for n in range(rules.account_free):
        assert log_in(client, ADMIN, "wrong", ip=f"10.1.0.{n}").status_code == 401
    assert log_in(client, ADMIN, ip="10.9.9.9").status_code == 429
    assert log_in(app.test_client(), OFFICER, ip="10.9.9.9").status_code == 302  # others are unaffected


def test_old_failures_are_forgotten(app, client, people):
    rules = logins.throttle(app.config)
    for _ in range(rules.pair_free):
        log_in(client, OFFICER, "wrong")
    for attempt in db.session.scalars(select(LoginAttempt)):
        attempt.at -= timedelta(hours=25)
    db.session.commit()
    assert log_in(client, OFFICER).status_code == 302


def test_the_wait_grows_and_is_capped():
    rules = logins.Throttle()
    assert [rules.wait(n, 5) for n in (4, 5, 6, 7, 20)] == [0, 60, 120, 240, 3600]


# --- Timing --------------------------------------------------------------------------------

@pytest.mark.slow  # the production password hashing, ten times
def test_an_unknown_email_takes_as_long_as_a_wrong_password(app, people):
    # Timed with the production hashing: the testing configuration's is too cheap to tell apart.
    app.config["PASSWORD_HASH_METHOD"] = Config.PASSWORD_HASH_METHOD
    people[1].set_password(factories.PASSWORD)
    db.session.commit()
    assert people[1].password_hash.startswith("scrypt:32768:8:1$")

    def median(email):
        times = []
        for _ in range(5):
            start = time.perf_counter()
            logins.authenticate(email, "wrong-password", "10.0.0.1")
            times.append(time.perf_counter() - start)
        db.session.rollback()
        return statistics.median(times)
    known, unknown = median(OFFICER), median("nobody@example.gov.vn")
    assert 0.5 < unknown / known < 2, (known, unknown)


def test_proxy_fix_trusts_only_the_configured_number_of_proxies(app, people):
    proxied = create_app("testing", {"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                                     "TRUSTED_PROXIES": 1})
    with proxied.app_context():
        client = proxied.test_client()
        log_in(client, OFFICER, "wrong", ip="127.0.0.1")
        page = client.get("/login")
        client.post("/login", data={"email": OFFICER, "password": "wrong",
                                    "csrf_token": csrf_token(page.get_data(as_text=True))},
                    headers={"X-Forwarded-For": "203.0.113.7"})
        db.session.remove()
        db.engine.dispose()
    db.session.expire_all()
    assert "203.0.113.7" in set(db.session.scalars(select(LoginAttempt.ip)))
