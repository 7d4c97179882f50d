"""Department lists: code, name, contact emails and the head's email of each phòng, ban.

Pure Python, like the other importers: the rows and every problem found, each with its row
number; the departments service writes them, all or nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email

from tracker.domain.scoring import TreeError
from tracker.importers.headers import open_sheet
from tracker.importers.sheets import DEFAULT_LIMITS, Limits, SheetError, cell, text

CODE_MAX = 20    # models.Department.code
NAME_MAX = 200   # models.Department.name
# A code as the CLI and the API name a department: NV, TCKH, VH-TT (upper case, no spaces).
CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,%d}$" % (CODE_MAX - 1))
_SEPARATORS = re.compile(r"[,;\s]+")


@dataclass
class DepartmentRow:
    code: str
    name: str
    emails: list[str] = field(default_factory=list)
    head_email: str | None = None
    row: int | None = None  # row number in the source file, for messages


@dataclass
class DepartmentsResult:
    """The rows are only meaningful when there are no errors (then the file is rejected).

    `has_emails` / `has_head_email`: whether the file has that column. A column the file
    does not have leaves that field of existing departments as it is; an empty cell in a
    column it has clears it."""

    rows: list[DepartmentRow] = field(default_factory=list)
    errors: list[TreeError] = field(default_factory=list)
    has_emails: bool = False
    has_head_email: bool = False


def email_addresses(value: str) -> tuple[list[str], list[str]]:
    """The addresses in a cell (separated by commas, semicolons or spaces), normalised to lower
    case, each once; and the parts that are not addresses."""
    good, bad = [], []
    for part in _SEPARATORS.split(value or ""):
        if not part:
            continue
        try:
            good.append(validate_email(part, check_deliverability=False).normalized.lower())
        except EmailNotValidError:
            bad.append(part)
    return list(dict.fromkeys(good)), bad


def parse_departments(data: bytes, filename: str, limits: Limits = DEFAULT_LIMITS) -> DepartmentsResult:
    try:
        table, header = open_sheet(data, filename, "departments", limits)
    except SheetError as exc:
        return DepartmentsResult(errors=[TreeError(None, exc.message, exc.params)])

    col = header.columns
    result = DepartmentsResult(has_emails="emails" in col, has_head_email="head_email" in col)
    seen: dict[str, int] = {}
    for number, cells in table:
        if number <= header.row:
            continue  # title rows above the header
        code = text(cell(cells, col["code"])).upper()
        name = text(cell(cells, col["name"]))
        if not code and not name:
            continue  # a row of notes or a total beside the list
        errors: list[TreeError] = []
        if not code:
            errors.append(TreeError(number, "the department %(name)s has no code", {"name": name[:40]}))
        elif len(code) > CODE_MAX:
            errors.append(TreeError(number, "the code %(code)s… is longer than %(max)s characters",
                                    {"code": code[:CODE_MAX], "max": CODE_MAX}))
        elif not CODE.match(code):
            errors.append(TreeError(number, "the code %(code)s may hold only letters without diacritics, digits, "
                                            "- and _ (such as NV or TCKH)", {"code": code}))
        if not name:
            errors.append(TreeError(number, "the department %(code)s has no name", {"code": code[:CODE_MAX]}))
        elif len(name) > NAME_MAX:
            errors.append(TreeError(number, "the name %(name)s… is longer than %(max)s characters",
                                    {"name": name[:40], "max": NAME_MAX}))
        if code:
            if code in seen:
                errors.append(TreeError(number, "duplicate code %(code)s (first on row %(first)s)",
                                        {"code": code, "first": seen[code]}))
            else:
                seen[code] = number
        emails, bad = email_addresses(text(cell(cells, col.get("emails"))))
        heads, bad_head = email_addresses(text(cell(cells, col.get("head_email"))))
        for part in bad + bad_head:
            errors.append(TreeError(number, "%(email)s is not a valid email address.", {"email": part[:80]}))
        if len(heads) > 1:
            errors.append(TreeError(number, "the head's email of %(code)s must be one address, not %(count)s",
                                    {"code": code[:CODE_MAX], "count": len(heads)}))
        result.errors += errors
        if not errors:
            result.rows.append(DepartmentRow(code, name, emails, heads[0] if heads else None, number))
    if not result.rows and not result.errors:
        result.errors.append(TreeError(None, "the file lists no departments"))
    return result
