"""Scoring scales of rate criteria: parsed, then a value scores in steps (domain/scales)."""
import pytest

from tracker.domain.scales import ScaleError, next_step, parse_scale, points_for

RATE = "≥ 90%: 2; 70 - < 90%: 1; < 70%: 0"


@pytest.mark.parametrize("value, points", [(100, 2), (120, 2), (90, 2), (89.99, 1), (70, 1), (69.99, 0), (0, 0)])
def test_each_boundary_scores_the_step_it_opens(value, points):
    assert points_for(parse_scale(RATE), value) == points


def test_a_descending_scale_fewer_late_files_is_better():
    steps = parse_scale("≤ 2: 1\n3 - 5: 0,5\n> 5: 0")  # a new line separates steps too
    assert [points_for(steps, v) for v in (0, 2, 3, 5, 6)] == [1, 1, 0.5, 0.5, 0]
    assert next_step(steps, 6) == (5, 0.5) and next_step(steps, 4) == (2, 1) and next_step(steps, 1) is None


def test_the_next_step_says_what_value_is_needed():
    steps = parse_scale(RATE)
    assert next_step(steps, 84) == (90, 2)
    assert next_step(steps, 50) == (70, 1)
    assert next_step(steps, 95) is None


@pytest.mark.parametrize("text", ["", "≥ 90%: 2", "≥ 90%: two; < 90: 0", "about 90: 2; < 90: 0",
                                  "90 - < 70: 1; < 70: 0", "≥ 90% 2; < 90: 0",
                                  # points no criterion can score, bounds no value reaches (issue 22)
                                  "≥ 90: NaN; < 90: 0", "≥ 90: 2; < 90: -inf", "≥ 90: 2; < 90: -1",
                                  "≥ 90: inf; < 90: 0", "≥ 90: 1e3; < 90: 0", "≥ 90: 2000; < 90: 0",
                                  f"≥ {'9' * 400}: 2; < 90: 0", f"0 - < {'9' * 400}: 2; < 0: 0",
                                  "≥ 90: 2; < 90: 0" + "0" * 400])
def test_an_unreadable_scale_is_refused(text):
    with pytest.raises(ScaleError):
        parse_scale(text)


# --- A criteria-set sheet with scales, and what a scale does to the projection and the task page

from sqlalchemy import func, select  # noqa: E402

from tests import factories  # noqa: E402
from tests.sheets import xlsx  # noqa: E402
from tests.test_imports import write  # noqa: E402
from tracker.extensions import db  # noqa: E402
from tracker.models import Criterion, CriteriaSet  # noqa: E402

SHEET = [["Mã tiêu chí", "Nội dung", "Điểm chuẩn", "Thang điểm"],
         ["1", "Chính quyền số", 4, None],
         ["1.1", "Tỷ lệ hồ sơ trực tuyến toàn trình", 2, RATE],
         ["1.2", "Công khai thủ tục", 2, None]]


def import_criteria(runner, tmp_path, rows):
    return runner.invoke(args=["tracker", "import-criteria", write(tmp_path, "set.xlsx", xlsx(rows)),
                               "--name", "Bộ chỉ số 2025", "--year", "2025"])


def test_a_criteria_sheet_brings_its_scales(app, runner, tmp_path):
    result = import_criteria(runner, tmp_path, SHEET)
    assert result.exit_code == 0, result.output
    scales = dict(db.session.execute(select(Criterion.code, Criterion.scale)).all())
    assert scales == {"1": None, "1.1": RATE, "1.2": None}


def test_an_unreadable_scale_rejects_the_sheet_with_its_row(app, runner, tmp_path):
    rows = [list(r) for r in SHEET]
    rows[3][3] = "khoảng 90: 2; dưới: 0"
    result = import_criteria(runner, tmp_path, rows)
    assert result.exit_code == 2
    assert "Row 4:" in result.stderr and "khoảng 90" in result.stderr
    assert db.session.scalar(select(func.count(CriteriaSet.id))) == 0


def test_a_rate_task_projects_through_its_scale_and_the_page_says_what_is_needed(app, client, auth, runner, today):
    from tracker.domain.scoring import ScoreRow
    from tracker.services import projection
    rows = [ScoreRow("1", "Chính quyền số", 4.0, row=1),
            ScoreRow("1.1", "Tỷ lệ hồ sơ trực tuyến toàn trình", 2.0, 0.0, row=2, scale=RATE),
            ScoreRow("1.2", "Công khai thủ tục", 2.0, 2.0, row=3)]
    a = factories.assessment(rows=rows)
    from tracker.services import plans
    _plan, tasks = plans.generate_plan(a, "1/KH-UBND", today, today, actor="test")
    task = tasks[0]
    task.progress, task.current_value = 50, 84.0
    factories.user("admin@example.gov.vn", "admin")
    db.session.commit()
    figures = projection.for_assessment(a, today)
    assert figures["baseline"] == 2 and figures["expected"] == 3  # 84% scores 1 of 2, whatever the 50%
    task.current_value = 92.0
    db.session.commit()
    assert projection.for_assessment(a, today)["expected"] == 4
    task.current_value = 84.0
    db.session.commit()
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    client.get("/lang/en")
    page = client.get(f"/tasks/{task.id}").get_data(as_text=True)
    assert "current value 84 → 1 of 2 points; 90 needed for 2" in page


