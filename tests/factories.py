"""Small factory functions: build just the rows a test needs."""
from __future__ import annotations

from datetime import date, timedelta

from tracker.domain.scoring import ScoreRow
from tracker.extensions import db
from tracker.models import Department, Task
from tracker.services import assessments, plans, setup, users

PASSWORD = "secret-pass-1"


def department(code: str, name: str | None = None, emails: str = "") -> Department:
    dept = Department(code=code, name=name or f"Phòng {code}", emails=emails or f"{code.lower()}@example.gov.vn")
    db.session.add(dept)
    db.session.flush()
    return dept


def user(email: str, role: str = "admin", department_code: str | None = None, password: str = PASSWORD):
    return users.create_user(email, email.split("@")[0].title(), role, password, department_code, actor="test")


def small_tree(scores: dict[str, float] | None = None) -> list[ScoreRow]:
    """Two fields, 10 points: 1 (1.1, 1.2) and 2 (2.1 survey)."""
    scores = {"1.1": 2.0, "1.2": 1.5, "2.1": 4.0, **(scores or {})}
    return [
        ScoreRow("1", "Chỉ đạo, điều hành", 6.0, row=1),
        ScoreRow("1.1", "Kế hoạch CCHC", 3.0, scores["1.1"], note="Ban hành chậm", row=2),
        ScoreRow("1.2", "Báo cáo CCHC", 3.0, scores["1.2"], row=3),
        ScoreRow("2", "Tác động", 4.0, row=4),
        ScoreRow("2.1", "Hài lòng (SIPAS)", 4.0, scores["2.1"], method="survey", row=5),
    ]


def lost_leaves(count: int) -> list[ScoreRow]:
    """One field of `count` 1-point criteria, every one lost: a task each."""
    return [ScoreRow("1", "Chỉ đạo, điều hành", float(count), row=1)] + [
        ScoreRow(f"1.{i}", f"Tiêu chí {i}", 1.0, 0.0, row=i + 1) for i in range(1, count + 1)]


def assessment(unit_name: str = "UBND xã Thử", year: int = 2025, rows=None):
    rows = rows or small_tree()
    unit = assessments.get_or_create_unit(unit_name)
    if not setup.is_set_up():
        unit.own = True  # the first unit a test scores is the installation's own, as if set up
    criteria_set = assessments.save_criteria_set(f"Bộ chỉ số {unit_name} {year}", year, rows, actor="test")
    return assessments.save_assessment(unit, year, criteria_set, rows, actor="test")


def plan_with_tasks(lead: Department, other: Department, today: date):
    """An assessment with two lost-point criteria: 1.1 led by `lead`, 1.2 by `other`."""
    a = assessment()
    plan, tasks = plans.generate_plan(a, "1/KH-UBND", today - timedelta(days=30), today + timedelta(days=60), actor="test")
    by_code = {t.criterion.code: t for t in tasks}
    by_code["1.1"].lead_department = lead
    by_code["1.2"].lead_department = other
    db.session.flush()
    return plan, by_code


def task_by_code(tasks: dict[str, Task], code: str) -> Task:
    return tasks[code]
