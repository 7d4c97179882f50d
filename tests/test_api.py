"""The JSON API (CONTRACT §6): shapes, filters, role rules, locking, CSRF and errors, over HTTP."""
import json
import re
import threading

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from tests import factories
from tests.conftest import count_statements, csrf_token
from tracker.extensions import db
from tracker.i18n import local_today
from tracker.models import Assessment, AuditEvent, Department, Plan, ProgressUpdate, Task, User
from tracker.services import tasks as task_service
from tracker.web import api

API = "/api/v1"
ADMIN, LEADER = "admin@example.gov.vn", "pct.lamdong@example.gov.vn"
NV, TP = "snv.lamdong@example.gov.vn", "stp.lamdong@example.gov.vn"  # Sở Nội vụ, Sở Tư pháp
DEMO_PASSWORD = "demo1234"


@pytest.fixture
def token(runner, demo):
    """Authorization headers for a demo user, with a token issued by the CLI."""
    def issue(email: str) -> dict:
        result = runner.invoke(args=["tracker", "create-token", email])
        assert result.exit_code == 0, result.output
        return {"Authorization": f"Bearer {result.output.strip()}"}
    return issue


@pytest.fixture
def small(app, today):
    """A lighter set-up for the many invalid-input cases: NV's task 1.1, and NV's token."""
    nv, tp = factories.department("NV"), factories.department("TP")
    officer = factories.user("nv@example.gov.vn", "department", "NV")
    _plan, tasks = factories.plan_with_tasks(nv, tp, today)
    headers = {"Authorization": f"Bearer {officer.issue_api_token()}"}
    db.session.commit()
    return headers, tasks["1.1"].id


def demo_assessment(demo) -> Assessment:
    return db.session.scalar(select(Assessment).where(Assessment.year == demo["year"]))


def demo_plan_id(demo) -> int:
    """This year's plan (the demo also holds last year's, closed)."""
    return db.session.scalar(select(Plan.id).where(Plan.assessment_id == demo_assessment(demo).id))


def department_task(code: str, status: str = "in_progress") -> Task:
    return db.session.scalars(select(Task).join(Task.lead_department).where(
        Department.code == code, Task.status == status).order_by(Task.id)).first()


def snapshot(task_id: int) -> tuple:
    task = db.session.get(Task, task_id)
    db.session.refresh(task)
    history = db.session.scalar(select(func.count()).select_from(ProgressUpdate)
                                .where(ProgressUpdate.task_id == task_id))
    return task.status, task.progress, task.version, history


def assert_error(response, status: int, code: str):
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code and body["error"]["message"]
    return body["error"]["message"]


