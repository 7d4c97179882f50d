"""First set-up: the installation's own unit, with its starter departments and rules.

One service for `tracker setup` and the set-up page; everything in one transaction, so a bad
department or rule leaves nothing half set up.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from tracker.domain import documents as document_rules
from tracker.domain.errors import InputError
from tracker.domain.planning import ALL_DEPARTMENTS
from tracker.domain.starter import SETUP_KINDS, StarterDepartment, StarterRule, document_starter
from tracker import workspace
from tracker.extensions import db
from tracker.models import Department, PlanningRule, Unit
from tracker.services import audit, departments, documents, rules


class SetupError(InputError):
    """The unit cannot be set up like this."""


def own_unit() -> Unit | None:
    return db.session.scalar(select(Unit).where(Unit.own.is_(True)))


def workspace_unit() -> Unit | None:
    """The unit whose workspace the request works in: the own unit, or a unit that runs its
    own plan (workspace.py)."""
    unit_id = workspace.current_unit_id()
    return own_unit() if unit_id is None else db.session.get(Unit, unit_id)


def is_set_up() -> bool:
    return own_unit() is not None


def set_up(*, name: str, kind: str, place: str, issuing_body: str,
           starter_departments: list[StarterDepartment] = (), starter_rules: list[StarterRule] = (),
           document_settings: document_rules.Settings | None = None, actor=None) -> Unit:
    """Make `name` the installation's own unit (a unit of that name that an import brought in
    becomes it) and add the departments and rules given; existing codes are kept as they are.
    Its document settings are those given, or its kind's starter."""
    if is_set_up():
        raise SetupError("The installation is already set up for %(unit)s.", unit=own_unit().name)
    name, place, issuing_body = name.strip(), place.strip(), issuing_body.strip()
    if not name:
        raise SetupError("The unit's name is required, e.g. UBND tỉnh Lâm Đồng.")
    if kind not in SETUP_KINDS:
        raise SetupError("The kind is one of: %(kinds)s.", kinds=", ".join(SETUP_KINDS))
    if len(name) > 200 or len(issuing_body) > 200:
        raise SetupError("The name and the issuing body are at most 200 characters each.")
    if len(place) > 100:
        raise SetupError("The place is at most 100 characters.")
    unit = db.session.scalar(select(Unit).where(Unit.name == name))
    values = {"name": name, "kind": kind, "place": place or None,
              "issuing_body": issuing_body or name.upper(), "own": True}
    try:
        unit = audit.save(Unit, unit, values, "unit.setup", actor)
    except IntegrityError:  # uq_units_own: another set-up committed first (the caller rolls back)
        raise SetupError("The installation was set up a moment ago by someone else; nothing was changed.") from None
    documents.save(unit, document_settings or document_starter(kind, name), actor)
    add_starter(starter_departments, starter_rules, actor)
    db.session.flush()
    return unit


def add_starter(starter_departments: list[StarterDepartment], starter_rules: list[StarterRule], actor) -> None:
    """Add the departments and ownership rules given to the current workspace (the own unit's at
    set-up; a unit's that runs its own plan here in the demo); existing codes are kept."""
    existing = set(db.session.scalars(select(Department.code)))
    for starter in starter_departments:
        if starter.code.strip().upper() not in existing:
            departments.save_department(None, actor, code=starter.code, name=starter.name, emails="")
    known = {d.code: d for d in db.session.scalars(select(Department))}
    ruled = set(db.session.scalars(select(PlanningRule.code)))
    for rule in starter_rules:
        if rule.code.strip() in ruled:
            continue
        lead = known.get(rule.lead.strip().upper()) if rule.lead.strip() else None
        if rule.lead.strip() and lead is None:
            raise SetupError("Rule %(code)s: there is no department %(lead)s.", code=rule.code, lead=rule.lead)
        supporting = [c.strip().upper() for c in rule.supporting.split(",") if c.strip()]
        unknown = [c for c in supporting if c != ALL_DEPARTMENTS and c not in known]
        if unknown:
            raise SetupError("Rule %(code)s: there is no department %(lead)s.", code=rule.code,
                             lead=", ".join(unknown))
        rules.save_rule(None, actor, code=rule.code, lead=lead, supporting=supporting,
                        title=rule.wording, product="")
