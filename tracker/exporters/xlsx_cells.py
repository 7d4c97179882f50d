"""Writing cells that users open in a spreadsheet: text stays text.

openpyxl stores a string starting with "=" as a formula, so a task titled
=HYPERLINK("http://…","x") would become a live link in the file; every text cell the app
writes goes through `put`, which keeps it a string (the spreadsheet shows it as typed) and
drops the control characters XML cannot hold.
"""
from __future__ import annotations

import io

from openpyxl.utils import get_column_letter

from tracker.domain.text import xml_safe


def put(sheet, row: int, column: int, value):
    """Set a cell: numbers and dates as they are, text always as text, "" as an empty cell."""
    cell = sheet.cell(row=row, column=column)
    if value == "" or value is None:
        cell.value = None
    elif isinstance(value, str):
        cell.value = xml_safe(value)  # openpyxl refuses control characters: never fail a file on one
        cell.data_type = "s"  # never "f": what was typed is shown, nothing is evaluated
    else:
        cell.value = value
    return cell



def put_row(sheet, row: int, values) -> None:
    """A whole row through `put`, from column A."""
    for column, value in enumerate(values, start=1):
        put(sheet, row, column, value)


def table_layout(sheet, widths: list[int], header_row: int, last_row: int, freeze_column: int = 1) -> None:
    """A table sheet as offices print and sort it: column widths, the heading row frozen,
    filtered and repeated on every printed page, landscape A4 one page wide."""
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=freeze_column)
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(widths))}{max(last_row, header_row)}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def workbook_bytes(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