def api_routes(app):
    """(path as OpenAPI writes it, method) for every route of the blueprint."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("api."):
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)[len(API):]
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule, path, method


# --- Authentication -----------------------------------------------------------------

def test_every_api_route_answers_anonymous_callers_with_401_json_not_a_redirect(app, client):
    """All but the OpenAPI description (CONTRACT §6: readable without a token)."""
    routes = list(api_routes(app))
    assert ("/tasks/{task_id}", "PATCH") in {(path, method) for _rule, path, method in routes}
    for rule, path, method in routes:
        if path == "/openapi.json":
            assert client.open(rule.rule, method=method).status_code == 200
            continue
        url = rule.rule.replace("<int:assessment_id>", "1").replace("<int:task_id>", "1")
        response = client.open(url, method=method, json={"version": 1})
        assert_error(response, 401, "unauthorized")
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_unknown_or_replaced_token_is_401(client, token):
    old = token(NV)
    new = token(NV)  # a new token replaces the old one
    assert_error(client.get(f"{API}/tasks", headers=old), 401, "unauthorized")
    assert_error(client.get(f"{API}/tasks", headers={"Authorization": "Bearer nonsense"}),
                 401, "unauthorized")
    assert client.get(f"{API}/tasks", headers=new).status_code == 200


def test_deactivated_user_loses_session_access_to_the_api(client, auth, demo):
    auth.login(NV, DEMO_PASSWORD)
    assert client.get(f"{API}/tasks").status_code == 200
    db.session.scalar(select(User).where(User.email == NV)).active = False
    db.session.commit()
    assert_error(client.get(f"{API}/tasks"), 401, "unauthorized")


def test_a_session_reads_the_api_like_a_token(client, auth, demo):
    auth.login(LEADER, DEMO_PASSWORD)
    assert client.get(f"{API}/departments").get_json()["total"] == 12


def test_unknown_api_path_is_a_json_404(client, token):
    assert_error(client.get(f"{API}/nothing-here", headers=token(NV)), 404, "not_found")


# --- Assessments ----------------------------------------------------------------------

def test_assessment_list_is_paginated_newest_first(client, token, demo):
    headers = token(LEADER)
    body = client.get(f"{API}/assessments?per_page=1", headers=headers).get_json()
    assert set(body) == {"items", "page", "per_page", "total"}
    assert (body["page"], body["per_page"], body["total"]) == (1, 1, 2)
    latest = body["items"][0]
    assert latest == {
        "id": demo_assessment(demo).id, "unit": demo["unit"], "year": demo["year"],
        "criteria_set": f"Bộ Chỉ số CCHC cấp tỉnh năm {demo['year']}", "total": demo["total"],
        "max_score": demo["max"], "lost": round(demo["max"] - demo["total"], 2),
        "classification": None, "rank": 23, "rank_of": 34, "plan_id": demo_plan_id(demo)}  # a province: no class
    second = client.get(f"{API}/assessments?per_page=1&page=2", headers=headers).get_json()
    assert [a["year"] for a in second["items"]] == [demo["year"] - 1]
    previous_plan = db.session.scalar(select(Plan.id).where(Plan.assessment_id == second["items"][0]["id"]))
    assert second["items"][0]["plan_id"] == previous_plan is not None  # last year's plan, closed


def test_assessment_detail_lists_the_tree_in_order_with_parents_summed_from_leaves(app, client):
    admin = factories.user("admin@example.gov.vn", "admin")
    assessment = factories.assessment()
    headers = {"Authorization": f"Bearer {admin.issue_api_token()}"}
    db.session.commit()
    body = client.get(f"{API}/assessments/{assessment.id}", headers=headers).get_json()
    assert (body["total"], body["max_score"], body["lost"]) == (7.5, 10.0, 2.5)
    lines = [(c["code"], c["depth"], c["is_leaf"], c["method"], c["max_points"],
              c["appraised_score"], c["lost"], c["note"]) for c in body["criteria"]]
    assert lines == [
        ("1", 0, False, "appraisal", 6.0, 3.5, 2.5, None),
        ("1.1", 1, True, "appraisal", 3.0, 2.0, 1.0, "Ban hành chậm"),
        ("1.2", 1, True, "appraisal", 3.0, 1.5, 1.5, None),
        ("2", 0, False, "appraisal", 4.0, 4.0, 0.0, None),
        ("2.1", 1, True, "survey", 4.0, 4.0, 0.0, None),
    ]
    assert body["criteria"][1]["title"] == "Kế hoạch CCHC"
    assert all(c["self_score"] is None for c in body["criteria"])  # none was given


def test_demo_tree_fields_add_up_to_the_assessment_total(client, token, demo):
    body = client.get(f"{API}/assessments/{demo_assessment(demo).id}", headers=token(NV)).get_json()
    fields = [c for c in body["criteria"] if c["depth"] == 0]
    assert round(sum(f["appraised_score"] for f in fields), 2) == body["total"]
    assert round(sum(f["lost"] for f in fields), 2) == body["lost"]


def test_projection_is_exactly_what_the_cli_prints_as_json(client, runner, token, demo):
    result = runner.invoke(args=["tracker", "projection", "--unit", demo["unit"],
                                 "--year", str(demo["year"]), "--json"])
    assert result.exit_code == 0, result.output
    response = client.get(f"{API}/assessments/{demo_assessment(demo).id}/projection",
                          headers=token(LEADER))
    assert response.status_code == 200
    assert response.get_json() == json.loads(result.output)


@pytest.mark.parametrize("path", ["/assessments/9999", "/assessments/9999/projection"])
def test_unknown_assessment_is_404(client, token, path):
    assert_error(client.get(API + path, headers=token(NV)), 404, "not_found")


# --- Tasks: reading -------------------------------------------------------------------

def task_list(client, headers, query: str) -> dict:
    response = client.get(f"{API}/tasks?per_page=200&{query}", headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_task_json_has_the_contract_fields(client, token, demo):
    task = department_task("SNV")
    body = client.get(f"{API}/tasks/{task.id}", headers=token(LEADER)).get_json()
    assert {"id", "code", "criterion", "title", "product", "lead_department", "supporting_departments",
            "deadline", "status", "progress", "lost_points", "version", "updated_at", "current_value",
            "target_value", "plan_id", "cancel_reason", "updates"} <= set(body)
    assert (body["id"], body["code"], body["criterion"]) == \
        (task.id, task.criterion.code, task.criterion.title)
    assert (body["lead_department"], body["status"], body["version"]) == ("SNV", "in_progress", task.version)
    assert body["deadline"] == task.deadline.isoformat()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", body["updated_at"])
    assert body["updates"][0]["status_to"] == "in_progress"  # newest first


def test_task_list_is_paginated_and_caps_per_page_at_200(client, token, demo):
    headers = token(NV)
    every = db.session.scalar(select(func.count(Task.id)))  # this year's plan and last year's
    body = client.get(f"{API}/tasks?per_page=5&page=2", headers=headers).get_json()
    assert (len(body["items"]), body["page"], body["per_page"], body["total"]) == (5, 2, 5, every)
    assert client.get(f"{API}/tasks?per_page=1000", headers=headers).get_json()["per_page"] == 200
    assert client.get(f"{API}/departments?per_page=1000", headers=headers).get_json()["per_page"] == 200
    beyond = client.get(f"{API}/tasks?per_page=50&page=9", headers=headers).get_json()
    assert beyond["items"] == [] and beyond["total"] == every


def test_task_filters_by_department_status_overdue_field_and_plan(client, token, demo):
    headers = token(LEADER)
    tasks = db.session.scalars(select(Task)).all()
    today = local_today()

    nv = task_list(client, headers, "department=SNV")
    assert nv["total"] == sum(t.lead_department.code == "SNV" for t in tasks if t.lead_department)
    assert {t["lead_department"] for t in nv["items"]} == {"SNV"}

    blocked = task_list(client, headers, "status=blocked")
    assert blocked["total"] == sum(t.status == "blocked" for t in tasks) > 0

    overdue = task_list(client, headers, "overdue=true")
    assert overdue["total"] == sum(t.is_overdue(today) for t in tasks) > 0
    assert all(t["overdue"] for t in overdue["items"])

    both = task_list(client, headers, "department=SNV&overdue=true")
    assert {t["id"] for t in both["items"]} == \
        {t["id"] for t in nv["items"]} & {t["id"] for t in overdue["items"]}

    field = task_list(client, headers, "field=8")
    assert field["total"] > 0 and all(t["code"].startswith("8.") for t in field["items"])

    assert task_list(client, headers, f"plan={demo_plan_id(demo)}")["total"] == demo["tasks"]
    assert task_list(client, headers, "plan=9999")["total"] == 0
    assert task_list(client, headers, "overdue=false")["total"] == len(tasks)


@pytest.mark.parametrize("query", ["department=XX", "status=finished", "overdue=maybe",
                                   "field=abc", "plan=x", "due_within=-3", "sort=colour"])
def test_task_filters_refuse_values_they_cannot_honour(client, small, query):
    headers, _task_id = small
    assert_error(client.get(f"{API}/tasks?{query}", headers=headers), 422, "validation_error")


@pytest.mark.parametrize("path", ["/tasks", "/assessments", "/departments"])
def test_lists_take_as_many_queries_for_many_items_as_for_few(client, token, path):
    headers = token(NV)
    few, _ = count_statements(client, f"{API}{path}?per_page=1", headers)
    many, _ = count_statements(client, f"{API}{path}?per_page=200", headers)
    assert many == few


def test_unknown_task_is_404(client, token):
    headers = token(ADMIN)
    assert_error(client.get(f"{API}/tasks/9999", headers=headers), 404, "not_found")
    assert_error(client.patch(f"{API}/tasks/9999", headers=headers, json={"progress": 1, "version": 1}),
                 404, "not_found")


def test_departments_list_codes_names_emails_and_active(client, token, demo):
    body = client.get(f"{API}/departments?per_page=200", headers=token(TP)).get_json()
    assert body["total"] == demo["departments"] == len(body["items"])
    codes = [d["code"] for d in body["items"]]
    assert codes == sorted(codes)
    centre = next(d for d in body["items"] if d["code"] == "TTPVHCC")
    assert centre == {"code": "TTPVHCC", "name": "Trung tâm Phục vụ hành chính công tỉnh", "active": True,
                      "emails": ["ttpvhcc.lamdong@example.gov.vn", "motcua.lamdong@example.gov.vn"]}


# --- Tasks: recording progress --------------------------------------------------------

def patch(client, task_id, headers, **body):
    return client.patch(f"{API}/tasks/{task_id}", headers=headers, json=body)


def test_lead_department_records_progress_with_a_token(client, token, demo):
    headers = token(NV)
    task = department_task("SNV")
    task_id, version, progress, before = task.id, task.version, task.progress, len(task.updates)
    response = patch(client, task_id, headers, progress=85, status="in_progress",
                     note="Đã trình dự thảo", version=version)
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert (body["progress"], body["status"], body["version"]) == (85, "in_progress", version + 1)
    assert body["updates"][0]["note"] == "Đã trình dự thảo"
    assert body["updates"][0]["by"] == "Lê Thị Thu Hà"
    assert snapshot(task_id) == ("in_progress", 85, version + 1, before + 1)
    event_ = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "task.progress")
                                .order_by(AuditEvent.id.desc())).first()
    assert (event_.entity_id, event_.actor, event_.changes["progress"]) == (task_id, NV, [progress, 85])


def test_fields_left_out_keep_their_values(client, token, demo):
    task = department_task("SNV")
    task_id, progress = task.id, task.progress
    body = patch(client, task_id, token(NV), note="Chỉ ghi chú", version=task.version).get_json()
    assert (body["status"], body["progress"]) == ("in_progress", progress)
    assert body["updates"][0]["note"] == "Chỉ ghi chú"


def test_done_sets_progress_to_100(client, token, demo):
    task = department_task("SNV")
    body = patch(client, task.id, token(NV), status="done", progress=20, version=task.version).get_json()
    assert (body["status"], body["progress"]) == ("done", 100)


def test_other_department_gets_403_and_nothing_changes(client, token, demo):
    task_id = department_task("SNV").id
    before = snapshot(task_id)
    response = patch(client, task_id, token(TP), progress=90, version=before[2])
    assert_error(response, 403, "forbidden")
    assert snapshot(task_id) == before


def test_leader_reads_but_gets_403_on_update(client, token, demo):
    task_id = department_task("SNV").id
    before = snapshot(task_id)
    headers = token(LEADER)
    assert client.get(f"{API}/tasks/{task_id}", headers=headers).status_code == 200
    assert_error(patch(client, task_id, headers, progress=90, version=before[2]), 403, "forbidden")
    assert snapshot(task_id) == before


@pytest.mark.parametrize("status", ["verified", "cancelled"])
def test_department_cannot_verify_or_cancel_its_own_task(client, token, demo, status):
    task_id = department_task("SNV").id
    before = snapshot(task_id)
    message = assert_error(patch(client, task_id, token(NV), status=status, version=before[2]),
                           422, "validation_error")
    assert "verifying and cancelling" in message
    assert snapshot(task_id) == before


def test_admin_verifies_any_task(client, token, demo):
    task = department_task("SNV", "done")  # done by Sở Nội vụ's officer; admin verifies it
    body = patch(client, task.id, token(ADMIN), status="verified", note="Hồ sơ giấy lưu tại văn phòng",
                 version=task.version).get_json()
    assert (body["status"], body["progress"]) == ("verified", 100)


def test_stale_version_is_409_naming_the_current_version(client, token, demo):
    task_id = department_task("SNV").id
    before = snapshot(task_id)
    message = assert_error(patch(client, task_id, token(NV), progress=90, version=before[2] - 1),
                           409, "conflict")
    assert "Someone else changed this task" in message and f"version {before[2]}" in message
    assert snapshot(task_id) == before


def test_of_two_updates_from_the_same_version_the_first_wins(client, token, demo):
    headers = token(NV)
    task = department_task("SNV")
    task_id, version, history = task.id, task.version, len(task.updates)
    assert patch(client, task_id, headers, progress=70, note="Lần 1", version=version).status_code == 200
    assert_error(patch(client, task_id, headers, progress=90, note="Lần 2", version=version), 409, "conflict")
    assert snapshot(task_id) == ("in_progress", 70, version + 1, history + 1)


def test_of_two_simultaneous_updates_from_the_same_version_exactly_one_wins(app, token, demo, monkeypatch):
    """Both requests read the task before either writes: the database's version check decides."""
    headers = token(NV)
    task = department_task("SNV")
    task_id, version, history = task.id, task.version, len(task.updates)
    both_read = threading.Barrier(2, timeout=10)
    update_progress = task_service.update_progress

    def after_both_read(*args, **kwargs):
        both_read.wait()
        return update_progress(*args, **kwargs)
    monkeypatch.setattr(task_service, "update_progress", after_both_read)
    statuses, failures = [], []

    def send(progress):
        try:  # a plain client: each request in its own thread gets its own app context
            client = FlaskClient(app, app.response_class)
            statuses.append(patch(client, task_id, headers, progress=progress, version=version).status_code)
        except Exception as exc:  # reported below rather than lost in the thread
            failures.append(exc)
    threads = [threading.Thread(target=send, args=(p,)) for p in (70, 95)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not failures, failures
    assert sorted(statuses) == [200, 409]
    status, progress, new_version, new_history = snapshot(task_id)
    assert (new_version, new_history) == (version + 1, history + 1) and progress in (70, 95)


def bad_bodies():
    cases = {
        "progress as text": {"progress": "abc"}, "progress below 0": {"progress": -1},
        "progress above 100": {"progress": 101}, "progress fractional": {"progress": 40.5},
        "progress boolean": {"progress": True}, "unknown status": {"status": "finished"},
        "status not text": {"status": 3}, "note not text": {"note": 5},
        "note too long": {"note": "x" * 4001}, "current_value as text": {"current_value": "a"},
        "unknown field": {"progress": 50, "colour": "red"}, "nothing to change": {},
    }
    for name, body in cases.items():
        yield pytest.param(lambda version, body=body: {**body, "version": version}, id=name)
    yield pytest.param(lambda version: {"progress": 50}, id="version missing")
    yield pytest.param(lambda version: {"progress": 50, "version": "x"}, id="version as text")
    yield pytest.param(lambda version: {"progress": 50, "version": 0}, id="version zero")


@pytest.mark.parametrize("make_body", list(bad_bodies()))
def test_invalid_fields_are_422_and_change_nothing(client, small, make_body):
    headers, task_id = small
    before = snapshot(task_id)
    response = client.patch(f"{API}/tasks/{task_id}", headers=headers, json=make_body(before[2]))
    assert_error(response, 422, "validation_error")
    assert snapshot(task_id) == before


@pytest.mark.parametrize("data, content_type", [
    ("{not json", "application/json"), ("[1, 2]", "application/json"), ('"text"', "application/json"),
    ("null", "application/json"), ("progress=50&version=3", "application/x-www-form-urlencoded"),
    ('{"progress": 50, "version": 3}', "text/plain"),
])
def test_a_body_that_is_not_a_json_object_is_400(client, small, data, content_type):
    headers, task_id = small
    before = snapshot(task_id)
    response = client.patch(f"{API}/tasks/{task_id}", headers=headers, data=data, content_type=content_type)
    assert_error(response, 400, "bad_request")
    assert snapshot(task_id) == before


# --- CSRF for session-authenticated writes ----------------------------------------------

def test_session_patch_without_csrf_token_is_400_and_changes_nothing(client, auth, demo):
    auth.login(NV, DEMO_PASSWORD)
    task_id = department_task("SNV").id
    before = snapshot(task_id)
    message = assert_error(patch(client, task_id, {}, progress=90, version=before[2]), 400, "bad_request")
    assert "CSRF" in message
    assert snapshot(task_id) == before


def test_session_patch_with_a_bogus_bearer_header_still_needs_the_csrf_token(client, auth, demo):
    auth.login(NV, DEMO_PASSWORD)
    task_id = department_task("SNV").id
    before = snapshot(task_id)
    response = patch(client, task_id, {"Authorization": "Bearer forged"}, progress=90, version=before[2])
    assert_error(response, 400, "bad_request")
    assert snapshot(task_id) == before


def test_session_patch_with_the_csrf_header_succeeds(client, auth, demo):
    auth.login(NV, DEMO_PASSWORD)
    task = department_task("SNV")
    page = client.get("/tasks/").get_data(as_text=True)
    response = patch(client, task.id, {"X-CSRFToken": csrf_token(page)}, progress=90, version=task.version)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["progress"] == 90


# --- The OpenAPI description ------------------------------------------------------------

def resolve(document: dict, pointer: str):
    node = document
    for part in pointer.removeprefix("#/").split("/"):
        node = node[part]
    return node


def refs(node):
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"]
        for value in node.values():
            yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def test_openapi_describes_every_route_and_its_references_resolve(app, client, token, demo):
    response = client.get(f"{API}/openapi.json", headers=token(NV))
    document = json.loads(response.get_data(as_text=True))
    assert document["openapi"].startswith("3.0.") and document["info"]["title"]
    bearer = document["components"]["securitySchemes"]["bearerAuth"]
    assert (bearer["type"], bearer["scheme"]) == ("http", "bearer")
    assert {"Task", "Assessment", "Projection", "Error"} <= set(document["components"]["schemas"])
    routes = {(path, method.lower()) for _rule, path, method in api_routes(app)}
    described = {(path, method) for path, item in document["paths"].items() for method in item}
    assert described == routes
    for pointer in set(refs(document)):
        assert resolve(document, pointer), pointer


def test_openapi_schemas_name_every_key_the_api_returns(client, token, demo):
    headers = token(NV)
    schemas = api.OPENAPI["components"]["schemas"]
    task = client.get(f"{API}/tasks?per_page=1", headers=headers).get_json()["items"][0]
    assert set(task) == set(schemas["Task"]["properties"])
    projection = client.get(f"{API}/assessments/{demo_assessment(demo).id}/projection",
                            headers=headers).get_json()
    assert set(projection) == set(schemas["Projection"]["properties"])
    assessment = client.get(f"{API}/assessments?per_page=1", headers=headers).get_json()["items"][0]
    assert set(assessment) == set(schemas["Assessment"]["properties"])
