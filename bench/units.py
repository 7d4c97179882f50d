"""One server for a whole province (issue 23): the same pages at one unit and at 150 units that
each run their own plan in their own workspace (3,000 users, 100,000 tasks), served by gunicorn
from PostgreSQL, each page's requests alternating between the data sets. Target: every page and
API call within 1.3 × its time at one unit, with the same number of queries.

Timed, every request answering 200 with the page it names (bench/pages.py):
- the own unit's admin (the province's Sở Nội vụ) on its own plan, at 1 and at 150 units;
- a unit's admin (a ward's office) on its ward's plan at 150 units, against the own unit's
  admin at 1 unit (the same size of plan: what one office does all day);
- the units page, with 1 and 150 rows (25 to a page).

Run by `make bench` when PostgreSQL answers, or alone: `python bench/units.py`.
"""
from __future__ import annotations

import random
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, insert, select  # noqa: E402

from bench import province  # noqa: E402
from bench.pages import (PASSWORD, REQUESTS, Page, Served, check, get, html, logged_in, serve, summary,  # noqa: E402
                         vacuum)
from tracker.extensions import db  # noqa: E402
from tracker.models import (Assessment, CriterionResult, Department, Plan, RankingEntry, Task, Unit,  # noqa: E402
                            User)

UNITS = 150
TASKS_PER_UNIT = 667        # 150 × 667 = 100,050 tasks
DEPARTMENTS_PER_UNIT = 9    # with two officers each, an admin and a leader: 20 users a unit
TREE = (8, 12, 7)           # 672 scored leaves: each unit lost points on 667 of them
POINTS = 0.15
GROUP = "Xã, phường, đặc khu"


def own_email(unit_index: int, who: str) -> str:
    return f"{who}@tinh.bench.gov.vn" if unit_index == 0 else f"{who}@u{unit_index:03d}.bench.gov.vn"


