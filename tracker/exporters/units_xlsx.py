"""The units page as a spreadsheet (Tình hình thực hiện kế hoạch của các đơn vị): one row per
unit, real numbers and dates so that the sheet sorts and filters."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from .plan_xlsx import BORDER, DATE_FORMAT, HEADER_FILL, WRAP
from .xlsx_cells import put, put_row, table_layout, workbook_bytes

COLUMNS = ["STT", "Đơn vị", "Năm đánh giá", "Điểm năm đánh giá", "Tối đa", "Kế hoạch", "Ngày ban hành",
           "Hạn ban hành", "Nhiệm vụ", "Đã hoàn thành", "Quá hạn", "Chưa cập nhật 14 ngày", "Điểm dự kiến", "Tỷ lệ dự kiến (%)",
           "Xếp loại dự kiến", "Thứ hạng dự kiến"]
WIDTHS = [6, 36, 10, 12, 8, 16, 12, 12, 10, 12, 10, 14, 12, 12, 16, 12]
HEADER_ROW = 3


@dataclass(frozen=True)
class UnitLine:
    unit: str
    year: int
    baseline: float
    max_score: float
    plan_number: str | None
    issued_on: date | None
    plan_due: date | None
    tasks: int
    done: int
    overdue: int
    stale: int
    expected: float
    expected_pct: float
    classification: str | None
    rank: str | None   # "5/40"


def units_xlsx(title: str, lines: list[UnitLine]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Đơn vị"
    put(sheet, 1, 1, title).font = Font(bold=True, size=13)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    for column, name in enumerate(COLUMNS, start=1):
        cell = put(sheet, HEADER_ROW, column, name)
        cell.font, cell.fill, cell.border = Font(bold=True), HEADER_FILL, BORDER
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    for number, line in enumerate(lines, start=1):
        row = HEADER_ROW + number
        put_row(sheet, row, [number, line.unit, line.year, line.baseline, line.max_score,
                             line.plan_number or "Chưa ban hành", line.issued_on, line.plan_due, line.tasks, line.done,
                             line.overdue, line.stale, line.expected, line.expected_pct,
                             line.classification or "", line.rank or ""])
        for column in range(1, len(COLUMNS) + 1):
            cell = sheet.cell(row=row, column=column)
            cell.border, cell.alignment = BORDER, WRAP
        for column in (7, 8):
            sheet.cell(row=row, column=column).number_format = DATE_FORMAT
    table_layout(sheet, WIDTHS, HEADER_ROW, HEADER_ROW + len(lines), freeze_column=3)
    return workbook_bytes(book)
