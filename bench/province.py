"""Synthetic province-scale data for the benchmarks, written with bulk inserts.

`build(plans=500, tasks_per_plan=60)` gives a criteria set of 64 scored leaves, one unit,
assessment and plan per `plans` (each unit lost points on `tasks_per_plan` leaves, one task
each), 20 departments with two officers each (one the head), admins and leaders, a ranking of
every unit, and about 1.5 progress updates per task spread over the year, so reminders, digests
and reports have overdue, due-soon, stale, finished and returned tasks to find. Deterministic.
"""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from sqlalchemy import insert, select, update

from tracker.extensions import db
from tracker.models import (Assessment, CriteriaSet, Criterion, CriterionResult, Department, Plan,
                            ProgressUpdate, RankingEntry, Task, Unit, User)

FIELDS, CRITERIA, LEAVES = 8, 4, 2        # 8 × 4 × 2 = 64 scored leaves of 1.5 points: 96 points
LEAF_POINTS = 1.5
DEPARTMENTS = 20
PASSWORD_HASH = "pbkdf2:sha256:600000$bench$" + "0" * 64  # nobody logs in with it


def criteria_rows(fields: int = FIELDS, criteria: int = CRITERIA, leaves: int = LEAVES, points: float = LEAF_POINTS):
    """(code, title, maximum, depth, is leaf, method): fields × criteria × leaves scored leaves,
    the last field's by survey."""
    rows = []
    for f in range(1, fields + 1):
        rows.append((str(f), f"Lĩnh vực {f}", criteria * leaves * points, 0, False, "appraisal"))
        for c in range(1, criteria + 1):
            rows.append((f"{f}.{c}", f"Tiêu chí {f}.{c}", leaves * points, 1, False, "appraisal"))
            for s in range(1, leaves + 1):
                method = "survey" if f == fields else "appraisal"
                rows.append((f"{f}.{c}.{s}", f"Tiêu chí thành phần {f}.{c}.{s}", points, 2, True, method))
    return rows


def write_criteria_set(year: int, rows) -> tuple[CriteriaSet, dict[str, int], list[tuple[int, str]]]:
    """The set with those rows; returns it, its criteria's ids by code and its leaves (id, method)."""
    session = db.session
    criteria_set = CriteriaSet(name=f"Bộ chỉ số mẫu {year}", year=year)
    session.add(criteria_set)
    session.flush()
    ids_by_code: dict[str, int] = {}
    for position, (code, title, points, depth, leaf, method) in enumerate(rows):
        parent = ids_by_code.get(code.rsplit(".", 1)[0]) if "." in code else None
        criterion = Criterion(criteria_set_id=criteria_set.id, code=code, title=title, max_points=points,
                              parent_id=parent, position=position, depth=depth, is_leaf=leaf, method=method)
        session.add(criterion)
        session.flush()
        ids_by_code[code] = criterion.id
    return criteria_set, ids_by_code, [(ids_by_code[code], method) for code, _t, _p, _d, leaf, method in rows if leaf]


def random_task(rng: random.Random, today: date) -> tuple[date, str, int]:
    """A deadline, status and progress spread as a province's plans are in the autumn."""
    deadline = today + timedelta(days=rng.randint(-120, 90))
    status = rng.choices(["not_started", "in_progress", "done", "verified", "blocked", "cancelled"],
                         [20, 45, 10, 15, 5, 5])[0]
    return deadline, status, {"not_started": 0, "done": 100, "verified": 100}.get(status, rng.randint(5, 95))


