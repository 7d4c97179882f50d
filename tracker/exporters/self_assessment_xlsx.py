"""The self-assessment as a spreadsheet an office copies into the province's scoring software:
one row per criterion of the next year's set with the points proposed, its tasks and evidence,
and a second sheet with one row per evidence file and its download link.

Plain data in (`SelfAssessmentSheet`, built by services/self_assessment_export); every text
cell goes through xlsx_cells.put, so nothing a user typed becomes a formula.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from .xlsx_cells import put, table_layout, workbook_bytes

SHEET = "Tự đánh giá"
FILES_SHEET = "Tài liệu kiểm chứng"
COLUMNS = ["Mã tiêu chí", "Tiêu chí", "Điểm tối đa", "Điểm năm trước (quy về bộ chỉ số này)",
           "Điểm nhiệm vụ đã xác nhận", "Điểm tự đánh giá đề xuất", "Ghi chú",
           "Nhiệm vụ (cơ quan chủ trì, trạng thái)", "Tài liệu kiểm chứng (ngày tải lên)", "Đường dẫn tải về"]
WIDTHS = [11, 48, 9, 13, 13, 13, 40, 48, 40, 44]
FILE_COLUMNS = ["STT", "Mã tiêu chí", "Tên tệp", "Ngày tải lên", "Nhiệm vụ", "Cơ quan chủ trì",
                "Đường dẫn tải về", "Vị trí trong tệp nén"]
FILE_WIDTHS = [6, 11, 40, 12, 48, 28, 44, 50]
HEADER_ROW = 5   # two title rows, the rule, a blank row above it
NUMBER_FORMAT = "0.00"
DATE_FORMAT = "DD/MM/YYYY"

HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")
FIELD_FILL = PatternFill("solid", fgColor="F2F4F7")
LEFT_FILL = PatternFill("solid", fgColor="FFF4E0")  # a sub-criterion the office scores itself
_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass
class SheetLine:
    depth: int                 # 0 field, 1 criterion, 2 sub-criterion (a leaf may be any)
    is_leaf: bool
    code: str
    title: str
    max_points: float
    kept: float | None = None
    won_back: float | None = None
    claimed: float | None = None
    note: str = ""
    left_to_office: bool = False  # survey or new: no points proposed
    tasks: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


@dataclass
class FileLine:
    code: str
    name: str
    uploaded_on: date
    task: str
    lead: str
    url: str
    archive_path: str


@dataclass
class SelfAssessmentSheet:
    title: str
    subtitle: str
    rule: str
    lines: list[SheetLine]
    total_max: float
    total_claimed: float
    total_note: str
    files: list[FileLine]


def _header(sheet, row: int, names: list[str]) -> None:
    for column, name in enumerate(names, start=1):
        cell = put(sheet, row, column, name)
        cell.font, cell.fill, cell.border = Font(bold=True), HEADER_FILL, BORDER
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")


def _title(sheet, row: int, text: str, font: Font, columns: int) -> None:
    put(sheet, row, 1, text).font = font
    sheet.cell(row=row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)


def self_assessment_xlsx(doc: SelfAssessmentSheet) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    _title(sheet, 1, doc.title, Font(bold=True, size=13), len(COLUMNS))
    _title(sheet, 2, doc.subtitle, Font(italic=True), len(COLUMNS))
    _title(sheet, 3, doc.rule, Font(size=10), len(COLUMNS))
    sheet.row_dimensions[2].height, sheet.row_dimensions[3].height = 30, 45  # merged cells never grow
    _header(sheet, HEADER_ROW, COLUMNS)
    row = HEADER_ROW
    for line in doc.lines:
        row += 1
        values = [line.code, line.title, line.max_points, line.kept, line.won_back, line.claimed, line.note,
                  "\n".join(line.tasks), "\n".join(line.files), "\n".join(line.links)]
        for column, value in enumerate(values, start=1):
            cell = put(sheet, row, column, value)
            cell.border, cell.alignment = BORDER, WRAP
            if column in (3, 4, 5, 6):
                cell.number_format = NUMBER_FORMAT
            if not line.is_leaf:
                cell.font = Font(bold=True)
                cell.fill = FIELD_FILL
            elif line.left_to_office and column == 6:
                cell.fill = LEFT_FILL
        if len(line.links) == 1:  # one file: its cell is a link; several: the URLs to copy
            sheet.cell(row=row, column=10).hyperlink = line.links[0]
    row += 1
    for column, value in ((1, "Tổng cộng"), (3, doc.total_max), (6, doc.total_claimed), (7, doc.total_note)):
        cell = put(sheet, row, column, value)
        cell.font = Font(bold=True)
        if column in (3, 6):
            cell.number_format = NUMBER_FORMAT
    for column in range(1, len(COLUMNS) + 1):
        sheet.cell(row=row, column=column).border = BORDER
    table_layout(sheet, WIDTHS, HEADER_ROW, row - 1)

    files = book.create_sheet(FILES_SHEET)
    _title(files, 1, doc.title, Font(bold=True, size=13), len(FILE_COLUMNS))
    _title(files, 2, doc.subtitle, Font(italic=True), len(FILE_COLUMNS))
    files.row_dimensions[2].height = 30
    _header(files, HEADER_ROW, FILE_COLUMNS)
    row = HEADER_ROW
    for number, item in enumerate(doc.files, start=1):
        row += 1
        values = [number, item.code, item.name, item.uploaded_on, item.task, item.lead, item.url,
                  item.archive_path]
        for column, value in enumerate(values, start=1):
            cell = put(files, row, column, value)
            cell.border, cell.alignment = BORDER, WRAP
        files.cell(row=row, column=4).number_format = DATE_FORMAT
        files.cell(row=row, column=7).hyperlink = item.url
    table_layout(files, FILE_WIDTHS, HEADER_ROW, row)

    return workbook_bytes(book)
