"""Translated labels for stored codes (statuses, roles, methods)."""
from flask_babel import lazy_gettext as _l

STATUS_LABELS = {
    "not_started": _l("Not started"),
    "in_progress": _l("In progress"),
    "done": _l("Done"),
    "verified": _l("Verified"),
    "blocked": _l("Blocked"),
    "cancelled": _l("Cancelled"),
}
ROLE_LABELS = {"admin": _l("Administrator"), "leader": _l("Leader"), "department": _l("Department")}
METHOD_LABELS = {"appraisal": _l("Appraisal"), "survey": _l("Survey")}
MESSAGE_KIND_LABELS = {
    "reminder": _l("Deadline reminder"),
    "escalation": _l("Escalation"),
    "digest": _l("Weekly digest"),
    "task_done": _l("Task finished"),
    "task_returned": _l("Task returned"),
    "task_assigned": _l("Tasks assigned"),
}


def status_label(code: str) -> str:
    return str(STATUS_LABELS.get(code, code))


def init_app(app) -> None:
    app.jinja_env.globals.update(status_label=status_label, ROLE_LABELS=ROLE_LABELS,
                                 METHOD_LABELS=METHOD_LABELS, MESSAGE_KIND_LABELS=MESSAGE_KIND_LABELS)
