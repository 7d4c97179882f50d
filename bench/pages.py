"""Pages at province scale: the same pages served by gunicorn (one worker) from a PostgreSQL
database of 30,000 tasks and from one of 1/100 of it, both at once, each page's requests
alternating between the two (so that whatever else the machine does slows both alike), with
the SQL query count and size of each page. Every timed request must answer 200 with the page it
names (redirects are not followed; anything else stops the benchmark). Targets (issues 14 and
24; the units page: 23): each page's median at 30,000 tasks within 1.3 × its median at 300, and page 500 of the
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
        # Every unit's plan (issue 23): 5 and 500 units, so the ratio is the units' as well.
        "units page": Page("/units/", html("units.index")),
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


@dataclass
class Served:
    """One data set, built and served: its pages, its logged-in session, its query counts."""
    counts: dict
    named: dict[str, Page]
    queries: dict[str, int]
    base: str = ""
    session: object = None
    api: dict | None = None


def get(served: Served, name: str) -> tuple[float, object]:
    """One timed request of the page; it must answer 200 (redirects are not followed: they
    would time another page)."""
    page = served.named[name]
    headers = served.api if page.url.startswith("/api/") else None
    start = time.perf_counter()
    response = served.session.get(served.base + page.url, headers=headers, allow_redirects=False)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        check(name, page, response.status_code, "")
    return elapsed, response


def summary(name: str, served: Served, times: list[float], last) -> Timing:
    check(name, served.named[name], last.status_code, last.text)
    times.sort()
    return Timing(statistics.median(times), times[int(len(times) * 0.95) - 1], served.queries[name], len(last.content))


def prepare(app, counted_queries, plans: int) -> tuple[Served, str]:
    """Build the data set in the app's (current) database; name its pages and count their
    queries in-process. Returns it and the admin's API token."""
    from bench import province
    from sqlalchemy import func, select

    from tracker.extensions import db
    from tracker.models import Plan, Task, User
    from tracker.services import dashboard, reports
    today = date.today()
    counts = province.build(plans=plans, today=today)
    admin = db.session.scalar(select(User).where(User.email == "admin1@bench.gov.vn"))
    admin.set_password(PASSWORD)
    token = admin.issue_api_token()
    db.session.commit()
    vacuum()
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
    return Served(counts, named, queries, api={"Authorization": f"Bearer {token}"}), admin.email


def vacuum() -> None:
    """What autovacuum does within a minute of a bulk load: statistics and the visibility map."""
    from sqlalchemy import text

    from tracker.extensions import db
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))


def bench_pages(say, fresh_app, counted_queries) -> None:
    """Both data sets served at once, each page's requests alternating between them: whatever
    else the machine does slows both alike, so the ratio holds."""
    say(f"Pages served by gunicorn (1 worker each) on PostgreSQL, {REQUESTS} requests each, alternating "
        "between the two data sets, every one answered 200 with its page (median / p95 ms, SQL queries, KB):")
    processes = []
    try:
        with fresh_app("postgresql") as small_app:
            small, email = prepare(small_app, counted_queries, plans=5)
            with fresh_app("postgresql") as big_app:
                big, _ = prepare(big_app, counted_queries, plans=500)
                for served, app in ((small, small_app), (big, big_app)):
                    process, served.base = serve(app.config["SQLALCHEMY_DATABASE_URI"])
                    processes.append(process)
                    served.session = logged_in(served.base, email)
                results = {}
                for name in small.named:
                    times, last = ([], []), [None, None]
                    for _ in range(REQUESTS):
                        for i, served in enumerate((small, big)):
                            elapsed, last[i] = get(served, name)
                            times[i].append(elapsed)
                    results[name] = (summary(name, small, times[0], last[0]), summary(name, big, times[1], last[1]))
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)
    report(say, small.counts, big.counts, results)


def report(say, small_counts: dict, big_counts: dict, results: dict) -> None:
    say(f"  {'page':<30} {small_counts['tasks']:>6,} tasks {'':>10} {big_counts['tasks']:>6,} tasks {'':>10}"
        f" ratio  target")
    big_list = results["task list"][1]
    for name, (s, b) in results.items():
        if name == "task list, page 500":  # the 1/100 list has no page 500: compared with page 1
            ratio = b.median_ms / big_list.median_ms
            verdict = f"{'met' if ratio <= 1.5 else 'MISSED'} (× page 1 ≤ 1.5)"
        else:
            ratio = b.median_ms / s.median_ms
            verdict = f"{'met' if ratio <= 1.3 else 'MISSED'} (≤ 1.3)"
        say(f"  {name:<30} {s.median_ms:6.1f}/{s.p95_ms:6.1f} {s.queries:3d}q {s.size / 1024:5.1f}K"
            f"  {b.median_ms:6.1f}/{b.p95_ms:6.1f} {b.queries:3d}q {b.size / 1024:5.1f}K  {ratio:5.2f}  {verdict}")
