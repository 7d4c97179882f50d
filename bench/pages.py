"""Pages at province scale: the same pages served by gunicorn (one worker) from a PostgreSQL
database of 30,000 tasks and from one of 1/100 of it, timed over sequential requests, with the
SQL query count and size of each page. Every timed request must answer 200 with the page it
names (redirects are not followed; anything else stops the benchmark). Targets (issues 14 and
24): each page's median at 30,000 tasks within 1.3 × its median at 300, and page 500 of the
task list within 1.5 × page 1.

Run by `make bench` (bench/run.py) when PostgreSQL answers.
"""
from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REQUESTS = 200
PASSWORD = "bench-password-1"


@dataclass
class Timing:
    median_ms: float
    p95_ms: float
    queries: int
    size: int   # bytes of the answer


@dataclass
class Page:
    url: str
    marker: str   # what the answer must hold to be that page: its endpoint, or a JSON key


class WrongPage(RuntimeError):
    """A timed request did not answer 200 with the page it names: the timing would be of
    something else (a redirect to the set-up page, a login form, an error page)."""


def check(name: str, page: Page, status: int, body: str) -> None:
    if status != 200 or page.marker not in body:
        raise WrongPage(f"{name} ({page.url}) answered {status} without {page.marker!r}: the benchmark "
                        "would time another page")


def html(endpoint: str) -> str:
    return f'data-page="{endpoint}"'  # base.html names the endpoint it rendered


def pages(ids: dict) -> dict[str, Page]:
    """What an Office of Internal Affairs opens all day, by name."""
    plan, assessment, task, earlier = ids["plan"], ids["assessment"], ids["task"], ids["earlier_plan"]
    return {
        "task list": Page("/tasks/", html("tasks.index")),
        "task list, one department": Page("/tasks/?department=D03", html("tasks.index")),
        "task list, status in progress": Page("/tasks/?status=in_progress", html("tasks.index")),
        "task list, overdue": Page("/tasks/?overdue=1", html("tasks.index")),
        "task list, by deadline": Page("/tasks/?sort=deadline", html("tasks.index")),
        "task list, page 500": Page("/tasks/?page=500", html("tasks.index")),
        "API tasks, 100": Page("/api/v1/tasks?per_page=100", '"items"'),
        "task page": Page(f"/tasks/{task}", html("tasks.detail")),
        "dashboard": Page("/", html("dashboard.index")),
        "projection (API)": Page(f"/api/v1/assessments/{assessment}/projection", '"expected"'),
        "what-if": Page("/what-if", html("dashboard.what_if")),
        "plan page": Page(f"/plans/{plan}", html("plans.detail")),
        "reports list": Page("/reports/", html("reports.index")),
        "report page": Page(f"/plans/{plan}/reports/{ids['report']}", html("reports.detail")),
        "outcome page": Page(f"/plans/{earlier}/outcome", html("plans.outcome")),
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(database_url: str):
    """gunicorn with one worker on the database; returns (process, base URL) once it answers."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "bench-only-secret",
           "TRACKER_CONFIG": "development", "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "--workers", "1", "--bind", f"127.0.0.1:{port}",
                                "--log-level", "warning", "wsgi:app"], cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    import requests
    for _ in range(100):
        try:
            requests.get(base + "/login", timeout=1)
            return process, base
        except (requests.ConnectionError, requests.Timeout):  # the worker is still starting
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("gunicorn did not start")


def logged_in(base: str, email: str):
    import requests
    session = requests.Session()
    page = session.get(base + "/login").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    session.post(base + "/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    return session


def time_page(session, name: str, page: Page, url: str, headers: dict | None = None) -> tuple[float, float, int]:
    """Median and p95 of REQUESTS sequential requests, and the answer's size; every answer must
    be 200 with the page (redirects are not followed: they would time another page)."""
    times = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = session.get(url, headers=headers, allow_redirects=False)
        times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            check(name, page, response.status_code, "")
    check(name, page, response.status_code, response.text)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], len(response.content)


def measure(fresh_app, counted_queries, plans: int) -> tuple[dict, dict[str, Timing]]:
    """Build the data set, serve it, time every page; the in-process app counts the queries."""
    from bench import province
    from sqlalchemy import func, select, text

    from tracker.extensions import db
    from tracker.models import Plan, Task, User
    from tracker.services import dashboard, reports
    today = date.today()
    with fresh_app("postgresql") as app:
        counts = province.build(plans=plans, today=today)
        admin = db.session.scalar(select(User).where(User.email == "admin1@bench.gov.vn"))
        admin.set_password(PASSWORD)
        token = admin.issue_api_token()
        db.session.commit()
        # What autovacuum does within a minute of a bulk load: statistics and the visibility map.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
        plan = dashboard.latest_plan()  # the dashboard's: the own unit's newest
        earlier = db.session.scalar(select(Plan.id).where(Plan.id != plan.id, Plan.assessment.has(
            unit_id=plan.assessment.unit_id)))
        year = reports.plan_year(plan)
        started = [q for q in (1, 2, 3, 4) if reports.period(year, q).start < today]
        named = pages({"plan": plan.id, "assessment": plan.assessment_id, "earlier_plan": earlier,
                       "task": db.session.scalar(select(func.min(Task.id)).where(Task.plan_id == plan.id)),
                       "report": f"{year}-Q{started[-1]}"})
        client = app.test_client()
        client.post("/login", data={"email": admin.email, "password": PASSWORD})
        queries = {}
        for name, page in named.items():
            db.session.expire_all()
            with counted_queries() as statements:
                response = client.get(page.url, headers={"Authorization": f"Bearer {token}"}
                                      if page.url.startswith("/api/") else None)
            check(name, page, response.status_code, response.get_data(as_text=True))
            queries[name] = len(statements)
        process, base = serve(app.config["SQLALCHEMY_DATABASE_URI"])
        try:
            session = logged_in(base, admin.email)
            api = {"Authorization": f"Bearer {token}"}
            result = {}
            for name, page in named.items():
                headers = api if page.url.startswith("/api/") else None
                median, p95, size = time_page(session, name, page, base + page.url, headers)
                result[name] = Timing(median, p95, queries[name], size)
        finally:
            process.terminate()
            process.wait(timeout=10)
    return counts, result


def bench_pages(say, fresh_app, counted_queries) -> None:
    say(f"Pages served by gunicorn (1 worker) on PostgreSQL, {REQUESTS} sequential requests each, every one "
        "answered 200 with its page (median / p95 ms, SQL queries, KB):")
    small_counts, small = measure(fresh_app, counted_queries, plans=5)
    big_counts, big = measure(fresh_app, counted_queries, plans=500)
    say(f"  {'page':<30} {small_counts['tasks']:>6,} tasks {'':>10} {big_counts['tasks']:>6,} tasks {'':>10}"
        f" ratio  target")
    for name in small:
        s, b = small[name], big[name]
        if name == "task list, page 500":  # the 1/100 list has no page 500: compared with page 1
            ratio = b.median_ms / big["task list"].median_ms
            verdict = f"{'met' if ratio <= 1.5 else 'MISSED'} (× page 1 ≤ 1.5)"
        else:
            ratio = b.median_ms / s.median_ms
            verdict = f"{'met' if ratio <= 1.3 else 'MISSED'} (≤ 1.3)"
        say(f"  {name:<30} {s.median_ms:6.1f}/{s.p95_ms:6.1f} {s.queries:3d}q {s.size / 1024:5.1f}K"
            f"  {b.median_ms:6.1f}/{b.p95_ms:6.1f} {b.queries:3d}q {b.size / 1024:5.1f}K  {ratio:5.2f}  {verdict}")
