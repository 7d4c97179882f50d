"""Benchmarks (a script, not timed tests): `make bench`.

- Import of a province-scale scoring sheet (2,000 rows) into a fresh SQLite database, and
  into PostgreSQL when one answers at 127.0.0.1:5432: parse time and whole-import time.
- Queries per page on the demo data, to catch N+1 patterns: the count must not grow with
  the number of rows shown.
Writes a summary to stdout and to bench/results/latest.txt.
"""
from __future__ import annotations

import io
import os
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# The scheduler and CLI build messages outside requests; so does the benchmark.

import openpyxl  # noqa: E402
from sqlalchemy import create_engine, event, select, text  # noqa: E402

from tracker import create_app  # noqa: E402
from tracker.extensions import db  # noqa: E402

PG_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
lines: list[str] = []


def say(line: str = "") -> None:
    print(line, flush=True)
    lines.append(line)


def big_sheet(fields=8, criteria=25, subs=9) -> tuple[bytes, int]:
    """fields × criteria × subs leaves, with parents: 8 + 200 + 1,800 = 2,008 rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm tối đa", "Điểm thẩm định", "Ghi chú"])
    rows = 0
    for f in range(1, fields + 1):
        ws.append([str(f), f"Lĩnh vực {f}", criteria * subs * 0.5, None, None])
        for c in range(1, criteria + 1):
            ws.append([f"{f}.{c}", f"Tiêu chí {f}.{c}", subs * 0.5, None, None])
            for s in range(1, subs + 1):
                score = 0.5 if (f + c + s) % 4 else 0.25
                ws.append([f"{f}.{c}.{s}", f"Tiêu chí thành phần {f}.{c}.{s}", 0.5, score,
                           "Thiếu tài liệu kiểm chứng" if score < 0.5 else None])
                rows += 1
            rows += 1
        rows += 1
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), rows


@contextmanager
def timer(label: str, per: int | None = None):
    start = time.perf_counter()
    yield
    elapsed = time.perf_counter() - start
    extra = f"  ({elapsed / per * 1000:.2f} ms/row)" if per else ""
    say(f"  {label:<42} {elapsed:7.2f} s{extra}")


def pg_available() -> bool:
    try:
        engine = create_engine(PG_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return True
    except Exception:
        return False


@contextmanager
def fresh_app(backend: str):
    """An app on an empty, migrated database of its own."""
    from flask_migrate import upgrade
    if backend == "sqlite":
        tmp = tempfile.TemporaryDirectory()
        url, cleanup = f"sqlite:///{tmp.name}/bench.db", tmp.cleanup
    else:
        schema = f"bench_{os.getpid()}_{uuid.uuid4().hex[:6]}"  # two may be open at once
        admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = f"{PG_URL}?options=-csearch_path%3D{schema}"

        def cleanup():
            with admin.connect() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False})
    try:
        with app.app_context():
            upgrade()
            yield app
            db.session.remove()
            db.engine.dispose()
    finally:
        cleanup()


def bench_import(backend: str, data: bytes, rows: int) -> None:
    from tracker.importers.scoring import parse_scoring
    from tracker.services import imports
    say(f"Import of a {rows:,}-row sheet ({len(data) / 1024:.0f} KiB xlsx) on {backend}:")
    with timer("parse and check (no database)", rows):
        parsed = parse_scoring(data, "big.xlsx", need_scores=True)
    assert not parsed.errors, parsed.errors[:3]
    with fresh_app(backend):
        with timer("import-results, one transaction", rows):
            imports.import_results(data, "big.xlsx", unit_name="UBND tỉnh Mẫu", year=2025, actor="bench")
            db.session.commit()
        with timer("re-import with --replace", rows):
            imports.import_results(data, "big.xlsx", unit_name="UBND tỉnh Mẫu", year=2025,
                                   replace=True, actor="bench")
            db.session.commit()


def bench_queries() -> None:
    """Queries per page on the demo data; the same page with 5 and 100 rows must match."""
    from tracker.demo.load import load
    say("Queries per page (demo data, SQLite):")
    with fresh_app("sqlite") as app:
        load(date.today())
        db.session.commit()
        client = app.test_client()
        client.post("/login", data={"email": "admin@example.gov.vn", "password": "demo1234"})
        statements: list[str] = []

        @event.listens_for(db.engine, "before_cursor_execute")
        def count(conn, cursor, statement, *args):
            statements.append(statement)

        assessment_id = db.session.scalar(select(db.text("max(id)")).select_from(db.text("assessments")))
        pages = ["/", "/tasks/?per_page=5", "/tasks/?per_page=100", "/tasks/1", "/plans/1",
                 f"/assessments/{assessment_id}", "/assessments/", "/rankings/%d" % (date.today().year - 1),
                 "/admin/users", "/admin/audit?per_page=100", "/api/v1/tasks?per_page=5",
                 "/api/v1/tasks?per_page=200", f"/api/v1/assessments/{assessment_id}/projection",
                 "/plans/1/export.docx"]
        for url in pages:
            statements.clear()
            start = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - start) * 1000
            if response.status_code != 200:  # a redirect or an error page would count another page's queries
                raise RuntimeError(f"{url} answered {response.status_code}: the count would be of another page")
            say(f"  {url:<42} {len(statements):3d} queries  {elapsed:6.1f} ms")


@contextmanager
def counted_queries():
    """Count the SQL statements run inside the block."""
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)
    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def bench_notifications(backend: str) -> None:
    """A day's reminders and a week's digests on province-scale data and on 1/100 of it: the
    query count must be the same, and the full scale must finish in under 10 s."""
    from bench import province
    from tracker.domain.periods import week_monday
    from tracker.notify import digests, reminders
    today = date.today()
    day = today if today.weekday() < 5 else today - timedelta(days=today.weekday() - 4)
    say(f"Reminders and weekly digests on {backend} (building every message, nothing queued):")
    say(f"  {'data':<34} {'reminders':>22} {'digests':>22}")
    for plans in (5, 500):
        with fresh_app(backend) as app:
            counts = province.build(plans=plans, today=today)
            cells = []
            for build in (lambda: reminders.build(day, app.config),
                          lambda: digests.build(week_monday(today), app.config)):
                db.session.expire_all()
                with counted_queries() as statements:
                    start = time.perf_counter()
                    built = build()
                    elapsed = time.perf_counter() - start
                cells.append(f"{len(built.messages):4d} msg {len(statements):3d} q {elapsed:6.2f} s")
            say(f"  {counts['tasks']:>6,} tasks, {counts['plans']:>3} plans, {counts['updates']:>6,} updates"
                f" {cells[0]:>22} {cells[1]:>22}")


def bench_reports(backend: str) -> None:
    """A quarterly report's figures and .docx for one plan (60 tasks), in a database of 300 and
    of 30,000 tasks with about five progress updates each: the same queries, under 2 s."""
    from bench import province
    from tracker.domain.periods import report_period
    from tracker.exporters.report_docx import report_docx
    from tracker.services import reports
    today = date.today()
    period = report_period(today.year, 3)  # quý III: ended 14/09, whatever month the bench runs in
    as_of = max(today, period.end + timedelta(days=1))
    say(f"Quarterly report of one plan on {backend} (figures from the history, then the .docx):")
    for plans in (5, 500):
        with fresh_app(backend) as app:
            counts = province.build(plans=plans, today=today, notes_per_task=4)
            plan = reports.load_plan(1)
            db.session.expire_all()
            with counted_queries() as statements:
                start = time.perf_counter()
                report = reports.build(plan, period, as_of)
                figures_s = time.perf_counter() - start
                report_docx(report.document)
                total = time.perf_counter() - start
            say(f"  {counts['tasks']:>6,} tasks, {counts['updates']:>7,} updates: {len(statements):3d} queries, "
                f"figures {figures_s:5.2f} s, with the .docx {total:5.2f} s")


def main() -> None:
    data, rows = big_sheet()
    bench_import("sqlite", data, rows)
    if pg_available():
        bench_import("postgresql", data, rows)
    else:
        say(f"PostgreSQL not reachable at {PG_URL}: skipped")
    say()
    bench_queries()
    say()
    bench_notifications("sqlite")
    if pg_available():
        bench_notifications("postgresql")
    say()
    bench_reports("sqlite")
    if pg_available():
        bench_reports("postgresql")
        say()
        from bench.pages import bench_pages
        bench_pages(say, fresh_app, counted_queries)
        say()
        from bench.units import bench_units
        bench_units(say, fresh_app, counted_queries)
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
