"""The demos: a province after the 2025 merger (default) and a ward under it, whose numbers add up
and which read right on whatever date they are loaded."""
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from tracker import i18n
from tracker.demo import data
from tracker.demo.load import load
from tracker.domain.deadlines import default_deadline
from tracker.domain.periods import report_period
from tracker.domain.scoring import SURVEY, ScoreRow, leaves, rank_among, validate_tree
from tracker.extensions import db
from tracker.models import (Assessment, Criterion, Department, Evidence, Plan, ProgressUpdate, RankingEntry, Report,
                            Task, Unit, User)
from tracker.services import projection

PROVINCE, WARD = data.SCENARIOS["province"], data.SCENARIOS["commune"]


def rows(scenario, last_year=True):
    return [ScoreRow(code=r.code, title=r.title, max_points=r.max_points,
                     appraised=r.score if last_year else r.prev_score, method=r.method or "appraisal")
            for r in scenario.criteria]


def test_the_province_is_scored_on_the_ministrys_eight_fields_and_ranked_among_34():
    tree = rows(PROVINCE)
    assert validate_tree(tree, need_scores=True) == []
    assert validate_tree(rows(PROVINCE, last_year=False), need_scores=True) == []
    fields = [r for r in tree if r.depth == 0]
    assert len(fields) == 8 and sum(f.max_points for f in fields) == 100
    assert sum(r.max_points for r in leaves(tree) if r.method == SURVEY) == 32
    assert round(sum(r.appraised for r in leaves(tree)), 2) == 80.91
    assert round(sum(r.appraised for r in leaves(rows(PROVINCE, last_year=False))), 2) == 77.38
    assert len(PROVINCE.peers) == len({name for name, _ in PROVINCE.peers}) == 34
    me = next(score for name, score in PROVINCE.peers if name == PROVINCE.unit_name)
    assert rank_among(me, [s for n, s in PROVINCE.peers if n != PROVINCE.unit_name]) == 23
    assert all(not name.startswith("UBND huyện") for name, _ in PROVINCE.peers)


def test_the_ward_has_its_own_smaller_set_and_its_20_peer_wards():
    tree = rows(WARD)
    assert validate_tree(tree, need_scores=True) == []
    assert sum(r.max_points for r in tree if r.depth == 0) == 97
    assert len(WARD.peers) == 20 and all(name.startswith("UBND phường") for name, _ in WARD.peers)
    assert {code for code, *_ in WARD.departments} == {"VP", "KT", "VHXH", "TTPVHCC"}
    assert all("huyện" not in r.title and "thị trấn" not in r.title for r in WARD.criteria)


@pytest.mark.slow
def test_demo_command_loads_the_province_and_prints_its_logins(app, runner, today):
    result = runner.invoke(args=["tracker", "demo"])
    assert result.exit_code == 0, result.output
    assert "UBND tỉnh Lâm Đồng" in result.output and "80.91/100 (23/34)" in result.output
    assert "admin@example.gov.vn" in result.output and "snv.lamdong@example.gov.vn" in result.output
    unit = db.session.scalar(select(Unit).where(Unit.own.is_(True)))
    assert (unit.name, unit.kind, unit.issuing_body) == ("UBND tỉnh Lâm Đồng", "province", "UBND TỈNH LÂM ĐỒNG")
    a = db.session.scalar(select(Assessment).where(Assessment.year == today.year - 1, Assessment.unit == unit))
    # The Ministry ranks provinces without classifying them: score, percentage and rank only.
    assert (a.total, a.max_score, a.classification, a.rank, a.rank_of) == (80.91, 100.0, None, 23, 34)
    assert "Bộ trưởng Bộ Nội vụ" in a.decision and f"năm {today.year - 1}" in a.decision
    previous = db.session.scalar(select(Assessment).where(Assessment.year == today.year - 2))
    assert previous.total == 77.38
    assert db.session.scalar(select(func.count(Department.id))) == 12
    assert db.session.scalar(select(func.count(RankingEntry.id))) == 34
    assert set(db.session.scalars(select(User.role))) == {"admin", "leader", "department"}


def test_demo_kind_commune_loads_the_ward(app, runner, today):
    result = runner.invoke(args=["tracker", "demo", "--kind", "commune"])
    assert result.exit_code == 0, result.output
    assert "UBND phường Mũi Né" in result.output and "ct.muine@example.gov.vn" in result.output
    unit = db.session.scalar(select(Unit).where(Unit.own.is_(True)))
    assert (unit.name, unit.kind) == ("UBND phường Mũi Né", "commune")
    assert db.session.scalar(select(func.count(Department.id))) == 4
    a = db.session.scalar(select(Assessment).where(Assessment.unit == unit, Assessment.year == today.year - 1))
    assert (a.total, a.rank, a.rank_of) == (71.11, 12, 20)


