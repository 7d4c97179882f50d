"""Periodic reports: the figures as of a period's cut-off, counted by hand from a history; the
draft, its prose and issuing; the files; the CLI; the scheduler; who may read what.

The world (tests/mail_world.py): a plan of 2026 with six appraisal tasks in field 1 (each lost 1
of 2 points) and one survey task in field 2 (lost 1 of 4); baseline 9 of 16. Quý I 2026 runs
from 15/12/2025 to 14/03/2026 (cut-off: 15/03 00:00 in Hồ Chí Minh City, 14/03 17:00 UTC).
"""
import io
import shutil
import subprocess
from datetime import date, datetime
from zoneinfo import ZoneInfo

import docx
import openpyxl
import pytest
from sqlalchemy import func, select

from tests import mail_world
from tests.conftest import csrf_token, log_in
from tests.mail_world import ADMIN, LEADER, OFFICER
from tracker import i18n
from tracker.domain.periods import report_period
from tracker.extensions import db
from tracker.models import AuditEvent, Notification, Report, Task
from tracker.notify import scheduler
from tracker.services import audit
from tracker.services import reports

Q1 = report_period(2026, 1)
Q2 = report_period(2026, 2)


def utc(day: int, month: int, hour: int = 3) -> datetime:
    """A stored moment (naive UTC); 03:00 UTC is 10:00 the same day in Việt Nam."""
    return datetime(2026, month, day, hour, 0)


