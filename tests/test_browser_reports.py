"""The quarterly report in a real browser, on the demo loaded on 18/03/2026 (the quý I data
ended on 14/03; the report is due on 20/03): an admin opens the draft, edits a section and
issues it; a leader downloads the issued report."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import docx
import pytest

from tests.test_browser import log_in, live_server, page  # noqa: F401 (fixtures)
from tracker import i18n

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.parametrize("backend", ["sqlite"], indirect=True),
]
DAY = date(2026, 3, 18)


@pytest.fixture
def today():
    """The demo is loaded, and the tracker's clock stopped, on DAY."""
    return DAY


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    moment = datetime(DAY.year, DAY.month, DAY.day, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    monkeypatch.setattr(i18n, "local_now", lambda: moment)


def test_admin_issues_the_quarter_report_and_a_leader_downloads_it(page, tmp_path):  # noqa: F811
    log_in(page, "admin@example.gov.vn")
    assert "Báo cáo quý I năm 2026" in page.locator(".report-due").inner_text()  # due in two days
    page.click(".report-due a")
    assert page.locator("h1").inner_text().startswith("Báo cáo quý I năm 2026")
    assert "Dự thảo" in page.locator("main").inner_text()
    page.fill("textarea[name=proposals]", "Đề nghị UBND tỉnh bố trí kinh phí số hóa hồ sơ năm 2026.")
    page.click("input[value='Lưu nội dung']")
    assert page.locator(".flash-success").inner_text().startswith("Đã lưu nội dung.")
    page.fill("input[name=number]", "15/BC-UBND")
    page.fill("input[name=issued_on]", "18/03/2026")
    page.click("input[value='Ban hành báo cáo']")
    assert page.locator(".flash-success").inner_text().startswith("Đã ban hành báo cáo 15/BC-UBND.")
    assert "Báo cáo số 15/BC-UBND ngày 18/03/2026" in page.locator("main").inner_text()
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    page.click("button:has-text('Đăng xuất')")

    log_in(page, "pct.lamdong@example.gov.vn")
    page.click("nav.mainnav >> text=Báo cáo")
    row = page.locator("tr", has_text="Báo cáo quý I năm 2026")
    assert "15/BC-UBND" in row.inner_text()
    with page.expect_download() as download:
        row.locator("a", has_text=".docx").click()
    assert download.value.suggested_filename == "bao-cao-2026-q1.docx"
    path = tmp_path / "bao-cao.docx"
    download.value.save_as(path)
    document = docx.Document(str(path))
    assert document.tables[0].cell(1, 0).text == "Số: 15/BC-UBND"
    # The edit as typed, closed with "./." as the text's end (Decree 30).
    assert "Đề nghị UBND tỉnh bố trí kinh phí số hóa hồ sơ năm 2026./." in [p.text for p in document.paragraphs]
