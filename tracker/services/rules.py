"""Planning rules (owner, supporting departments, wording per field or criterion), audited."""
from __future__ import annotations

import re

from sqlalchemy import select

from tracker.domain.planning import ALL_DEPARTMENTS, wording_error
from tracker.domain.errors import InputError
from tracker import workspace
from tracker.extensions import db
from tracker.models import Department, PlanningRule
from tracker.services import audit

CODE = re.compile(r"^[1-9]\d*(\.[1-9]\d*)*$")


class InvalidRule(InputError):
    """A planning rule cannot be saved like this."""


def save_rule(rule: PlanningRule | None, actor, *, code: str, lead: Department | None,
              supporting: list[str], title: str, product: str) -> PlanningRule:
    code = code.strip()
    if not CODE.match(code):
        raise InvalidRule("A rule's code is a field or criterion code such as 3 or 3.2.1.")
    clash = db.session.scalar(select(PlanningRule).where(PlanningRule.code == code))
    if clash is not None and clash is not rule:
        raise InvalidRule("There is already a rule for this code; edit that one.")
    if not (lead or supporting or title.strip() or product.strip()):
        raise InvalidRule("A rule needs at least an owner, supporting departments, a title or a product.")
    for wording in (title, product):
        error = wording_error(wording)
        if error:
            raise InvalidRule(error[0], **error[1])
    values = {"code": code, "lead_department_id": lead.id if lead else None,
              "supporting_codes": ALL_DEPARTMENTS if ALL_DEPARTMENTS in supporting else ",".join(supporting),
              "task_title": title.strip() or None, "product": product.strip() or None}
    if rule is None:  # a new rule belongs to the workspace it is made in
        values["unit_id"] = workspace.current_unit_id()
    return audit.save(PlanningRule, rule, values, "rule", actor)


def delete_rule(rule: PlanningRule, actor) -> None:
    audit.record("rule.delete", rule, {"code": (rule.code, None)}, actor=actor)
    db.session.delete(rule)
    db.session.flush()