def freeze(monkeypatch, day: date, hour: int = 10) -> None:
    """The tracker's clock stops at `day`, `hour`:00 local time (pages, services, the CLI)."""
    moment = datetime(day.year, day.month, day.day, hour, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    monkeypatch.setattr(i18n, "local_now", lambda: moment)


def edit(task: Task, at: datetime, **values) -> None:
    """An admin's edit at `at`, recorded old → new in the audit log as the task service does."""
    event = audit.record("task.edit", task, audit.diff(task, values), actor="test")
    event.at = at


@pytest.fixture
def world(app):
    w = mail_world.build()
    w.task("1.1", date(2026, 3, 10), "not_started", 0)
    w.update("1.1", utc(5, 3), "done", 100)                     # done on time…
    w.update("1.1", utc(8, 3), "verified", 100, by=ADMIN)       # …and verified
    w.task("1.2", date(2026, 3, 10), "in_progress", 50)
    w.update("1.2", utc(12, 3), "done", 100)                    # done two days late
    w.update("1.2", utc(20, 3), "in_progress", 90, "Thiếu quyết định", by=ADMIN)  # reopened after the cut-off
    w.task("1.3", date(2026, 3, 12), "not_started", 0)
    w.update("1.3", utc(6, 3), "in_progress", 40, "Chờ số liệu của Sở")   # overdue at the cut-off
    w.task("1.4", date(2026, 4, 30), "not_started", 0)          # due in the next period
    w.update("1.4", utc(1, 5), "done", 100)                     # after the cut-off
    w.task("1.5", date(2026, 6, 30), "not_started", 0)
    w.update("1.5", utc(7, 3), "cancelled", 0, "Gộp vào 1.3", by=ADMIN)
    w.task("1.6", date(2026, 3, 14), "not_started", 0)          # overdue by one day at the cut-off…
    edit(w.tasks["1.6"], utc(1, 4), deadline=date(2026, 6, 30), lead_department_id=w.tp.id)  # …moved later
    w.task("2.1", date(2026, 9, 30), "not_started", 0)
    w.update("2.1", utc(10, 3), "in_progress", 50)              # survey: expected, never secured
    late = Task(plan=w.plan, criterion=w.tasks["1.5"].criterion, part=2, title="Kế hoạch thay thế", lost_points=1.0,
                lead_department=w.nv, deadline=date(2026, 8, 31), created_at=utc(1, 4))  # after the cut-off
    db.session.add(late)
    db.session.commit()
    return w


def test_quarter_one_figures_counted_by_hand(app, world):
    f = reports.compute_figures(world.plan, Q1, date(2026, 3, 18))
    c = f.counts
    assert (f.as_of, f.period.due) == (date(2026, 3, 14), date(2026, 3, 20))
    assert (c.total, c.verified, c.done, c.in_progress, c.blocked, c.not_started, c.cancelled) == (7, 1, 1, 2, 0, 2, 1)
    assert (c.overdue, c.on_time, c.late) == (2, 1, 1)
    # 1 + 1 + 0.4: the survey task 2.1 (50 %) counts only in the potential before its survey
    assert (c.lost, c.secured, c.expected) == (6.0, 1.0, 2.4)
    p = f.projection
    assert (p["baseline"], p["secured"], p["expected"], p["potential"], p["max_score"]) == (9.0, 10.0, 11.4, 15.0, 16.0)
    assert (p["expected_classification"], p["secured_classification"]) == ("Khá", "Trung bình")  # 71.25 %, 62.5 %
    assert p["tasks"]["done"] == 1 and f.previous is None and f.change("expected") is None
    fields = {g.key: (g.counts.total, g.counts.lost, g.counts.secured, g.counts.expected) for g in f.by_field}
    assert fields == {"1": (6, 5.0, 1.0, 2.4), "2": (1, 1.0, 0.0, 0.0)}
    assert [(g.key, g.counts.total, g.counts.overdue) for g in f.by_department] == [("NV", 7, 2)]  # 1.6 was NV's
    assert [(l.code, l.days_overdue, l.explanation, l.deadline) for l in f.overdue] == [
        ("1.3", 3, "Chờ số liệu của Sở", date(2026, 3, 12)), ("1.6", 1, "", date(2026, 3, 14))]
    assert [(l.code, l.finished_on, l.on_time) for l in f.completed] == [
        ("1.1", date(2026, 3, 5), True), ("1.2", date(2026, 3, 12), False)]
    assert [l.code for l in f.due_next] == ["1.4"]  # by 14/06; 2.1 is due in September


def test_a_task_done_before_the_cut_off_and_reopened_after_counts_as_done(app, world):
    f = reports.compute_figures(world.plan, Q1, date(2026, 3, 18))
    assert world.tasks["1.2"].status == "in_progress"
    assert "1.2" in [l.code for l in f.completed] and f.counts.done == 1


def test_a_report_generated_later_for_a_past_period_shows_the_same_figures(app, world):
    then = reports.compute_figures(world.plan, Q1, date(2026, 3, 18))
    later = reports.compute_figures(world.plan, Q1, date(2026, 11, 20))
    assert later == then


def test_the_six_month_report_compares_with_quarter_one(app, world):
    f = reports.compute_figures(world.plan, Q2, date(2026, 6, 16))
    c = f.counts
    assert (c.total, c.not_started, c.in_progress, c.done, c.verified, c.cancelled) == (8, 2, 3, 1, 1, 1)
    assert f.projection["expected"] == 12.3   # 9 + 1 + 0.9 + 0.4 + 1 (2.1, a survey outcome: 0)
    assert f.previous["expected"] == 11.4 and f.change("expected") == 0.9 and f.change("secured") == 0.0
    assert [(l.code, l.days_overdue) for l in f.overdue] == [("1.2", 97), ("1.3", 95)]  # reopened; 12/03 to 14/06
    assert {l.code for l in f.due_next} == {"1.5", "1.6"}   # the replacement task and the moved one
    assert {g.key: g.counts.total for g in f.by_department} == {"NV": 7, "TP": 1}
    assert [(l.code, l.finished_on) for l in f.completed] == [
        ("1.1", date(2026, 3, 5)), ("1.4", date(2026, 5, 1))]  # 6 tháng counts from 15/12


def test_a_running_period_counts_up_to_yesterday_and_a_future_one_is_refused(app, world):
    f = reports.compute_figures(world.plan, Q1, date(2026, 3, 9))
    assert f.as_of == date(2026, 3, 8) and f.counts.verified == 1 and f.counts.done == 0
    with pytest.raises(reports.ReportError, match="nothing to report yet"):
        reports.compute_figures(world.plan, report_period(2026, 3), date(2026, 6, 15))


def test_the_docx_is_an_official_report_with_its_tables_chart_and_signature(app, world, monkeypatch):
    freeze(monkeypatch, date(2026, 3, 18))
    world.plan.assessment.unit.issuing_body, world.plan.assessment.unit.place = "UBND xã Thử", "Thử"
    report = reports.build(world.plan, Q1)
    document = docx.Document(io.BytesIO(reports.render(report, "docx")))
    top = document.tables[0]
    left, right = top.cell(0, 0).text, top.cell(0, 1).text
    # Decree 30: an Ủy ban nhân dân over two lines; no leading zero before a month after February.
    assert left.startswith("ỦY BAN NHÂN DÂN\nXÃ THỬ\n") and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right
    assert top.cell(1, 0).text.strip() == "Số:       /BC-UBND" and top.cell(1, 1).text == "Thử, ngày 18 tháng 3 năm 2026"
    text = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in text and "Chỉ số cải cách hành chính quý I năm 2026" in text and "(Dự thảo)" in text
    headings = [t for t in text if t.startswith(("I. ", "II. ", "III. ", "IV. "))]
    assert headings == ["I. KẾT QUẢ THỰC HIỆN", "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
                        "III. NHIỆM VỤ TRỌNG TÂM KỲ TỚI", "IV. ĐỀ XUẤT, KIẾN NGHỊ"]
    body = "\n".join(text)
    assert "trong tổng số 7 nhiệm vụ: đã hoàn thành 2 nhiệm vụ" in body and "dự kiến đạt 11,4/16 điểm" in body
    assert "1. Công tác chỉ đạo, triển khai" in body and "2. Kết quả thực hiện nhiệm vụ" in body
    # Tồn tại names the tasks behind at the cut-off; the departments' explanation is a cause.
    assert "1.3 " in body and "quá hạn 3 ngày" in body and "2 nhiệm vụ chưa được triển khai" in body
    assert "(a) chủ quan" in body and "(b) khách quan, theo giải trình của các cơ quan: Chờ số liệu của Sở" in body
    tables = {t.rows[0].cells[0].text: t for t in document.tables[1:]}
    counts = {r.cells[0].text: r.cells[1].text for r in tables["Chỉ tiêu"].rows[1:]}
    assert counts["Tổng số nhiệm vụ"] == "7" and counts["Quá hạn tại thời điểm báo cáo"] == "2"
    score = {r.cells[0].text: [c.text for c in r.cells[1:4]] for r in tables[""].rows[1:]}
    assert score["Dự kiến"] == ["11,4", "71,25", "Khá"] and score["Đã xác nhận nội bộ"] == ["10", "62,5", "Trung bình"]
    fields = [[c.text for c in r.cells] for r in tables["Lĩnh vực"].rows[1:]]
    assert fields[0] == ["1. Chỉ đạo, điều hành", "6", "2", "2", "5", "1", "2,4"]
    overdue = [t for t in document.tables if "Giải trình" in [c.text for c in t.rows[0].cells]][0]
    assert [r.cells[6].text for r in overdue.rows[1:]] == ["Chờ số liệu của Sở", "Chưa có giải trình"]
    assert len(document.inline_shapes) == 1  # the chart
    signature = document.tables[-1]
    assert "Nơi nhận:" in signature.cell(0, 0).text and "TM. ỦY BAN NHÂN DÂN" in signature.cell(0, 1).text
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm), round(section.left_margin.mm)) == (210, 297, 30)


