"""Carrying a plan over to the next year's criteria set (domain/carry_over).

The admin reads the proposed mapping of last year's sub-criteria to the new ones, corrects it
and confirms: the plan's tasks move to the new criteria with their history (a note on each says
from where), a split criterion's further parts get a task each, and the tasks of a criterion
mapped to nothing are closed. The projection then reads against the new set.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import delete, select, update
from sqlalchemy.orm import selectinload

from tracker.domain import carry_over as domain
from tracker.domain.carry_over import MappingError
from tracker.domain.scoring import code_sort_key
from tracker.extensions import db
from tracker.models import CriteriaSet, Criterion, CriterionLink, Plan, ProgressUpdate, Task
from tracker.models.base import utcnow
from tracker.models.plans import TaskStatus
from tracker.services import audit
from tracker.services.assessment_view import score_rows
from tracker.services import tasks as task_service

parse_codes = domain.parse_codes


def candidate_sets(plan: Plan) -> list[CriteriaSet]:
    """The sets a plan can be carried over to: those of a later year, the newest first."""
    return db.session.scalars(select(CriteriaSet).where(CriteriaSet.id != plan.assessment.criteria_set_id,
                                                        CriteriaSet.year > plan.assessment.year)
                              .order_by(CriteriaSet.year.desc(), CriteriaSet.name)).all()


def leaves(set_id: int) -> list[Criterion]:
    found = db.session.scalars(select(Criterion).where(Criterion.criteria_set_id == set_id,
                                                       Criterion.is_leaf.is_(True))).all()
    return sorted(found, key=lambda c: c.sort_key)


def old_leaves(triples: list) -> list[tuple[Criterion, float | None]]:
    """Last year's leaves with their appraised scores, in code order, from the assessment's
    score rows (assessment_view.score_rows, which the projection has read already)."""
    return [(c, r.appraised_score if r else None) for c, r, _row in triples if c.is_leaf]


def as_leaf(criterion: Criterion, score: float | None = None) -> domain.Leaf:
    return domain.Leaf(criterion.code, criterion.title, criterion.max_points, score, criterion.method)


def open_tasks(plan: Plan) -> list[Task]:
    """The tasks that carry over: all but the cancelled, which are no longer part of the plan."""
    return db.session.scalars(
        select(Task).join(Criterion, Criterion.id == Task.criterion_id)
        .where(Task.plan_id == plan.id, Criterion.criteria_set_id == plan.assessment.criteria_set_id,
               Task.status != TaskStatus.CANCELLED.value)
        .options(selectinload(Task.criterion), selectinload(Task.supporting_departments))
        .order_by(Task.id)).all()


@dataclass
class Row:
    """An old leaf on the mapping page."""

    criterion: Criterion
    score: float | None
    tasks: list[Task]
    proposals: list[domain.Proposal]

    @property
    def lost(self) -> float:
        return round(self.criterion.max_points - (self.score or 0.0), 2)

    @property
    def proposed(self) -> str:
        return ", ".join(p.new_code for p in self.proposals)


@dataclass
class Preview:
    plan: Plan
    new_set: CriteriaSet
    rows: list[Row]
    new_leaves: dict[str, Criterion]

    def added(self, links: dict[str, list[str]]) -> list[Criterion]:
        """New leaves that no old one maps to."""
        linked = {code for codes in links.values() for code in codes}
        return [c for code, c in self.new_leaves.items() if code not in linked]

    def closing(self, links: dict[str, list[str]]) -> list[Task]:
        """Tasks whose criterion maps to nothing: closed on confirming."""
        return [t for row in self.rows if not links.get(row.criterion.code) for t in row.tasks]

    @property
    def proposed_links(self) -> dict[str, list[str]]:
        return {row.criterion.code: [p.new_code for p in row.proposals] for row in self.rows}


def preview(plan: Plan, new_set: CriteriaSet) -> Preview:
    old = old_leaves(score_rows(plan.assessment_id))
    new = leaves(new_set.id)
    proposals = domain.propose([as_leaf(c) for c, _score in old], [as_leaf(c) for c in new])
    by_criterion: dict[int, list[Task]] = {}
    for task in open_tasks(plan):
        by_criterion.setdefault(task.criterion_id, []).append(task)
    rows = [Row(c, score, by_criterion.get(c.id, []), proposals[c.code]) for c, score in old]
    return Preview(plan, new_set, rows, {c.code: c for c in new})


def mapped(found: Preview, links: dict[str, list[str]]):
    """(old leaves, new leaves, scores carried onto the new) by these links; MappingError when
    they name criteria that are not there."""
    old = [as_leaf(r.criterion, r.score) for r in found.rows]
    new = [as_leaf(c) for c in found.new_leaves.values()]
    domain.check_links(links, old, new)
    return old, new, carried(found.plan, old, new, links)


def check(found: Preview, links: dict[str, list[str]]) -> domain.Basis:
    """The figures the projection would read against with these links; nothing is written."""
    _old, new, scores = mapped(found, links)
    return domain.basis(new, scores)


class CarryError(MappingError):
    """A plan cannot be carried over like this."""


def carry_over(plan: Plan, new_set: CriteriaSet, links: dict[str, list[str]], actor=None) -> domain.Carry:
    """Map the plan's set onto `new_set` by `links` (old code → new codes) and move its tasks."""
    if new_set.id == plan.assessment.criteria_set_id or new_set.year <= plan.assessment.year:
        raise CarryError("A plan is carried over to a later year's criteria set.")
    # Claimed by a conditional UPDATE, which takes the write lock on SQLite too (a SELECT … FOR
    # UPDATE is ignored there): a second admin confirming at the same moment waits, then finds
    # the plan carried over and changes nothing.
    claimed = db.session.execute(update(Plan).where(Plan.id == plan.id, Plan.target_set_id.is_(None))
                                 .values(target_set_id=new_set.id).execution_options(synchronize_session=False))
    if claimed.rowcount != 1:
        db.session.refresh(plan, ["target_set_id"])
        raise CarryError("Plan %(number)s is already carried over to %(name)s.",
                         number=plan.number, name=plan.target_set.name)
    found = preview(plan, new_set)
    _old, new, scores = mapped(found, links)
    tasks = [t for row in found.rows for t in row.tasks]
    by_id = {t.id: t for t in tasks}
    carry = domain.carry_tasks([domain.TaskAt(t.id, t.criterion.code, t.lost_points) for t in tasks],
                               links, new, scores)
    old_ids = {r.criterion.code: r.criterion.id for r in found.rows}
    new_ids = {code: c.id for code, c in found.new_leaves.items()}
    save_links(links, old_ids, new_ids)
    for landing in carry.moved:
        move(by_id[landing.task_id], found.new_leaves[landing.new_code], landing, new_set, actor)
    for landing in carry.split_off:
        split_off(by_id[landing.source_task], found.new_leaves[landing.new_code], landing, actor)
    for task_id in carry.closed:
        close(by_id[task_id], new_set, actor)
    figures = domain.basis(new, scores)
    changes = audit.diff(plan, {"target_set_id": new_set.id, "carried_max": figures.max_score,
                                "carried_baseline": figures.baseline,
                                "carried_survey_lost": figures.survey_lost, "carried_at": utcnow()})
    audit.record("plan.carry_over", plan, changes, actor=actor,
                 summary=f"{len(carry.moved)} moved, {len(carry.split_off)} split off, {len(carry.closed)} closed")
    db.session.flush()
    return carry


