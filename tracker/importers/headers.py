"""Finding the header row and which column holds what (CONTRACT.md §4)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from tracker.importers.sheets import DEFAULT_LIMITS, Limits, SheetError, Table, read_table

HEADER_SEARCH_ROWS = 20

# The header texts each column is known by, per kind of sheet, exactly as
# CONTRACT.md §4 lists them. Matching folds case and diacritics (see fold).
SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "scoring": {
        "code": ("STT", "TT", "Mã", "Mã tiêu chí"),
        "title": ("Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Nội dung", "Tiêu chí"),
        "maximum": ("Điểm tối đa", "Điểm chuẩn"),
        "appraised": ("Điểm thẩm định", "Điểm đạt", "Điểm đánh giá"),
        "self_assessed": ("Điểm tự đánh giá",),
        "note": ("Ghi chú", "Nguyên nhân"),
        "method": ("Phương pháp", "Hình thức đánh giá"),
        "scale": ("Thang điểm", "Cách tính điểm", "Mức điểm"),
    },
    "ranking": {
        "unit": ("Đơn vị", "Tên đơn vị"),
        "score": ("Tổng điểm", "Điểm"),
        "maximum": ("Điểm tối đa",),
        "rank": ("Xếp hạng",),
    },
    # The unit's departments (phòng, ban): tracker.importers.departments.
    "departments": {
        "code": ("Mã", "Mã cơ quan", "Mã đơn vị", "Mã phòng", "Ký hiệu", "Code"),
        "name": ("Tên cơ quan/đơn vị", "Tên", "Tên cơ quan", "Tên đơn vị", "Tên phòng", "Cơ quan", "Name"),
        "emails": ("Email liên hệ", "Email", "Thư điện tử", "Địa chỉ email", "Contact emails", "Emails"),
        "head_email": ("Email thủ trưởng", "Email trưởng phòng", "Email người đứng đầu",
                       "Email lãnh đạo", "Head's email", "Head email"),
    },
}

REQUIRED: dict[str, tuple[str, ...]] = {
    "scoring": ("code", "title", "maximum"),
    "ranking": ("unit", "score"),
    "departments": ("code", "name"),
}


def fold(value) -> str:
    """Lower case without diacritics, whitespace collapsed: "Điểm  Tối đa" -> "diem toi da"."""
    if value is None:
        return ""
    # "đ" is a letter of its own, not d plus a mark, so NFD leaves it alone.
    s = str(value).replace("đ", "d").replace("Đ", "D")
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    return " ".join(s.casefold().split())


_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")  # "Điểm tối đa (điểm)"


def header_key(value) -> str:
    """A header cell folded, without trailing "(…)" notes, "*" or ":" and spaces around "/"."""
    s = fold(value)
    while True:
        stripped = _TRAILING_NOTE.sub("", s).rstrip(" *:")
        if stripped == s:
            break
        s = stripped
    return re.sub(r"\s*/\s*", "/", s)


_LOOKUP: dict[str, dict[str, str]] = {
    kind: {header_key(name): role for role, names in roles.items() for name in names}
    for kind, roles in SYNONYMS.items()
}


@dataclass
class Header:
    row: int                  # 1-based row number of the header
    columns: dict[str, int]   # role -> 0-based column index (first match wins)


def find_header(table: list[tuple[int, list]], kind: str) -> Header | None:
    """The first row within the first HEADER_SEARCH_ROWS that has every required column."""
    lookup = _LOOKUP[kind]
    for row, cells in table:
        if row > HEADER_SEARCH_ROWS:
            break
        columns: dict[str, int] = {}
        for index, value in enumerate(cells):
            if isinstance(value, str):
                role = lookup.get(header_key(value))
                if role and role not in columns:
                    columns[role] = index
        if all(role in columns for role in REQUIRED[kind]):
            return Header(row, columns)
    return None


def required_names(kind: str) -> str:
    """For messages: "STT / Nội dung / Điểm tối đa"."""
    return " / ".join(SYNONYMS[kind][role][0] for role in REQUIRED[kind])


def open_sheet(data: bytes, filename: str, kind: str, limits: Limits = DEFAULT_LIMITS) -> tuple[Table, Header]:
    """The file's rows and its header; SheetError when either cannot be found."""
    table = read_table(data, filename, limits)
    header = find_header(table, kind)
    if header is None:
        raise SheetError("no header row with the columns %(names)s in the first %(count)s rows",
                         names=required_names(kind), count=HEADER_SEARCH_ROWS)
    return table, header