def test_demo_refuses_a_database_with_data_unless_forced(app, runner, demo):
    tasks_before = db.session.scalar(select(func.count(Task.id)))
    result = runner.invoke(args=["tracker", "demo"])
    assert result.exit_code == 2 and "already holds data" in result.output
    result = runner.invoke(args=["tracker", "demo", "--if-empty"])
    assert result.exit_code == 0 and "keeping it" in result.output and "snv.lamdong" in result.output
    assert db.session.scalar(select(func.count(Task.id))) == tasks_before
    # Two scored years and this year's published set; none added by the refused load.
    assert db.session.scalar(select(func.count(Criterion.id))) == 3 * len(PROVINCE.criteria)
    forced = runner.invoke(args=["tracker", "demo", "--force"])
    assert forced.exit_code == 2 and "already set up" in forced.output
    assert db.session.scalar(select(func.count(Task.id))) == tasks_before


def test_the_demo_plans_give_every_task_a_lead_and_word_them_as_actions(app, demo, today):
    plan = db.session.scalar(select(Plan).join(Assessment).where(Assessment.year == today.year - 1))
    tasks = plan.tasks
    lost = [r for r in PROVINCE.criteria if r.lost]
    assert len(tasks) == len(lost) == demo["tasks"]
    assert round(sum(t.lost_points for t in tasks), 2) == round(100 - 80.91, 2)
    assert all(t.lead_department is not None for t in tasks)
    assert not any(t.title.startswith("Khắc phục") for t in tasks)
    by_code = {t.criterion.code: t for t in tasks}
    assert by_code["2.1.2"].lead_department.code == "STP"
    assert by_code["3.3.1"].lead_department.code == "TTPVHCC"
    assert by_code["7.3.1"].lead_department.code == "SKHCN"
    assert by_code["8.5.2"].lead_department.code == "SNNMT"
    assert len(by_code["8.3.1"].supporting_departments) == 11
    # Worded from the loss reason, from the survey, or (a reason no pattern reads) by the field's rule.
    assert by_code["3.3.1"].title == "Nâng tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 98% trở lên"
    assert by_code["8.1.1"].title.endswith(f"nâng mức độ hài lòng về tiếp cận dịch vụ hành chính công "
                                          f"trong đợt khảo sát năm {today.year}")  # SIPAS
    assert "lãnh đạo, quản lý đánh giá đúng" in by_code["1.5"].title  # the leaders' survey
    assert by_code["8.3.1"].title.startswith("Chỉ đạo thực hiện các giải pháp, bảo đảm tiêu chí 8.3.1 đạt")
    assert not any(": " in t.title for t in tasks)
    assert by_code["3.3.1"].product == "Tỷ lệ hồ sơ TTHC giải quyết đúng hạn ≥ 98%"


@pytest.mark.slow
@pytest.mark.parametrize("today", [date(2026, 3, 10), date(2026, 7, 15), date(2026, 12, 1)],
                         ids=["march", "july", "december"])