def write_history(rng: random.Random, task_rows, officer_of: dict, created: datetime, today: date,
                  notes_per_task: int = 0) -> int:
    """Each task's progress updates from its creation to its present state (`task_rows`: id,
    status, progress, lead department), by the department's officer; returns their number."""
    updates = []
    span = max((datetime.combine(today, datetime.min.time()) - created).days, 1)
    for task_id, status, progress, department_id in task_rows:
        steps = {"not_started": [], "cancelled": [("in_progress", 10), ("cancelled", 10)]}.get(status)
        if steps is None:
            steps = [("in_progress", max(progress // 2, 5))]
            steps.append((status, progress) if status != "verified" else ("done", 100))
            if status == "verified":
                steps.append(("verified", 100))
        moments = sorted(created + timedelta(days=rng.uniform(1, span - 0.1)) for _ in range(len(steps) + notes_per_task))
        notes = set(rng.sample(range(len(moments)), notes_per_task))  # these moments only add a note
        steps = iter(steps)
        previous = ("not_started", 0)
        for index, at in enumerate(moments):
            to_status, to_progress = previous if index in notes else next(steps)
            updates.append({"task_id": task_id, "user_id": officer_of.get(department_id), "at": at,
                            "status_from": previous[0], "status_to": to_status, "progress_from": previous[1],
                            "progress_to": to_progress,
                            "note": "Đang hoàn thiện hồ sơ" if index in notes else "Cập nhật tiến độ"})
            previous = (to_status, to_progress)
    for start in range(0, len(updates), 5000):
        db.session.execute(insert(ProgressUpdate), updates[start:start + 5000])
    return len(updates)


def build(plans: int = 500, tasks_per_plan: int = 60, today: date | None = None, seed: int = 7,
          notes_per_task: int = 0) -> dict:
    """Write the data set in the current session and commit; returns its counts. `notes_per_task`
    adds that many progress notes per task (updates that keep the state), for a longer history."""
    rng = random.Random(seed)
    today = today or date.today()
    year = today.year - 1
    created = datetime.combine(date(today.year, 2, 1), datetime.min.time())
    session = db.session

    criteria_set, ids_by_code, leaves = write_criteria_set(year, criteria_rows())
    max_score = len(leaves) * LEAF_POINTS

    session.execute(insert(Department), [
        {"code": f"D{i:02d}", "name": f"Sở mẫu {i:02d}", "emails": f"d{i:02d}@bench.gov.vn", "active": True}
        for i in range(1, DEPARTMENTS + 1)])
    department_ids = list(session.scalars(select(Department.id).order_by(Department.id)))
    users = [{"email": f"admin{i}@bench.gov.vn", "name": f"Quản trị {i}", "role": "admin"} for i in (1, 2)]
    users += [{"email": f"leader{i}@bench.gov.vn", "name": f"Lãnh đạo {i}", "role": "leader"} for i in (1, 2, 3)]
    for i, department_id in enumerate(department_ids, start=1):
        for j in (1, 2):
            users.append({"email": f"o{j}.d{i:02d}@bench.gov.vn", "name": f"Cán bộ {j} sở {i:02d}",
                          "role": "department", "department_id": department_id, "is_head": j == 1})
    session.execute(insert(User), [{"department_id": None, "is_head": False, **u, "password_hash": PASSWORD_HASH,
                                    "active": True, "created_at": created} for u in users])
    officer_ids = dict(session.execute(select(User.department_id, User.id).where(User.is_head.is_(True))).all())

    session.execute(insert(Unit), [{"name": f"UBND xã Mẫu {i:03d}", "kind": "commune"} for i in range(plans)])
    unit_ids = list(session.scalars(select(Unit.id).order_by(Unit.id)))
    # The installation is set up for the last unit, whose plan is the newest (the dashboard's):
    # without its own unit every admin page would redirect to the set-up.
    session.execute(update(Unit).where(Unit.id == unit_ids[-1]).values(
        own=True, place="Mẫu", issuing_body=f"UBND XÃ MẪU {plans - 1:03d}"))
    totals = []
    results, lost_by_unit = [], {}
    for unit_id in unit_ids:
        lost = rng.sample(range(len(leaves)), tasks_per_plan)
        scores = {i: (round(rng.choice([0.0, 0.5, 0.75, 1.0]), 2) if i in lost else LEAF_POINTS)
                  for i in range(len(leaves))}
        lost_by_unit[unit_id] = [(i, LEAF_POINTS - scores[i]) for i in sorted(lost)]
        totals.append(round(sum(scores.values()), 2))
        results.append(scores)
    session.execute(insert(Assessment), [
        {"unit_id": unit_id, "year": year, "criteria_set_id": criteria_set.id, "total": total,
         "max_score": max_score, "classification": "Khá", "imported_at": created}
        for unit_id, total in zip(unit_ids, totals)])
    assessment_ids = dict(session.execute(select(Assessment.unit_id, Assessment.id)).all())
    rows = [{"assessment_id": assessment_ids[unit_id], "criterion_id": leaves[i][0], "appraised_score": score,
             "self_score": score} for unit_id, scores in zip(unit_ids, results) for i, score in scores.items()]
    parents = [ids_by_code[code] for code, _t, _p, _d, leaf, _m in criteria_rows() if not leaf]
    rows += [{"assessment_id": assessment_ids[unit_id], "criterion_id": criterion_id, "appraised_score": None,
              "self_score": None} for unit_id in unit_ids for criterion_id in parents]  # as an import stores them
    for start in range(0, len(rows), 5000):
        session.execute(insert(CriterionResult), rows[start:start + 5000])
    session.execute(insert(RankingEntry), [
        {"year": year, "unit_name": f"UBND xã Mẫu {i:03d}", "unit_id": unit_id, "score": total,
         "max_score": max_score} for i, (unit_id, total) in enumerate(zip(unit_ids, totals))])
    session.execute(insert(Plan), [
        {"assessment_id": assessment_ids[unit_id], "number": f"{n + 1}/KH-UBND", "issued_on": created.date(),
         "default_deadline": date(today.year, 12, 15), "created_at": created}
        for n, unit_id in enumerate(unit_ids)])
    plan_ids = dict(session.execute(select(Plan.assessment_id, Plan.id)).all())

    tasks = []
    for unit_id in unit_ids:
        for i, lost in lost_by_unit[unit_id]:
            deadline, status, progress = random_task(rng, today)
            department_id = department_ids[(i // (LEAVES * CRITERIA) * 3 + i) % DEPARTMENTS]
            tasks.append({"plan_id": plan_ids[assessment_ids[unit_id]], "criterion_id": leaves[i][0],
                          "title": f"Khắc phục tiêu chí {i}", "product": "Văn bản ban hành",
                          "lead_department_id": department_id, "deadline": deadline, "status": status,
                          "progress": progress, "lost_points": round(lost, 2), "edited": False, "version": 1,
                          "created_at": created, "updated_at": created})
    for start in range(0, len(tasks), 5000):
        session.execute(insert(Task), tasks[start:start + 5000])
    task_rows = session.execute(select(Task.id, Task.status, Task.progress, Task.lead_department_id)).all()

    updates = write_history(rng, task_rows, officer_ids, created, today, notes_per_task)
    earlier_closed_plan(rng, unit_ids[-1], criteria_set.id, leaves, department_ids, year - 1, tasks_per_plan)
    session.commit()
    return {"plans": plans, "tasks": len(tasks), "updates": updates, "departments": DEPARTMENTS,
            "users": len(users)}


def earlier_closed_plan(rng: random.Random, unit_id: int, criteria_set_id: int, leaves: list, department_ids: list,
                        year: int, tasks: int) -> int:
    """The own unit's plan of the year before, closed (every task verified or cancelled, with
    its history): what its outcome page and the annual report's look back read. Returns its id."""
    session = db.session
    lost = rng.sample(range(len(leaves)), tasks)
    scores = {i: (0.5 if i in lost else LEAF_POINTS) for i in range(len(leaves))}
    issued = datetime(year + 1, 3, 1)
    assessment = Assessment(unit_id=unit_id, year=year, criteria_set_id=criteria_set_id,
                            total=sum(scores.values()), max_score=len(leaves) * LEAF_POINTS,
                            classification="Khá", imported_at=issued)
    session.add(assessment)
    session.flush()
    session.execute(insert(CriterionResult), [
        {"assessment_id": assessment.id, "criterion_id": leaves[i][0], "appraised_score": score,
         "self_score": score} for i, score in scores.items()])
    plan = Plan(assessment_id=assessment.id, number="9/KH-UBND", issued_on=issued.date(),
                default_deadline=date(year + 1, 11, 30), created_at=issued)
    session.add(plan)
    session.flush()
    for n, i in enumerate(sorted(lost)):
        status = "cancelled" if n % 10 == 9 else "verified"
        task = Task(plan_id=plan.id, criterion_id=leaves[i][0], title=f"Khắc phục tiêu chí {i}",
                    product="Văn bản ban hành", lead_department_id=department_ids[i % len(department_ids)],
                    deadline=date(year + 1, 10, 30), status=status, progress=100 if status == "verified" else 10,
                    lost_points=LEAF_POINTS - 0.5, created_at=issued, updated_at=issued)
        session.add(task)
        session.flush()
        steps = [("in_progress", 50), ("done", 100), ("verified", 100)] if status == "verified" else [("cancelled", 10)]
        previous = ("not_started", 0)
        for k, (to_status, to_progress) in enumerate(steps):
            session.add(ProgressUpdate(task_id=task.id, at=issued + timedelta(days=30 * (k + 1)),
                                       status_from=previous[0], status_to=to_status, progress_from=previous[1],
                                       progress_to=to_progress, note="Đã hoàn thành, có tài liệu kiểm chứng"))
            previous = (to_status, to_progress)
    return plan.id
