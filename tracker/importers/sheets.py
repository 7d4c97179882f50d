"""Raw cell access for xlsx and csv files, and cell value conversion."""
from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
import warnings
import zipfile
import zlib
from dataclasses import dataclass

from tracker.domain.errors import InputError

XLSX_EXTENSIONS = {".xlsx", ".xlsm"}
CSV_EXTENSIONS = {".csv", ".tsv", ".txt"}
CSV_DELIMITERS = (",", ";", "\t")

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old binary .xls (and other Office 97 files)


class SheetError(InputError):
    """The file cannot be read as a table at all."""


Table = list[tuple[int, list]]


@dataclass(frozen=True)
class Limits:
    """The most an import reads (config IMPORT_MAX_*); a file beyond any is refused before it can
    exhaust the server. The defaults hold the largest real criteria set (a ministry's: about 150
    rows) and ranking (a province's communes: a few hundred) many times over."""

    rows: int = 5000                # rows of the sheet, blank ones included
    cell_chars: int = 4000          # characters in one cell
    uncompressed_mb: int = 50       # an xlsx unpacked (a zip bomb inflates far beyond its size)
    columns: int = 60               # columns read; any further right are ignored
    # What openpyxl may read of an xlsx (xlsx_guard.py): each bounds the memory or time it takes.
    parts: int = 2000               # files inside the xlsx
    sheets: int = 1000              # sheets of the workbook (openpyxl opens every one)
    part_elements: int = 50_000     # XML elements of a part read whole (styles: cell formats, the
                                    # workbook: defined names...)
    part_mb: int = 10               # size of such a part, or of what a sheet holds outside its rows
    sheet_extras: int = 20_000      # elements of a sheet outside its rows: merged cells, conditional
                                    # formats (each some 200 µs to read)...
    record_kb: int = 512            # one row of a sheet with its cells, or one shared text
    shared_strings: int = 50_000    # different texts of the workbook (each some 30 µs to read)
    text_runs: int = 10_000         # pieces of formatted (rich) text (each some 100 µs to read)
    elements: int = 1_000_000       # XML elements of all parts read together: about 5 s of reading


DEFAULT_LIMITS = Limits()


def read_table(data: bytes, filename: str, limits: Limits = DEFAULT_LIMITS) -> Table:
    """(1-based row number, cell values) for every non-blank row of the first sheet."""
    rows = _read_xlsx(data, limits)[0][1] if _is_workbook(data, filename) else _read_csv(data, limits)
    rows = _without_blank_rows(rows)
    if not rows:
        raise SheetError("the file is empty")
    return rows


def read_sheets(data: bytes, filename: str, limits: Limits = DEFAULT_LIMITS) -> list[tuple[str, Table]]:
    """(sheet name, its non-blank rows) for every sheet of a workbook that holds anything; a .csv
    file is one sheet named "" (a province publishes its units' results one sheet per group)."""
    if not _is_workbook(data, filename):
        return [("", read_table(data, filename, limits))]
    sheets = [(name, _without_blank_rows(rows)) for name, rows in _read_xlsx(data, limits, every_sheet=True)]
    sheets = [(name, rows) for name, rows in sheets if rows]
    if not sheets:
        raise SheetError("the file is empty")
    return sheets


def _is_workbook(data: bytes, filename: str) -> bool:
    """True for an xlsx, False for a csv; SheetError for anything else or an empty file."""
    ext = os.path.splitext(filename or "")[1].lower()
    if ext == ".xls" or data.startswith(_OLE_MAGIC):
        raise SheetError("the old Excel format (.xls) is not supported: "
                         "save the sheet as .xlsx (Excel Workbook) and import it again")
    if ext not in XLSX_EXTENSIONS | CSV_EXTENSIONS:
        raise SheetError("unsupported file type %(ext)s: save the sheet as .xlsx or as .csv (UTF-8)",
                         ext=ext or filename or "?")
    if not data.strip():
        raise SheetError("the file is empty")
    # Trust the content over the name: a workbook renamed .csv is still a workbook.
    return data.startswith(_ZIP_MAGIC) or ext in XLSX_EXTENSIONS


def _without_blank_rows(rows: Table) -> Table:
    return [(n, cells) for n, cells in rows if any(not is_blank(c) for c in cells)]


def _checked_rows(rows, limits: Limits) -> Table:
    """The rows, refused past the row limit or at the first cell beyond the length limit."""
    table = []
    for number, values in enumerate(rows, start=1):
        if number > limits.rows:
            raise SheetError("the sheet has more than %(max)s rows: it is not a criteria set or a ranking",
                             max=limits.rows)
        values = list(values)[:limits.columns]
        while values and values[-1] is None:  # openpyxl pads rows to max_col: keep them ragged
            values.pop()
        for value in values:
            if isinstance(value, str) and len(value) > limits.cell_chars:
                raise SheetError("row %(row)s: a cell holds %(count)s characters, more than the %(max)s allowed",
                                 row=number, count=len(value), max=limits.cell_chars)
        table.append((number, values))
    return table


