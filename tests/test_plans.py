"""Generating the plan and exporting it (CLI and pure rules)."""
from datetime import date

import docx
import openpyxl
import pytest
from sqlalchemy import func, select

from tests import factories
from tests.sheets import xlsx
from tests.test_imports import DOTTED, UNIT, write
from tracker.demo import data
from tracker.domain.deadlines import deadline_warnings
from tracker.domain.scoring import code_sort_key
from tracker.domain.planning import LostCriterion, Rule, draft_tasks, resolve_rule, split_points
from tracker.exporters.plan_document import PLAN_COLUMNS
from tracker.extensions import db
from tracker.models import Assessment, Plan, PlanningRule, Task

PROVINCE = data.SCENARIOS["province"]
GENERATE = ["tracker", "generate-plan", "--unit", UNIT, "--year", "2025", "--number", "12/KH-UBND",
            "--issued", "2026-02-03", "--deadline", "2026-12-15"]


@pytest.fixture
def imported(app, runner, tmp_path):
    nv, tp = factories.department("NV"), factories.department("TP")
    db.session.add_all([PlanningRule(code="1", lead_department=nv, supporting_codes="TP"),
                        PlanningRule(code="2", lead_department=nv, supporting_codes="*"),
                        PlanningRule(code="1.2", lead_department=tp, product="Báo cáo gửi đúng hạn")])
    db.session.commit()
    result = runner.invoke(args=["tracker", "import-results", write(tmp_path, "r.xlsx", xlsx(DOTTED)),
                                 "--unit", UNIT, "--year", "2025"])
    assert result.exit_code == 0, result.output
    return tmp_path


def tasks_by_code():
    return {t.criterion.code: t for t in db.session.scalars(select(Task))}


def test_generate_plan_creates_one_task_per_lost_leaf_with_rules_applied(imported, runner):
    result = runner.invoke(args=GENERATE)
    assert result.exit_code == 0, result.output
    assert "3 tasks (3 new)" in result.output
    tasks = tasks_by_code()
    assert sorted(tasks) == ["1.1.2", "1.2", "2.1"]  # 1.1.1 kept full marks
    assert (tasks["1.1.2"].lost_points, tasks["1.2"].lost_points, tasks["2.1"].lost_points) == (0.5, 1.0, 1.25)
    assert tasks["1.2"].lead_department.code == "TP" and tasks["1.2"].product == "Báo cáo gửi đúng hạn"
    assert [d.code for d in tasks["1.2"].supporting_departments] == []  # TP leads: not its own supporter
    assert [d.code for d in tasks["1.1.2"].supporting_departments] == ["TP"]
    assert [d.code for d in tasks["2.1"].supporting_departments] == ["TP"]  # "*" = all others
    # An action built from the reason, not "Khắc phục: Hoàn thành 78%" (domain/wording).
    assert tasks["1.1.2"].title == "Nâng mức độ hoàn thành kế hoạch đạt mức tối đa"
    assert all(t.deadline == date(2026, 12, 15) for t in tasks.values())
    plan = db.session.scalar(select(Plan))
    assert (plan.number, plan.issued_on) == ("12/KH-UBND", date(2026, 2, 3))


def test_second_run_adds_nothing_and_keeps_edited_tasks(imported, runner):
    runner.invoke(args=GENERATE)
    task = tasks_by_code()["1.2"]
    task.title, task.edited = "Nhiệm vụ đã sửa", True
    db.session.commit()
    result = runner.invoke(args=GENERATE)
    assert result.exit_code == 0 and "3 tasks (0 new)" in result.output
    assert db.session.scalar(select(func.count(Task.id))) == 3
    assert tasks_by_code()["1.2"].title == "Nhiệm vụ đã sửa"


def test_top_up_after_new_results_adds_only_newly_lost_criteria(imported, runner):
    runner.invoke(args=GENERATE)
    worse = [r if r[0] != "1.1.1" else ["1.1.1", "Ban hành kế hoạch đúng hạn", 1, 1, 0.5, "Chậm"] for r in DOTTED]
    assert runner.invoke(args=["tracker", "import-results", write(imported, "r2.xlsx", xlsx(worse)),
                               "--unit", UNIT, "--year", "2025", "--replace"]).exit_code == 0
    result = runner.invoke(args=GENERATE)
    assert "4 tasks (1 new)" in result.output
    assert tasks_by_code()["1.1.1"].lost_points == 0.5


