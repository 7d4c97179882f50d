"""Carrying a plan over to the next year's criteria set: renumbered, merged, split, removed and
added sub-criteria, with the tasks and their history carried along."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.conftest import csrf_token
from tracker.domain import carry_over as domain
from tracker.domain.carry_over import Leaf, TaskAt
from tracker.domain.scoring import ScoreRow
from tracker.extensions import db
from tracker.models import AuditEvent, CriteriaSet, CriterionLink, Plan, ProgressUpdate, Task
from tracker.services import assessments, plans, projection, tasks as task_service

# Last year's set (20 points): 1.4 is removed next year, 2.1 and 2.2 merged, 2.3 split.
OLD = [("1", "Công tác chỉ đạo, điều hành", 8, None),
       ("1.1", "Ban hành kế hoạch cải cách hành chính", 2, 1),
       ("1.2", "Báo cáo cải cách hành chính định kỳ", 2, 2),
       ("1.3", "Tuyên truyền cải cách hành chính", 2, 1),
       ("1.4", "Kiểm tra công tác cải cách hành chính", 2, 0),
       ("2", "Cải cách thủ tục hành chính", 12, None),
       ("2.1", "Công khai thủ tục hành chính", 3, 2),
       ("2.2", "Niêm yết thủ tục hành chính tại bộ phận một cửa", 3, 1),
       ("2.3", "Tỷ lệ hồ sơ giải quyết đúng hạn", 6, 3)]
# The next year's (21 points): 1.2 and 1.3 swap numbers (1.2 now out of 3), 3.1 is added.
NEW = [("1", "Công tác chỉ đạo, điều hành", 7, None),
       ("1.1", "Ban hành kế hoạch cải cách hành chính", 2, None),
       ("1.2", "Tuyên truyền cải cách hành chính", 3, None),
       ("1.3", "Báo cáo cải cách hành chính định kỳ", 2, None),
       ("2", "Cải cách thủ tục hành chính", 11, None),
       ("2.1", "Công khai, niêm yết thủ tục hành chính", 5, None),
       ("2.2", "Tỷ lệ hồ sơ cấp xã giải quyết đúng hạn", 4, None),
       ("2.3", "Tỷ lệ hồ sơ trực tuyến giải quyết đúng hạn", 2, None),
       ("3", "Chuyển đổi số", 3, None),
       ("3.1", "Ứng dụng chữ ký số", 3, None)]
MAPPING = {"1.1": ["1.1"], "1.2": ["1.3"], "1.3": ["1.2"], "1.4": [], "2.1": ["2.1"], "2.2": ["2.1"],
           "2.3": ["2.2", "2.3"]}


def leaves(table):
    return [Leaf(code, title, maximum, score) for code, title, maximum, score in table if "." in code]


def rows(table):
    return [ScoreRow(code, title, float(maximum), None if score is None else float(score), row=i)
            for i, (code, title, maximum, score) in enumerate(table, start=2)]


# --- Pure ---------------------------------------------------------------------------------

def test_the_proposal_finds_same_renumbered_merged_split_removed_and_added():
    proposed = domain.propose(leaves(OLD), leaves(NEW))
    assert {code: [p.new_code for p in ps] for code, ps in proposed.items()} == MAPPING
    assert proposed["1.1"][0].reason == domain.SAME
    assert proposed["1.2"][0].reason == proposed["1.3"][0].reason == domain.RENUMBERED
    assert proposed["2.2"][0].reason == domain.SIMILAR_NAME and 0.6 <= proposed["2.2"][0].similarity < 1


def test_scores_carried_onto_the_new_set_computed_by_hand():
    scores = domain.carried_scores(leaves(OLD), leaves(NEW), MAPPING, overall_share=10 / 20)
    assert scores == {"1.1": 1.0,   # 2 × 1/2
                      "1.2": 1.5,   # old 1.3 kept 1 of 2: half of the new 3
                      "1.3": 2.0,   # old 1.2 at full marks
                      "2.1": 2.5,   # merged: (2 + 1) of (3 + 3), of 5
                      "2.2": 2.0,   # split: old 2.3 kept 3 of 6, on each part
                      "2.3": 1.0,
                      "3.1": 1.5}   # added: last year's overall share, 10 of 20
    basis = domain.basis(leaves(NEW), scores)
    assert (basis.max_score, basis.baseline, basis.survey_lost) == (21, 11.5, 0)


def test_tasks_move_merge_split_and_close_computed_by_hand():
    scores = domain.carried_scores(leaves(OLD), leaves(NEW), MAPPING, overall_share=0.5)
    tasks = [TaskAt(11, "1.1", 1), TaskAt(13, "1.3", 1), TaskAt(14, "1.4", 2), TaskAt(21, "2.1", 1),
             TaskAt(22, "2.2", 2), TaskAt(23, "2.3", 3)]
    carry = domain.carry_tasks(tasks, MAPPING, leaves(NEW), scores)
    moved = {(m.task_id, m.new_code, m.part): m.lost_points for m in carry.moved}
    assert moved == {(11, "1.1", 1): 1.0, (13, "1.2", 1): 1.5,
                     (21, "2.1", 1): 0.83, (22, "2.1", 2): 1.67,  # 2,5 shared 1 : 2
                     (23, "2.2", 1): 2.0}
    assert [(s.source_task, s.new_code, s.lost_points) for s in carry.split_off] == [(23, "2.3", 1.0)]
    assert carry.closed == [14]


def test_codes_as_typed_and_links_to_codes_that_are_not_there():
    assert domain.parse_codes(" 2.2, 2.3.; 2.4  ") == ["2.2", "2.3", "2.4"]
    assert domain.parse_codes("") == [] and domain.parse_codes("2.2 2.2") == ["2.2"]
    with pytest.raises(domain.MappingError) as refused:
        domain.check_links({"1.1": ["9.9"]}, leaves(OLD), leaves(NEW))
    assert "9.9" in refused.value.params["codes"]


# --- Through the page ---------------------------------------------------------------------

@pytest.fixture
def carried_world(app, today):
    """Last year's results with a plan of six tasks, and the next year's set imported."""
    nv = factories.department("NV")
    unit = assessments.get_or_create_unit("UBND xã Thử")
    unit.own = True
    old_set = assessments.save_criteria_set("Bộ chỉ số 2025", 2025, rows(OLD), actor="test")
    assessment = assessments.save_assessment(unit, 2025, old_set, rows(OLD), actor="test")
    plan, created = plans.generate_plan(assessment, "7/KH-UBND", today - timedelta(days=30),
                                        today + timedelta(days=60), actor="test")
    for task in created:
        task.lead_department = nv
    new_set = assessments.save_criteria_set("Bộ chỉ số 2026", 2026, rows(NEW), actor="test")
    admin = factories.user("admin@example.gov.vn", "admin")
    factories.user("nv@example.gov.vn", "department", "NV")
    by_code = {t.criterion.code: t for t in created}
    task_service.update_progress(by_code["2.3"], admin, task_service.ProgressChange("in_progress", 50, "Nửa đường"),
                                 by_code["2.3"].version)
    by_code["1.1"].status, by_code["1.1"].progress = "verified", 100
    db.session.commit()
    return plan, new_set, {code: t.id for code, t in by_code.items()}


def post_mapping(client, plan, new_set, mapping, button="confirm"):
    page = client.get(f"/plans/{plan.id}/carry-over?set={new_set.id}")
    data = {"csrf_token": csrf_token(page.get_data(as_text=True)), button: "1"}
    data.update({f"map-{code}": ", ".join(codes) for code, codes in mapping.items()})
    return client.post(f"/plans/{plan.id}/carry-over?set={new_set.id}", data=data)


def test_the_page_proposes_the_mapping_and_carrying_over_keeps_the_history(app, client, auth, carried_world, today):
    plan, new_set, ids = carried_world
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    assert f"/plans/{plan.id}/carry-over" in client.get(f"/plans/{plan.id}").get_data(as_text=True)
    page = client.get(f"/plans/{plan.id}/carry-over").get_data(as_text=True)
    assert 'name="map-2.3" value="2.2, 2.3"' in page and 'name="map-1.4" value=""' in page
    assert "Ứng dụng chữ ký số" in page.split('id="added"')[1]        # added, listed
    assert "Kiểm tra công tác" in page.split('id="closing"')[1]      # its task would close
    assert '<span class="value">11,5</span>' in page                  # carried baseline
    before = db.session.scalar(select(func.count()).select_from(ProgressUpdate).where(ProgressUpdate.task_id == ids["2.3"]))

    response = post_mapping(client, plan, new_set, MAPPING)
    assert response.status_code == 302
    db.session.expire_all()
    moved = db.session.get(Task, ids["2.3"])
    assert (moved.criterion.code, moved.criterion.criteria_set_id, moved.lost_points) == ("2.2", new_set.id, 2.0)
    assert (moved.status, moved.progress) == ("in_progress", 50)
    history = db.session.scalars(select(ProgressUpdate).where(ProgressUpdate.task_id == moved.id)
                                 .order_by(ProgressUpdate.id)).all()
    assert len(history) == before + 1 and history[0].note == "Nửa đường"
    assert "2.3" in history[-1].note and "2.2" in history[-1].note
    merged = db.session.scalars(select(Task).where(Task.id.in_([ids["2.1"], ids["2.2"]])).order_by(Task.id)).all()
    assert [(t.criterion.code, t.part, t.lost_points) for t in merged] == [("2.1", 1, 0.83), ("2.1", 2, 1.67)]
    split = db.session.scalar(select(Task).join(Task.criterion).where(
        Task.plan_id == plan.id, Task.criterion.has(code="2.3", criteria_set_id=new_set.id)))
    assert (split.title, split.lead_department.code, split.lost_points, split.status) == (
        moved.title, "NV", 1.0, "not_started")
    closed = db.session.get(Task, ids["1.4"])
    assert closed.status == "cancelled" and "1.4" in closed.cancel_reason
    assert db.session.get(Task, ids["1.3"]).criterion.code == "1.2"
    assert db.session.scalar(select(func.count()).select_from(CriterionLink)) == 7
    assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "task.carry_over")) == 5

    figures = projection.for_assessment(db.session.get(Plan, plan.id).assessment, carried_world[0].issued_on)
    assert (figures["max_score"], figures["baseline"], figures["lost"]) == (21, 11.5, 9.5)
    assert figures["secured"] == 12.5    # 1.1 verified: 1 point
    assert figures["expected"] == 13.5   # and half of 2.2's 2 points
    assert figures["potential"] == 19.5  # every task: 8 points; 3.1's 1,5 has none
    api = client.get(f"/api/v1/assessments/{plan.assessment_id}/projection").get_json()
    assert api["max_score"] == 21 and api["baseline"] == 11.5
    from tracker.notify import digests
    [digest] = digests.build(today - timedelta(days=today.weekday()), app.config).leaders.plans
    assert (digest.now["max_score"], digest.now["baseline"]) == (21, 11.5)  # the leaders' digest too

    detail = client.get(f"/plans/{plan.id}").get_data(as_text=True)
    assert "Bộ chỉ số 2026" in detail and f"/tasks/{split.id}" in detail
    dashboard = client.get("/dashboard")
    assert dashboard.status_code == 200 and "Chuyển đổi số" in dashboard.get_data(as_text=True)  # the new set's field
    assert client.get("/what-if").status_code == 200
    report = client.get(f"/plans/{plan.id}/reports/2026-Q4")
    assert report.status_code == 200 and "21" in report.get_data(as_text=True)
    again = client.get(f"/plans/{plan.id}/carry-over").get_data(as_text=True)
    assert "2.2, 2.3" in again and 'name="map-' not in again
    refused = post_mapping_raw(client, plan, new_set)
    assert refused.status_code == 200  # the carried page: nothing is carried twice
    assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "plan.carry_over")) == 1


def post_mapping_raw(client, plan, new_set):
    page = client.get(f"/plans/{plan.id}").get_data(as_text=True)
    return client.post(f"/plans/{plan.id}/carry-over?set={new_set.id}",
                       data={"csrf_token": csrf_token(page), "confirm": "1", "map-1.1": "1.1"})


def test_a_code_not_in_the_new_set_is_refused_and_nothing_changes(client, auth, carried_world):
    plan, new_set, ids = carried_world
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    response = post_mapping(client, plan, new_set, {**MAPPING, "2.3": ["2.2", "2.9"]})
    assert response.status_code == 422
    assert "2.9" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Plan, plan.id).target_set_id is None
    assert db.session.get(Task, ids["2.3"]).criterion.code == "2.3"
    assert db.session.scalar(select(func.count()).select_from(CriterionLink)) == 0


def test_checking_shows_the_figures_without_writing(client, auth, carried_world):
    plan, new_set, ids = carried_world
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    response = post_mapping(client, plan, new_set, {**MAPPING, "1.4": ["1.1"]}, button="check")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Kiểm tra công tác" not in page.split('id="closing"')[1]
    db.session.expire_all()
    assert db.session.get(Plan, plan.id).target_set_id is None


def test_moving_a_removed_criterions_task_instead_of_closing_it(client, auth, carried_world):
    plan, new_set, ids = carried_world
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    assert post_mapping(client, plan, new_set, {**MAPPING, "1.4": ["1.1"]}).status_code == 302
    db.session.expire_all()
    kept = db.session.get(Task, ids["1.4"])
    assert kept.status == "not_started" and (kept.criterion.code, kept.part) == ("1.1", 2)


def test_only_admins_carry_over_and_a_carried_plan_is_not_topped_up(client, auth, carried_world):
    plan, new_set, _ids = carried_world
    auth.login("nv@example.gov.vn", factories.PASSWORD)
    assert client.get(f"/plans/{plan.id}/carry-over").status_code == 403
    auth.logout()
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    post_mapping(client, plan, new_set, MAPPING)
    with pytest.raises(plans.PlanInputError):
        plans.generate_plan(db.session.get(Plan, plan.id).assessment, "7/KH-UBND", plan.issued_on,
                            plan.default_deadline)


def test_without_a_next_set_the_page_says_to_import_one(client, auth, app, today):
    plan, _tasks = factories.plan_with_tasks(factories.department("NV"), factories.department("TP"), today)
    factories.user("admin@example.gov.vn", "admin")
    db.session.commit()
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    page = client.get(f"/plans/{plan.id}/carry-over").get_data(as_text=True)
    assert "Hãy nhập bộ chỉ số của năm mới trước" in page
    assert client.get("/plans/9999/carry-over").status_code == 404
    assert db.session.scalar(select(func.count()).select_from(CriteriaSet)) == 1


def test_five_admins_confirming_at_once_carry_the_plan_over_once(app, carried_world):
    from tests.test_concurrency import admins, at_once
    plan, new_set, _ids = carried_world
    path = f"/plans/{plan.id}/carry-over?set={new_set.id}"
    data = {"confirm": "1", **{f"map-{code}": ", ".join(codes) for code, codes in MAPPING.items()}}
    answers = at_once(admins(app), path, path, data)
    assert all(status in (200, 302, 422) for status, _ in answers), answers
    assert any(status == 302 and location.endswith(f"/plans/{plan.id}") for status, location in answers)
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "plan.carry_over")) == 1
    assert db.session.scalar(select(func.count(Task.id)).where(Task.plan_id == plan.id)) == 7  # 6 + 1 split off