def _open_archive(data: bytes, limits: Limits):
    """The workbook's zip, refused when it lists too many files or unpacks to more than the limit,
    before anything is unpacked. Every part openpyxl then reads from it is counted (xlsx_guard)."""
    from tracker.importers.xlsx_guard import GuardedArchive, check_member_count

    check_member_count(data, limits)
    try:
        archive = GuardedArchive(io.BytesIO(data), limits)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SheetError("the file is not a spreadsheet: it is not a valid .xlsx workbook") from exc
    unpacked = sum(info.file_size for info in archive.infolist())  # zipfile reads no more than these
    if unpacked > limits.uncompressed_mb * 1024 * 1024:
        archive.close()
        raise SheetError("the workbook unpacks to %(size)s MB, more than the %(max)s MB allowed",
                         size=unpacked // (1024 * 1024), max=limits.uncompressed_mb)
    return archive


def _load_workbook(data: bytes, limits: Limits):
    """openpyxl's load_workbook(read_only=True, data_only=True), reading through the guarded zip.

    load_workbook has no way to be handed a zip: its ExcelReader is, in place of the one it opens.
    External links (cached copies of other workbooks) are never read."""
    from openpyxl.reader.excel import ExcelReader

    archive = _open_archive(data, limits)
    try:
        reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        reader.archive.close()
        reader.archive = archive
        reader.read()
    except BaseException:
        archive.close()  # on success the workbook closes it (read-only mode reads rows from it)
        raise
    return reader.wb


def _read_xlsx(data: bytes, limits: Limits, every_sheet: bool = False) -> list[tuple[str, Table]]:
    """(name, rows) of the first sheet, or of every sheet."""
    import openpyxl  # imported here so csv-only callers need not load it
    from defusedxml import DefusedXmlException  # openpyxl parses through defusedxml when installed

    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it drops (validation, styles) that we never read.
            warnings.simplefilter("ignore")
            wb = _load_workbook(data, limits)
            try:
                read = []
                for ws in wb.worksheets if every_sheet else wb.worksheets[:1]:
                    if not hasattr(ws, "iter_rows"):
                        continue  # a chart sheet holds no cells
                    ws.reset_dimensions()  # some tools write wrong dimensions; rows may be ragged
                    # Streamed: never more than the row limit in memory.
                    read.append((ws.title, _checked_rows(ws.iter_rows(values_only=True, max_col=limits.columns),
                                                         limits)))
                if not read:
                    raise SheetError("the file is empty")
                return read
            finally:
                wb.close()
    except SheetError:
        raise  # the limits' own refusals (a SheetError is a ValueError too)
    except (DefusedXmlException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, IndexError,
            SyntaxError, zlib.error, NotImplementedError, openpyxl.utils.exceptions.InvalidFileException) as exc:
        # A damaged or foreign file raises any of these from deep inside openpyxl, which wraps
        # what the XML parser raised (defusedxml's refusal, a limit crossed) in a ValueError;
        # lxml's XMLSyntaxError is a SyntaxError, zlib's a zlib.error, an unknown compression
        # method a NotImplementedError.
        limit = _caused_by(exc, SheetError)
        if limit:
            raise limit from None
        if _caused_by(exc, DefusedXmlException):
            raise SheetError("the workbook declares XML entities or a DTD, which a spreadsheet never needs: "
                             "it is refused") from exc
        raise SheetError("the file is not a spreadsheet: it is not a valid .xlsx workbook") from exc


def _caused_by(exc: BaseException, kind: type) -> BaseException | None:
    """The exception of that kind `exc` was raised from, or None."""
    while exc is not None:
        if isinstance(exc, kind):
            return exc
        exc = exc.__cause__ or exc.__context__
    return None


def _read_csv(data: bytes, limits: Limits) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SheetError("the file is not a spreadsheet: a .csv file must be saved as UTF-8 text") from exc
    if "\x00" in text:
        raise SheetError("the file is not a spreadsheet: the .csv file holds binary data")
    delimiter = _sniff_delimiter(text)
    try:
        return _checked_rows(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), limits)
    except csv.Error as exc:
        raise SheetError("the file is not a spreadsheet: the .csv file cannot be read (%(reason)s)",
                         reason=str(exc)) from exc


def _sniff_delimiter(text: str) -> str:
    """The delimiter that splits the most rows into the same number of cells.

    csv.Sniffer is unreliable on decimal commas ("71,11" in a ;-separated file);
    counting consistent row widths is not.
    """
    sample = text[:20000].splitlines()[:60]
    best, best_key = ",", (0, 0)
    for delimiter in CSV_DELIMITERS:
        try:
            widths = [len(r) for r in csv.reader(sample, delimiter=delimiter) if r]
        except csv.Error:
            continue
        wide = [w for w in widths if w > 1]
        if not wide:
            continue
        mode = max(set(wide), key=wide.count)
        key = (wide.count(mode), mode)
        if key > best_key:
            best, best_key = delimiter, key
    return best


# --- cell values -----------------------------------------------------------

def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell(cells: list, index: int | None):
    """The value at index, None past the end of a ragged row or for a missing column."""
    if index is None or index >= len(cells):
        return None
    return cells[index]


def text(value) -> str:
    """A cell as one line of NFC text: whitespace collapsed, whole floats without ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    # Vietnamese typed on different systems may be composed or decomposed.
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def to_number(value) -> float | None:
    """A score: None when blank; ValueError when not a number.

    Accepts Excel numbers and text with a decimal comma ("71,11") or point.
    """
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        return float(value)
    if not isinstance(value, str):
        raise ValueError(value)  # dates, times
    raw = value.strip().replace("\u00a0", "").replace(" ", "")
    if raw.count(",") == 1 and "." not in raw:
        raw = raw.replace(",", ".")
    if not _NUMBER.match(raw):
        raise ValueError(value)
    return float(raw)


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
