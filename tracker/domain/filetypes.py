"""Which evidence files are accepted: judged by their content, not only their name.

Pure: bytes and a name in, a verdict out. Evidence (tài liệu kiểm chứng) is typically a scanned
decision (pdf, jpg, png), a report (doc, docx) or a table (xls, xlsx).
"""
from __future__ import annotations

import io
import unicodedata
import zipfile

import regex
from dataclasses import dataclass

from tracker.domain.errors import InputError
from tracker.domain.scoring import N_

MIMETYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "png": "image/png",
}
EXTENSIONS = {"pdf": "pdf", "doc": "doc", "xls": "xls", "docx": "docx", "xlsx": "xlsx",
              "jpg": "jpg", "jpeg": "jpg", "png": "png"}
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office 97-2003 (doc, xls)
MAX_NAME = 200


class Rejected(InputError):
    """The file is not stored."""


@dataclass
class Accepted:
    name: str       # the original name, cleaned for display and download
    kind: str       # "pdf", "docx", …
    mimetype: str


def content_kind(data: bytes) -> str | None:
    """What the bytes are, whatever the name says."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(OLE):
        return "ole"  # doc or xls: the container cannot tell them apart cheaply
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
    return None


# What a name may not hide, by Unicode's own properties rather than a list: characters that draw
# nothing (Default_Ignorable_Code_Point: format characters, the Hangul fillers, the combining
# grapheme joiner, variation selectors…), line and paragraph separators, unassigned and private-use
# code points, and any blank that is not the plain space (U+2800 BRAILLE PATTERN BLANK is a symbol
# with no dot raised: \p{Braille} with nothing to see).
_INVISIBLE = regex.compile(r"[\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}\p{Co}\p{Cn}\p{Cs}\u2800]"
                           r"|(?!\x20)[\p{White_Space}]")


def invisible(name: str) -> list[str]:
    """The code points of `name` that read as nothing ("U+3164"), in order."""
    return [f"U+{ord(c):04X}" for c in dict.fromkeys(m.group() for m in _INVISIBLE.finditer(name))]


def check_name(name: str) -> str:
    """Refuse names that try to reach other folders or hide characters."""
    name = unicodedata.normalize("NFC", name or "").strip()
    if not name:
        raise Rejected(N_("The file has no name."))
    if "/" in name or "\\" in name or ".." in name or any(unicodedata.category(c) == "Cc" for c in name):
        raise Rejected(N_("The file name %(name)s is not allowed: it may not contain folders, '..' "
                          "or control characters."), name=name[:80])
    hidden = invisible(name)
    if hidden:
        # U+202E and its kin reorder what is shown: "hoso\u202Efdp.exe" reads as "hosoexe.pdf";
        # a Hangul filler or a blank Braille cell looks like a space or nothing at all.
        raise Rejected(N_("The file name is not allowed: it contains characters that show as nothing or "
                          "change how it reads (%(chars)s)."), chars=", ".join(hidden[:5]))
    if len(name) > MAX_NAME:
        raise Rejected(N_("The file name is too long (at most %(n)s characters)."), n=MAX_NAME)
    return name


def check_evidence(data: bytes, name: str, max_bytes: int) -> Accepted:
    name = check_name(name)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    kind = EXTENSIONS.get(extension)
    if kind is None:
        raise Rejected(N_("%(name)s: only pdf, doc, docx, xls, xlsx, jpg and png files are accepted."),
                       name=name)
    if not data:
        raise Rejected(N_("%(name)s is empty."), name=name)
    if len(data) > max_bytes:
        raise Rejected(N_("%(name)s is too large (at most %(mb)s MB)."), name=name,
                       mb=max_bytes // (1024 * 1024))
    found = content_kind(data)
    if found != kind and not (found == "ole" and kind in ("doc", "xls")):
        raise Rejected(N_("%(name)s is not really a .%(ext)s file: its content does not match its name."),
                       name=name, ext=extension)
    return Accepted(name=name, kind=kind, mimetype=MIMETYPES[kind])
