"""Each assessment's figures kept between requests, so that the units page reads a row per unit
instead of every task of every unit's plan (a province's 150 units hold 100,000 tasks), and
the database orders and pages the units by the stored sort keys.

Whatever a projection reads (the plan, its tasks and their progress updates, the results, a
next year's results that report the survey, the criteria, the unit's name, the year's
ranking that its projected rank is read against) raises the assessment's
`figures_version` in the same transaction that changes it, whichever page, command or job
changes it: the session's flushes and bulk statements are watched. Figures are stored with the
version read before their inputs, so a change committed while they were computed leaves them
out of date rather than wrong. They are also recomputed once a day: overdue and stale tasks
are counted against the day."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import event, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from tracker.domain import projection
from tracker.extensions import db
from tracker.models import (Assessment, CriteriaSet, Criterion, CriterionResult, Plan, ProgressUpdate,
                            RankingEntry, StoredFigures, Task, Unit)


@dataclass(frozen=True)
class Figures:
    figures: dict   # CONTRACT §5
    stale: int      # open tasks nobody has updated for STALE_DAYS


def columns(found: Figures) -> dict:
    """The stored row's columns: the figures and the units page's sort keys."""
    return {"figures": found.figures, "stale": found.stale, "name_key": found.figures["unit"].casefold()[:200],
            "expected_pct": found.figures["expected_pct"], "overdue": found.figures["tasks"]["overdue"],
            "done_pct": projection.done_share(found.figures["tasks"])}


def invalid(today: date):
    """True for an assessment (outer-joined to its stored figures) whose figures are missing or
    no longer valid."""
    return or_(StoredFigures.assessment_id.is_(None), StoredFigures.version != Assessment.figures_version,
               StoredFigures.computed_on != today)


def outdated(listed, today: date):
    """Of the assessments `listed` selects (a select of Assessment columns), those whose stored
    figures are missing or no longer valid: on a steady page, none."""
    return listed.outerjoin(StoredFigures, StoredFigures.assessment_id == Assessment.id).where(invalid(today))


def save(computed: dict[int, Figures], versions: dict[int, int], today: date) -> None:
    """Store freshly computed figures under the versions read before computing them. In a
    transaction of their own: a page that only reads commits nothing else; two workers storing
    the same assessment's figures at once both succeed (the later one wins)."""
    if not computed:
        return
    rows = [{"assessment_id": assessment_id, "version": versions[assessment_id], "computed_on": today,
             **columns(found)} for assessment_id, found in computed.items()]
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(StoredFigures)
    statement = statement.on_conflict_do_update(
        index_elements=[StoredFigures.assessment_id],
        set_={c: getattr(statement.excluded, c) for c in rows[0] if c != "assessment_id"})
    with db.engine.begin() as connection:
        connection.execute(statement, rows)


# --- Watching every change a projection reads ---------------------------------------------

WATCHED = (Task, ProgressUpdate, Plan, Assessment, CriterionResult, Criterion, CriteriaSet, Unit, RankingEntry)


def changed(session: Session, _flush_context) -> None:
    """After each flush: raise the version of every assessment whose figures the flushed
    objects feed (in the flush's transaction)."""
    tasks, plans, assessments, units, years, everything = set(), set(), set(), set(), set(), False
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Task):
            plans.add(obj.plan_id)
        elif isinstance(obj, ProgressUpdate):
            tasks.add(obj.task_id)
        elif isinstance(obj, Plan):
            assessments.add(obj.assessment_id)
        elif isinstance(obj, CriterionResult):
            assessments.add(obj.assessment_id)
        elif isinstance(obj, Assessment):
            units.add(obj.unit_id)  # a next year's results tell the year before's survey outcome
        elif isinstance(obj, Unit):
            units.add(obj.id)  # its name: the figures name it, and the page orders by it
        elif isinstance(obj, RankingEntry):
            years.add(obj.year)  # the peers of that year's projected ranks
        elif isinstance(obj, (Criterion, CriteriaSet)):
            everything = True  # a scale, a method, bands: rare, and may touch many assessments
    conditions = []
    if tasks:
        plans |= set(session.connection().scalars(select(Task.plan_id).where(Task.id.in_(tasks))))
    if plans - {None}:
        conditions.append(Assessment.id.in_(select(Plan.assessment_id).where(Plan.id.in_(plans - {None}))))
    if assessments - {None}:
        conditions.append(Assessment.id.in_(assessments - {None}))
    if units - {None}:
        conditions.append(Assessment.unit_id.in_(units - {None}))
    if years - {None}:
        conditions.append(Assessment.year.in_(years - {None}))
    if everything or conditions:
        bump(session, None if everything else or_(*conditions))


def bulk(state) -> None:
    """A bulk INSERT, UPDATE or DELETE of what a projection reads (the ORM sees no objects):
    every assessment's figures are recomputed, as they are after a new day."""
    if (state.is_insert or state.is_update or state.is_delete) and state.bind_mapper is not None \
            and state.bind_mapper.class_ in WATCHED and state.bind_mapper.class_ is not Assessment:
        bump(state.session, None)


def bump(session: Session, where) -> None:
    statement = update(Assessment).values(figures_version=Assessment.figures_version + 1) \
        .execution_options(synchronize_session=False)
    # Through the connection: neither the ORM's bookkeeping nor these listeners see it.
    session.connection().execute(statement if where is None else statement.where(where))


def watch() -> None:
    """Register the listeners once per process (every session: pages, commands, the scheduler)."""
    if not event.contains(Session, "after_flush", changed):
        event.listen(Session, "after_flush", changed)
        event.listen(Session, "do_orm_execute", bulk)
