"""The counting behind the limits inside a workbook (tracker/importers/xlsx_guard.py), with small
limits: what openpyxl would read is counted however the reads cut it, whatever the namespace
prefix, and in no encoding that would hide the markup."""
import codecs
import io
import zipfile

import pytest

from tracker.importers.sheets import Limits, SheetError
from tracker.importers.xlsx_guard import GuardedArchive, check_member_count

SMALL = Limits(rows=100, part_elements=200, sheet_extras=200, record_kb=1, shared_strings=50, text_runs=30,
               elements=5000, sheets=3)
MAIN = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def zipped(**parts: bytes) -> io.BytesIO:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name.replace("__", "/"), data)
    return out


def sheet(rows: int, prefix: bytes = b"", cells: int = 3) -> bytes:
    p = prefix + b":" if prefix else b""
    ns = b'xmlns:%s="http://schemas.openxmlformats.org/spreadsheetml/2006/main"' % prefix if prefix else MAIN
    row = b"<%srow>" % p + b"<%sc><%sv>1</%sv></%sc>" % (p, p, p, p) * cells + b"</%srow>" % p
    return b"<%sworksheet %s><%ssheetData>" % (p, ns, p) + row * rows + b"</%ssheetData></%sworksheet>" % (p, p)


def read(data: bytes, size: int = -1, limits: Limits = SMALL, name: str = "xl/worksheets/sheet1.xml"):
    """Read the part as openpyxl would: whole (size -1) or `size` bytes at a time."""
    with GuardedArchive(zipped(**{name.replace("/", "__"): data}), limits) as archive:
        with archive.open(name) as part:
            while part.read(size) and size > 0:
                pass
            return part


@pytest.mark.parametrize("size", [1, 7, 16 * 1024])
def test_rows_are_counted_once_however_the_reads_cut_their_names(size):
    assert read(sheet(100), size).rows == 100
    with pytest.raises(SheetError, match="more than 100 rows"):
        read(sheet(101), size)


def test_a_namespace_prefix_hides_nothing():
    assert read(sheet(100, b"x"), 1024).rows == 100
    with pytest.raises(SheetError, match="more than 100 rows"):
        read(sheet(101, b"x"), 1024)


def test_cells_inside_rows_are_not_held_to_the_limit_of_a_part_read_whole():
    """100 rows of 3 cells are 700 elements, over the 200 of a part read whole: a sheet streams."""
    read(sheet(100), 16 * 1024)
    with pytest.raises(SheetError, match="holds more than 200 entries"):
        read(sheet(100), -1)


def test_what_a_sheet_holds_outside_its_rows_is_held_to_that_limit():
    merged = b"<mergeCells>" + b'<mergeCell ref="A1:B1"/>' * 200 + b"</mergeCells>"
    data = sheet(10)
    with pytest.raises(SheetError, match="sheet1.xml holds more than 200 entries"):
        read(data.replace(b"</worksheet>", merged + b"</worksheet>"), 16 * 1024)
    with pytest.raises(SheetError, match="sheet1.xml holds more than 200 entries"):  # attributes too
        read(data.replace(b"<sheetData>", b"<sheetPr" + b' a="1"' * 801 + b"/><sheetData>"), 16 * 1024)


def test_a_row_or_a_shared_text_larger_than_the_limit_is_refused():
    with pytest.raises(SheetError, match="a row of the sheet holds more than 1 KB"):
        read(sheet(1, cells=100), 16 * 1024)
    texts = b"<sst " + MAIN + b"><si><t>" + b"x" * 2000 + b"</t></si></sst>"
    with pytest.raises(SheetError, match="shared strings\\) is larger than 1 KB"):
        read(texts, 16 * 1024, name="xl/sharedStrings.xml")


def test_shared_texts_and_formatted_runs_are_counted_across_the_workbook():
    texts = b"<sst " + MAIN + b">" + b"<si><t>a</t></si>" * 51 + b"</sst>"
    with pytest.raises(SheetError, match="more than 50 different texts"):
        read(texts, 16 * 1024, name="xl/sharedStrings.xml")
    runs = b"<sst " + MAIN + b">" + (b"<si>" + b"<r><t>a</t></r>" * 10 + b"</si>") * 4 + b"</sst>"
    with pytest.raises(SheetError, match="more than 30 pieces of formatted text"):
        read(runs, 16 * 1024, name="xl/sharedStrings.xml")


def test_the_styles_are_named_as_cell_formats():
    styles = b"<styleSheet " + MAIN + b"><cellXfs>" + b"<xf/>" * 200 + b"</cellXfs></styleSheet>"
    with pytest.raises(SheetError, match="defines more than 200 cell formats and styles"):
        read(styles, name="xl/styles.xml")


@pytest.mark.parametrize("start", [
    codecs.BOM_UTF16_LE + "<worksheet/>".encode("utf-16-le"),
    "<?xml version='1.0'?><worksheet/>".encode("utf-16-le"),
    b'<?xml version="1.0" encoding="UTF-7"?>+ADw-worksheet/+AD4-',
    b'<?xml version="1.0" encoding="cp500"?><worksheet/>',
    b'<?xml version="1.0" encoding="no-such-encoding"?><worksheet/>',
])
def test_an_encoding_in_which_markup_is_not_plain_bytes_is_refused(start):
    with pytest.raises(SheetError, match="not a valid .xlsx workbook"):
        read(start)


@pytest.mark.parametrize("declaration", [b"", b'<?xml version="1.0" encoding="UTF-8"?>', codecs.BOM_UTF8,
                                         b"<?xml version='1.0' encoding='windows-1258' standalone='yes'?>"])
def test_utf8_and_encodings_that_keep_markup_as_bytes_are_read(declaration):
    assert read(declaration + sheet(3), 1024).rows == 3


def test_a_dtd_in_any_part_is_refused_however_the_reads_cut_it():
    styles = b'<?xml version="1.0"?><!DOCTYPE styleSheet [<!ENTITY a "b">]><styleSheet ' + MAIN + b"/>"
    for size in (-1, 3):
        with pytest.raises(SheetError, match="XML entities or a DTD"):
            read(styles, size, name="xl/styles.xml")


def test_the_elements_of_all_parts_and_the_sheets_are_counted_together():
    with GuardedArchive(zipped(a=sheet(50)), SMALL) as archive:
        with pytest.raises(SheetError, match="too large to read: it holds more than 5000"):
            for _ in range(20):  # 353 elements each time
                with archive.open("a") as part:
                    while part.read(4096):
                        pass
    workbook = b"<workbook " + MAIN + b"><sheets>" + b'<sheet name="S" sheetId="1"/>' * 4 + b"</sheets></workbook>"
    with pytest.raises(SheetError, match="more than 3 sheets"):
        read(workbook, name="xl/workbook.xml")


def test_a_zip_listing_more_files_than_the_limit_is_refused_before_it_is_opened():
    data = zipped(**{f"f{n}": b"" for n in range(11)}).getvalue()
    check_member_count(data, Limits(parts=11))
    with pytest.raises(SheetError, match="holds 11 files, more than the 10 allowed"):
        check_member_count(data, Limits(parts=10))