def test_the_xlsx_has_one_sheet_per_table(app, world, monkeypatch):
    freeze(monkeypatch, date(2026, 3, 18))
    book = openpyxl.load_workbook(io.BytesIO(reports.render(reports.build(world.plan, Q1), "xlsx")))
    assert book.sheetnames == ["Tổng hợp", "Điểm dự kiến", "Theo lĩnh vực", "Theo cơ quan", "Sản phẩm hoàn thành",
                               "Quá hạn", "Đến hạn kỳ tới"]
    summary = {row[0]: row[1] for row in book["Tổng hợp"].iter_rows(min_row=4, values_only=True)}
    assert summary["Tổng số nhiệm vụ"] == 7 and summary["Hoàn thành trễ hạn"] == 1
    overdue = list(book["Quá hạn"].iter_rows(min_row=4, values_only=True))
    assert [(r[1], r[4], r[5], r[7]) for r in overdue] == [
        ("1.3", datetime(2026, 3, 12), 3, "Chờ số liệu của Sở"), ("1.6", datetime(2026, 3, 14), 1, None)]
    score = {row[0]: row[1:4] for row in book["Điểm dự kiến"].iter_rows(min_row=4, values_only=True)}
    assert score["Dự kiến"] == (11.4, 71.25, "Khá")