def build(units: int, today: date, seed: int = 11) -> dict:
    """The own unit (index 0, the province) and units - 1 wards that run their own plan, each
    with its departments, 20 users, last year's results and this year's plan in progress."""
    rng = random.Random(seed)
    session = db.session
    year = today.year - 1
    created = datetime.combine(date(today.year, 2, 1), datetime.min.time())
    rows = province.criteria_rows(*TREE, points=POINTS)
    criteria_set, ids_by_code, leaves = province.write_criteria_set(year, rows)
    max_score = round(len(leaves) * POINTS, 2)

    session.execute(insert(Unit), [
        {"name": "UBND tỉnh Mẫu" if i == 0 else f"UBND phường Mẫu {i:03d}", "kind": "province" if i == 0 else "commune",
         "own": i == 0, "runs_own_plan": i > 0, "place": "Mẫu", "issuing_body": "UBND TỈNH MẪU" if i == 0 else None}
        for i in range(units)])
    unit_ids = list(session.scalars(select(Unit.id).order_by(Unit.id)))
    workspace_of = {i: (None if i == 0 else unit_id) for i, unit_id in enumerate(unit_ids)}
    session.execute(insert(Department), [
        {"code": f"D{d:02d}", "name": f"Phòng mẫu {d:02d}", "emails": f"d{d:02d}@u{i:03d}.bench.gov.vn",
         "active": True, "unit_id": workspace_of[i]} for i in range(units) for d in range(1, DEPARTMENTS_PER_UNIT + 1)])
    departments = {}  # (workspace, code) -> id
    for department_id, unit_id, code in session.execute(select(Department.id, Department.unit_id, Department.code)):
        departments[(unit_id, code)] = department_id
    users = []
    for i in range(units):
        ws = workspace_of[i]
        users += [{"email": own_email(i, "admin"), "name": f"Quản trị {i}", "role": "admin", "unit_id": ws},
                  {"email": own_email(i, "leader"), "name": f"Lãnh đạo {i}", "role": "leader", "unit_id": ws}]
        for d in range(1, DEPARTMENTS_PER_UNIT + 1):
            for j in (1, 2):
                users.append({"email": own_email(i, f"o{j}.d{d:02d}"), "name": f"Cán bộ {j} phòng {d:02d}",
                              "role": "department", "unit_id": ws, "department_id": departments[(ws, f"D{d:02d}")],
                              "is_head": j == 1})
    session.execute(insert(User), [{"department_id": None, "is_head": False, **u, "password_hash": province.PASSWORD_HASH,
                                    "active": True, "created_at": created} for u in users])
    officer_of = dict(session.execute(select(User.department_id, User.id).where(User.is_head.is_(True))).all())

    lost_by_unit, totals = {}, {}
    results = []
    for i, unit_id in enumerate(unit_ids):
        lost = set(rng.sample(range(len(leaves)), TASKS_PER_UNIT))
        scores = {n: (rng.choice([0.0, 0.05, 0.1]) if n in lost else POINTS) for n in range(len(leaves))}
        lost_by_unit[unit_id] = [(n, round(POINTS - scores[n], 2)) for n in sorted(lost)]
        totals[unit_id] = round(sum(scores.values()), 2)
        results.append((unit_id, scores))
    session.execute(insert(Assessment), [
        {"unit_id": unit_id, "year": year, "criteria_set_id": criteria_set.id, "total": totals[unit_id],
         "max_score": max_score, "classification": "Yếu", "imported_at": created} for unit_id in unit_ids])
    assessment_of = dict(session.execute(select(Assessment.unit_id, Assessment.id)).all())
    scored = [{"assessment_id": assessment_of[unit_id], "criterion_id": leaves[n][0], "appraised_score": score,
               "self_score": score} for unit_id, scores in results for n, score in scores.items()]
    parents = [ids_by_code[code] for code, _t, _p, _d, leaf, _m in rows if not leaf]
    scored += [{"assessment_id": assessment_of[unit_id], "criterion_id": criterion_id, "appraised_score": None,
                "self_score": None} for unit_id in unit_ids for criterion_id in parents]  # as an import stores them
    for start in range(0, len(scored), 10000):
        session.execute(insert(CriterionResult), scored[start:start + 10000])
    if units > 1:  # the province ranks its wards as a group of their own
        session.execute(insert(RankingEntry), [
            {"year": year, "group": GROUP, "unit_name": f"UBND phường Mẫu {i:03d}", "unit_id": unit_id,
             "score": totals[unit_id], "max_score": max_score} for i, unit_id in enumerate(unit_ids) if i > 0])
    session.execute(insert(Plan), [
        {"assessment_id": assessment_of[unit_id], "workspace_id": workspace_of[i], "number": f"{i + 1}/KH-UBND",
         "issued_on": created.date(),
         "default_deadline": date(today.year, 12, 15), "created_at": created} for i, unit_id in enumerate(unit_ids)])
    plan_of = dict(session.execute(select(Plan.assessment_id, Plan.id)).all())
    tasks = []
    for i, unit_id in enumerate(unit_ids):
        for n, lost in lost_by_unit[unit_id]:
            deadline, status, progress = province.random_task(rng, today)
            code = f"D{n % DEPARTMENTS_PER_UNIT + 1:02d}"
            tasks.append({"plan_id": plan_of[assessment_of[unit_id]], "workspace_id": workspace_of[i],
                          "criterion_id": leaves[n][0],
                          "title": f"Khắc phục tiêu chí {n}", "product": "Văn bản ban hành",
                          "lead_department_id": departments[(workspace_of[i], code)], "deadline": deadline,
                          "status": status, "progress": progress, "lost_points": lost, "edited": False, "version": 1,
                          "created_at": created, "updated_at": created})
    for start in range(0, len(tasks), 10000):
        session.execute(insert(Task), tasks[start:start + 10000])
    task_rows = session.execute(select(Task.id, Task.status, Task.progress, Task.lead_department_id)).all()
    updates = province.write_history(rng, task_rows, officer_of, created, today)
    session.commit()
    return {"units": units, "tasks": len(tasks), "updates": updates, "users": len(users)}


def unit_pages(ids: dict) -> dict[str, Page]:
    """What one office opens all day on its own plan."""
    return {
        "dashboard": Page("/", html("dashboard.index")),
        "task list": Page("/tasks/", html("tasks.index")),
        "task list, one department": Page("/tasks/?department=D03", html("tasks.index")),
        "task list, overdue": Page("/tasks/?overdue=1", html("tasks.index")),
        "task list, page 20": Page("/tasks/?page=20", html("tasks.index")),
        "task page": Page(f"/tasks/{ids['task']}", html("tasks.detail")),
        "plan page": Page(f"/plans/{ids['plan']}", html("plans.detail")),
        "what-if": Page("/what-if", html("dashboard.what_if")),
        "reports list": Page("/reports/", html("reports.index")),
        "API tasks, 100": Page("/api/v1/tasks?per_page=100", '"items"'),
        "API projection": Page(f"/api/v1/assessments/{ids['assessment']}/projection", '"expected"'),
    }


@dataclass
class Office:
    """One unit's admin, logged in to one data set."""
    email: str
    served: Served


