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
    "report": _l("Report ready"),
    "plan_due": _l("Plan due"),
}
UNIT_KIND_LABELS = {"ministry": _l("Ministry or agency"), "province": _l("Province"),
                    "department": _l("Provincial department"), "district": _l("District"),
                    "commune": _l("Commune or ward"), "other": _l("Other")}
# The periodic reports (Decree 09/2019): Q1 quý I, Q2 six months, Q3 quý III, Q4 the year.
PERIOD_LABELS = {1: _l("Quarter I report %(year)s"), 2: _l("Six-month report %(year)s"),
                 3: _l("Quarter III report %(year)s"), 4: _l("Annual report %(year)s")}


def status_label(code: str) -> str:
    return str(STATUS_LABELS.get(code, code))


def period_name(period) -> str:
    """"Quarter I report 2026" (Vietnamese: "Báo cáo quý I năm 2026") for a ReportPeriod."""
    return str(PERIOD_LABELS[period.quarter]) % {"year": period.year}


def init_app(app) -> None:
    app.jinja_env.globals.update(status_label=status_label, period_name=period_name, ROLE_LABELS=ROLE_LABELS,
                                 METHOD_LABELS=METHOD_LABELS, MESSAGE_KIND_LABELS=MESSAGE_KIND_LABELS,
                                 UNIT_KIND_LABELS=UNIT_KIND_LABELS)
