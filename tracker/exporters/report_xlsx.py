"""The periodic report's tables as a spreadsheet, one sheet per table."""
from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .report_docx import SCORE_ROWS
from .report_document import STATUS_VI, TABLES, ReportDocument
from .xlsx_cells import put

HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")
WRAP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "DD/MM/YYYY"


def _sheet(book, name: str, title: str, columns: list[str], widths: list[int], rows: list[list]):
    sheet = book.create_sheet(name)
    put(sheet, 1, 1, title).font = Font(bold=True, size=12)
    for column, (header, width) in enumerate(zip(columns, widths), start=1):
        cell = put(sheet, 3, column, header)
        cell.font, cell.fill, cell.alignment = Font(bold=True), HEADER_FILL, WRAP
        sheet.column_dimensions[get_column_letter(column)].width = width
    for r, values in enumerate(rows, start=4):
        for column, value in enumerate(values, start=1):
            cell = put(sheet, r, column, value)
            cell.alignment = WRAP
            if hasattr(value, "isoformat"):
                cell.number_format = DATE_FORMAT  # a real date: the sheet sorts and filters by it
    sheet.freeze_panes = "A4"
    return sheet


def report_xlsx(report: ReportDocument) -> bytes:
    f = report.figures
    c = f.counts
    book = Workbook()
    book.remove(book.active)
    summary = [["Tổng số nhiệm vụ", c.total], ["Đã hoàn thành", c.finished], ["Đã xác nhận đạt", c.verified],
               ["Hoàn thành đúng hạn", c.on_time], ["Hoàn thành trễ hạn", c.late],
               ["Đang thực hiện", c.in_progress], ["Gặp vướng mắc", c.blocked], ["Chưa thực hiện", c.not_started],
               ["Quá hạn tại thời điểm báo cáo", c.overdue], ["Hủy", c.cancelled]]
    _sheet(book, "Tổng hợp", f"{TABLES['counts']} (đến hết ngày {f.as_of:%d/%m/%Y})",
           ["Chỉ tiêu", "Số nhiệm vụ"], [44, 14], summary)
    _sheet(book, "Điểm dự kiến", TABLES["score"], ["", "Điểm", "Tỷ lệ (%)", "Xếp loại", "So với kỳ trước"],
           [24, 10, 10, 14, 16],
           [[label, f.projection[key], f.projection[f"{key}_pct"], f.projection[f"{key}_classification"],
             f.change(key) if key != "baseline" else None] for key, label in SCORE_ROWS])
    group_columns = ["Số nhiệm vụ", "Hoàn thành", "Quá hạn", "Điểm bị mất", "Đã xác nhận nội bộ", "Dự kiến"]

    def group_rows(groups, by_field):
        return [[f"{g.key}. {g.title}" if by_field else g.title, g.counts.total, g.counts.finished,
                 g.counts.overdue, g.counts.lost, g.counts.secured, g.counts.expected] for g in groups]
    _sheet(book, "Theo lĩnh vực", TABLES["fields"], ["Lĩnh vực", *group_columns], [46, 12, 12, 10, 12, 14, 10],
           group_rows(f.by_field, True))
    _sheet(book, "Theo cơ quan", TABLES["departments"], ["Cơ quan chủ trì", *group_columns],
           [40, 12, 12, 10, 12, 14, 10], group_rows(f.by_department, False))
    _sheet(book, "Sản phẩm hoàn thành", TABLES["completed"],
           ["STT", "Tiêu chí", "Nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Ngày hoàn thành", "Đúng hạn"],
           [6, 10, 44, 40, 28, 14, 10],
           [[n, l.code, l.title, l.product, l.department, l.finished_on, "Có" if l.on_time else "Không"]
            for n, l in enumerate(f.completed, start=1)])
    _sheet(book, "Quá hạn", TABLES["overdue"],
           ["STT", "Tiêu chí", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Quá hạn (ngày)", "Tiến độ (%)",
            "Giải trình"], [6, 10, 44, 28, 12, 12, 10, 44],
           [[n, l.code, l.title, l.department, l.deadline, l.days_overdue, l.progress, l.explanation]
            for n, l in enumerate(f.overdue, start=1)])
    _sheet(book, "Đến hạn kỳ tới", TABLES["due_next"],
           ["STT", "Tiêu chí", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Trạng thái", "Tiến độ (%)"],
           [6, 10, 48, 28, 12, 16, 10],
           [[n, l.code, l.title, l.department, l.deadline, STATUS_VI.get(l.status, l.status), l.progress]
            for n, l in enumerate(f.due_next, start=1)])
    if f.last_plan:
        last = f.last_plan
        columns = ["Số nhiệm vụ", "Điểm đã mất", "Lấy lại", "Hiệu quả", "Chưa hiệu quả", "Chưa xong, vẫn mất"]

        def last_rows(rows, by_field):
            return [[f"{r['key']}. {r['title']}" if by_field else r["title"] or "—", r["tasks"], r["lost_before"],
                     r["regained"], r["worked"], r["did_not_work"], r["not_done_lost"]] for r in rows]
        _sheet(book, "KH năm trước - lĩnh vực", f"{TABLES['last_fields']} (Kế hoạch số {last['number']})",
               ["Lĩnh vực", *columns], [46, 12, 12, 10, 10, 12, 14], last_rows(last["by_field"], True))
        _sheet(book, "KH năm trước - cơ quan", TABLES["last_departments"], ["Cơ quan chủ trì", *columns],
               [40, 12, 12, 10, 10, 12, 14], last_rows(last["by_department"], False))
        _sheet(book, "Chưa hiệu quả", TABLES["did_not_work"],
               ["STT", "Tiêu chí", "Cơ quan chủ trì", "Điểm mất năm trước", "Điểm mất năm sau"], [6, 10, 40, 16, 16],
               [[n, r["code"], r["department"], r["lost_before"], r["lost_after"]]
                for n, r in enumerate(last["did_not_work"], start=1)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
