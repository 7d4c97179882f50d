"""Periodic reports on a plan (báo cáo CCHC quý I, 6 tháng, quý III, năm): the figures as of the
period's cut-off, the draft with its editable prose, issuing, and the files.

One service for the page, the CLI and the scheduler. A draft is computed when read (from the
history, so it shows what it would have shown at the cut-off); issuing keeps the figures, the
prose and both files in the report row, and they are served from there ever after.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.domain import report_figures as rf
from tracker.domain.errors import InputError
from tracker.domain.periods import ReportPeriod, periods_of_plan, report_period
from tracker.domain.projection import FieldRecovery
from tracker.exporters.report_document import SECTION_KEYS, ReportDocument, default_prose
from tracker.extensions import db
from tracker.i18n import local_date, local_midnight_utc, local_today
from tracker.models import Assessment, Department, Plan, Report, Task, Unit, User
from tracker.models.base import insert_or_skip, utcnow
from tracker.services import audit, documents
from tracker.services import effectiveness, plan_view, task_history
from tracker.services import projection as projection_service

NUMBER_MAX = 50
PROSE_MAX = 20_000  # characters per section: pages of text, not a pasted book


class ReportError(InputError):
    """The report cannot be made or changed like this."""


@dataclass
class PeriodReport:
    """A plan's report for one period: its row (None until saved), figures and document."""

    plan: Plan
    period: ReportPeriod
    row: Report | None
    figures: rf.ReportFigures
    prose: dict[str, str]
    document: ReportDocument

    @property
    def is_issued(self) -> bool:
        return self.row is not None and self.row.is_issued

    @property
    def chart_fields(self) -> list[FieldRecovery]:
        """Per field: points lost, secured and expected, as the page's chart draws them."""
        return [FieldRecovery(g.key, g.title, g.counts.lost, g.counts.secured, g.counts.expected)
                for g in self.figures.by_field]


def scheme() -> str:
    return current_app.config["REPORT_PERIODS"]


def period(year: int, quarter: int) -> ReportPeriod:
    return report_period(year, quarter, scheme())


def plan_year(plan: Plan) -> int:
    """The year a plan works in: the one after the assessed year."""
    return plan.assessment.year + 1


def periods(plan: Plan) -> list[ReportPeriod]:
    """The plan's reports: the periods of its year whose cut-off is on or after its issue date."""
    return periods_of_plan(plan_year(plan), plan.issued_on, scheme())


def load_plan(plan_id: int) -> Plan | None:
    return db.session.scalar(select(Plan).where(Plan.id == plan_id).options(
        selectinload(Plan.assessment).selectinload(Assessment.unit),
        selectinload(Plan.assessment).selectinload(Assessment.criteria_set)))


def find_plan(unit_name: str, year: int) -> Plan:
    """The plan that works in `year` for the unit named exactly (the CLI's --unit, --quarter)."""
    plan = db.session.scalar(select(Plan).join(Plan.assessment).join(Assessment.unit)
                             .where(Unit.name == unit_name, Assessment.year == year - 1))
    if plan is None:
        raise ReportError("There is no plan of %(unit)s working in %(year)s (for the results of %(assessed)s).",
                          unit=unit_name, year=year, assessed=year - 1)
    return load_plan(plan.id)


def cutoff(p: ReportPeriod, today: date) -> datetime:
    """The moment the figures stop (naive UTC): the end of the data period, or, while the period
    still runs, the end of yesterday (so a draft is the same all day, whoever opens it)."""
    if today <= p.start:
        raise ReportError("The period %(period)s starts on %(start)s: there is nothing to report yet.",
                          period=p.label, start=p.start.strftime("%d/%m/%Y"))
    return local_midnight_utc(min(p.end + timedelta(days=1), today))


