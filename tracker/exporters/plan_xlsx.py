"""The plan's appendix as a spreadsheet: the same table as the docx, plus each task's status."""
from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from .plan_document import PLAN_COLUMNS, PlanDocument
from .xlsx_cells import put, table_layout, workbook_bytes

COLUMNS = PLAN_COLUMNS + ["Trạng thái"]
HEADER_ROW = 4  # two title rows and a blank row above it
DATE_FORMAT = "DD/MM/YYYY"
WIDTHS = [6, 40, 50, 36, 24, 28, 14, 16]

HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")
GROUP_FILL = PatternFill("solid", fgColor="F2F4F7")
_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTERED = Alignment(wrap_text=True, vertical="top", horizontal="center")


def _title(sheet, row: int, text: str, font: Font) -> None:
    put(sheet, row, 1, text).font = font
    sheet.cell(row=row, column=1).alignment = Alignment(horizontal="center", wrap_text=True)
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(COLUMNS))


def plan_xlsx(doc: PlanDocument) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Kế hoạch"
    _title(sheet, 1, doc.appendix_title, Font(bold=True, size=13))
    _title(sheet, 2, doc.appendix_subtitle, Font(italic=True))

    for column, name in enumerate(COLUMNS, start=1):
        cell = put(sheet, HEADER_ROW, column, name)
        cell.font, cell.fill, cell.border = Font(bold=True), HEADER_FILL, BORDER
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")

    row_no, number = HEADER_ROW, 0
    for group in doc.filled_groups:
        row_no += 1
        cell = put(sheet, row_no, 1, group.heading)
        cell.font, cell.alignment = Font(bold=True), WRAP
        for column in range(1, len(COLUMNS) + 1):
            sheet.cell(row=row_no, column=column).fill = GROUP_FILL
            sheet.cell(row=row_no, column=column).border = BORDER
        sheet.merge_cells(start_row=row_no, start_column=1, end_row=row_no, end_column=len(COLUMNS))
        for task in group.rows:
            row_no += 1
            number += 1
            values = [number, task.criterion, task.task, task.product, task.lead,
                      task.supporting, task.deadline, task.status]
            for column, value in enumerate(values, start=1):
                # Text stays text (a title "=HYPERLINK(…)" is never a formula); "" an empty cell.
                cell = put(sheet, row_no, column, value)
                cell.border = BORDER
                cell.alignment = CENTERED if column in (1, 7) else WRAP
            # A real date, so the sheet sorts and filters by deadline.
            sheet.cell(row=row_no, column=7).number_format = DATE_FORMAT

    sheet.row_dimensions[2].height = 30  # merged cells never grow to fit their text
    table_layout(sheet, WIDTHS, HEADER_ROW, row_no)
    return workbook_bytes(book)
