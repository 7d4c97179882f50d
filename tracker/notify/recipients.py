"""Who receives what: a department's officers and contact addresses, its head, the admins and
leaders, each with their own language and mail settings. Loaded in two queries for a whole run."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from tracker.extensions import db
from tracker.models import Department, Role, User

# Why someone receives a message (shown at the foot of every email).
OFFICER, CONTACT, HEAD, ADMIN, LEADER = "officer", "contact", "head", "admin", "leader"
# What a message is, for the user's settings: reminders and digests can be turned off.
REMINDER, DIGEST = "reminder", "digest"


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str | None        # None for a contact address without an account
    user_id: int | None
    locale: str
    reason: str             # OFFICER, CONTACT, HEAD, ADMIN or LEADER
    department: str | None  # the department's name, for officers, contacts and heads


class Audience:
    """Every active user and department, read once; answers who gets which message."""

    def __init__(self, departments: list[Department], users: list[User], default_locale: str = "vi"):
        self.departments = {d.id: d for d in departments}
        self.users = [u for u in users if u.active]
        self.by_email = {u.email.lower(): u for u in self.users}
        self.default_locale = default_locale

    @classmethod
    def load(cls, default_locale: str = "vi") -> "Audience":
        return cls(db.session.scalars(select(Department)).all(),
                   db.session.scalars(select(User).where(User.active.is_(True))).all(), default_locale)

    def _recipient(self, user: User, reason: str, department: Department | None = None) -> Recipient:
        return Recipient(user.email, user.name, user.id, user.locale or self.default_locale, reason,
                         department.name if department else None)

    @staticmethod
    def wants(user: User, purpose: str | None) -> bool:
        if purpose == REMINDER:
            return user.reminders_enabled
        if purpose == DIGEST:
            return user.digest_enabled
        return True  # messages about a change to one's own task are always sent

    def department(self, department_id: int | None, purpose: str | None = None) -> list[Recipient]:
        """The department's officers and its contact addresses, each once. A contact address
        that is also someone's login follows that person's settings and language."""
        department = self.departments.get(department_id)
        if department is None:
            return []
        found: dict[str, Recipient] = {}
        for user in self.users:
            if user.department_id == department.id and self.wants(user, purpose):
                found.setdefault(user.email.lower(), self._recipient(user, OFFICER, department))
        for address in department.email_list:
            address = address.lower()
            user = self.by_email.get(address)
            if address in found or (user is not None and not self.wants(user, purpose)):
                continue
            found[address] = (self._recipient(user, CONTACT, department) if user else
                              Recipient(address, None, None, self.default_locale, CONTACT, department.name))
        return list(found.values())

    def head(self, department_id: int | None) -> Recipient | None:
        """The department's head, whatever their settings (escalations are not optional): the
        user marked head, else the department's head address (which follows that person's
        language when it is someone's login)."""
        department = self.departments.get(department_id)
        for user in self.users:
            if user.is_head and user.department_id == department_id:
                return self._recipient(user, HEAD, department)
        if department is not None and department.head_email:
            address = department.head_email.strip().lower()
            user = self.by_email.get(address)
            if user is not None:
                return self._recipient(user, HEAD, department)
            return Recipient(address, None, None, self.default_locale, HEAD, department.name)
        return None

    def admins(self) -> list[Recipient]:
        return [self._recipient(u, ADMIN) for u in self.users if u.role == Role.ADMIN.value]

    def admins_and_leaders(self, purpose: str | None = None, unit_id: int | None = None) -> list[Recipient]:
        """The admins and leaders of the own unit (`unit_id` None: they follow every plan), or
        of a unit that runs its own plan here."""
        reasons = {Role.ADMIN.value: ADMIN, Role.LEADER.value: LEADER}
        return [self._recipient(u, reasons[u.role]) for u in sorted(self.users, key=lambda u: u.email)
                if u.role in reasons and u.unit_id == unit_id and self.wants(u, purpose)]
