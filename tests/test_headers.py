"""Every answer carries the security headers, and no page relies on an inline script."""
import re

import pytest


PAGES = ["/login", "/", "/tasks/", "/tasks/1", "/plans/1", "/reports/", "/assessments/", "/imports/",
         "/admin/users", "/admin/audit", "/outbox", "/settings", "/api/v1/tasks", "/api/v1/openapi.json",
         "/static/style.css", "/no-such-page"]


@pytest.mark.parametrize("path", PAGES)
def test_every_answer_has_the_security_headers(client, auth, demo, path):
    auth.login()
    with client.get(path) as response:  # closes a static file like a server would
        headers = response.headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp and headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    # Someone's data is never kept by a browser or a proxy; the static files may be.
    assert (headers.get("Cache-Control") == "no-store") == (not path.startswith("/static/")), headers.get("Cache-Control")


@pytest.mark.parametrize("path", ["/login", "/", "/tasks/", "/tasks/1", "/plans/1", "/admin/audit", "/reports/"])
def test_no_page_has_an_inline_script_or_event_handler(client, auth, demo, path):
    auth.login()
    html = client.get(path).get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert not re.search(r"\son[a-z]+\s*=", html)


def test_the_login_page_headers_hold_without_a_login(client):
    assert client.get("/login").headers["X-Frame-Options"] == "DENY"


def test_the_openapi_description_is_readable_without_a_token(client, app):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.get_json()["openapi"].startswith("3.")
