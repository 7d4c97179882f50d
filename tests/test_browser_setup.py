"""A fresh install without the demo, in a real browser on a phone: the first admin lands on the
set-up, takes the starter for a province with one department renamed, and goes on to the import.

Skipped, with the reason shown, when Chromium is not installed (.ci/run installs it)."""
import pytest
from sqlalchemy import select

from tests import factories
from tests.test_browser import log_in, serve
from tests.test_browser_phone import PHONE, assert_fits_the_screen
from tracker.extensions import db
from tracker.models import Department, PlanningRule, Unit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.parametrize("backend", ["sqlite"], indirect=True),
]


@pytest.fixture
def fresh_install(app):
    """Only the first admin, created as README says (`create-user … --role admin`)."""
    factories.user("nv@lamdong.gov.vn", "admin", password="mat-khau-dau-tien")
    db.session.commit()
    yield from serve(app)


@pytest.fixture
def page(browser, fresh_install):
    context = browser.new_context(viewport=PHONE, base_url=fresh_install, locale="vi-VN", has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def test_the_first_admin_sets_up_a_province_from_a_phone(page, tmp_path):
    log_in(page, "nv@lamdong.gov.vn", "mat-khau-dau-tien")
    page.wait_for_url("**/setup")
    assert page.locator("h1").inner_text() == "Thiết lập đơn vị"
    page.fill("input[name=name]", "UBND tỉnh Lâm Đồng")
    page.select_option("select[name=kind]", "province")
    page.fill("input[name=place]", "Lâm Đồng")
    page.fill("input[name=issuing_body]", "UBND TỈNH LÂM ĐỒNG")
    page.click("input[name=review]")
    assert page.locator("input[name='departments-0-name']").input_value() == "Sở Nội vụ"
    assert_fits_the_screen(page, "the set-up with its starter")
    page.fill("input[name='departments-12-name']", "Thanh tra tỉnh Lâm Đồng")
    page.uncheck("input[name='departments-11-keep']")  # Sở Văn hóa, Thể thao và Du lịch: left out
    page.screenshot(path=str(tmp_path / "setup.png"), full_page=True)
    page.click("input[name=save]")
    page.wait_for_url("**/imports/")
    assert "Đã thiết lập UBND tỉnh Lâm Đồng với 12 cơ quan và 8 quy tắc phân công" in \
        page.locator(".flash-success").inner_text()
    assert page.locator("input[name='results-unit']").input_value() == "UBND tỉnh Lâm Đồng"
    unit = db.session.scalar(select(Unit))
    assert unit.own and unit.kind == "province"
    names = dict(db.session.execute(select(Department.code, Department.name)).all())
    assert names["TTT"] == "Thanh tra tỉnh Lâm Đồng" and "SVHTTDL" not in names
    assert db.session.scalar(select(PlanningRule).where(PlanningRule.code == "2")).lead_department.code == "STP"