def history(scope) -> tuple[list[rf.TaskRecord], list[rf.Update], list[rf.Edit]]:
    """What a report reads to take each task as it stood at its cut-off."""
    return task_history.records(scope), task_history.updates(scope), task_history.edits(scope)


def _scoring(plan: Plan) -> rf.Scoring:
    assessment = plan.assessment
    read_against = projection_service.basis(
        assessment, plan, projection_service.survey_lost([assessment.id]).get(assessment.id, 0.0))
    return rf.Scoring(
        unit=assessment.unit.name, year=assessment.year, max_score=read_against.max_score,
        baseline=read_against.baseline, survey_lost=read_against.survey_lost,
        bands=read_against.bands, peers=projection_service.peers(assessment),
        survey_known=projection_service.survey_known(assessment))


def compute_figures(plan: Plan, p: ReportPeriod, today: date) -> rf.ReportFigures:
    """The report's figures as of the period's cut-off, from the task history."""
    moment = cutoff(p, today)
    previous = p.previous(scheme())
    if previous is not None and previous not in periods(plan):
        previous = None  # the plan had no report then: nothing to compare with
    fields = plan_view.field_titles(plan)
    departments = {d.id: (d.code, d.name) for d in db.session.scalars(select(Department))}
    return rf.figures(
        p, p.next(scheme()), *history(Task.plan_id == plan.id), cutoff=moment,
        previous_cutoff=cutoff(previous, today) if previous and today > previous.start else None,
        fields=fields, departments=departments, scoring=_scoring(plan),
        local_date=local_date, last_plan=effectiveness.last_plan_summary(plan) if p.quarter == 4 else None)


# --- The report of a plan for a period ------------------------------------------------------

def _row_of(plan: Plan, p: ReportPeriod):
    return select(Report).where(Report.plan_id == plan.id, Report.year == p.year, Report.quarter == p.quarter)


def find_row(plan: Plan, p: ReportPeriod) -> Report | None:
    return db.session.scalar(_row_of(plan, p))


def check_period(plan: Plan, p: ReportPeriod) -> None:
    if p.year != plan_year(plan):
        raise ReportError("Plan %(number)s works in %(year)s; it has no report for %(period)s.",
                          number=plan.number, year=plan_year(plan), period=p.label)
    if p not in periods(plan):
        raise ReportError("Plan %(number)s was issued on %(issued)s, after the cut-off of %(period)s "
                          "(%(end)s): it has no report for that period.", number=plan.number,
                          issued=plan.issued_on.strftime("%d/%m/%Y"), period=p.label,
                          end=p.end.strftime("%d/%m/%Y"))


def _document(plan: Plan, figures: rf.ReportFigures, prose: dict[str, str], row: Report | None,
              today: date) -> ReportDocument:
    unit = plan.assessment.unit
    issued = row is not None and row.is_issued
    parties = documents.report_parties(plan)
    return ReportDocument(
        parties=parties, number=row.number if issued else f"      /BC-{parties.symbol}",
        dated=row.issued_on if issued else today, unit_name=unit.name, plan_number=plan.number, plan_issued_on=plan.issued_on,
        plan_year=plan_year(plan), figures=figures, prose=prose, is_draft=not issued)


def defaults(plan: Plan, figures: rf.ReportFigures) -> dict[str, str]:
    unit = plan.assessment.unit
    settings = documents.settings_of(unit)
    return default_prose(figures, unit_name=unit.name, plan_number=plan.number,
                         plan_issued_on=plan.issued_on, plan_year=plan_year(plan),
                         coordinator=settings.coordinator, addressee=settings.report_addressee,
                         sender=settings.report_sender)


