"""Logging in and out: hashed passwords, CSRF, throttling, safe redirects."""
from sqlalchemy import select

from tests import factories
from tests.conftest import csrf_token
from tracker.extensions import db
from tracker.models import LoginAttempt, User


def test_password_is_stored_hashed(app):
    user = factories.user("a@example.gov.vn")
    db.session.commit()
    stored = db.session.scalar(select(User.password_hash).where(User.id == user.id))
    assert factories.PASSWORD not in stored
    assert stored.startswith(("scrypt:", "pbkdf2:"))


def test_anonymous_user_is_sent_to_login(client):
    response = client.get("/tasks/")
    assert response.status_code == 302
    assert response.location.startswith("/login?next=")


def test_correct_password_logs_in_and_logout_logs_out(app, client, auth):
    factories.user("a@example.gov.vn", "leader")
    db.session.commit()
    response = auth.login("A@Example.gov.vn", factories.PASSWORD)  # email is case-insensitive
    assert response.status_code == 302 and response.location == "/"
    assert client.get("/").status_code == 200
    auth.logout()
    assert client.get("/").status_code == 302


def test_wrong_password_does_not_log_in(app, client, auth):
    factories.user("a@example.gov.vn")
    db.session.commit()
    response = auth.login("a@example.gov.vn", "wrong-password")
    assert response.status_code == 401
    assert client.get("/").status_code == 302  # still anonymous


def test_inactive_user_cannot_log_in(app, client, auth):
    user = factories.user("a@example.gov.vn")
    user.active = False
    db.session.commit()
    assert auth.login("a@example.gov.vn", factories.PASSWORD).status_code == 401


def test_repeated_failures_are_throttled_even_with_the_right_password(app, client, auth):
    factories.user("a@example.gov.vn")
    db.session.commit()
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        assert auth.login("a@example.gov.vn", "wrong").status_code == 401
    response = auth.login("a@example.gov.vn", factories.PASSWORD)
    assert response.status_code == 429
    assert client.get("/").status_code == 302
    attempts = db.session.scalars(select(LoginAttempt)).all()
    assert len(attempts) == app.config["LOGIN_MAX_FAILURES"]  # the throttled try is not even checked


def test_forged_post_without_csrf_token_is_rejected(app, client, auth):
    factories.user("a@example.gov.vn")
    db.session.commit()
    response = client.post("/login", data={"email": "a@example.gov.vn", "password": factories.PASSWORD})
    assert response.status_code == 400
    assert client.get("/").status_code == 302
    # A wrong token is just as bad as none.
    response = client.post("/login", data={"email": "a@example.gov.vn", "password": factories.PASSWORD,
                                           "csrf_token": "forged"})
    assert response.status_code == 400


def test_logout_requires_csrf_token(app, client, auth):
    factories.user("a@example.gov.vn", "leader")  # lands on the dashboard (an admin: the set-up)
    db.session.commit()
    auth.login("a@example.gov.vn", factories.PASSWORD)
    assert client.post("/logout").status_code == 400
    assert client.get("/").status_code == 200  # still logged in


def test_login_redirects_only_within_the_site(app, client):
    factories.user("a@example.gov.vn", "leader")
    db.session.commit()
    token = csrf_token(client.get("/login").get_data(as_text=True))
    data = {"email": "a@example.gov.vn", "password": factories.PASSWORD, "csrf_token": token}
    response = client.post("/login?next=https://evil.example.com/", data=data)
    assert response.location == "/"


def test_login_follows_next_to_a_local_page(app, client):
    factories.user("a@example.gov.vn")
    db.session.commit()
    token = csrf_token(client.get("/login").get_data(as_text=True))
    data = {"email": "a@example.gov.vn", "password": factories.PASSWORD, "csrf_token": token}
    assert client.post("/login?next=/tasks/", data=data).location == "/tasks/"
