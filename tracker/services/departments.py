"""Departments (phòng, ban) of the unit: created and edited by Internal Affairs, audited."""
from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import select

from tracker.extensions import db
from tracker.models import Department
from tracker.services import audit

CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,19}$")


class InvalidDepartment(ValueError):
    """An English msgid with params; nothing was written."""

    def __init__(self, message: str, **params):
        super().__init__(message % params if params else message)
        self.message, self.params = message, params


def clean_emails(text: str) -> list[str]:
    emails = []
    for part in re.split(r"[,;\s]+", text or ""):
        if not part:
            continue
        try:
            emails.append(validate_email(part, check_deliverability=False).normalized.lower())
        except EmailNotValidError:
            raise InvalidDepartment("%(email)s is not a valid email address.", email=part)
    return list(dict.fromkeys(emails))


def save_department(department: Department | None, actor, *, code: str, name: str, emails: str,
                    active: bool = True) -> Department:
    code = code.strip().upper()
    if not CODE.match(code):
        raise InvalidDepartment("A department code is 1 to 20 letters or digits, such as NV or TCKH.")
    if not name.strip():
        raise InvalidDepartment("A name is required.")
    clash = db.session.scalar(select(Department).where(Department.code == code))
    if clash is not None and clash is not department:
        raise InvalidDepartment("There is already a department with code %(code)s.", code=code)
    values = {"code": code, "name": name.strip(), "emails": ", ".join(clean_emails(emails)), "active": active}
    if department is None:
        department = Department(**values)
        db.session.add(department)
        db.session.flush()
        audit.record("department.create", department, {k: (None, v) for k, v in values.items()}, actor=actor)
    else:
        changes = audit.diff(department, values)
        if changes:
            audit.record("department.edit", department, changes, actor=actor)
    db.session.flush()
    return department
