"""Record who changed what (old → new) in the same transaction as the change."""
from datetime import date, datetime

from flask import has_request_context, request
from flask_login import current_user

from tracker.extensions import db
from tracker.models import AuditEvent, User


def _jsonable(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def record(action: str, entity, changes: dict | None = None, *, summary: str | None = None,
           actor: User | str | None = None) -> AuditEvent:
    """Add an audit event. `changes` maps field → (old, new); unchanged fields are dropped."""
    return record_for(action, type(entity).__name__ if entity is not None else "-",
                      getattr(entity, "id", None), changes, summary=summary, actor=actor)


def record_for(action: str, entity_type: str, entity_id: int | None, changes: dict | None = None, *,
               summary: str | None = None, actor: User | str | None = None) -> AuditEvent:
    """`record` for a row known by its type and id (bulk work that loads no objects)."""
    if actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user._get_current_object()
    user = actor if isinstance(actor, User) else None
    clean = {k: [_jsonable(old), _jsonable(new)]
             for k, (old, new) in (changes or {}).items() if old != new}
    event = AuditEvent(
        user_id=user.id if user else None,
        actor=user.email if user else (actor or "system"),
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        changes=clean,
        summary=summary,
        ip=request.remote_addr if has_request_context() else None,
    )
    db.session.add(event)
    return event


def diff(obj, new_values: dict) -> dict:
    """Apply new_values to obj and return {field: (old, new)} for the audit log."""
    changes = {}
    for field, new in new_values.items():
        old = getattr(obj, field)
        if old != new:
            changes[field] = (old, new)
            setattr(obj, field, new)
    return changes


def save(model, existing, values: dict, action: str, actor):
    """Create a `model` row from `values`, or apply them to `existing`; record `action.create`
    or `action.edit` with old → new (an edit that changes nothing records nothing)."""
    if existing is None:
        row = model(**values)
        db.session.add(row)
        db.session.flush()
        record(f"{action}.create", row, {k: (None, v) for k, v in values.items()}, actor=actor)
        return row
    changes = diff(existing, values)
    if changes:
        record(f"{action}.edit", existing, changes, actor=actor)
    db.session.flush()
    return existing
