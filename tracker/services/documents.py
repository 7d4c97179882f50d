"""The own unit's document settings (who speaks to whom in its plan and its reports): read,
checked, saved with the audit log, and turned into the parties of one document.

A unit without a row (an installation set up before the settings existed, or a unit an import
brought in) uses its kind's starter (`starter.document_starter`).
"""
from __future__ import annotations

from tracker.domain import documents
from tracker.domain.errors import InputError
from tracker.domain.starter import document_starter
from tracker.models import DocumentSettings, Plan, Unit
from tracker.services import audit

MAX_RECIPIENTS = 30
MAX_RECIPIENT_CHARS = 200
LIMITS = {"parent_body": 200, "coordinator": 200, "coordinator_symbol": 20, "archive": 200,
          "report_addressee": 200, "report_archive": 200}
SIGNER_LIMIT = 100  # a title or a name


class DocumentError(InputError):
    """The document settings cannot be saved like this."""


def issuing_body(unit: Unit) -> str:
    return unit.issuing_body or unit.name.upper()


def place(unit: Unit) -> str:
    return unit.place or unit.name


def settings_of(unit: Unit) -> documents.Settings:
    """The unit's document settings: as saved, or its kind's starter."""
    row = unit.document_settings
    if row is None:
        return document_starter(unit.kind, unit.name)
    return documents.Settings(
        parent_body=row.parent_body, coordinator=row.coordinator, coordinator_symbol=row.coordinator_symbol,
        recipients=documents.recipient_list(row.recipients), archive=row.archive,
        signer=documents.Signer(row.signer_capacity, row.signer_title, row.signer_name),
        report_sender=row.report_sender, report_addressee=row.report_addressee,
        report_recipients=documents.recipient_list(row.report_recipients), report_archive=row.report_archive,
        coordinator_signer=documents.Signer(row.coordinator_signer_capacity, row.coordinator_signer_title,
                                            row.coordinator_signer_name))


def plan_parties(plan: Plan) -> documents.Parties:
    unit = plan.assessment.unit
    return settings_of(unit).plan_parties(issuing_body(unit), place(unit), plan.number)


def report_parties(plan: Plan) -> documents.Parties:
    unit = plan.assessment.unit
    return settings_of(unit).report_parties(issuing_body(unit), place(unit), plan.number)


def _signer(signer: documents.Signer) -> documents.Signer:
    capacity = signer.capacity.strip().upper()
    capacity = capacity + "." if capacity in ("TM", "KT") else capacity
    return documents.Signer(capacity, documents.upper(signer.title), " ".join(signer.name.split()))


def cleaned(settings: documents.Settings) -> documents.Settings:
    """The settings as they are stored: spaces collapsed, titles in capitals, one recipient a
    line without its dash or end mark, "Lưu: …" written one way."""
    def one_line(text: str) -> str:
        return " ".join(text.split())
    return documents.Settings(
        parent_body=one_line(settings.parent_body), coordinator=one_line(settings.coordinator),
        coordinator_symbol=one_line(settings.coordinator_symbol).upper(),
        recipients=tuple(documents.clean_line(r) for r in settings.recipients if documents.clean_line(r)),
        archive=documents.archive_line(settings.archive), signer=_signer(settings.signer),
        report_sender=settings.report_sender, report_addressee=one_line(settings.report_addressee),
        report_recipients=tuple(documents.clean_line(r) for r in settings.report_recipients
                                if documents.clean_line(r)),
        report_archive=documents.archive_line(settings.report_archive),
        coordinator_signer=_signer(settings.coordinator_signer))


def check(settings: documents.Settings, unit_issuing_body: str) -> None:
    """Refuse settings that would print a wrong document (the first problem, as a DocumentError)."""
    s = settings
    if not s.coordinator:
        raise DocumentError("Name the coordinating body, e.g. Sở Nội vụ.")
    if not s.coordinator_symbol or any(c in s.coordinator_symbol for c in " /"):
        raise DocumentError("Give the coordinating body's symbol for document numbers, e.g. SNV (no spaces or slashes).")
    if s.report_sender not in documents.REPORT_SENDERS:
        raise DocumentError("The report is sent by the unit or by its coordinating body.")
    if not s.report_addressee:
        raise DocumentError("Name to whom the report is sent, e.g. Bộ Nội vụ.")
    for name, limit in LIMITS.items():
        if len(getattr(s, name)) > limit:
            raise DocumentError("“%(text)s…” is longer than %(max)s characters.", text=getattr(s, name)[:40], max=limit)
    for lines in (s.recipients, s.report_recipients):
        if len(lines) > MAX_RECIPIENTS:
            raise DocumentError("At most %(max)s recipients.", max=MAX_RECIPIENTS)
        if any(len(line) > MAX_RECIPIENT_CHARS for line in lines):
            raise DocumentError("A recipient is at most %(max)s characters.", max=MAX_RECIPIENT_CHARS)
    collective = documents.is_peoples_committee(unit_issuing_body)
    for signer, for_whom in ((s.signer, collective), (s.coordinator_signer, False)):
        if len(signer.title) > SIGNER_LIMIT or len(signer.name) > SIGNER_LIMIT:
            raise DocumentError("A signer's title or name is at most %(max)s characters.", max=SIGNER_LIMIT)
        problem = documents.signer_problem(signer, for_whom)
        if problem:
            raise DocumentError(problem, title=signer.title)


def columns(settings: documents.Settings) -> dict:
    s = settings
    return {
        "parent_body": s.parent_body, "coordinator": s.coordinator, "coordinator_symbol": s.coordinator_symbol,
        "recipients": "\n".join(s.recipients), "archive": s.archive,
        "signer_capacity": s.signer.capacity, "signer_title": s.signer.title, "signer_name": s.signer.name,
        "report_sender": s.report_sender, "report_addressee": s.report_addressee,
        "report_recipients": "\n".join(s.report_recipients), "report_archive": s.report_archive,
        "coordinator_signer_capacity": s.coordinator_signer.capacity,
        "coordinator_signer_title": s.coordinator_signer.title,
        "coordinator_signer_name": s.coordinator_signer.name,
    }


def save(unit: Unit, settings: documents.Settings, actor) -> DocumentSettings:
    """Store the unit's document settings (checked first), old → new in the audit log. The
    caller commits; documents already issued keep what they were issued with."""
    settings = cleaned(settings)
    check(settings, issuing_body(unit))
    row = audit.save(DocumentSettings, unit.document_settings, {"unit_id": unit.id, **columns(settings)},
                     "unit.documents", actor)
    unit.document_settings = row
    return row