def test_the_demo_reads_right_on_the_day_it_is_loaded(app, client, auth, monkeypatch, today):
    """Frozen on a day in March, July or December: nothing happened after that day, this year's
    plan is under way (some tasks verified, some overdue, some due soon), last year's is closed,
    every verified task has its evidence, and the projection leaves real work to do."""
    monkeypatch.setattr(i18n, "local_now", lambda: datetime.combine(today, time(10, 0)))
    counts = load(today)
    db.session.commit()
    end_of_today = datetime.combine(today, time(23, 59))
    assert db.session.scalar(select(func.max(ProgressUpdate.at))) <= end_of_today
    assert db.session.scalar(select(func.max(Task.created_at))) <= end_of_today

    this_year, last_year = (db.session.scalar(select(Plan).join(Assessment).where(Assessment.year == y))
                            for y in (today.year - 1, today.year - 2))
    assert this_year.issued_on <= today and this_year.issued_on.year == today.year
    assert this_year.default_deadline == default_deadline(today.year)  # before the year report's cut-off
    published = this_year.assessment.decision.split(" ngày ")[1].split(" ")[0]
    assert datetime.strptime(published, "%d/%m/%Y").date() <= this_year.issued_on
    tasks = this_year.tasks
    assert {"verified", "done", "in_progress", "not_started", "blocked"} <= {t.status for t in tasks}
    assert any(t.is_overdue(today) for t in tasks)
    assert any(today <= t.deadline <= today + timedelta(days=14) and not t.is_overdue(today) for t in tasks)
    assert all(today.year == t.deadline.year for t in tasks)

    assert counts["previous_plan"] and last_year.issued_on.year == today.year - 1
    assert {t.status for t in last_year.tasks} <= {"verified", "cancelled"}
    assert all(u.at.year == today.year - 1 for t in last_year.tasks for u in t.updates)

    # Every report due before today was issued on its due date: last year's (the plan was issued
    # on 20/04, so from the six months on) and this year's that are due.
    issued = {(r.plan_id, r.quarter): r for r in db.session.scalars(select(Report).where(Report.status == "issued"))}
    assert {q for p, q in issued if p == last_year.id} == {2, 3, 4}
    assert {q for p, q in issued if p == this_year.id} == {
        q for q in (1, 2, 3, 4) if report_period(today.year, q).due < today and
        report_period(today.year, q).end >= this_year.issued_on}
    assert all(r.issued_on == report_period(r.year, r.quarter).due and r.docx for r in issued.values())

    with_evidence = set(db.session.scalars(select(Evidence.task_id)))
    verified = [t for t in this_year.tasks + last_year.tasks if t.status == "verified"]
    assert verified and all(t.id in with_evidence for t in verified)
    assert db.session.scalar(select(func.max(Evidence.uploaded_at))) <= end_of_today

    figures = projection.for_assessment(this_year.assessment, today)
    assert figures["projected_rank"] > 1 and figures["rank_of"] == 34

    # The dashboard, as the leader sees it that day, shows that plan and its overdue tasks.
    auth.login("pct.lamdong@example.gov.vn")
    page = client.get("/").get_data(as_text=True)
    assert "86/KH-UBND" in page and "80,91" in page


@pytest.mark.slow
@pytest.mark.parametrize("today, years", [(date(2026, 7, 15), [2025]), (date(2027, 7, 15), [2025, 2026])])
def test_the_ward_shows_no_year_before_its_creation(app, today, years):
    """Wards were formed on 1 July 2025: 2025 is the first year they were scored."""
    counts = load(today, "commune")
    db.session.commit()
    assert counts["previous_plan"] == (len(years) == 2)
    assert sorted(db.session.scalars(select(Assessment.year))) == years


def test_evidence_files_of_the_demo_exist_and_open(app, demo):
    import docx
    from tracker.services.evidence import path_of
    stored = db.session.scalars(select(Evidence)).all()
    assert len(stored) == demo["evidence"] > 10
    document = docx.Document(path_of(app.config["UPLOAD_DIR"], stored[0].stored_name))
    assert "BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ" in document.paragraphs[0].text


def test_the_task_list_shows_this_years_plan_unless_earlier_ones_are_asked_for(app, client, auth, demo):
    import re
    auth.login()
    def listed(query=""):
        page = client.get(f"/tasks/?per_page=200{query}").get_data(as_text=True)
        return set(map(int, re.findall(r'href="/tasks/(\d+)"', page)))
    this_year = listed()
    every = listed("&plans=all")
    assert len(this_year) == demo["tasks"]
    assert this_year < every and len(every) == db.session.scalar(select(func.count(Task.id)))


def test_the_demo_officers_are_not_the_heads_and_their_notes_explain(app, demo):
    """An officer keeps the tasks up to date; the head, someone else, hears of escalations."""
    officers = db.session.scalars(select(User).where(User.role == "department", User.is_head.is_(False))).all()
    heads = db.session.scalars(select(User).where(User.is_head.is_(True))).all()
    assert officers and {u.email for u in heads} == {"giamdoc.snv.lamdong@example.gov.vn",
                                                    "giamdoc.stp.lamdong@example.gov.vn"}
    assert not {u.email for u in officers} & {u.email for u in heads}
    notes = set(db.session.scalars(select(ProgressUpdate.note)))
    assert "Cập nhật tiến độ." not in notes and "Đang chờ ý kiến thẩm định của Sở Tư pháp." in notes
    owner = db.session.scalar(select(Department.code).join(Task, Task.lead_department_id == Department.id)
                              .join(Criterion, Criterion.id == Task.criterion_id).where(Criterion.code == "8.4.2"))
    assert owner == "SGDDT"   # training outcomes belong to education after the 2025 merger
