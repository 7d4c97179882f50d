"""A ward that runs its own plan, in a real browser (issue 23): the ward's officer reports a
task finished, the ward's admin verifies it, and the province's units page shows the ward's
projection move. Debian's Chromium driven by Playwright, as in tests/test_browser.py."""
import re

import pytest

from tests import factories
from tests.test_browser import CHROMIUM, log_in, serve  # noqa: F401
from tests.test_workspaces import WARD, two_units
from tracker.extensions import db
from tracker.models import Task

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.parametrize("backend", ["sqlite"], indirect=True),
]


@pytest.fixture
def world(app, today):
    return two_units(today)


@pytest.fixture
def server(app, world):
    yield from serve(app)


def as_user(browser, server, email):
    context = browser.new_context(base_url=server, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15000)
    log_in(page, email, factories.PASSWORD)
    page.wait_for_load_state()
    return context, page


def ward_row(page) -> str:
    page.goto("/units/?sort=unit")
    return page.locator("table.units tbody tr", has_text=WARD).inner_text()


def test_a_ward_officer_finishes_a_task_the_ward_verifies_it_and_the_province_sees_it(browser, server, world, app):
    task_id = world["ward_tasks"][0]  # 1.1, one point lost
    province, province_page = as_user(browser, server, "admin@tinh.gov.vn")
    before = ward_row(province_page)
    assert re.search(r"7,5 · 75(,0)?%", before), before

    officer, page = as_user(browser, server, "vp@phuong.gov.vn")
    page.goto(f"/tasks/{task_id}")
    page.select_option("select[name=status]", "done")
    page.fill("input[name=progress]", "100")
    page.fill("textarea[name=note]", "Đã ban hành kế hoạch CCHC của phường đúng hạn")
    page.click("input[value='Lưu tiến độ']")
    assert page.locator(".flash-success").inner_text() == "Đã lưu tiến độ."
    officer.close()

    admin, page = as_user(browser, server, "admin@phuong.gov.vn")
    page.goto(f"/tasks/{task_id}")
    page.fill("#verify-note", "Bản giấy lưu tại Văn phòng HĐND và UBND phường")
    page.click("input[value='Xác nhận đạt']")
    assert page.locator(".flash-success").inner_text() == "Đã xác nhận nhiệm vụ."
    admin.close()

    after = ward_row(province_page)
    assert re.search(r"8,5 · 85(,0)?%", after), after  # 7.5 + the verified point
    province_page.click(f"table.units tr:has-text('{WARD}') button:has-text('Xem kế hoạch của đơn vị')")
    assert "(chỉ xem)" in province_page.locator(".visiting").inner_text()
    province_page.goto(f"/tasks/{task_id}")
    assert province_page.locator("input[value='Lưu tiến độ']").count() == 0  # read-only
    province.close()
    with app.app_context():
        assert db.session.get(Task, task_id).status == "verified"
