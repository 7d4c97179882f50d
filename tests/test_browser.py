"""The main flows in a real browser: Debian's Chromium driven by Playwright.

Skipped, with the reason shown, when Chromium is not installed (.ci/run installs it); under CI=true
that fails instead (tests/conftest.py: every test marked `browser`).
"""
import threading

import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: F401 (the browser tests' modules import them here)
from tracker.extensions import db
from tracker.models import Task

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    # One backend is enough for the browser; the HTTP tests cover both.
    pytest.mark.parametrize("backend", ["sqlite"], indirect=True),
]


def serve(app):
    """Serve the app on a free port in a thread; yields its address (a fixture's body)."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture
def live_server(app, demo):
    yield from serve(app)


@pytest.fixture
def page(browser, live_server, tmp_path):
    context = browser.new_context(base_url=live_server, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def log_in(page, email, password="demo1234"):
    page.goto("/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("input[type=submit]")


def test_department_officer_logs_in_and_updates_its_task(page, app, tmp_path):
    log_in(page, "skhcn.lamdong@example.gov.vn")
    page.wait_for_url("**/work/")  # an officer lands on the department's work (tests/test_home.py)
    page.click(".mainnav >> text=Tổng quan")
    assert page.locator("h1").inner_text() == "Tổng quan"
    assert page.locator(".kpi .value").first.inner_text() == "80,91"
    page.click("text=Nhiệm vụ >> nth=0")
    page.select_option("select[name=department]", "SKHCN")
    page.select_option("select[name=status]", "in_progress")
    page.click("button:has-text('Lọc')")
    page.locator("table.grid tbody tr a").first.click()
    task_id = int(page.url.rstrip("/").split("/")[-1])
    page.select_option("select[name=status]", "in_progress")
    page.fill("input[name=progress]", "65")
    page.fill("textarea[name=note]", "Đã phê duyệt cấp độ an toàn cho 03 hệ thống")
    page.click("input[value='Lưu tiến độ']")
    assert page.locator(".flash-success").inner_text() == "Đã lưu tiến độ."
    assert "Đã phê duyệt cấp độ an toàn cho 03 hệ thống" in page.locator(".history").first.inner_text()
    page.screenshot(path=str(tmp_path / "task.png"), full_page=True)
    with app.app_context():
        task = db.session.get(Task, task_id)
        assert (task.progress, task.lead_department.code) == (65, "SKHCN")


def test_wrong_password_shows_a_message_and_stays_on_login(page):
    log_in(page, "admin@example.gov.vn", "not-the-password")
    assert "Email hoặc mật khẩu không đúng." in page.locator(".flash-error").inner_text()
    assert "/login" in page.url


def test_admin_switches_to_english_and_sees_administration(page):
    log_in(page, "admin@example.gov.vn")
    page.click("text=English")
    assert page.locator("h1").inner_text() == "Dashboard"
    page.click("text=Audit log")
    assert "user.login" in page.content()


def test_admin_previews_next_mondays_digest_as_its_reader_will_see_it(page, tmp_path):
    log_in(page, "admin@example.gov.vn")
    page.click("text=Hộp thư đi")
    page.click("text=Xem trước thư tổng hợp thứ Hai tới")
    assert "Thư tổng hợp tuần" in page.locator("h1").inner_text()
    page.locator("table.grid a", has_text="Sở Nội vụ").first.click()
    frame = page.frame_locator("iframe.mail")
    assert frame.locator("text=Kính gửi Lê Thị Thu Hà,").is_visible()
    assert frame.locator("h3", has_text="Quá hạn").is_visible()
    assert frame.locator("a", has_text="Tất cả nhiệm vụ của Sở Nội vụ").is_visible()
    page.screenshot(path=str(tmp_path / "digest.png"), full_page=True)


def test_officer_turns_off_the_weekly_digest_from_the_user_menu(page):
    log_in(page, "snv.lamdong@example.gov.vn")
    page.click("a.who")
    assert page.locator("h1").inner_text() == "Cài đặt của tôi"
    page.uncheck("input[name=digest_enabled]")
    page.click("input[value='Lưu cài đặt']")
    assert page.locator(".flash-success").inner_text() == "Đã lưu cài đặt."
    assert not page.is_checked("input[name=digest_enabled]") and page.is_checked("input[name=reminders_enabled]")


def test_leader_ticks_tasks_in_the_what_if_and_the_figures_move_without_saving(page, app):
    with app.app_context():
        before = sorted(db.session.execute(select(Task.id, Task.status, Task.progress, Task.version)).all())
    log_in(page, "pct.lamdong@example.gov.vn")
    page.click("text=Nếu các nhiệm vụ này hoàn thành? ›")
    assert page.locator("h1").inner_text() == "Nếu các nhiệm vụ này hoàn thành?"
    expected = page.locator("[data-figure=expected]")
    start = expected.inner_text()
    boxes = page.locator("input[name=assume]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.wait_for_selector("body[data-what-if*=',']", state="attached")  # both ticks computed
    moved = expected.inner_text()
    assert float(moved.replace(",", ".")) > float(start.replace(",", "."))
    boxes.nth(0).uncheck()
    boxes.nth(1).uncheck()
    page.wait_for_selector("body[data-what-if='']", state="attached")
    assert expected.inner_text() == start
    with app.app_context():
        assert sorted(db.session.execute(select(Task.id, Task.status, Task.progress, Task.version)).all()) == before


def test_admin_carries_the_plan_over_to_next_years_renumbered_set(page, app, today, tmp_path):
    """The demo's set for this year has 1.4 and 1.5 swapped and 2.1.2 reworded."""
    from tracker.models import Assessment, Plan
    with app.app_context():
        plan_id = db.session.scalar(select(Plan.id).join(Assessment).where(Assessment.year == today.year - 1))
    old_code, new_code = "1.4", "1.5"
    log_in(page, "admin@example.gov.vn")
    page.goto(f"/plans/{plan_id}")
    page.click("text=Chuyển sang bộ chỉ số năm sau")
    row = page.locator(f"tr[data-code='{old_code}']")
    assert row.locator("input").input_value() == new_code
    assert "cùng tên" in row.inner_text()
    reworded = page.locator("tr[data-code='2.1.2']")
    assert reworded.locator("input").input_value() == "2.1.2" and "tên gần nhất" in reworded.inner_text()
    page.click("input[name=check]")
    assert page.locator("#carried-figures").is_visible()
    page.screenshot(path=str(tmp_path / "carry-over.png"), full_page=True)
    page.click("input[name=confirm]")
    page.wait_for_url(f"**/plans/{plan_id}")
    assert f"đã chuyển sang Bộ Chỉ số CCHC cấp tỉnh năm {today.year}" in page.locator(".flash").inner_text()
    assert "Đã chuyển sang" in page.locator(".notice").first.inner_text()
    with app.app_context():
        plan = db.session.get(Plan, plan_id)
        assert plan.target_set.name == f"Bộ Chỉ số CCHC cấp tỉnh năm {today.year}"
        moved = [t for t in plan.tasks if t.status != "cancelled"]
        assert moved and all(t.criterion.criteria_set_id == plan.target_set_id for t in moved)
        assert new_code in {t.criterion.code for t in moved}
