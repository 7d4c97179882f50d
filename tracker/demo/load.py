"""Load the demo: Tánh Linh's last two years of results, its peers, users and this year's plan.

Dates follow today: the assessed year is last year, the plan runs through this year, and
whenever it is loaded some tasks are verified or done, some overdue, some due soon.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from tracker.domain.planning import ALL_DEPARTMENTS
from tracker.domain.scoring import ScoreRow
from tracker.demo import data
from tracker.extensions import db
from tracker.importers.ranking import RankingRow
from tracker.models import Department, PlanningRule, ProgressUpdate, Task, TaskStatus, User
from tracker.services import assessments, plans, users

ACTOR = "demo"


def score_rows(which: int) -> list[ScoreRow]:
    """which=4: last year's scores; which=5: the year before's (see data.CRITERIA)."""
    return [ScoreRow(code=row[0], title=row[1], max_points=row[2], method=row[3] or "appraisal",
                     appraised=row[which], self_assessed=row[which],
                     note=row[6] if which == 4 else "")
            for row in data.CRITERIA]


def load(today: date) -> dict:
    """Write the whole demo in the current transaction; the caller commits. Returns counts."""
    departments = {}
    for code, name, emails in data.DEPARTMENTS:
        departments[code] = Department(code=code, name=name, emails=", ".join(emails))
        db.session.add(departments[code])
    db.session.flush()
    for code, lead in data.FIELD_OWNERS.items():
        supporting = ALL_DEPARTMENTS if code == "8" and data.FIELD8_SUPPORT_ALL else ""
        db.session.add(PlanningRule(code=code, lead_department=departments[lead],
                                    supporting_codes=supporting))
    for row in data.CRITERIA:
        if row[7]:
            db.session.add(PlanningRule(code=row[0], product=row[7]))
    for email, name, role, dept, password in data.DEMO_USERS:
        user = users.create_user(email, name, role, password, dept, actor=ACTOR)
        user.is_head = role == "department"  # each demo department's one officer is its head

    year = today.year - 1  # the assessed year; the plan works in `today.year`
    unit = assessments.get_or_create_unit(data.UNIT_NAME, kind="district", place=data.PLACE,
                                          issuing_body=data.ISSUING_BODY)
    for assessed, which, peer_index in ((year - 1, 5, 2), (year, 4, 1)):
        criteria_set = assessments.save_criteria_set(
            f"Bộ chỉ số CCHC cấp huyện năm {assessed}", assessed, score_rows(which),
            data.CRITERIA_DECISION.format(year=assessed), actor=ACTOR)
        assessments.save_assessment(unit, assessed, criteria_set, score_rows(which),
                                    data.RESULT_DECISION.format(year=assessed + 1), actor=ACTOR)
        assessments.save_ranking(assessed, [
            RankingRow(unit=peer[0], score=peer[peer_index], max_score=97.0)
            for peer in data.PEERS], actor=ACTOR)
    assessment = next(a for a in unit_assessments(unit) if a.year == year)

    issued = min(date(today.year, 1, 20), today - timedelta(days=60))
    plan, tasks = plans.generate_plan(
        assessment, data.PLAN_NUMBER_TEMPLATE.format(n=data.PLAN_NUMBER), issued,
        date(today.year, 12, 15), actor=ACTOR)
    plan.target_classification, plan.target_rank = "Tốt", 3
    progress_tasks(tasks, issued, today)
    db.session.flush()
    return {"departments": len(departments), "users": len(data.DEMO_USERS),
            "criteria": len(data.CRITERIA), "tasks": len(tasks), "year": year,
            "unit": unit.name, "total": assessment.total, "max": assessment.max_score,
            "rank": f"{assessment.rank}/{assessment.rank_of}"}


def unit_assessments(unit):
    from tracker.models import Assessment
    return db.session.scalars(select(Assessment).where(Assessment.unit_id == unit.id)).all()


# A repeating pattern: (deadline offset from today in days, status, progress).
PATTERN = [
    (-75, TaskStatus.VERIFIED, 100),
    (-40, TaskStatus.IN_PROGRESS, 60),   # overdue
    (9, TaskStatus.IN_PROGRESS, 40),     # due soon
    (-20, TaskStatus.DONE, 100),
    (None, TaskStatus.NOT_STARTED, 0),   # the plan's default deadline
    (4, TaskStatus.IN_PROGRESS, 75),     # due soon
    (-8, TaskStatus.NOT_STARTED, 0),     # overdue
    (None, TaskStatus.IN_PROGRESS, 30),
    (30, TaskStatus.BLOCKED, 10),
    (-55, TaskStatus.VERIFIED, 100),
]


def progress_tasks(tasks: list[Task], issued: date, today: date) -> None:
    admin = db.session.scalar(select(User).where(User.role == "admin"))
    officers = {u.department_id: u for u in db.session.scalars(
        select(User).where(User.role == "department"))}
    end_of_year = date(today.year, 12, 31)
    for i, task in enumerate(tasks):
        task.created_at = _at(issued)  # the plan was issued then; its history starts there
        offset, status, progress = PATTERN[i % len(PATTERN)]
        if offset is not None:
            task.deadline = min(max(today + timedelta(days=offset), issued + timedelta(days=14)),
                                end_of_year)
        if status == TaskStatus.NOT_STARTED:
            continue
        officer = officers.get(task.lead_department_id) or admin
        started = _at(issued + (today - issued) * 2 // 5)
        steps = [(TaskStatus.IN_PROGRESS, min(progress, 50) if progress else 10, started,
                  officer, "Đã triển khai, đang thực hiện.")]
        if status in (TaskStatus.DONE, TaskStatus.VERIFIED):
            steps.append((TaskStatus.DONE, 100, started + timedelta(days=20), officer,
                          "Đã hoàn thành, gửi kèm tài liệu kiểm chứng."))
        if status == TaskStatus.VERIFIED:
            steps.append((TaskStatus.VERIFIED, 100, started + timedelta(days=25), admin,
                          "Phòng Nội vụ đã kiểm tra tài liệu kiểm chứng: đạt."))
        if status in (TaskStatus.IN_PROGRESS, TaskStatus.BLOCKED) and progress > 50 or \
                status == TaskStatus.BLOCKED:
            note = ("Vướng mắc: chờ kinh phí từ ngân sách huyện." if status == TaskStatus.BLOCKED
                    else "Cập nhật tiến độ.")
            steps.append((status, progress, started + timedelta(days=30), officer, note))
        previous = (None, 0)
        for step_status, step_progress, at, user, note in steps:
            task.updates.append(ProgressUpdate(
                user_id=user.id, at=min(at, _at(today) - timedelta(hours=2)),
                status_from=previous[0], status_to=step_status.value,
                progress_from=previous[1], progress_to=step_progress, note=note))
            previous = (step_status.value, step_progress)
        task.status, task.progress = previous


def _at(day: date) -> datetime:
    return datetime.combine(day, time(9, 0))
