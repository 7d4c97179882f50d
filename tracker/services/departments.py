"""Departments (phòng, ban) of the unit: created and edited by Internal Affairs, audited."""
from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import select

from tracker.domain.errors import InputError
from tracker.extensions import db
from tracker.models import Department
from tracker.services import audit

CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,19}$")


class InvalidDepartment(InputError):
    """A department cannot be saved like this."""


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
    return audit.save(Department, department, values, "department", actor)
