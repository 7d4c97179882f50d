"""Creating users: one path for the CLI and the admin page, with the same checks."""
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from sqlalchemy import select

from tracker.domain.errors import InputError
from tracker import workspace
from tracker.extensions import db
from tracker.models import Department, Role, User
from tracker.services import audit

MIN_PASSWORD_LENGTH = 8


class InvalidUser(InputError):
    """A user cannot be created or changed like this."""


def create_user(email: str, name: str, role: str, password: str,
                department_code: str | None = None, actor=None, password_hash: str | None = None) -> User:
    """`password_hash`: the hash of `password` when the caller already has it (the demo gives
    its users one password and hashes it once: hashing is deliberately slow)."""
    try:
        email = validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise InvalidUser("%(email)s is not a valid email address.", email=email)
    if role not in {r.value for r in Role}:
        raise InvalidUser("Unknown role %(role)s: use admin, leader or department.", role=role)
    if not name.strip():
        raise InvalidUser("A name is required.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidUser("The password must have at least %(n)s characters.", n=MIN_PASSWORD_LENGTH)
    department = None
    if department_code:
        department = db.session.scalar(select(Department).where(Department.code == department_code))
        if department is None:
            raise InvalidUser("There is no department with code %(code)s.", code=department_code)
    if role == Role.DEPARTMENT.value and department is None:
        raise InvalidUser("A department user needs a department.")
    if db.session.scalar(workspace.everywhere(select(User.id).where(User.email == email))):  # one login, one email
        raise InvalidUser("A user with email %(email)s already exists.", email=email)
    user = User(email=email, name=name.strip(), role=role, department=department,
                unit_id=workspace.current_unit_id())
    if password_hash:
        user.password_hash = password_hash
    else:
        user.set_password(password)
    db.session.add(user)
    db.session.flush()
    audit.record("user.create", user, {"email": (None, email), "role": (None, role),
                                       "department": (None, department_code)}, actor=actor)
    return user


def update_user(user: User, actor, *, name: str, role: str, department_code: str | None,
                active: bool, new_password: str | None = None, is_head: bool | None = None,
                digest_enabled: bool | None = None, reminders_enabled: bool | None = None,
                locale: str | None = None) -> dict:
    """Change a user; deactivating ends their sessions and tokens at the next request. Marking
    a department officer as its head unmarks the department's previous head. The mail settings
    and language are left as they are when not given."""
    if role not in {r.value for r in Role}:
        raise InvalidUser("Unknown role %(role)s: use admin, leader or department.", role=role)
    if not name.strip():
        raise InvalidUser("A name is required.")
    department = None
    if department_code:
        department = db.session.scalar(select(Department).where(Department.code == department_code))
        if department is None:
            raise InvalidUser("There is no department with code %(code)s.", code=department_code)
    if role == Role.DEPARTMENT.value and department is None:
        raise InvalidUser("A department user needs a department.")
    if actor is user and (not active or role != Role.ADMIN.value):
        raise InvalidUser("You cannot deactivate yourself or give up your own administrator role.")
    if is_head and role != Role.DEPARTMENT.value:
        raise InvalidUser("Only a department officer can be the head of a department.")
    head = (user.is_head if is_head is None else is_head) and role == Role.DEPARTMENT.value
    values = {"name": name.strip(), "role": role, "department_id": department.id if department else None,
              "active": active, "is_head": head}
    values.update(mail_settings(digest_enabled, reminders_enabled, locale))
    if values["is_head"] and not (user.is_head and user.department_id == values["department_id"]):
        unmark_head(values["department_id"], actor)
    if new_password and len(new_password) < MIN_PASSWORD_LENGTH:
        raise InvalidUser("The password must have at least %(n)s characters.", n=MIN_PASSWORD_LENGTH)
    was_active = user.active
    changes = audit.diff(user, values)
    if new_password:
        user.set_password(new_password)
        changes["password"] = ("(old)", "(new)")
    if new_password or (was_active and not active):
        # Whoever held the old password, a session or the API token is out, on every worker.
        user.revoke_access()
        changes["sessions"] = ("(open)", "(ended)")
    if changes:
        audit.record("user.edit", user, changes, actor=actor)
    db.session.flush()
    return changes


def unmark_head(department_id: int, actor) -> None:
    """The department gets a new head: the previous one is no longer it (one head each)."""
    previous = db.session.scalar(select(User).where(User.department_id == department_id, User.is_head.is_(True)))
    if previous is not None:
        audit.record("user.edit", previous, audit.diff(previous, {"is_head": False}), actor=actor,
                     summary="another officer was made head of the department")
        db.session.flush()  # before the new head's row: the database allows one head per department


def mail_settings(digest_enabled: bool | None, reminders_enabled: bool | None, locale: str | None) -> dict:
    """The given settings, checked; those left as None are not changed."""
    values = {}
    if digest_enabled is not None:
        values["digest_enabled"] = digest_enabled
    if reminders_enabled is not None:
        values["reminders_enabled"] = reminders_enabled
    if locale is not None:
        if locale not in current_app.config["LANGUAGES"]:
            raise InvalidUser("Unknown language %(code)s.", code=locale)
        values["locale"] = locale
    return values


def update_settings(user: User, *, digest_enabled: bool, reminders_enabled: bool, locale: str | None) -> dict:
    """A user's own choices: which emails they get, and their language (screens and emails)."""
    changes = audit.diff(user, mail_settings(digest_enabled, reminders_enabled, locale))
    if changes:
        audit.record("user.settings", user, changes, actor=user)
        db.session.flush()
    return changes
