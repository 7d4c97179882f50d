"""A plan's text: the defaults written from its figures (domain/plan_text), what the office
rewrote, saving and resetting (audited). One service for the plan's page and its .docx."""
from __future__ import annotations

from tracker.domain import plan_text
from tracker.domain.errors import InputError
from tracker.domain.scoring import node_figures
from tracker.extensions import db
from tracker.models import Plan
from tracker.services import audit, documents
from tracker.services.assessment_view import previous_assessment, score_rows


class PlanTextError(InputError):
    """The plan's text cannot be saved like this."""


def facts(plan: Plan, task_count: int) -> plan_text.PlanFacts:
    """What the defaults are written from: the results by field against the year before."""
    a = plan.assessment
    previous = previous_assessment(a)
    triples = score_rows(a.id)
    now = node_figures([row for _c, _r, row in triples])
    before = node_figures([row for _c, _r, row in score_rows(previous.id)]) if previous else {}
    fields = [plan_text.FieldResult(c.code, c.title, now[c.code].appraised, now[c.code].max_points,
                                    before[c.code].appraised if c.code in before else None)
              for c, _r, _row in triples if c.depth == 0]
    target = ", ".join(filter(None, [f"xếp loại {plan.target_classification}" if plan.target_classification else "",
                                     f"xếp hạng {plan.target_rank}" + (f"/{a.rank_of}" if a.rank_of else "")
                                     if plan.target_rank else ""]))
    return plan_text.PlanFacts(
        unit_name=a.unit.name, coordinator=documents.settings_of(a.unit).coordinator, assessed_year=a.year,
        total=a.total, max_score=a.max_score, classification=a.classification, rank=a.rank, rank_of=a.rank_of,
        previous_total=previous.total if previous else None, previous_rank=previous.rank if previous else None,
        result_decision=a.decision, bases=[], fields=fields, target=target, task_count=task_count)


def task_count(plan: Plan) -> int:
    return sum(1 for t in plan.tasks if t.status != "cancelled")


def defaults(plan: Plan) -> dict[str, str]:
    return plan_text.defaults(facts(plan, task_count(plan)))


def text(plan: Plan) -> dict[str, str]:
    """Each section as rewritten, or its default."""
    return plan_text.text_of(defaults(plan), plan.prose)


def save(plan: Plan, sections: dict[str, str], actor) -> None:
    """Keep the sections that differ from their defaults; a section left as written by default
    goes on following the figures."""
    for key, value in sections.items():
        if key not in plan_text.SECTIONS:
            raise PlanTextError("Unknown section %(name)s.", name=key)
        if len(value or "") > plan_text.TEXT_MAX:
            raise PlanTextError("A section may hold at most %(max)s characters.", max=plan_text.TEXT_MAX)
    written = defaults(plan)
    edited = {k: v.replace("\r\n", "\n").strip() for k, v in sections.items()
              if v.replace("\r\n", "\n").strip() and v.replace("\r\n", "\n").strip() != written[k].strip()}
    old = dict(plan.prose or {})
    if old == edited:
        return
    plan.prose = edited or None
    audit.record("plan.text", plan, {k: (old.get(k), edited.get(k)) for k in plan_text.SECTIONS}, actor=actor)
    db.session.flush()


def reset(plan: Plan, actor) -> None:
    if plan.prose:
        audit.record("plan.text", plan, {k: (v, None) for k, v in plan.prose.items()}, actor=actor,
                     summary="rewritten from the figures")
        plan.prose = None
        db.session.flush()