@pytest.mark.parametrize("args, message", [
    (["--unit", "UBND xã Không Có"], "no results"),
    (["--year", "2019"], "no results"),
    (["--deadline", "2026-01-01"], "before the issue date"),
    (["--issued", "03/02/2026"], "%Y-%m-%d"),
])
def test_generate_plan_bad_input_exits_2_and_writes_nothing(imported, runner, args, message):
    merged = list(GENERATE)
    for flag, value in zip(args[::2], args[1::2]):
        merged[merged.index(flag) + 1] = value
    result = runner.invoke(args=merged)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert db.session.scalar(select(func.count(Plan.id))) == 0


def test_a_default_deadline_on_a_holiday_moves_to_the_working_day_before_and_says_so(imported, runner):
    args = list(GENERATE)
    args[args.index("--deadline") + 1] = "2026-09-02"   # Quốc khánh; 31/08 and 01/09 are off too
    result = runner.invoke(args=args)
    assert result.exit_code == 0
    assert "02/09/2026 is not a working day: the deadline is 28/08/2026" in result.stderr
    plan = db.session.scalar(select(Plan))
    assert plan.default_deadline == date(2026, 8, 28)
    assert {t.deadline for t in plan.tasks if t.criterion.method == "appraisal"} == {date(2026, 8, 28)}


def demo_plan(today) -> Plan:
    """This year's plan of the demo (last year's is there too, closed)."""
    return db.session.scalar(select(Plan).join(Assessment).where(Assessment.year == today.year - 1))


def test_demo_plan_lost_points_add_up_to_the_loss(demo, today):
    plan = demo_plan(today)
    a = plan.assessment
    assert len(plan.tasks) == sum(1 for r in PROVINCE.criteria if r.lost)
    assert round(sum(t.lost_points for t in plan.tasks), 2) == round(a.max_score - a.total, 2)


def test_exported_docx_has_the_official_header_and_one_row_per_task(app, runner, demo, tmp_path, today):
    out = tmp_path / "plan.docx"
    result = runner.invoke(args=["tracker", "export-plan", "--unit", PROVINCE.unit_name, "--year",
                                 str(today.year - 1), "--format", "docx", "--out", str(out)])
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out))
    header = document.tables[0]
    left = "\n".join(row.cells[0].text for row in header.rows)
    right = "\n".join(row.cells[1].text for row in header.rows)
    assert left.startswith("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\n") and "Số: 86/KH-UBND" in left  # Decree 30: two lines
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right
    text = "\n".join(p.text for p in document.paragraphs)
    plan = demo_plan(today)
    month = plan.issued_on.month  # a leading zero only for January and February
    assert f"Lâm Đồng, ngày {plan.issued_on:%d} tháng {month:0{2 if month < 3 else 1}d} năm {plan.issued_on:%Y}" in right
    assert "KẾ HOẠCH" in text and "80,91/100" in text
    appendix = document.tables[-1]
    assert [c.text for c in appendix.rows[0].cells] == PLAN_COLUMNS
    task_rows = [r for r in appendix.rows[1:] if r.cells[0].text.strip().isdigit()]
    tasks = len(plan.tasks)
    assert [r.cells[0].text for r in task_rows] == [str(n) for n in range(1, tasks + 1)]
    field_rows = [r.cells[0].text for r in appendix.rows[1:] if not r.cells[0].text.strip().isdigit()]
    assert field_rows[0].startswith("I. ") and len(field_rows) == 8
    # The reason the points were lost stays beside the criterion; the task reads as an action.
    first = task_rows[0].cells
    assert first[1].text == ("1.1.2 Mức độ hoàn thành kế hoạch CCHC năm (mất 0,25 điểm: Hoàn thành 92% nhiệm "
                             "vụ trong kế hoạch CCHC năm, chưa đạt 100%)")
    assert first[2].text == "Nâng mức độ hoàn thành kế hoạch CCHC năm đạt 100%"  # from the reason beside it


