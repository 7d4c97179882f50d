"""Fixtures: a fresh app and database for every test, on SQLite and on PostgreSQL.

The schema is built once per backend by running the Alembic migrations (so every run
also proves the migrations), then each test gets a copy (SQLite) or emptied tables
in its own schema (PostgreSQL). PostgreSQL tests are skipped, with the reason shown,
when no server answers at 127.0.0.1:5432, and browser tests when Debian's Chromium is not
installed; under CI=true (.ci/run) each of those fails instead: CI runs every test or says why not.

Under pytest-xdist (`make test` runs `-n auto`) every worker is a process of its own with its own
temporary folder, so it builds its own SQLite template, PostgreSQL schema and demo snapshots.
"""
from __future__ import annotations

import inspect
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
from jinja2 import BytecodeCache
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.pool import NullPool
from werkzeug.routing.rules import Rule

from tracker import create_app
from tracker.extensions import db

PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BACKENDS = ["sqlite", "postgresql"]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")  # gw0, gw1… under pytest-xdist


# Chromium's flags for a closed network: no background connections, no sandbox as root.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def unavailable(reason: str):
    """Skip, with the reason shown; under CI=true fail instead, for CI must run every test."""
    if IN_CI:
        pytest.fail(f"{reason}; CI=true, so this fails instead of being skipped", pytrace=False)
    pytest.skip(reason)


def pytest_runtest_setup(item):
    if item.get_closest_marker("browser") is not None and CHROMIUM is None:
        unavailable("Debian's chromium is not installed (.ci/run installs it)")


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


class PgSchema:
    """A worker's schema in database `test`: its URL, its tables (parents first), and the means to
    empty it between tests and to keep and put back a copy of its rows (the demo's)."""

    def __init__(self, name: str, tables: list[str]):
        self.name, self.tables = name, tables
        # Commits need not wait for the WAL to reach the disk: a test database outlives no crash.
        self.url = f"{PG_ADMIN_URL}?options=-csearch_path%3D{name}%20-csynchronous_commit%3Doff"
        self.engine = create_engine(self.url)
        self.kept = 0

    def empty(self) -> None:
        """Every table emptied and every sequence back at 1: what TRUNCATE … RESTART IDENTITY does,
        without the new files TRUNCATE makes for each table and index (a third of a second a test
        on this project's machine; a DELETE of the few rows a test leaves takes milliseconds)."""
        with self.engine.begin() as conn:
            for table in reversed(self.tables):  # children first
                conn.execute(text(f'DELETE FROM "{table}"'))
            conn.execute(text("SELECT setval(format('%I', sequencename)::regclass, 1, false) FROM pg_sequences "
                              "WHERE schemaname = current_schema()"))

    def keep(self) -> str:
        """A copy of every table's rows and every sequence's position, in a schema beside this one."""
        self.kept += 1
        copy = f"{self.name}_k{self.kept}"
        with self.engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{copy}"'))
            for table in self.tables:
                conn.execute(text(f'CREATE TABLE "{copy}"."{table}" AS TABLE "{table}"'))
            conn.execute(text(f'CREATE TABLE "{copy}".sequences AS SELECT sequencename, last_value '
                              f"FROM pg_sequences WHERE schemaname = current_schema()"))
        return copy

    def put_back(self, copy: str) -> None:
        """The rows and sequences kept in `copy`, into this (empty) schema."""
        with self.engine.begin() as conn:
            for table in self.tables:  # parents first
                conn.execute(text(f'INSERT INTO "{table}" SELECT * FROM "{copy}"."{table}"'))
            conn.execute(text(f"SELECT setval(format('%I', sequencename)::regclass, coalesce(last_value, 1), "
                              f'last_value IS NOT NULL) FROM "{copy}".sequences'))


@pytest.fixture(scope="session")
def pg_schema():
    """A schema of its own in database `test` (named with the xdist worker and the process), so
    parallel workers and repeated runs never collide."""
    reason = pg_unavailable_reason()
    if reason:
        unavailable(reason)
    name = f"t_{WORKER}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    schema = PgSchema(name, [])
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": schema.url})
    with app.app_context():
        upgrade()
        schema.tables = [t.name for t in db.metadata.sorted_tables]
        db.engine.dispose()
    yield schema
    schema.engine.dispose()
    with admin.connect() as conn:
        for copy in [name] + [f"{name}_k{n}" for n in range(1, schema.kept + 1)]:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{copy}" CASCADE'))
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
    schema = request.getfixturevalue("pg_schema")
    schema.empty()
    return schema.url