def office(app, counted_queries, unit_index: int, with_units_page: bool) -> Office:
    """The admin of that unit: a password, a token, its pages named and their queries counted
    in-process (each must answer 200 with its page)."""
    admin = db.session.scalar(select(User).where(User.email == own_email(unit_index, "admin")))
    admin.set_password(PASSWORD)
    token = admin.issue_api_token()
    db.session.commit()
    unit_id = db.session.scalar(select(Unit.id).order_by(Unit.id).offset(unit_index).limit(1))
    assessment = db.session.scalar(select(Assessment).where(Assessment.unit_id == unit_id))
    plan_id = db.session.scalar(select(Plan.id).where(Plan.assessment_id == assessment.id))
    named = unit_pages({"plan": plan_id, "assessment": assessment.id,
                        "task": db.session.scalar(select(func.min(Task.id)).where(Task.plan_id == plan_id))})
    if with_units_page:  # 1 row against 25 of 150: also with one row a page, the same page at both scales
        named["units page"] = Page("/units/", html("units.index"))
        named["units page, 1 row a page"] = Page("/units/?per_page=1", html("units.index"))
    client = app.test_client()
    api = {"Authorization": f"Bearer {token}"}

    def get_page(url: str):
        # A context of its own, as when served: `g` (the logged-in user) and the session are the request's.
        with app.app_context():
            return client.get(url, headers=api if url.startswith("/api/") else None)
    with app.app_context():
        client.post("/login", data={"email": admin.email, "password": PASSWORD})
    queries = {}
    for name, page in named.items():
        get_page(page.url)  # the first view of the units page stores its figures
        with counted_queries() as statements:
            response = get_page(page.url)
        check(name, page, response.status_code, response.get_data(as_text=True))
        queries[name] = len(statements)
    return Office(admin.email, Served({}, named, queries, api=api))


def bench_units(say, fresh_app, counted_queries, units: int = UNITS) -> None:
    today = date.today()
    say(f"One server for a province: 1 unit against {units} units that run their own plan (gunicorn, 1 worker "
        f"each, PostgreSQL), {REQUESTS} requests per page and office, alternating; median / p95 ms, queries, KB:")
    processes = []
    try:
        with fresh_app("postgresql") as small_app:
            small_counts = build(1, today)
            vacuum()
            alone = office(small_app, counted_queries, 0, with_units_page=True)
            with fresh_app("postgresql") as big_app:
                big_counts = build(units, today)
                vacuum()
                home = office(big_app, counted_queries, 0, with_units_page=True)
                ward = office(big_app, counted_queries, units // 2, with_units_page=False)
                for app, offices in ((small_app, (alone,)), (big_app, (home, ward))):
                    process, base = serve(app.config["SQLALCHEMY_DATABASE_URI"])
                    processes.append(process)
                    for each in offices:
                        each.served.base = base
                        each.served.session = logged_in(base, each.email)
                results = {}
                shuffle = random.Random(5).shuffle
                for name in alone.served.named:
                    timed = [o for o in (alone, home, ward) if name in o.served.named]
                    times, last = [[] for _ in timed], [None] * len(timed)
                    for _ in range(REQUESTS):
                        # In turn, in a new order each round: a pause of the server's garbage
                        # collector, due every so many requests, must not always fall on the same office.
                        order = list(enumerate(timed))
                        shuffle(order)
                        for i, each in order:
                            elapsed, last[i] = get(each.served, name)
                            times[i].append(elapsed)
                    results[name] = [summary(name, each.served, times[i], last[i]) for i, each in enumerate(timed)]
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)
    say(f"  1 unit: {small_counts['tasks']:,} tasks, {small_counts['users']:,} users; {units} units: "
        f"{big_counts['tasks']:,} tasks, {big_counts['users']:,} users, {big_counts['updates']:,} progress updates")
    say(f"  {'page':<28} {'1 unit':>24} {'own unit, ' + str(units) + ' units':>27} {'ratio':>6}"
        f" {'a ward, ' + str(units) + ' units':>27} {'ratio':>6}")
    missed = 0
    for name, timings in results.items():
        cells, base = [], timings[0]
        for t in timings[1:]:
            ratio = t.median_ms / base.median_ms
            missed += ratio > 1.3 or t.queries > base.queries
            cells.append(f"{t.median_ms:6.1f}/{t.p95_ms:6.1f} {t.queries:3d}q {t.size / 1024:5.1f}K {ratio:6.2f}")
        say(f"  {name:<28} {base.median_ms:6.1f}/{base.p95_ms:6.1f} {base.queries:3d}q {base.size / 1024:5.1f}K "
            + "  ".join(cells))
    say(f"  target: each ratio ≤ 1.3, no more queries: {'met' if not missed else f'{missed} MISSED'}")


if __name__ == "__main__":
    from bench import run
    bench_units(run.say, run.fresh_app, run.counted_queries, units=int(sys.argv[1]) if len(sys.argv) > 1 else UNITS)
