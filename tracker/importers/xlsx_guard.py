"""Every part of an uploaded workbook is counted as openpyxl reads it, and refused at a limit.

openpyxl builds a whole tree of most parts of a workbook (styles, the workbook, relationships,
document properties) and streams only the sheets and the shared strings; even then it keeps
something of every row and every text it has read. A part a few KB compressed can hold millions
of elements, so the memory an import takes follows the file's content, not its size (issue 22:
700,000 cell formats in 131 KB took 1.3 GB). `GuardedArchive` is the zip openpyxl reads through:
each part it opens is scanned, chunk by chunk, before the XML parser sees the bytes, and the
workbook is refused (a SheetError) at the first limit crossed. The parser therefore never holds
more than the limits allow, whatever the file.

What is counted (by tag name, whatever the namespace prefix; comments and CDATA are counted as
if they were markup, which only makes the counts larger):

- a part read whole (`read()` without a size: everything but sheets and shared strings, which
  openpyxl turns into a tree and then objects): its elements, attributes and size;
- a part read as a stream (sheets, shared strings): its rows (`<row>`) and texts (`<si>`), the
  size of each row or text with its cells and runs (all that openpyxl holds at once), and the
  elements, attributes and size of what lies outside them (columns, merged cells, conditional
  formats...: openpyxl keeps all of it);
- the whole workbook: the elements of all parts read, the sheets, and the runs of rich text.
"""
from __future__ import annotations

import codecs
import re
import zipfile

from tracker.importers.sheets import Limits, SheetError

STYLES = "xl/styles.xml"  # openpyxl reads the styles from this name, whatever the manifest says
ROW, SHARED_TEXT = b"row", b"si"
# What a row or a shared text holds: cells, values, formulas, inline and rich text with its fonts.
IN_RECORD = {b"c", b"v", b"f", b"is", b"t", b"r", b"rPr", b"rPh", b"phoneticPr", b"rFont", b"charset",
             b"family", b"b", b"i", b"strike", b"outline", b"shadow", b"condense", b"extend", b"color",
             b"sz", b"u", b"vertAlign", b"scheme"}