def save_links(links: dict[str, list[str]], old_ids: dict[str, int], new_ids: dict[str, int]) -> None:
    """The confirmed mapping replaces any earlier one between the two sets."""
    db.session.execute(delete(CriterionLink).where(
        CriterionLink.old_criterion_id.in_(old_ids.values()), CriterionLink.new_criterion_id.in_(new_ids.values())))
    db.session.add_all(CriterionLink(old_criterion_id=old_ids[old], new_criterion_id=new_ids[code], position=i)
                       for old, codes in links.items() for i, code in enumerate(codes))


def history_note(task: Task, note: str, actor) -> None:
    """An entry in the task's history that changes neither status nor progress."""
    db.session.add(ProgressUpdate(task=task, user_id=getattr(actor, "id", None), status_from=task.status,
                                  status_to=task.status, progress_from=task.progress,
                                  progress_to=task.progress, note=note))


def move(task: Task, criterion: Criterion, landing: domain.Landing, new_set: CriteriaSet, actor) -> None:
    before = task.criterion
    changes = audit.diff(task, {"criterion_id": criterion.id, "part": landing.part,
                                "lost_points": landing.lost_points})
    changes["criterion"] = (before.code, criterion.code)
    task.criterion = criterion
    audit.record("task.carry_over", task, changes, actor=actor, summary=f"→ {new_set.name}")
    history_note(task, _("Carried over from criterion %(old)s to %(new)s of %(name)s.",
                         old=before.code, new=criterion.code, name=new_set.name), actor)


