"""The periodic report as an official document (Decree 30/2020/NĐ-CP): letterhead, title, the four
sections with their tables and the chart, recipients and signature."""
from __future__ import annotations

import io

from docx.shared import Mm

from . import official_docx as od
from .plan_document import vn_date, vn_number
from .report_chart import field_chart_png
from .report_document import CHART, SECTIONS, STATUS_VI, TABLES, ReportDocument, paragraphs

TABLE_PT = 11
SHORT_TABLE = 16  # rows: a table this short is kept on one page
SCORE_ROWS = (("baseline", "Kết quả năm trước"), ("secured", "Đã xác nhận nội bộ"), ("expected", "Dự kiến"),
              ("potential", "Tối đa có thể đạt"))


def _caption(doc, text: str, *, above: bool = True) -> None:
    """A table's caption stays with the table under it; the chart's, under the chart, with nothing."""
    p = od.para(doc, text, bold=True, italic=True, size=12, align=od.CENTER, after=4 if above else 12)
    p.paragraph_format.space_before = od.Pt(6)
    p.paragraph_format.keep_with_next = above


def _after_table(doc) -> None:
    od.para(doc, "", after=6)


def _none(doc, text: str) -> None:
    od.para(doc, text, italic=True, size=12, align=od.CENTER, after=6)


def _counts(doc, report: ReportDocument) -> None:
    c = report.figures.counts
    _caption(doc, TABLES["counts"])
    table = od.grid(doc, ["Chỉ tiêu", "Số nhiệm vụ"], [120, 45], size=TABLE_PT)
    for label, value in (("Tổng số nhiệm vụ", c.total),
                         ("Đã hoàn thành", c.finished),
                         ("   - trong đó đã được thẩm tra, xác nhận đạt", c.verified),
                         ("   - hoàn thành đúng hạn", c.on_time),
                         ("   - hoàn thành trễ hạn", c.late),
                         ("Đang thực hiện", c.in_progress),
                         ("Gặp vướng mắc", c.blocked),
                         ("Chưa thực hiện", c.not_started),
                         ("Quá hạn tại thời điểm báo cáo", c.overdue),
                         ("Không tiếp tục thực hiện (hủy)", c.cancelled)):
        od.grid_row(table, [label, str(value)], centered=(1,), size=TABLE_PT)
    od.keep_together(table)
    _after_table(doc)


def _score(doc, report: ReportDocument) -> None:
    f = report.figures
    _caption(doc, TABLES["score"])
    table = od.grid(doc, ["", "Điểm", "Tỷ lệ (%)", "Xếp loại", "So với kỳ trước"], [50, 25, 25, 30, 35],
                    size=TABLE_PT)
    for key, label in SCORE_ROWS:
        change = f.change(key) if key != "baseline" else None
        od.grid_row(table, [label, vn_number(f.projection[key]), vn_number(f.projection[f"{key}_pct"]),
                            f.projection[f"{key}_classification"],
                            "" if change is None else (("+" if change > 0 else "") + vn_number(change))],
                    centered=(1, 2, 3, 4), size=TABLE_PT)
    od.keep_together(table)
    rank = f.projection.get("projected_rank")
    note = (f"Xếp hạng dự kiến: {rank}/{f.projection['rank_of']}. " if rank else "") + \
        f"Thang điểm tối đa: {vn_number(f.projection['max_score'])} điểm."
    od.para(doc, note, italic=True, size=11, after=6)


def _groups(doc, title: str, first: str, groups, by_field: bool) -> None:
    _caption(doc, title)
    columns = [first, "Số nhiệm vụ", "Hoàn thành", "Quá hạn", "Điểm bị mất", "Đã xác nhận nội bộ", "Dự kiến"]
    table = od.grid(doc, columns, [53, 17, 19, 17, 19, 20, 20], size=TABLE_PT)
    for g in groups:
        name = f"{g.key}. {g.title}" if by_field else g.title
        c = g.counts
        od.grid_row(table, [name, str(c.total), str(c.finished), str(c.overdue), vn_number(c.lost),
                            vn_number(c.secured), vn_number(c.expected)], centered=(1, 2, 3, 4, 5, 6),
                    size=TABLE_PT)
    if len(table.rows) <= SHORT_TABLE:
        od.keep_together(table)
    _after_table(doc)


def _chart(doc, report: ReportDocument) -> None:
    rows = report.chart_rows
    if not rows:
        return
    picture = od.para(doc, "", after=0, align=od.CENTER)
    picture.add_run().add_picture(io.BytesIO(field_chart_png(rows)), width=Mm(160))
    picture.paragraph_format.keep_with_next = True  # the chart and its caption on one page
    _caption(doc, CHART, above=False)


def _task_table(doc, key: str, lines, columns, widths, values, centered, empty: str) -> None:
    _caption(doc, TABLES[key])
    if not lines:
        _none(doc, empty)
        return
    table = od.grid(doc, columns, widths, size=TABLE_PT)
    for number, line in enumerate(lines, start=1):
        od.grid_row(table, [str(number), *values(line)], centered=centered, size=TABLE_PT)
    _after_table(doc)


