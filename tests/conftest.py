"""Fixtures: a fresh app and database for every test, on SQLite and on PostgreSQL.

The schema is built once per backend by running the Alembic migrations (so every run
also proves the migrations), then each test gets a copy (SQLite) or truncated tables
in its own schema (PostgreSQL). PostgreSQL tests are skipped, with the reason shown,
when no server answers at 127.0.0.1:5432.
"""
from __future__ import annotations

import os
import re
import shutil
import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from flask import has_app_context
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.pool import NullPool

from tracker import create_app
from tracker.extensions import db

PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BACKENDS = ["sqlite", "postgresql"]


def pg_unavailable_reason() -> str | None:
    try:
        engine = create_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 3}, poolclass=NullPool)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # any failure to connect means: skip, and say why
        return f"PostgreSQL not reachable at {PG_ADMIN_URL}: {exc.__class__.__name__}: {str(exc).splitlines()[0]}"
    return None


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("sqlite") / "template.db"
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_schema():
    """A schema of its own in database `test`, so parallel or repeated runs never collide."""
    reason = pg_unavailable_reason()
    if reason:
        pytest.skip(reason)
    schema = f"t_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{PG_ADMIN_URL}?options=-csearch_path%3D{schema}"
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        tables = [t.name for t in db.metadata.sorted_tables]
        db.engine.dispose()
    yield url, tables
    with admin.connect() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=BACKENDS)
def backend(request):
    return request.param


@pytest.fixture
def database_url(backend, request, tmp_path):
    if backend == "sqlite":
        path = tmp_path / "tracker.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url, tables = request.getfixturevalue("pg_schema")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))
    engine.dispose()
    return url


@pytest.fixture
def app(database_url, tmp_path):
    app = create_app("testing", {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "UPLOAD_DIR": str(tmp_path / "uploads"),
    })
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


class FreshContextClient(FlaskClient):
    """Each request gets its own app context (own `g`, own DB session), as when served.

    The test's own context stays open for direct DB access; it is expired after each
    request so that the test reads what the request wrote.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        # Werkzeug closes a large request body (spooled to a temporary file) with the response
        # only after following redirects; close it here in every case.
        if response.request is not None and response.request.input_stream is not None:
            response.call_on_close(response.request.input_stream.close)
        if has_app_context():  # not in a test's worker thread
            db.session.expire_all()
        return response


@pytest.fixture
def client(app):
    app.test_client_class = FreshContextClient
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def count_statements(client, url: str, headers: dict | None = None) -> tuple[int, "object"]:
    """(the SQL statements a GET of `url` ran, its response); it must answer 200."""
    from sqlalchemy import event
    statements = []

    def count(*_args):
        statements.append(1)
    event.listen(db.engine, "before_cursor_execute", count)
    try:
        response = client.get(url, headers=headers)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert response.status_code == 200, (url, response.status_code)
    return len(statements), response


CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def csrf_token(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "no CSRF token in the page"
    return match.group(1) or match.group(2)


class AuthActions:
    """Log in through the real login form (CSRF token and all)."""

    def __init__(self, client):
        self.client = client

    def login(self, email="admin@example.gov.vn", password="demo1234"):
        page = self.client.get("/login")
        return self.client.post("/login", data={
            "email": email, "password": password, "csrf_token": csrf_token(page.get_data(as_text=True))})

    def logout(self):
        page = self.client.get("/", follow_redirects=True)  # an officer's home is their department's work
        return self.client.post("/logout", data={"csrf_token": csrf_token(page.get_data(as_text=True))})


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def today() -> date:
    """Today where the tracker is (TRACKER_TIMEZONE), not in UTC: from 17:00 UTC the two differ."""
    from config import TestingConfig
    return datetime.now(ZoneInfo(TestingConfig.TRACKER_TIMEZONE)).date()


@pytest.fixture(scope="session")
def demo_snapshots(tmp_path_factory):
    """The demo as first loaded on SQLite (database file and evidence files), by day."""
    return {"root": tmp_path_factory.mktemp("demo"), "by_day": {}}


@pytest.fixture
def demo(app, today, backend, demo_snapshots):
    """The full demo data set, as `flask tracker demo` loads it. On SQLite the first load of the
    run is kept and later tests copy it into their empty database: the demo writes two plans,
    their histories and evidence files, which costs seconds a test."""
    from tracker.demo.load import load
    from tracker.models import User
    path = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    uploads = app.config["UPLOAD_DIR"]
    snapshot = demo_snapshots["by_day"].get(today) if backend == "sqlite" else None
    if snapshot is not None and db.session.scalar(select(func.count(User.id))) == 0:
        folder, counts = snapshot
        db.session.remove()
        db.engine.dispose()
        shutil.copy(folder / "tracker.db", path)
        shutil.copytree(folder / "uploads", uploads, dirs_exist_ok=True)
        return dict(counts)
    counts = load(today)
    db.session.commit()
    if backend == "sqlite" and snapshot is None:
        db.session.remove()
        db.engine.dispose()
        folder = demo_snapshots["root"] / today.isoformat()
        folder.mkdir()
        shutil.copy(path, folder / "tracker.db")
        shutil.copytree(uploads, folder / "uploads")
        demo_snapshots["by_day"][today] = (folder, dict(counts))
    return counts
