"""Writing cells that users open in a spreadsheet: text stays text.

openpyxl stores a string starting with "=" as a formula, so a task titled
=HYPERLINK("http://…","x") would become a live link in the file; every text cell the app
writes goes through `put`, which keeps it a string (the spreadsheet shows it as typed) and
drops the control characters XML cannot hold.
"""
from __future__ import annotations

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
