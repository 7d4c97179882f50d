"""Pages at province scale: the same pages served by gunicorn (one worker) from a PostgreSQL
database of 30,000 tasks and from one of 1/100 of it, timed over sequential requests, with the
SQL query count of each page. Targets (issue 14): each page's median at 30,000 tasks within
1.3 × its median at 300, and page 500 of the task list within 1.5 × page 1.

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
    status: int


def pages(assessment_id: int, task_id: int) -> dict[str, str]:
    """What an Office of Internal Affairs opens all day, by name."""
    return {
        "task list": "/tasks/",
        "task list, one department": "/tasks/?department=D03",
        "task list, status in progress": "/tasks/?status=in_progress",
        "task list, overdue": "/tasks/?overdue=1",
        "task list, by deadline": "/tasks/?sort=deadline",
        "task list, page 500": "/tasks/?page=500",
        "API tasks, 100": "/api/v1/tasks?per_page=100",
        "task page": f"/tasks/{task_id}",
        "dashboard": "/",
        "projection (API)": f"/api/v1/assessments/{assessment_id}/projection",
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


def time_page(session, url: str, headers: dict | None = None) -> tuple[float, float, int]:
    times, status = [], 0
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = session.get(url, headers=headers)
        times.append((time.perf_counter() - start) * 1000)
        status = response.status_code
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], status


def measure(fresh_app, counted_queries, plans: int) -> tuple[dict, dict[str, Timing]]:
    """Build the data set, serve it, time every page; the in-process app counts the queries."""
    from bench import province
    from sqlalchemy import func, select, text

    from tracker.extensions import db
    from tracker.models import Assessment, Plan, Task, User
    with fresh_app("postgresql") as app:
        counts = province.build(plans=plans, today=date.today())
        admin = db.session.scalar(select(User).where(User.email == "admin1@bench.gov.vn"))
        admin.set_password(PASSWORD)
        token = admin.issue_api_token()
        db.session.commit()
        # What autovacuum does within a minute of a bulk load: statistics and the visibility map.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
        plan = db.session.scalar(select(Plan).order_by(Plan.id.desc()).limit(1))  # the dashboard's
        task_id = db.session.scalar(select(func.min(Task.id)).where(Task.plan_id == plan.id))
        named = pages(plan.assessment_id, task_id)
        client = app.test_client()
        client.post("/login", data={"email": admin.email, "password": PASSWORD})
        queries = {}
        for name, url in named.items():
            db.session.expire_all()
            with counted_queries() as statements:
                client.get(url)
            queries[name] = len(statements)
        process, base = serve(app.config["SQLALCHEMY_DATABASE_URI"])
        try:
            session = logged_in(base, admin.email)
            api = {"Authorization": f"Bearer {token}"}
            result = {}
            for name, url in named.items():
                headers = api if url.startswith("/api/") else None
                median, p95, status = time_page(session, base + url, headers)
                result[name] = Timing(median, p95, queries[name], status)
        finally:
            process.terminate()
            process.wait(timeout=10)
    return counts, result


def bench_pages(say, fresh_app, counted_queries) -> None:
    say(f"Pages served by gunicorn (1 worker) on PostgreSQL, {REQUESTS} sequential requests each "
        "(median / p95 ms, SQL queries):")
    small_counts, small = measure(fresh_app, counted_queries, plans=5)
    big_counts, big = measure(fresh_app, counted_queries, plans=500)
    say(f"  {'page':<30} {small_counts['tasks']:>6,} tasks {'':>4} {big_counts['tasks']:>6,} tasks {'':>4}"
        f" ratio  target")
    for name in small:
        s, b = small[name], big[name]
        if name == "task list, page 500":  # the 1/100 list has no page 500: compared with page 1
            ratio = b.median_ms / big["task list"].median_ms
            verdict = f"{'met' if ratio <= 1.5 else 'MISSED'} (× page 1 ≤ 1.5)"
        else:
            ratio = b.median_ms / s.median_ms
            verdict = f"{'met' if ratio <= 1.3 else 'MISSED'} (≤ 1.3)"
        say(f"  {name:<30} {s.median_ms:6.1f}/{s.p95_ms:6.1f} {s.queries:3d}q  {b.median_ms:6.1f}/{b.p95_ms:6.1f} "
            f"{b.queries:3d}q  {ratio:5.2f}  {verdict}" + ("" if b.status == 200 else f"  (HTTP {b.status})"))