def test_exported_xlsx_has_the_same_rows(app, runner, demo, tmp_path, today):
    from tracker.exporters.plan_xlsx import HEADER_ROW
    out = tmp_path / "plan.xlsx"
    result = runner.invoke(args=["tracker", "export-plan", "--unit", PROVINCE.unit_name, "--year",
                                 str(today.year - 1), "--format", "xlsx", "--out", str(out)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out).active
    rows = list(sheet.iter_rows(min_row=HEADER_ROW, values_only=True))
    assert list(rows[0][:7]) == PLAN_COLUMNS
    task_rows = [r for r in rows[1:] if isinstance(r[0], int)]
    tasks = sorted(demo_plan(today).tasks, key=lambda t: (code_sort_key(t.criterion.code), t.id))
    expected = [(n, t.criterion.code, t.title, t.lead_department.name, t.deadline)
                for n, t in enumerate(tasks, start=1)]
    actual = [(r[0], r[1].split(" ")[0], r[2], r[4], r[6].date()) for r in task_rows]
    assert actual == expected
    assert sheet.cell(HEADER_ROW + 2, 7).number_format.upper().startswith("DD/MM/YYYY")


def test_export_without_a_plan_exits_2(app, runner, imported, tmp_path):
    result = runner.invoke(args=["tracker", "export-plan", "--unit", UNIT, "--year", "2025",
                                 "--format", "docx", "--out", str(tmp_path / "x.docx")])
    assert result.exit_code == 2 and "generate-plan" in result.output


# --- pure planning rules -------------------------------------------------------------

def test_the_most_specific_rule_wins_per_attribute():
    rules = {"3": Rule(lead="VP", supporting=["TP"], product="Chung"), "3.2": Rule(lead="KTHT"),
             "3.2.1": Rule(title="Riêng")}
    rule = resolve_rule("3.2.1", rules)
    assert (rule.lead, rule.supporting, rule.title, rule.product) == ("KTHT", ["TP"], "Riêng", "Chung")
    assert resolve_rule("4.1", rules) == Rule()


def test_drafts_skip_full_marks_and_suggest_wording():
    drafts = draft_tasks([LostCriterion("1.1", "Kế hoạch", 1, 1), LostCriterion("1.2", "Báo cáo", 1, 0.5, ""),
                          LostCriterion("1.3", "Tuyên truyền", 2, 1, "Chưa có bài viết.")], {}, [])
    assert [d.code for d in drafts] == ["1.2", "1.3"]
    assert drafts[0].title == "Thực hiện đầy đủ, đúng quy định báo cáo"  # no reason, no rule
    assert drafts[1].title == "Viết, đăng tải bài viết" and drafts[1].lost_points == 1


@pytest.mark.parametrize("total, weights, shares", [
    (1.0, [50, 50], [0.5, 0.5]), (1.0, [33.33, 33.33, 33.34], [0.33, 0.33, 0.34]),
    (0.25, [50, 50], [0.12, 0.13]), (2.5, [60, 40], [1.5, 1.0])])
def test_split_shares_always_add_up_to_the_whole(total, weights, shares):
    assert split_points(total, weights) == shares and round(sum(shares), 2) == total


@pytest.mark.parametrize("weights, message", [([100], "at least two"), ([60, 30], "add up to 100"),
                                              ([100, 0], "above 0")])
def test_bad_splits_are_refused(weights, message):
    with pytest.raises(ValueError, match=message):
        split_points(1.0, weights)


@pytest.mark.parametrize("day, expected", [
    (date(2026, 11, 30), []), (date(2026, 12, 15), ["annual report's cut-off (14/12/2026)"]),
    (date(2026, 12, 19), ["annual report's cut-off", "weekend"]), (date(2026, 9, 2), ["Quốc khánh"]),
    (date(2026, 4, 30), ["holiday"]), (date(2027, 1, 5), ["after the end of the plan year 2026"])])
def test_deadline_warnings(day, expected):
    texts = [message % params for message, params in deadline_warnings(day, 2026)]
    assert len(texts) == len(expected) and all(e in t for e, t in zip(expected, texts))


@pytest.mark.parametrize("current, target, baseline, progress", [
    (25, 50, None, 50), (50, 50, None, 100), (70, 50, None, 100), (41, 50, 32, 50), (30, 50, 32, 0),
    (98, 98, None, 100), (0, 0, None, 100)])
def test_progress_of_a_rate_criterion_follows_the_value(current, target, baseline, progress):
    from tracker.domain.planning import progress_from_value
    assert progress_from_value(current, target, baseline) == progress