LAST_PLAN_COLUMNS = ["Nhiệm vụ", "Điểm đã mất", "Lấy lại", "Hiệu quả", "Chưa hiệu quả", "Chưa xong, vẫn mất"]


def _last_plan(doc, key: str, first: str, rows: list[dict]) -> None:
    """Last year's plan beside the results it worked for (the annual report)."""
    _caption(doc, TABLES[key])
    table = od.grid(doc, [first, *LAST_PLAN_COLUMNS], [50, 18, 20, 18, 18, 20, 24], size=TABLE_PT)
    for r in rows:
        od.grid_row(table, [f"{r['key']}. {r['title']}" if key == "last_fields" else r["title"] or "—",
                            str(r["tasks"]), vn_number(r["lost_before"]), vn_number(r["regained"]),
                            str(r["worked"]), str(r["did_not_work"]), str(r["not_done_lost"])],
                    centered=(1, 2, 3, 4, 5, 6), size=TABLE_PT)
    _after_table(doc)


def _section(doc, report: ReportDocument, key: str, heading: str) -> None:
    od.body(doc, heading, bold=True)
    texts = paragraphs(report.prose.get(key, ""))
    if key == SECTIONS[-1][0] and texts:
        texts[-1] = od.the_end(texts[-1])
    for text in texts:
        od.body(doc, text)
    f = report.figures
    if key == "results":
        _counts(doc, report)
        _score(doc, report)
        _groups(doc, TABLES["fields"], "Lĩnh vực", f.by_field, by_field=True)
        _chart(doc, report)
        _groups(doc, TABLES["departments"], "Cơ quan chủ trì", f.by_department, by_field=False)
        _task_table(doc, "completed", f.completed,
                    ["STT", "Tiêu chí", "Sản phẩm", "Cơ quan chủ trì", "Ngày hoàn thành"], [12, 18, 70, 40, 25],
                    lambda l: [l.code, l.product or l.title, l.department,
                               vn_date(l.finished_on) + ("" if l.on_time else " (trễ hạn)")],
                    (0, 1, 4), "Không có sản phẩm hoàn thành trong kỳ.")
        if f.last_plan:
            _last_plan(doc, "last_fields", "Lĩnh vực", f.last_plan["by_field"])
            _last_plan(doc, "last_departments", "Cơ quan chủ trì", f.last_plan["by_department"])
    elif key == "shortcomings":
        _task_table(doc, "overdue", f.overdue,
                    ["STT", "Tiêu chí", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Quá hạn (ngày)", "Giải trình"],
                    [12, 18, 40, 28, 20, 15, 32],
                    lambda l: [l.code, l.title, l.department, vn_date(l.deadline), str(l.days_overdue),
                               l.explanation or "Chưa có giải trình"],
                    (0, 1, 4, 5), "Không có nhiệm vụ quá hạn.")
        if f.last_plan and f.last_plan["did_not_work"]:
            _task_table(doc, "did_not_work", f.last_plan["did_not_work"],
                        ["STT", "Tiêu chí", "Cơ quan chủ trì", "Điểm mất năm trước", "Điểm mất năm sau"],
                        [12, 20, 60, 30, 30],
                        lambda r: [r["code"], r["department"] or "—", vn_number(r["lost_before"]),
                                   vn_number(r["lost_after"])], (0, 1, 3, 4), "")
    elif key == "next_tasks":
        _task_table(doc, "due_next", f.due_next,
                    ["STT", "Tiêu chí", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Tiến độ"],
                    [12, 18, 58, 35, 22, 20],
                    lambda l: [l.code, l.title, l.department, vn_date(l.deadline),
                               f"{STATUS_VI.get(l.status, l.status)} {l.progress}%"],
                    (0, 1, 4, 5), "Không có nhiệm vụ đến hạn trong kỳ tới.")


def report_docx(report: ReportDocument) -> bytes:
    document = od.new_document(f"Báo cáo số {report.number}")
    od.header(document, report.parties, report.number, report.dated)
    od.title(document, "BÁO CÁO", *report.title_lines)
    if report.is_draft:
        od.para(document, "(Dự thảo)", italic=True, align=od.CENTER, after=6)
    if report.parties.addressee:
        od.para(document, f"Kính gửi: {' '.join(report.parties.addressee.split())}.", align=od.CENTER, after=12)
    f = report.figures
    od.body(document, f"Số liệu tính đến hết ngày {vn_date(f.as_of)} (kỳ báo cáo từ ngày "
                      f"{vn_date(f.period.start)} đến ngày {vn_date(f.period.end)}).")
    for key, heading in SECTIONS:
        _section(document, report, key, heading)
    od.closing(document, report.parties)
    return od.to_bytes(document)
