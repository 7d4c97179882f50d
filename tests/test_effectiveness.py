"""Did last year's plan work? Tasks beside what their criteria scored a year later."""
import pytest
from sqlalchemy import select

from tests import factories
from tracker.domain.effectiveness import (DID_NOT_WORK, GONE, NOT_DONE_LOST, NOT_DONE_REGAINED, WORKED,
                                          TaskOutcome, assess, lost_share)
from tracker.extensions import db
from tracker.models import Assessment, Plan


def row(code, status, before, after, department="Phòng Nội vụ", task_id=1):
    return TaskOutcome(task_id, code, code.split(".")[0], department, status, before, after)


def test_each_outcome_and_the_totals_computed_by_hand():
    rows = [row("1.1", "verified", 1.0, 0.0),                    # worked: 1 regained
            row("1.2", "verified", 1.5, 2.0),                    # did not work: 0,5 more lost
            row("2.1", "in_progress", 2.0, 2.0, "Phòng Tư pháp"),  # not done, lost
            row("2.2", "cancelled", 0.5, 0.0, "Phòng Tư pháp"),    # not done, regained anyway
            row("3.1", "verified", 1.0, None)]                   # the criterion is gone
    assert [r.outcome for r in rows] == [WORKED, DID_NOT_WORK, NOT_DONE_LOST, NOT_DONE_REGAINED, GONE]
    assert [r.regained for r in rows] == [1.0, -0.5, 0.0, 0.5, 0.0]
    result = assess(rows)
    assert (result.total.tasks, result.total.lost_before, result.total.regained) == (5, 6.0, 1.0)
    assert result.by_department["Phòng Tư pháp"].regained == 0.5
    assert result.by_department["Phòng Nội vụ"].by_outcome[WORKED] == 1
    assert list(result.by_field) == ["1", "2", "3"] and result.by_field["1"].regained == 0.5


def test_a_split_task_takes_its_share_of_what_the_criterion_lost_later():
    assert lost_share(0.9, 0.6, 1.5) == 0.36  # a part that carried 0,6 of 1,5 lost points
    assert lost_share(None, 0.6, 1.5) is None
    assert lost_share(0.5, 1.0, 0.0) == 0.5


@pytest.fixture
def worked_out(app, today):
    """The 2025 plan: 1.1 (1 point lost, verified), 1.2 (1,5 lost, verified); the 2026 results:
    1.1 at full marks, 1.2 losing 2 points."""
    plan, tasks = factories.plan_with_tasks(factories.department("NV"), factories.department("TP"), today)
    tasks["1.1"].status, tasks["1.2"].status = "verified", "verified"
    factories.assessment(year=2026, rows=factories.small_tree({"1.1": 3.0, "1.2": 1.0}))
    factories.user("admin@example.gov.vn", "admin")
    db.session.commit()
    return plan


def test_the_page_sets_each_task_beside_the_next_years_points(client, auth, worked_out):
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    plan_page = client.get(f"/plans/{worked_out.id}").get_data(as_text=True)
    assert f"/plans/{worked_out.id}/outcome" in plan_page
    page = client.get(f"/plans/{worked_out.id}/outcome").get_data(as_text=True)
    assert page.count('data-outcome="worked"') == 1 and page.count('data-outcome="did_not_work"') == 1
    assert "Không hiệu quả: đã xác nhận nhưng vẫn mất điểm" in page
    assert '<span class="value">0,5</span>' in page  # regained 1, lost 0,5 more: 0,5 in all


def test_before_the_next_results_the_page_says_what_it_waits_for(client, auth, app, today):
    plan, _tasks = factories.plan_with_tasks(factories.department("NV"), factories.department("TP"), today)
    factories.user("admin@example.gov.vn", "admin")
    db.session.commit()
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    assert f"/plans/{plan.id}/outcome" not in client.get(f"/plans/{plan.id}").get_data(as_text=True)
    page = client.get(f"/plans/{plan.id}/outcome").get_data(as_text=True)
    assert "Chưa nhập kết quả năm 2026" in page
    assert client.get("/plans/99999/outcome").status_code == 404


def test_the_demos_last_plan_has_its_outcome(client, auth, demo, today):
    from tracker.services import effectiveness
    previous = db.session.scalar(select(Plan).join(Assessment).where(Assessment.year == today.year - 2))
    later, result = effectiveness.outcome(previous)
    assert later.year == today.year - 1
    assert result.total.tasks == len(previous.tasks) and result.total.by_outcome[WORKED] > 0
    assert result.total.by_outcome[DID_NOT_WORK] > 0  # some remedies did not win the points back
    auth.login()
    assert client.get(f"/plans/{previous.id}/outcome").status_code == 200


@pytest.fixture
def two_plans(app, today):
    """Last year's plan on the results of two years ago (1.1 lost 1, 1.2 lost 1,5, both verified),
    last year's results (1.1 at full marks, 1.2 losing 2), and this year's plan on them."""
    from datetime import date
    from tracker.services import plans
    nv, tp = factories.department("NV"), factories.department("TP")
    first = factories.assessment(year=today.year - 2)
    previous, tasks = plans.generate_plan(first, "1/KH-UBND", date(today.year - 2, 1, 15),
                                          date(today.year - 1, 12, 15), actor="test")
    by_code = {t.criterion.code: t for t in tasks}
    by_code["1.1"].lead_department, by_code["1.2"].lead_department = nv, tp
    by_code["1.1"].status = by_code["1.2"].status = "verified"
    second = factories.assessment(year=today.year - 1, rows=factories.small_tree({"1.1": 3.0, "1.2": 1.0}))
    current, _tasks = plans.generate_plan(second, "2/KH-UBND", date(today.year - 1, 12, 20),
                                          date(today.year, 12, 15), actor="test")
    factories.user("admin@example.gov.vn", "admin")
    db.session.commit()
    return previous, current


def test_the_annual_report_sets_last_years_plan_beside_its_results(client, auth, two_plans, today):
    import io
    import docx
    import openpyxl
    previous, current = two_plans
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    base = f"/plans/{current.id}/reports/{today.year}-Q4"
    page = client.get(base).get_data(as_text=True)
    assert 'id="last-plan"' in page and "1/KH-UBND" in page and f"/plans/{previous.id}/outcome" in page

    document = docx.Document(io.BytesIO(client.get(f"{base}/report.docx").data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Bảng 8. Hiệu quả Kế hoạch năm trước theo lĩnh vực" in text
    assert "trong 2 nhiệm vụ, 1 nhiệm vụ đã được xác nhận và lấy lại điểm" in text
    assert "tổng cộng lấy lại 0,5/2,5 điểm" in text  # 1 regained on 1.1, 0,5 more lost on 1.2
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert ["1. Chỉ đạo, điều hành", "2", "2,5", "0,5", "1", "1", "0"] in rows      # by field
    assert ["Phòng TP", "1", "1,5", "-0,5", "0", "1", "0"] in rows               # by department
    assert ["1", "1.2", "Phòng TP", "1,5", "2"] in rows                          # did not work

    book = openpyxl.load_workbook(io.BytesIO(client.get(f"{base}/report.xlsx").data))
    sheet = book["KH năm trước - lĩnh vực"]
    assert [c.value for c in sheet[4]] == ["1. Chỉ đạo, điều hành", 2, 2.5, 0.5, 1, 1, 0]
    assert book["Chưa hiệu quả"]["B4"].value == "1.2"

    third = client.get(f"/plans/{current.id}/reports/{today.year}-Q3").get_data(as_text=True)
    assert 'id="last-plan"' not in third  # only the annual report looks back