def test_a_step_worth_more_than_the_maximum_rejects_the_sheet(app, runner, tmp_path):
    rows = [list(r) for r in SHEET]
    rows[2][3] = "≥ 90: 3; < 90: 0"  # 1.1 is worth 2
    result = import_criteria(runner, tmp_path, rows)
    assert result.exit_code == 2 and "Row 3:" in result.stderr
    assert db.session.scalar(select(func.count(CriteriaSet.id))) == 0


# --- Entered on the criterion's page ---------------------------------------------------------

@pytest.fixture
def rate_task(app, today):
    """A rate criterion (1.1, 0 of 2) with no scale, and its task at 84 %, half done."""
    from tracker.domain.scoring import ScoreRow
    from tracker.services import plans
    rows = [ScoreRow("1", "Chính quyền số", 4.0, row=1),
            ScoreRow("1.1", "Tỷ lệ hồ sơ trực tuyến toàn trình", 2.0, 0.0, row=2),
            ScoreRow("1.2", "Công khai thủ tục", 2.0, 2.0, row=3)]
    a = factories.assessment(rows=rows)
    _plan, tasks = plans.generate_plan(a, "1/KH-UBND", today, today, actor="test")
    tasks[0].progress, tasks[0].current_value = 50, 84.0
    factories.department("NV")
    factories.user("admin@example.gov.vn", "admin")
    factories.user("nv@example.gov.vn", "department", "NV")
    db.session.commit()
    return a, tasks[0]


def post_scale(client, criterion_id, text):
    page = client.get(f"/criteria/{criterion_id}").get_data(as_text=True)
    from tests.conftest import csrf_token
    return client.post(f"/criteria/{criterion_id}", data={"csrf_token": csrf_token(page), "scale": text})


def test_an_admin_enters_a_scale_on_the_criterions_page_and_the_projection_follows(client, auth, rate_task, today):
    from tracker.models import AuditEvent
    from tracker.services import projection
    a, task = rate_task
    assert projection.for_assessment(a, today)["expected"] == 3  # 50 % of 2 lost points, linearly
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    assert f"/criteria/{task.criterion_id}" in client.get(f"/tasks/{task.id}").get_data(as_text=True)
    assert f"/criteria/{task.criterion_id}" in client.get(f"/assessments/{a.id}").get_data(as_text=True)
    response = post_scale(client, task.criterion_id, RATE)
    assert response.status_code == 302
    page = client.get(f"/criteria/{task.criterion_id}").get_data(as_text=True)
    assert "70 – &lt; 90" in page and "Đã lưu thang điểm của 1.1" in page
    db.session.expire_all()
    assert db.session.get(Criterion, task.criterion_id).scale == RATE
    assert projection.for_assessment(a, today)["expected"] == 3  # 84 % scores 1 of 2, through the scale
    task = db.session.merge(task)
    task.current_value = 95.0
    db.session.commit()
    assert projection.for_assessment(a, today)["expected"] == 4
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "criterion.scale"))
    assert event.changes == {"scale": [None, RATE]} and event.actor == "admin@example.gov.vn"
    assert post_scale(client, task.criterion_id, "").status_code == 302  # an empty scale removes it
    db.session.expire_all()
    assert db.session.get(Criterion, task.criterion_id).scale is None


@pytest.mark.parametrize("text, message", [("khoảng 90: 2; dưới: 0", "khoảng 90"),
                                           ("≥ 90: 5; < 90: 0", "nhiều hơn điểm tối đa 2"),
                                           ("≥ 90: 2; < 90: 0" + ";" * 600, "500")])
def test_a_bad_scale_is_refused_on_the_page_and_nothing_is_stored(client, auth, rate_task, text, message):
    _a, task = rate_task
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    response = post_scale(client, task.criterion_id, text)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Criterion, task.criterion_id).scale is None


def test_a_department_officer_reads_the_criterion_but_cannot_set_its_scale(client, auth, rate_task):
    from tests.conftest import csrf_token
    _a, task = rate_task
    auth.login("nv@example.gov.vn", factories.PASSWORD)
    page = client.get(f"/criteria/{task.criterion_id}")
    assert page.status_code == 200 and 'name="scale"' not in page.get_data(as_text=True)
    response = client.post(f"/criteria/{task.criterion_id}",
                           data={"csrf_token": csrf_token(page.get_data(as_text=True)), "scale": RATE})
    assert response.status_code == 403
    assert client.get("/criteria/99999").status_code == 404