class CompiledTemplates(BytecodeCache):
    """Every test has an app of its own, and each app's Jinja environment compiled every template
    it rendered again: more than a quarter of the time of the modules that render pages. The
    compiled code depends only on the template's source (checked by its checksum) and the
    environment's set-up, which create_app() makes the same for every app, so the apps of one test
    process share it."""

    def __init__(self):
        self.codes = {}

    def load_bytecode(self, bucket):
        checksum, code = self.codes.get(bucket.key, (None, None))
        if checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket):
        self.codes[bucket.key] = (bucket.checksum, bucket.code)


COMPILED_TEMPLATES = CompiledTemplates()


def share_url_builders() -> None:
    """Werkzeug compiles two Python functions for each of the app's 670 URL rules: 90% of
    create_app()'s time, a tenth of a second a test. A function depends only on the rule's text,
    its parsed parts and its defaults (the converters it calls are looked up on the rule it is
    bound to), so one process compiles each once. Left alone if Werkzeug's internals change."""
    compile_builder = getattr(Rule, "_compile_builder", None)
    if compile_builder is None or list(inspect.signature(compile_builder).parameters) != ["self", "append_unknown"]:
        return
    compiled = {}

    def shared(self, append_unknown=True):
        key = (self.rule, tuple(self._trace), repr(sorted((self.defaults or {}).items())), append_unknown)
        if key not in compiled:
            compiled[key] = compile_builder(self, append_unknown)
        return compiled[key]
    Rule._compile_builder = shared


share_url_builders()


@pytest.fixture
def app(database_url, tmp_path):
    app = create_app("testing", {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "UPLOAD_DIR": str(tmp_path / "uploads"),
    })
    app.jinja_env.bytecode_cache = COMPILED_TEMPLATES
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


def log_in(client, email: str, password: str | None = None, ip: str | None = None):
    """The one way tests log in: through the real login form (CSRF token and all). The password
    defaults to the factories' (tests/factories.PASSWORD); `ip` is the client's address."""
    from tests.factories import PASSWORD
    from_ip = {"environ_base": {"REMOTE_ADDR": ip}} if ip else {}
    page = client.get("/login", **from_ip)
    return client.post("/login", data={"email": email, "password": password or PASSWORD,
                                       "csrf_token": csrf_token(page.get_data(as_text=True))}, **from_ip)


class AuthActions:
    """Log in and out as a user (the demo's admin by default)."""

    def __init__(self, client):
        self.client = client

    def login(self, email="admin@example.gov.vn", password="demo1234"):
        return log_in(self.client, email, password)

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
def browser():
    """Debian's Chromium through Playwright, started once per process (each xdist worker): every
    browser test opens a context of its own on it (its own cookies, storage and cache) and closes it."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def link_or_copy(source, target):
    """A hard link to a kept evidence file (the tracker writes new files under new names and only
    ever removes them, so the kept one is never changed); a copy where links cannot be made."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


@pytest.fixture(scope="session")
def demo_snapshots(tmp_path_factory):
    """The demo as first loaded in this process (each xdist worker has its own), by backend and day:
    on SQLite the database file, on PostgreSQL a copy of the schema's rows (PgSchema.keep), and
    the evidence files beside either."""
    return {"root": tmp_path_factory.mktemp("demo"), "by_day": {}}


@pytest.fixture
def demo(app, today, backend, demo_snapshots, request):
    """The full demo data set, as `flask tracker demo` loads it. The first load of the run on each
    backend is kept and later tests put it into their empty database: the demo writes two plans,
    their histories and evidence files, which costs seconds a test."""
    from tracker.demo.load import load
    from tracker.models import User
    uploads = app.config["UPLOAD_DIR"]
    pg = request.getfixturevalue("pg_schema") if backend == "postgresql" else None
    snapshot = demo_snapshots["by_day"].get((backend, today))
    if snapshot is not None and db.session.scalar(select(func.count(User.id))) == 0:
        kept, folder, counts = snapshot
        db.session.remove()
        db.engine.dispose()
        if pg is None:
            shutil.copy(kept, app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///"))
        else:
            pg.put_back(kept)
        shutil.copytree(folder / "uploads", uploads, dirs_exist_ok=True, copy_function=link_or_copy)
        return dict(counts)
    counts = load(today)
    db.session.commit()
    if snapshot is None:
        db.session.remove()
        db.engine.dispose()
        folder = demo_snapshots["root"] / f"{backend}-{today.isoformat()}"
        folder.mkdir()
        if pg is None:
            kept = folder / "tracker.db"
            shutil.copy(app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///"), kept)
        else:
            kept = pg.keep()
        shutil.copytree(uploads, folder / "uploads")
        demo_snapshots["by_day"][(backend, today)] = (kept, folder, dict(counts))
    return counts
