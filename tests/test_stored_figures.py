"""The units page's stored figures (services/stored_figures) are never out of date: after each
kind of change a projection reads (a task's progress, its cancellation, a progress note, results
re-imported, the next year's results that report the survey, a criterion's method, a new day),
the page's figures equal the ones computed afresh from the tasks, and the page shows them."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests import factories
from tests.conftest import csrf_token, log_in
from tracker.extensions import db
from tracker.models import Assessment, Criterion, ProgressUpdate, StoredFigures, Task, User
from tracker.models.base import utcnow
from tracker.services import assessments, plans, stored_figures, unit_overview


def world(today):
    """Two communes with the small tree's results and a plan each (2 tasks: 1.1, 1.2)."""
    found = []
    for n in (1, 2):
        a = factories.assessment(f"Xã {n}", 2025)
        plans.generate_plan(a, f"{n}/KH-UBND", today - timedelta(days=30), today + timedelta(days=30), actor="test")
        found.append(a)
    factories.user("admin@example.gov.vn", "admin")
    db.session.commit()
    return found


def latest() -> list[Assessment]:
    return list(db.session.scalars(select(Assessment)))  # every assessment here is its unit's latest


def shown(today, now=None) -> dict[str, tuple[dict, int]]:
    """The page's figures (through the store) by unit name."""
    db.session.expire_all()
    return {r.unit.name: (r.figures, r.stale) for r in unit_overview.every_row(unit_overview.Filters(), today, now or utcnow())}


def afresh(today, now=None) -> dict[str, tuple[dict, int]]:
    """The same figures computed from the tasks, bypassing the store."""
    db.session.expire_all()
    found = latest()
    plan_of = {p.assessment_id: p for p in db.session.scalars(select(unit_overview.Plan))}
    computed = unit_overview.compute(found, plan_of, today, now or utcnow())
    return {a.unit.name: ({**computed[a.id].figures, "unit": a.unit.name}, computed[a.id].stale) for a in found}


def outdated(today) -> set[int]:
    """The assessments whose stored figures are missing or no longer valid on `today`."""
    return set(db.session.scalars(stored_figures.outdated(select(Assessment.id), today)))


def same(today, now=None) -> dict:
    page, fresh = shown(today, now), afresh(today, now)
    for name, (figures, stale) in fresh.items():
        stored_figures_, stored_stale = page[name]
        without_rank = {k: v for k, v in stored_figures_.items() if k not in ("projected_rank", "rank_of")}
        assert without_rank == {k: v for k, v in figures.items() if k not in ("projected_rank", "rank_of")}, name
        assert stored_stale == stale, name
    return page


def task(unit: str, code: str) -> Task:
    return db.session.scalar(select(Task).join(Task.plan).join(unit_overview.Plan.assessment)
                             .join(Assessment.unit).join(Task.criterion)
                             .where(unit_overview.Unit.name == unit, Criterion.code == code))


