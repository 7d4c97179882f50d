"""Departments (phòng, ban) of the unit: created and edited by Internal Affairs, or imported
from a list (the command line and the departments page alike), audited."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from tracker.domain.errors import InputError
from tracker import workspace
from tracker.extensions import db
from tracker.importers.departments import CODE, email_addresses, parse_departments
from tracker.models import Department
from tracker.services import audit
from tracker.services.imports import ImportRejected, check_size, limits


class InvalidDepartment(InputError):
    """A department cannot be saved like this."""


def clean_emails(text: str) -> list[str]:
    emails, bad = email_addresses(text)
    if bad:
        raise InvalidDepartment("%(email)s is not a valid email address.", email=bad[0])
    return emails


def clean_head_email(text: str) -> str | None:
    """One address or none: escalations go there when no user of the department is marked head."""
    emails = clean_emails(text)
    if len(emails) > 1:
        raise InvalidDepartment("Give one address for the head, not %(count)s.", count=len(emails))
    return emails[0] if emails else None


def save_department(department: Department | None, actor, *, code: str, name: str, emails: str,
                    active: bool = True, head_email: str | None = None) -> Department:
    """Create or edit a department; `head_email` None leaves the head's address as it is,
    an empty string clears it."""
    code = code.strip().upper()
    if not CODE.match(code):
        raise InvalidDepartment("A department code is 1 to 20 letters or digits, such as NV or TCKH.")
    if not name.strip():
        raise InvalidDepartment("A name is required.")
    clash = db.session.scalar(select(Department).where(Department.code == code))
    if clash is not None and clash is not department:
        raise InvalidDepartment("There is already a department with code %(code)s.", code=code)
    values = {"code": code, "name": name.strip(), "emails": ", ".join(clean_emails(emails)), "active": active}
    if department is None:  # a new department belongs to the workspace it is made in
        values["unit_id"] = workspace.current_unit_id()
    if head_email is not None:
        values["head_email"] = clean_head_email(head_email)
    return audit.save(Department, department, values, "department", actor)


@dataclass
class ImportSummary:
    created: list[Department]
    updated: list[Department]
    unchanged: list[Department]


def import_departments(data: bytes, filename: str, *, actor=None) -> ImportSummary:
    """Create the departments a list names by a new code and update those whose code exists
    (name, contact emails, head's email), each audited old → new. Any bad row rejects the
    whole file (ImportRejected with every error and its row) and nothing is written.

    A column the file does not have (contact emails, head's email) leaves that field of an
    existing department as it is; departments missing from the file stay as they are."""
    check_size(data)
    parsed = parse_departments(data, filename, limits())
    if parsed.errors:
        raise ImportRejected(parsed.errors)
    codes = [row.code for row in parsed.rows]
    existing = {d.code: d for d in db.session.scalars(select(Department).where(Department.code.in_(codes)))}
    summary = ImportSummary([], [], [])
    for row in parsed.rows:
        department = existing.get(row.code)
        values = {"code": row.code, "name": row.name}
        if parsed.has_emails or department is None:
            values["emails"] = ", ".join(row.emails)
        if parsed.has_head_email or department is None:
            values["head_email"] = row.head_email
        if department is None:
            summary.created.append(audit.save(Department, None, {**values, "active": True}, "department", actor))
        elif _changes(department, values):
            audit.save(Department, department, values, "department", actor)
            summary.updated.append(department)
        else:
            summary.unchanged.append(department)
    db.session.flush()
    return summary


def _changes(department: Department, values: dict) -> bool:
    return any(getattr(department, name) != value for name, value in values.items())