def build(plan: Plan, p: ReportPeriod, today: date | None = None) -> PeriodReport:
    """The report as it stands: the issued snapshot, or the draft computed now (its edited
    sections over the defaults written from the figures)."""
    check_period(plan, p)
    today = today or local_today()
    row = find_row(plan, p)
    if row is not None and row.is_issued:
        figures = rf.from_json(row.figures)
        prose = dict(row.prose)
    else:
        figures = compute_figures(plan, p, today)
        prose = {**defaults(plan, figures), **{k: v for k, v in ((row.prose if row else {}) or {}).items()
                                               if k in SECTION_KEYS}}
    return PeriodReport(plan, p, row, figures, prose, _document(plan, figures, prose, row, today))


def ensure_draft(plan: Plan, p: ReportPeriod, actor) -> tuple[Report, bool]:
    """The period's report row, created as a draft if there is none yet; (row, created). Two
    requests at once leave one row (the database's unique key decides)."""
    check_period(plan, p)
    inserted = db.session.execute(insert_or_skip(Report, "plan_id", "year", "quarter").values(
        plan_id=plan.id, year=p.year, quarter=p.quarter, scheme=scheme(), status="draft", prose={},
        created_at=utcnow(), updated_at=utcnow()).returning(Report.id)).scalar()
    row = db.session.scalar(_row_of(plan, p).with_for_update().execution_options(populate_existing=True))
    if inserted is not None:
        audit.record("report.draft", row, {"period": (None, p.label)}, actor=actor)
    return row, inserted is not None


def _refuse_if_issued(row: Report) -> None:
    if row.is_issued:
        raise ReportError("Report %(number)s of %(date)s is issued: it can no longer be changed.",
                          number=row.number, date=row.issued_on.strftime("%d/%m/%Y"))


def save_prose(plan: Plan, p: ReportPeriod, sections: dict[str, str], actor: User) -> Report:
    """Keep the sections that differ from the defaults written from today's figures; a section
    left as its default follows the figures until the report is issued."""
    row, _created = ensure_draft(plan, p, actor)
    _refuse_if_issued(row)
    for key, text in sections.items():
        if key not in SECTION_KEYS:
            raise ReportError("Unknown section %(name)s.", name=key)
        if len(text or "") > PROSE_MAX:
            raise ReportError("A section may hold at most %(max)s characters.", max=PROSE_MAX)
    written = defaults(plan, compute_figures(plan, p, local_today()))
    edited = {k: v.replace("\r\n", "\n").strip() for k, v in sections.items()
              if v.replace("\r\n", "\n").strip() != written[k].strip()}
    old = dict(row.prose or {})
    row.prose = edited
    audit.record("report.prose", row, {k: (old.get(k), edited.get(k)) for k in SECTION_KEYS}, actor=actor)
    db.session.flush()
    return row


def reset_prose(plan: Plan, p: ReportPeriod, actor: User) -> Report:
    """Back to the wording written from the figures (the draft regenerated)."""
    row, _created = ensure_draft(plan, p, actor)
    _refuse_if_issued(row)
    old = dict(row.prose or {})
    row.prose = {}
    audit.record("report.reset", row, {k: (old.get(k), None) for k in SECTION_KEYS}, actor=actor)
    db.session.flush()
    return row


def issue(plan: Plan, p: ReportPeriod, number: str, issued_on: date, actor: User,
          today: date | None = None) -> Report:
    """Issue the report under its number and date: the figures, prose and both files as they
    are now are kept and served from then on. Issuing twice is refused. `today` is the local
    day (the demo, loaded as of another day, passes its own)."""
    number = (number or "").strip()
    if not number:
        raise ReportError("Give the report's number (số/ký hiệu), e.g. 15/BC-UBND.")
    if len(number) > NUMBER_MAX:
        raise ReportError("The number may be at most %(max)s characters.", max=NUMBER_MAX)
    if issued_on is None:
        raise ReportError("Give the date of issue.")
    today = today or local_today()
    if today <= p.end:
        raise ReportError("The period runs until %(end)s; the report can be issued once it has ended.",
                          end=p.end.strftime("%d/%m/%Y"))
    if issued_on <= p.end or issued_on > today:
        raise ReportError("The date of issue must be after the period's end (%(end)s) and not after today.",
                          end=p.end.strftime("%d/%m/%Y"))
    row, _created = ensure_draft(plan, p, actor)  # locked until the commit: one issue wins
    _refuse_if_issued(row)
    draft = build(plan, p, today)
    row.number, row.issued_on, row.status = number, issued_on, "issued"
    row.issued_at, row.issued_by_id = utcnow(), actor.id if isinstance(actor, User) else None
    row.prose = dict(draft.prose)
    row.figures = rf.to_json(draft.figures)
    document = _document(plan, draft.figures, draft.prose, row, today)
    row.docx, row.xlsx = write(document, "docx"), write(document, "xlsx")
    audit.record("report.issue", row, {"status": ("draft", "issued"), "number": (None, number),
                                       "issued_on": (None, issued_on)}, actor=actor)
    db.session.flush()
    return row