def test_text_from_a_task_is_written_as_text_never_as_a_formula(app, world, monkeypatch):
    freeze(monkeypatch, date(2026, 3, 18))
    world.tasks["1.3"].title = '=HYPERLINK("http://evil.example","x")'
    db.session.commit()
    book = openpyxl.load_workbook(io.BytesIO(reports.render(reports.build(world.plan, Q1), "xlsx")))
    cell = book["Quá hạn"]["C4"]
    assert cell.value == '=HYPERLINK("http://evil.example","x")' and cell.data_type == "s"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("libreoffice") is None and shutil.which("soffice") is None,
                    reason="LibreOffice is not installed")
def test_libreoffice_converts_the_docx_to_pdf(app, world, monkeypatch, tmp_path, tmp_path_factory):
    freeze(monkeypatch, date(2026, 3, 18))
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(reports.render(reports.build(world.plan, Q1), "docx"))
    office = shutil.which("libreoffice") or shutil.which("soffice")
    # A profile of this process's own: a LibreOffice already running on the profile in the home
    # folder (another xdist worker's, another test run's) would take the job and this one exits 1.
    profile = (tmp_path_factory.getbasetemp() / "libreoffice-profile").as_uri()
    subprocess.run([office, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=180)
    assert (tmp_path / "bao-cao.pdf").read_bytes().startswith(b"%PDF")


# --- Through the pages ----------------------------------------------------------------------

def url(world, label="2026-Q1", suffix=""):
    return f"/plans/{world.plan.id}/reports/{label}{suffix}"


def post(client, path, data):
    page = client.get("/dashboard")  # any page of the session carries its CSRF token
    return client.post(path, data={**data, "csrf_token": csrf_token(page.get_data(as_text=True))})


def test_admin_edits_a_section_issues_the_report_and_it_stays_as_issued(client, world, monkeypatch):
    freeze(monkeypatch, date(2026, 3, 18))
    log_in(client, ADMIN)
    page = client.get(url(world)).get_data(as_text=True)
    assert "Báo cáo quý I năm 2026" in page and "Dự thảo" in page and "Chờ số liệu của Sở" in page
    assert "<td>1. Chỉ đạo, điều hành</td>" in page and "<td>Phòng Nội vụ</td>" in page  # by field, by department
    sections = reports.build(world.plan, Q1).prose
    edited = {**sections, "proposals": "Đề nghị UBND tỉnh hỗ trợ kinh phí số hóa hồ sơ."}
    assert post(client, url(world, suffix="/prose"), edited).status_code == 302
    assert db.session.scalar(select(Report)).prose == {"proposals": "Đề nghị UBND tỉnh hỗ trợ kinh phí số hóa hồ sơ."}
    assert "Đề nghị UBND tỉnh hỗ trợ kinh phí số hóa hồ sơ." in client.get(url(world)).get_data(as_text=True)
    draft = client.get(url(world, suffix="/report.docx"))
    assert draft.headers["Content-Disposition"].endswith("bao-cao-2026-q1-du-thao.docx")

    response = post(client, url(world, suffix="/issue"), {"number": "15/BC-UBND", "issued_on": "18/03/2026"})
    assert response.status_code == 302
    page = client.get(url(world)).get_data(as_text=True)
    assert "Báo cáo số 15/BC-UBND ngày 18/03/2026" in page and "Dự thảo" not in page
    issued_docx = client.get(url(world, suffix="/report.docx")).data
    issued_xlsx = client.get(url(world, suffix="/report.xlsx")).data
    document = docx.Document(io.BytesIO(issued_docx))
    assert document.tables[0].cell(1, 0).text == "Số: 15/BC-UBND"
    # The text's last sentence ends with "./." in the document (Decree 30), the edit kept as typed.
    assert "Đề nghị UBND tỉnh hỗ trợ kinh phí số hóa hồ sơ./." in [p.text for p in document.paragraphs]
    assert "(Dự thảo)" not in [p.text for p in document.paragraphs]

    # The tasks change afterwards: the issued report does not.
    world.tasks["1.3"].status, world.tasks["1.3"].progress = "verified", 100
    db.session.commit()
    monkeypatch.setattr(reports, "compute_figures", None)  # an issued report never recomputes
    assert client.get(url(world, suffix="/report.docx")).data == issued_docx
    assert client.get(url(world, suffix="/report.xlsx")).data == issued_xlsx
    assert "Chờ số liệu của Sở" in client.get(url(world)).get_data(as_text=True)


def test_issuing_twice_is_refused_with_a_clear_message(client, world, monkeypatch):
    freeze(monkeypatch, date(2026, 3, 18))
    log_in(client, ADMIN)
    post(client, url(world, suffix="/issue"), {"number": "15/BC-UBND", "issued_on": "18/03/2026"})
    first = db.session.scalar(select(Report)).docx
    response = post(client, url(world, suffix="/issue"), {"number": "16/BC-UBND", "issued_on": "18/03/2026"})
    assert response.status_code == 302
    page = client.get(url(world)).get_data(as_text=True)
    assert "Báo cáo số 15/BC-UBND ngày 18/03/2026 đã ban hành: không thể thay đổi nữa." in page
    row = db.session.scalar(select(Report))
    assert (row.number, row.docx) == ("15/BC-UBND", first)
    assert post(client, url(world, suffix="/prose"), {"results": "x"}).status_code == 302
    assert db.session.scalar(select(Report)).prose["results"] != "x"


@pytest.mark.parametrize("data, message", [
    ({"number": "", "issued_on": "18/03/2026"}, "Nhập số/ký hiệu của báo cáo"),
    ({"number": "15/BC-UBND", "issued_on": ""}, "Nhập ngày ban hành."),
    ({"number": "x" * 51, "issued_on": "18/03/2026"}, "Số/ký hiệu có tối đa 50 ký tự."),
    ({"number": "15/BC-UBND", "issued_on": "10/03/2026"}, "sau ngày kết thúc kỳ"),
    ({"number": "15/BC-UBND", "issued_on": "19/03/2026"}, "sau ngày kết thúc kỳ"),
    ({"number": "15/BC-UBND", "issued_on": "31/02/2026"}, "dd/mm/yyyy"),
    ({"number": "15/BC-UBND", "issued_on": "01/01/0001"}, "Nhập ngày trong khoảng năm 1900 đến 2199."),
])
def test_a_bad_number_or_date_is_refused_and_nothing_is_issued(client, world, monkeypatch, data, message):
    freeze(monkeypatch, date(2026, 3, 18))
    log_in(client, ADMIN)
    post(client, url(world, suffix="/issue"), data)
    page = client.get(url(world)).get_data(as_text=True)
    assert "flash-error" in page and message in page
    assert db.session.scalar(select(func.count(Report.id)).where(Report.status == "issued")) == 0


def test_a_running_period_cannot_be_issued_yet(client, world, monkeypatch):
    freeze(monkeypatch, date(2026, 3, 10))
    log_in(client, ADMIN)
    page = client.get(url(world)).get_data(as_text=True)
    assert "chỉ ban hành được sau khi kỳ kết thúc" in page
    post(client, url(world, suffix="/issue"), {"number": "15/BC-UBND", "issued_on": "10/03/2026"})
    assert db.session.scalar(select(func.count(Report.id)).where(Report.status == "issued")) == 0


def test_leaders_read_drafts_departments_only_issued_reports(client, world, monkeypatch):
    freeze(monkeypatch, date(2026, 3, 18))
    log_in(client, LEADER)
    assert client.get(url(world)).status_code == 200
    assert client.get(url(world, suffix="/report.docx")).status_code == 200
    assert post(client, url(world, suffix="/prose"), {"results": "x"}).status_code == 403
    post(client, "/logout", {})
    log_in(client, OFFICER)
    assert client.get(url(world)).status_code == 403
    assert client.get(url(world, suffix="/report.xlsx")).status_code == 403
    assert post(client, url(world, suffix="/issue"), {"number": "1", "issued_on": "18/03/2026"}).status_code == 403
    reports.issue(world.plan, Q1, "15/BC-UBND", date(2026, 3, 18), world.users[ADMIN])
    db.session.commit()
    assert client.get(url(world)).status_code == 200
    assert client.get(url(world, suffix="/report.docx")).status_code == 200
    assert "15/BC-UBND" in client.get("/reports/").get_data(as_text=True)


@pytest.mark.parametrize("path", ["/plans/{plan}/reports/2026-Q5", "/plans/{plan}/reports/2025-Q1",
                                  "/plans/{plan}/reports/abc", "/plans/99999999/reports/2026-Q1",
                                  "/plans/{plan}/reports/2026-Q1/report.pdf"])
def test_unknown_periods_plans_and_formats_are_404(client, world, monkeypatch, path):
    freeze(monkeypatch, date(2026, 3, 18))
    log_in(client, ADMIN)
    assert client.get(path.format(plan=world.plan.id)).status_code == 404


def test_the_reports_list_and_the_plan_page_show_each_period_and_its_due_date(client, world, monkeypatch):
    freeze(monkeypatch, date(2026, 3, 18))
    log_in(client, ADMIN)
    for path in ("/reports/", f"/plans/{world.plan.id}"):
        page = client.get(path).get_data(as_text=True)
        assert "Báo cáo quý I năm 2026" in page and "20/03/2026" in page and "Báo cáo 6 tháng đầu năm 2026" in page


def test_the_dashboard_shows_a_reports_due_date_when_it_is_near(client, world, monkeypatch):
    log_in(client, ADMIN)
    freeze(monkeypatch, date(2026, 3, 10))
    page = client.get("/").get_data(as_text=True)
    assert "Báo cáo quý I năm 2026" in page and "Hạn 20/03/2026" in page
    freeze(monkeypatch, date(2026, 4, 20))
    assert "report-due" not in client.get("/").get_data(as_text=True)


# --- The command line and the scheduler ------------------------------------------------------

def test_cli_writes_the_draft_then_the_issued_report(app, world, runner, monkeypatch, tmp_path):
    freeze(monkeypatch, date(2026, 3, 18))
    out = tmp_path / "q1.docx"
    result = runner.invoke(args=["tracker", "report", "--unit", "UBND xã Thử", "--quarter", "2026-Q1",
                                 "--format", "docx", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "draft" in result.output and "7 tasks, 2 finished, 2 overdue" in result.output
    assert "(Dự thảo)" in [p.text for p in docx.Document(str(out)).paragraphs]
    row = reports.issue(world.plan, Q1, "15/BC-UBND", date(2026, 3, 18), world.users[ADMIN])
    db.session.commit()
    result = runner.invoke(args=["tracker", "report", "--unit", "UBND xã Thử", "--quarter", "2026-Q1",
                                 "--format", "xlsx", "--out", str(tmp_path / "q1.xlsx")])
    assert result.exit_code == 0 and "issued as 15/BC-UBND of 18/03/2026" in result.output
    assert (tmp_path / "q1.xlsx").read_bytes() == db.session.get(Report, row.id).xlsx


@pytest.mark.parametrize("args, message", [
    (["--unit", "UBND xã Khác", "--quarter", "2026-Q1"], "no plan of UBND xã Khác working in 2026"),
    (["--unit", "UBND xã Thử", "--quarter", "2026-Q5"], "is not a quarter"),
    (["--unit", "UBND xã Thử", "--quarter", "2027-Q1"], "no plan of UBND xã Thử working in 2027"),
    (["--unit", "UBND xã Thử", "--quarter", "2026-Q3"], "nothing to report yet"),
])
def test_cli_refuses_bad_input_with_exit_2(app, world, runner, monkeypatch, tmp_path, args, message):
    freeze(monkeypatch, date(2026, 3, 18))
    out = tmp_path / "r.docx"
    result = runner.invoke(args=["tracker", "report", *args, "--format", "docx", "--out", str(out)])
    assert result.exit_code == 2 and message in result.output and not out.exists()


def test_the_scheduler_prepares_the_draft_after_the_cut_off_and_tells_the_admins_once(app, world):
    assert scheduler.prepare_reports(app, now=datetime(2026, 3, 14, 9, 0)) == 0   # the period still runs
    assert scheduler.prepare_reports(app, now=datetime(2026, 3, 15, 7, 0)) == 0   # before the day's run
    assert scheduler.prepare_reports(app, now=datetime(2026, 3, 15, 8, 0)) == 1
    scheduler.prepare_reports(app, now=datetime(2026, 3, 16, 8, 0))               # the next day: no second mail
    sent = db.session.scalars(select(Notification).where(Notification.kind == "report")).all()
    assert [(m.recipient, m.key) for m in sent] == [(ADMIN, f"report-ready:{world.plan.id}:2026-Q1")]
    assert f"/plans/{world.plan.id}/reports/2026-Q1" in sent[0].body_text and "20/03/2026" in sent[0].subject
    assert db.session.scalar(select(Report)).status == "draft"
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "report.draft")) == 1
    assert scheduler.prepare_reports(app, now=datetime(2026, 3, 21, 8, 0)) == 0   # past its due date


def test_a_survey_outcome_is_no_product_of_the_period_and_adds_nothing_to_expected(app, world):
    """2.1 (a survey criterion, 1 point lost) recorded done on 10/03 by an older version: before
    the survey has reported it is not among the products completed, and its point stays only
    in the potential (quý I: expected 9 + 1 + 1 + 0.4 = 11.4, potential 15)."""
    world.update("2.1", utc(11, 3), "done", 100)
    db.session.commit()
    f = reports.compute_figures(world.plan, Q1, date(2026, 3, 18))
    assert "2.1" not in [l.code for l in f.completed]
    assert (f.projection["expected"], f.projection["potential"]) == (11.4, 15.0)
    # Once the unit's 2026 results are imported the survey has reported: it counts (12.4).
    from tests import factories
    factories.assessment("UBND xã Thử", 2026, mail_world.tree())
    db.session.commit()
    f = reports.compute_figures(world.plan, Q1, date(2026, 3, 18))
    assert "2.1" in [l.code for l in f.completed] and f.projection["expected"] == 12.4