def split_off(source: Task, criterion: Criterion, landing: domain.Landing, actor) -> None:
    new = Task(plan_id=source.plan_id, criterion=criterion, part=landing.part, title=source.title,
               product=source.product, lead_department_id=source.lead_department_id, deadline=source.deadline,
               lost_points=landing.lost_points, target_value=source.target_value,
               value_unit=source.value_unit, supporting_departments=list(source.supporting_departments))
    db.session.add(new)
    db.session.flush()
    audit.record("task.create", new, {"title": (None, new.title), "lost_points": (None, new.lost_points)},
                 actor=actor, summary=f"split off task {source.id} → {criterion.code}")


def close(task: Task, new_set: CriteriaSet, actor) -> None:
    """A removed criterion's task is cancelled, the reason saying why (as an admin would)."""
    reason = _("Criterion %(code)s is not in %(name)s.", code=task.criterion.code, name=new_set.name)
    task_service.cancel_task(task, actor, task.version, reason)


def links_of(plan: Plan) -> dict[str, list[str]]:
    """The confirmed mapping a carried-over plan moved by: old code → new codes."""
    if plan.target_set_id is None:
        return {}
    old = Criterion.__table__.alias("old")
    new = Criterion.__table__.alias("new")
    rows = db.session.execute(
        select(old.c.code, new.c.code).select_from(CriterionLink)
        .join(old, old.c.id == CriterionLink.old_criterion_id).join(new, new.c.id == CriterionLink.new_criterion_id)
        .where(old.c.criteria_set_id == plan.assessment.criteria_set_id,
               new.c.criteria_set_id == plan.target_set_id)
        .order_by(CriterionLink.position)).all()
    result: dict[str, list[str]] = {}
    for old_code, new_code in rows:
        result.setdefault(old_code, []).append(new_code)
    return dict(sorted(result.items(), key=lambda item: code_sort_key(item[0])))


def carried_scores(plan: Plan, triples: list) -> tuple[list[Criterion], dict[str, float]]:
    """A carried-over plan's new leaves and last year's scores (`triples`: its assessment's
    score rows) carried onto them."""
    new = leaves(plan.target_set_id)
    return new, carried(plan, [as_leaf(c, score) for c, score in old_leaves(triples)], [as_leaf(c) for c in new],
                        links_of(plan))


def carried(plan: Plan, old: list[domain.Leaf], new: list[domain.Leaf],
            links: dict[str, list[str]]) -> dict[str, float]:
    """New code → score carried; an added leaf at the unit's overall share last year."""
    assessment = plan.assessment
    share = assessment.total / assessment.max_score if assessment.max_score else 0.0
    return domain.carried_scores(old, new, links, share)


def carried_field_lost(plan: Plan, triples: list) -> list[tuple[str, str, float]]:
    """(field code, title, points lost) over the new set's fields, from the carried scores."""
    new, scores = carried_scores(plan, triples)
    lost: dict[str, float] = {}
    for c in new:
        lost[c.field_code] = lost.get(c.field_code, 0.0) + c.max_points - scores[c.code]
    fields = db.session.scalars(select(Criterion).where(Criterion.criteria_set_id == plan.target_set_id,
                                                        Criterion.depth == 0)).all()
    return [(f.code, f.title, round(lost.get(f.code, 0.0), 2)) for f in sorted(fields, key=lambda f: f.sort_key)]