def render(report: PeriodReport, fmt: str) -> bytes:
    """The file: the stored one once issued (byte for byte), else written from the draft."""
    if fmt not in ("docx", "xlsx"):
        raise ReportError("Unknown format %(format)s; use docx or xlsx.", format=fmt)
    if report.is_issued:
        return db.session.scalar(select(getattr(Report, fmt)).where(Report.id == report.row.id))
    return write(report.document, fmt)


def write(document: ReportDocument, fmt: str) -> bytes:
    """The report as a .docx or an .xlsx (the writers load matplotlib: imported when needed)."""
    from tracker.exporters.report_docx import report_docx
    from tracker.exporters.report_xlsx import report_xlsx
    return {"docx": report_docx, "xlsx": report_xlsx}[fmt](document)


def filename(report: PeriodReport, fmt: str) -> str:
    """bao-cao-2026-q1.docx (a draft: bao-cao-2026-q1-du-thao.docx)."""
    draft = "" if report.is_issued else "-du-thao"
    return f"bao-cao-{report.period.label.lower()}{draft}.{fmt}"


def report_rows(plan_ids: list[int]) -> dict[int, list[Report]]:
    """The saved reports (drafts and issued) per plan, in period order (files not loaded)."""
    found: dict[int, list[Report]] = {pid: [] for pid in plan_ids}
    if plan_ids:
        for row in db.session.scalars(select(Report).where(Report.plan_id.in_(plan_ids))
                                      .order_by(Report.year, Report.quarter)):
            found[row.plan_id].append(row)
    return found


# --- Near due dates and the scheduler ---------------------------------------------------------

DUE_SOON_DAYS = 14


def due_soon(plan: Plan, today: date) -> ReportPeriod | None:
    """The plan's period whose report is due within two weeks (or due today), if any."""
    for p in periods(plan):
        if today <= p.due <= today + timedelta(days=DUE_SOON_DAYS):
            return p
    return None


def just_closed(plan: Plan, today: date) -> ReportPeriod | None:
    """The plan's period whose data ended before today and whose report is not due yet."""
    for p in periods(plan):
        if p.end < today <= p.due:
            return p
    return None


def prepare_drafts(today: date, actor="scheduler") -> list[tuple[Plan, ReportPeriod]]:
    """Once a period's data is complete (the day after its cut-off, up to its due date), make
    the draft of every plan working that year and tell the admins, once, through the outbox."""
    from tracker.notify import messages
    working = (today.year - 1, today.year - 2)  # a calendar year's report is due in early January
    plans = db.session.scalars(select(Plan).join(Plan.assessment).where(Assessment.year.in_(working))
                               .options(selectinload(Plan.assessment).selectinload(Assessment.unit))).all()
    prepared = []
    for plan in plans:
        p = just_closed(plan, today)
        if p is None:
            continue
        row, _created = ensure_draft(plan, p, actor)
        if not row.is_issued:
            messages.report_ready(plan, p, row)
            prepared.append((plan, p))
    return prepared