TEXT_RUNS = {b"r", b"rPh"}  # a run of rich text, a phonetic run: each an object or two in openpyxl
_START_TAG = re.compile(rb"<([^\s/>!?][^\s/>]*)")   # "<name" of an element; not "</", "<!", "<?"
_DECLARED_ENCODING = re.compile(rb"""^<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
# What libxml2 and expat take for UTF-16 or UTF-32 (with a byte order mark or without: "<" next to
# a zero byte), or for EBCDIC ("<?xm"): encodings in which "<" is not the byte "<".
_FOREIGN_STARTS = (codecs.BOM_UTF16_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE, b"<\x00", b"\x00<", b"\x00\x00",
                   b"\x4c\x6f\xa7\x94")
_NAME_END = re.compile(rb"[\s/>]")
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))
_CHUNK = 64 * 1024
_LONGEST_NAME = 1024


def check_member_count(data: bytes, limits: Limits) -> None:
    """Refuse a zip listing more files than the limit before zipfile reads its directory.

    zipfile keeps an object of about 600 bytes for every entry of the central directory, and
    each entry starts with this signature: counting them bounds what zipfile would build."""
    count = data.count(b"PK\x01\x02")
    if count > limits.parts:
        raise SheetError("the workbook holds %(count)s files, more than the %(max)s allowed",
                         count=count, max=limits.parts)


class GuardedArchive(zipfile.ZipFile):
    """The zip openpyxl reads a workbook from: every part it opens is counted as it is read."""

    def __init__(self, file, limits: Limits):
        super().__init__(file)
        self.limits = limits
        self.elements = 0  # read from all parts together
        self.sheets = self.text_runs = 0

    def open(self, name, mode="r", pwd=None, *, force_zip64=False):
        stream = super().open(name, mode, pwd, force_zip64=force_zip64)
        if mode != "r":
            return stream
        part = name.filename if isinstance(name, zipfile.ZipInfo) else name
        return GuardedPart(stream, part, self)


class GuardedPart:
    """One part of the workbook as openpyxl reads it: a file object that counts what it returns."""

    def __init__(self, stream, name: str, archive: GuardedArchive):
        self.stream, self.name, self.archive, self.limits = stream, name, archive, archive.limits
        self.offset = 0          # bytes of the part scanned so far
        self.pending = b""       # the end of the last chunk: an element name cut in two
        self.started = False
        self.whole = False       # read whole at least once: held to the limits of a part read whole
        self.elements = self.attributes = 0
        self.rows = self.texts = 0
        self.record = None       # ROW or SHARED_TEXT while inside one, else None
        self.run_start = 0       # where the current row, text or outside stretch began
        self.outside_bytes = 0
        self.outside_elements = self.outside_attributes = 0

    # -- the file object openpyxl sees ------------------------------------------------------

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            self.whole = True
            chunks = []
            while chunk := self.stream.read(_CHUNK):
                self.scan(chunk)
                chunks.append(chunk)
            self.scan(b"", final=True)
            return b"".join(chunks)
        chunk = self.stream.read(size)
        self.scan(chunk, final=not chunk)
        return chunk

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self.stream.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    # -- counting ---------------------------------------------------------------------------

    def scan(self, chunk: bytes, final: bool = False) -> None:
        if not self.started and chunk:
            self.started = True
            check_encoding(chunk)
        text = self.pending + chunk
        base = self.offset - len(self.pending)  # where `text` starts in the part
        self.pending = b""
        cut = text.rfind(b"<")
        if not final and cut >= 0 and len(text) - cut < _LONGEST_NAME and not _NAME_END.search(text, cut):
            text, self.pending = text[:cut], text[cut:]  # an element name cut in two: scanned whole next time
        self.offset += len(chunk)
        if b"<!DOCTYPE" in text or b"<!ENTITY" in text:
            raise SheetError("the workbook declares XML entities or a DTD, which a spreadsheet never needs: "
                             "it is refused")
        last = 0
        for match in _START_TAG.finditer(text):
            at = match.start()
            self.count_attributes(text, last, at)  # the previous element's
            last = at
            self.element(match.group(1).rpartition(b":")[2], base + at)
        self.count_attributes(text, last, len(text))
        self.check(base + len(text))

    def count_attributes(self, text: bytes, start: int, end: int) -> None:
        """Every "=" counts as an attribute (one in a text too: the count is only ever larger)."""
        count = text.count(b"=", start, end)
        self.attributes += count
        if not self.record:
            self.outside_attributes += count

    def element(self, name: bytes, at: int) -> None:
        limits, archive = self.limits, self.archive
        self.elements += 1
        archive.elements += 1
        if archive.elements > limits.elements:
            raise SheetError("the workbook is too large to read: it holds more than %(max)s cells, texts "
                             "and other entries", max=limits.elements)
        if name == b"sheet":
            archive.sheets += 1
            if archive.sheets > limits.sheets:
                raise SheetError("the workbook has more than %(max)s sheets", max=limits.sheets)
        elif name in TEXT_RUNS:
            archive.text_runs += 1
            if archive.text_runs > limits.text_runs:
                raise SheetError("the workbook holds more than %(max)s pieces of formatted text (rich text runs)",
                                 max=limits.text_runs)
        if name in (ROW, SHARED_TEXT):
            self.end_run(at)
            self.record = name
            if name == ROW:
                self.rows += 1
                if self.rows > limits.rows:
                    raise SheetError("the sheet has more than %(max)s rows: it is not a criteria set or a ranking",
                                     max=limits.rows)
            else:
                self.texts += 1
                if self.texts > limits.shared_strings:
                    raise SheetError("the workbook holds more than %(max)s different texts (shared strings)",
                                     max=limits.shared_strings)
        elif self.record and name not in IN_RECORD:
            self.end_run(at)
            self.record = None
        if not self.record:
            self.outside_elements += 1

    def end_run(self, at: int) -> None:
        """A row, a text or a stretch outside them ends at `at`: check its size."""
        self.check(at)
        if not self.record:
            self.outside_bytes += at - self.run_start
        self.run_start = at

    def check(self, at: int) -> None:
        """The limits, with the current row, text or outside stretch running up to `at`."""
        limits = self.limits
        if self.record:
            if at - self.run_start > limits.record_kb * 1024:
                if self.record == ROW:
                    raise SheetError("a row of the sheet holds more than %(max)s KB of cells, formats and text",
                                     max=limits.record_kb)
                raise SheetError("a text of the workbook (shared strings) is larger than %(max)s KB",
                                 max=limits.record_kb)
        if self.whole:
            elements, attributes, size = self.elements, self.attributes, self.offset
            most = limits.part_elements
        else:
            elements, attributes = self.outside_elements, self.outside_attributes
            size = self.outside_bytes + (0 if self.record else at - self.run_start)
            most = limits.sheet_extras
        if elements > most or attributes > 4 * most:
            if self.name == STYLES:
                raise SheetError("the workbook defines more than %(max)s cell formats and styles: copy the "
                                 "table into a new workbook (paste values only) and import that", max=most)
            raise SheetError("the workbook part %(part)s holds more than %(max)s entries", part=self.name, max=most)
        if size > limits.part_mb * 1024 * 1024:
            raise SheetError("the workbook part %(part)s is larger than %(max)s MB", part=self.name,
                             max=limits.part_mb)


def check_encoding(start: bytes) -> None:
    """Refuse a part whose markup is not in bytes that read as ASCII ("<" as the byte "<").

    XML parsers also read UTF-16, UTF-32, UTF-7 or EBCDIC, in which the counting above would
    see nothing; Excel and every other spreadsheet writes UTF-8."""
    declared = _DECLARED_ENCODING.match(start.removeprefix(codecs.BOM_UTF8))
    if start.startswith(_FOREIGN_STARTS) or declared and not _reads_as_ascii(declared.group(1)):
        raise SheetError("the file is not a spreadsheet: it is not a valid .xlsx workbook")


def _reads_as_ascii(encoding: bytes) -> bool:
    """Whether the encoding reads every printable ASCII byte as itself (UTF-7 reads "+ADw-" as "<")."""
    try:
        return _PRINTABLE_ASCII.decode(encoding.decode("ascii")) == _PRINTABLE_ASCII.decode("ascii")
    except (LookupError, UnicodeError):
        return False
