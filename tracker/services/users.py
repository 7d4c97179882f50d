"""Creating users: one path for the CLI and the admin page, with the same checks."""
from email_validator import EmailNotValidError, validate_email
from sqlalchemy import select

from tracker.domain.errors import InputError
from tracker.extensions import db
from tracker.models import Department, Role, User
from tracker.services import audit

MIN_PASSWORD_LENGTH = 8


class InvalidUser(InputError):
    """A user cannot be created or changed like this."""


def create_user(email: str, name: str, role: str, password: str,
                department_code: str | None = None, actor=None) -> User:
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
    if db.session.scalar(select(User.id).where(User.email == email)):
        raise InvalidUser("A user with email %(email)s already exists.", email=email)
    user = User(email=email, name=name.strip(), role=role, department=department)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    audit.record("user.create", user, {"email": (None, email), "role": (None, role),
                                       "department": (None, department_code)}, actor=actor)
    return user


def update_user(user: User, actor, *, name: str, role: str, department_code: str | None,
                active: bool, new_password: str | None = None) -> dict:
    """Change a user; deactivating ends their sessions and tokens at the next request."""
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
    changes = audit.diff(user, {"name": name.strip(), "role": role,
                                "department_id": department.id if department else None, "active": active})
    if new_password:
        if len(new_password) < MIN_PASSWORD_LENGTH:
            raise InvalidUser("The password must have at least %(n)s characters.", n=MIN_PASSWORD_LENGTH)
        user.set_password(new_password)
        changes["password"] = ("(old)", "(new)")
    if changes:
        audit.record("user.edit", user, changes, actor=actor)
    db.session.flush()
    return changes