def test_each_change_is_shown_at_once(app, today):
    world(today)
    first = same(today)
    assert first["Xã 1"][0]["expected"] == 7.5 and db.session.query(StoredFigures).count() == 2

    # Progress on Xã 1's task 1.1 (1 lost point): only Xã 1's figures are recomputed.
    versions = dict(db.session.execute(select(Assessment.id, Assessment.figures_version)).all())
    t = task("Xã 1", "1.1")
    t.progress, t.status = 50, "in_progress"
    db.session.commit()
    after = dict(db.session.execute(select(Assessment.id, Assessment.figures_version)).all())
    assert [after[i] - versions[i] for i in sorted(versions)] == [1, 0]
    assert same(today)["Xã 1"][0]["expected"] == 8.0

    # A progress note on an untouched task: it is no longer stale three weeks later.
    later = utcnow() + timedelta(days=21)
    assert same(today, later)["Xã 2"][1] == 2
    other = task("Xã 2", "1.2")
    db.session.add(ProgressUpdate(task=other, user=None, status_from="not_started", status_to="not_started",
                                  progress_from=0, progress_to=0, note="Đang làm", at=later - timedelta(days=1)))
    db.session.commit()
    assert same(today, later)["Xã 2"][1] == 1

    # Cancelled: its points are no longer expected nor potential.
    t.status = "cancelled"
    db.session.commit()
    assert same(today)["Xã 1"][0]["potential"] == 9.0

    # The results re-imported (1.2 now at its maximum): the baseline follows.
    assessment = db.session.scalar(select(Assessment).join(Assessment.unit).where(unit_overview.Unit.name == "Xã 2"))
    assessments.save_assessment(assessment.unit, 2025, assessment.criteria_set,
                                factories.small_tree({"1.2": 3.0}), actor="test", existing=assessment)
    db.session.commit()
    assert same(today)["Xã 2"][0]["baseline"] == 9.0

    # A criterion's method changes (appraisal → survey): every unit's figures are recomputed.
    assert shown(today)["Xã 1"][0]["survey_lost"] == 0
    criterion = task("Xã 1", "1.2").criterion
    criterion.method = "survey"
    db.session.commit()
    assert same(today)["Xã 1"][0]["survey_lost"] == 1.5  # 1.2 lost 1.5 of 3

    # A new day: overdue tasks are counted against it.
    task("Xã 2", "1.1").deadline = today + timedelta(days=1)
    db.session.commit()
    assert same(today)["Xã 2"][0]["tasks"]["overdue"] == 0
    assert same(today + timedelta(days=2))["Xã 2"][0]["tasks"]["overdue"] == 1


def test_figures_computed_while_a_change_commits_are_not_kept(app, today):
    """Stored under the version read before the tasks: a change committed meanwhile raises it,
    so those figures are recomputed on the next view instead of being shown out of date."""
    world(today)
    found = latest()
    read_before = {a.id: a.figures_version for a in found}
    computed = unit_overview.compute(found, {p.assessment_id: p for p in db.session.scalars(
        select(unit_overview.Plan))}, today, utcnow())
    t = task("Xã 1", "1.1")
    t.progress, t.status = 100, "done"   # commits while those figures were being computed
    db.session.commit()
    stored_figures.save(computed, read_before, today)
    assert outdated(today) == {a.id for a in found if a.unit.name == "Xã 1"}  # Xã 2's are kept
    assert same(today)["Xã 1"][0]["expected"] == 8.5


def test_the_units_page_shows_an_officers_progress_at_once(client, today):
    world(today)
    lead = factories.department("VP")
    t = task("Xã 1", "1.2")
    t.lead_department = lead
    factories.user("vp@example.gov.vn", "department", "VP")
    db.session.commit()
    log_in(client, "admin@example.gov.vn")
    page = client.get("/units/?sort=unit").get_data(as_text=True)
    assert 'data-label="Dự kiến">7,5 ·' in page
    api = client.get(f"/api/v1/assessments/{t.plan.assessment_id}/projection").get_json()
    assert api["expected"] == 7.5

    client.post("/logout", data={"csrf_token": csrf_token(page)})

    # The officer reports through the API with its token, as scripts do.
    officer = db.session.scalar(select(User).where(User.email == "vp@example.gov.vn"))
    token = officer.issue_api_token()
    db.session.commit()
    response = client.patch(f"/api/v1/tasks/{t.id}", json={"progress": 50, "status": "in_progress",
                                                           "version": t.version},
                            headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.get_json()
    log_in(client, "admin@example.gov.vn")
    page = client.get("/units/?sort=unit").get_data(as_text=True)
    assert 'data-label="Dự kiến">8,25 ·' in page  # 7.5 + 1.5 × 50%


@pytest.mark.parametrize("day", [0, 1])
def test_the_store_is_read_only_on_its_own_day(app, today, day):
    world(today)
    shown(today)
    assert len(outdated(today + timedelta(days=day))) == (0 if day == 0 else 2)
