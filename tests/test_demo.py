"""The demo data: a realistic district whose numbers add up, following today's date."""
from datetime import timedelta

from sqlalchemy import func, select

from tracker.demo import data
from tracker.domain.scoring import ScoreRow, leaves, rank_among, validate_tree
from tracker.extensions import db
from tracker.models import Assessment, Criterion, Department, Plan, RankingEntry, Task, User


def test_demo_criteria_tree_is_consistent():
    rows = [ScoreRow(code=r[0], title=r[1], max_points=r[2], appraised=r[4], method=r[3] or "appraisal")
            for r in data.CRITERIA]
    assert validate_tree(rows, need_scores=True) == []
    fields = [r for r in rows if r.depth == 0]
    assert len(fields) == 8 and round(sum(f.max_points for f in fields), 2) == 97.0
    assert 30 <= sum(1 for r in rows if r.depth == 1) <= 40
    assert 80 <= sum(1 for r in rows if r.depth == 2) <= 120
    assert round(sum(r.appraised for r in leaves(rows)), 2) == 71.11
    assert round(sum(r[5] for r in data.CRITERIA if r[5] is not None), 2) == 67.42


def test_demo_peer_ranking_puts_the_unit_fifth_of_ten():
    me = next(p for p in data.PEERS if p[0] == data.UNIT_NAME)
    others = [p for p in data.PEERS if p is not me]
    assert len(data.PEERS) == 10
    assert rank_among(me[1], [p[1] for p in others]) == 5
    assert rank_among(me[2], [p[2] for p in others]) == 8


def test_demo_command_loads_a_district_and_prints_logins(app, runner, today):
    result = runner.invoke(args=["tracker", "demo"])
    assert result.exit_code == 0, result.output
    assert "71.11/97" in result.output and "admin@example.gov.vn" in result.output
    a = db.session.scalar(select(Assessment).where(Assessment.year == today.year - 1))
    assert (a.total, a.max_score, a.classification, a.rank, a.rank_of) == (71.11, 97.0, "Khá", 5, 10)
    previous = db.session.scalar(select(Assessment).where(Assessment.year == today.year - 2))
    assert (previous.total, previous.rank) == (67.42, 8)
    assert db.session.scalar(select(func.count(Department.id))) == 12
    assert db.session.scalar(select(func.count(RankingEntry.id))) == 20
    roles = set(db.session.scalars(select(User.role)))
    assert roles == {"admin", "leader", "department"}


def test_demo_plan_has_one_task_per_lost_leaf_and_follows_today(app, demo, today):
    plan = db.session.scalar(select(Plan))
    lost_leaves = [r for r in data.CRITERIA if r[4] is not None and r[4] < r[2]]
    tasks = db.session.scalars(select(Task)).all()
    assert len(tasks) == len(lost_leaves) == demo["tasks"]
    assert round(sum(t.lost_points for t in tasks), 2) == round(97 - 71.11, 2)
    assert plan.issued_on <= today and plan.assessment.year == today.year - 1
    statuses = {t.status for t in tasks}
    assert {"verified", "done", "in_progress", "not_started"} <= statuses
    overdue = [t for t in tasks if t.is_overdue(today)]
    due_soon = [t for t in tasks if today <= t.deadline <= today + timedelta(days=14) and not t.is_overdue(today)]
    assert overdue and due_soon
    field_8 = next(t for t in tasks if t.criterion.code.startswith("8."))
    assert field_8.lead_department.code == "NV" and len(field_8.supporting_departments) == 11
    field_3 = next(t for t in tasks if t.criterion.code.startswith("3."))
    assert field_3.lead_department.code == "VP"


def test_demo_refuses_a_database_with_data_unless_forced(app, runner, demo):
    tasks_before = db.session.scalar(select(func.count(Task.id)))
    result = runner.invoke(args=["tracker", "demo"])
    assert result.exit_code == 2 and "already holds data" in result.output
    result = runner.invoke(args=["tracker", "demo", "--if-empty"])
    assert result.exit_code == 0 and "keeping it" in result.output
    assert db.session.scalar(select(func.count(Task.id))) == tasks_before
    assert db.session.scalar(select(func.count(Criterion.id))) == 2 * len(data.CRITERIA)
