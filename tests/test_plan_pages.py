"""Internal Affairs manages the plan in the UI; other roles get 403 (real HTTP, real forms)."""
import re
from datetime import date

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.conftest import csrf_token
from tracker.extensions import db
from tracker.models import Assessment, AuditEvent, Plan, PlanningRule, Task


@pytest.fixture
def setup(app, today):
    nv, tp = factories.department("NV"), factories.department("TP")
    factories.user("admin@example.gov.vn", "admin")
    factories.user("leader@example.gov.vn", "leader")
    factories.user("nv@example.gov.vn", "department", "NV")
    factories.assessment()
    db.session.add(PlanningRule(code="1", lead_department=nv))
    db.session.commit()
    return {"nv": nv.id, "tp": tp.id}


def page_and_token(client, url):
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    html = page.get_data(as_text=True)
    return html, csrf_token(html)


def hidden(html, name):
    return re.search(rf'name="{name}" type="hidden" value="([^"]*)"', html).group(1)


def generate(client):
    assessment_id = db.session.scalar(select(Assessment.id))
    html, token = page_and_token(client, f"/plans/new/{assessment_id}")
    return client.post(f"/plans/new/{assessment_id}", data={
        "number": "7/KH-UBND", "issued_on": "03/02/2026", "default_deadline": "15/12/2026",
        "target_classification": "Tốt", "target_rank": "3", "csrf_token": token})


@pytest.fixture
def admin(setup, client, auth):
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    assert generate(client).status_code == 302
    return client


def tasks():
    return {t.criterion.code: t for t in db.session.scalars(select(Task))}


def test_admin_generates_the_plan_on_the_page(admin):
    plan = db.session.scalar(select(Plan))
    assert (plan.number, plan.target_classification, plan.target_rank) == ("7/KH-UBND", "Tốt", 3)
    assert sorted(tasks()) == ["1.1", "1.2"]  # 2.1 kept full marks
    page = admin.get(f"/plans/{plan.id}").get_data(as_text=True)
    assert "Kế hoạch số 7/KH-UBND ngày 03/02/2026" in page and "Ban hành chậm" in page
    # Topping up adds nothing and says so.
    html, token = page_and_token(admin, f"/plans/{plan.id}")
    response = admin.post(f"/plans/{plan.id}/generate", data={"csrf_token": token}, follow_redirects=True)
    assert "không có gì được thêm" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Task.id))) == 2


def test_bad_plan_input_is_refused_with_a_message(setup, client, auth):
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    assessment_id = db.session.scalar(select(Assessment.id))
    html, token = page_and_token(client, f"/plans/new/{assessment_id}")
    response = client.post(f"/plans/new/{assessment_id}", data={
        "number": "7/KH-UBND", "issued_on": "31/02/2026", "default_deadline": "15/12/2026", "csrf_token": token})
    assert response.status_code == 422 and "dd/mm/yyyy" in response.get_data(as_text=True)
    response = client.post(f"/plans/new/{assessment_id}", data={
        "number": "7/KH-UBND", "issued_on": "03/02/2026", "default_deadline": "01/01/2026", "csrf_token": token})
    assert response.status_code == 422 and "trước ngày ban hành" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Plan.id))) == 0


def test_admin_edits_a_task_and_a_weekend_deadline_moves_to_the_friday_before(admin):
    task = tasks()["1.1"]
    html, token = page_and_token(admin, f"/tasks/{task.id}/edit")
    response = admin.post(f"/tasks/{task.id}/edit", data={
        "title": "Ban hành kế hoạch trước 15/12", "product": "Kế hoạch CCHC năm", "lead": "TP",
        "supporting": ["NV"], "deadline": "19/12/2026", "target_value": "", "value_unit": "",
        "version": hidden(html, "version"), "csrf_token": token}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Đã lưu nhiệm vụ." in page
    assert "19/12/2026 không phải ngày làm việc: thời hạn là 18/12/2026" in page
    assert "sau thời điểm chốt số liệu báo cáo năm (14/12/2026)" in page   # still too late for the year report
    task = tasks()["1.1"]
    assert task.deadline == date(2026, 12, 18) and task.deadline_label is None
    assert (task.title, task.lead_department.code, task.edited) == ("Ban hành kế hoạch trước 15/12", "TP", True)
    assert [d.code for d in task.supporting_departments] == ["NV"]
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "task.edit"))
    assert event.changes["deadline"][1] == "2026-12-18" and event.actor == "admin@example.gov.vn"
    assert "task.edit" in admin.get(f"/tasks/{task.id}").get_data(as_text=True)


def test_stale_edit_gets_a_conflict_and_loses_nothing(admin):
    task = tasks()["1.1"]
    html, token = page_and_token(admin, f"/tasks/{task.id}/edit")
    stale = hidden(html, "version")
    form = {"title": "A", "product": "", "lead": "NV", "deadline": "15/12/2026", "version": stale,
            "csrf_token": token}
    assert admin.post(f"/tasks/{task.id}/edit", data=form).status_code == 302
    response = admin.post(f"/tasks/{task.id}/edit", data=dict(form, title="B"))
    assert response.status_code == 409 and "Người khác vừa cập nhật" in response.get_data(as_text=True)
    assert tasks()["1.1"].title == "A"


def test_admin_splits_a_task_by_weights(admin):
    task = tasks()["1.1"]  # lost 1 point
    html, token = page_and_token(admin, f"/tasks/{task.id}/split")
    data = {"parts-0-title": "Ban hành kế hoạch", "parts-0-lead": "NV", "parts-0-weight": "60",
            "parts-1-title": "Gửi tài liệu kiểm chứng", "parts-1-lead": "TP", "parts-1-weight": "40",
            "version": hidden(html, "version"), "csrf_token": token}
    bad = admin.post(f"/tasks/{task.id}/split", data=dict(data, **{"parts-1-weight": "30"}))
    assert bad.status_code == 422 and "cộng lại phải bằng 100" in bad.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Task.id))) == 2
    assert admin.post(f"/tasks/{task.id}/split", data=data).status_code == 302
    parts = db.session.scalars(select(Task).join(Task.criterion).where(Task.criterion_id == task.criterion_id)
                               .order_by(Task.id)).all()
    assert [(t.title, t.lead_department.code, t.lost_points) for t in parts] == [
        ("Ban hành kế hoạch", "NV", 0.6), ("Gửi tài liệu kiểm chứng", "TP", 0.4)]
    # Regenerating does not add a task for a criterion already split.
    plan = db.session.scalar(select(Plan))
    html, token = page_and_token(admin, f"/plans/{plan.id}")
    admin.post(f"/plans/{plan.id}/generate", data={"csrf_token": token})
    assert db.session.scalar(select(func.count(Task.id))) == 3


def test_admin_cancels_a_task_with_a_reason(admin):
    task = tasks()["1.2"]
    html, token = page_and_token(admin, f"/tasks/{task.id}/cancel")
    version = hidden(html, "version")
    response = admin.post(f"/tasks/{task.id}/cancel", data={"reason": "", "version": version, "csrf_token": token})
    assert response.status_code == 422 and tasks()["1.2"].status == "not_started"
    response = admin.post(f"/tasks/{task.id}/cancel", data={
        "reason": "Tiêu chí bị bãi bỏ trong bộ chỉ số mới", "version": version, "csrf_token": token})
    assert response.status_code == 302
    task = tasks()["1.2"]
    assert (task.status, task.cancel_reason) == ("cancelled", "Tiêu chí bị bãi bỏ trong bộ chỉ số mới")
    assert task.updates[0].note == "Tiêu chí bị bãi bỏ trong bộ chỉ số mới"


def test_admin_reassigns_several_tasks_at_once(admin):
    ids = [t.id for t in tasks().values()]
    html, token = page_and_token(admin, "/tasks/")
    response = admin.post("/tasks/reassign", data={"task_id": ids, "department": "TP", "back": "/tasks/",
                                                   "csrf_token": token})
    assert response.status_code == 302 and response.location == "/tasks/"
    assert {t.lead_department.code for t in tasks().values()} == {"TP"}
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "task.reassign")) == 2


def test_task_list_filters_by_field_due_date_and_sorts(admin, today):
    html = admin.get("/tasks/?field=2").get_data(as_text=True)
    assert "Không có nhiệm vụ nào khớp bộ lọc" in html
    html = admin.get("/tasks/?field=1&sort=lost").get_data(as_text=True)
    assert html.count('name="task_id"') == 2
    assert "Không có nhiệm vụ" in admin.get("/tasks/?due_within=3").get_data(as_text=True)
    assert admin.get("/tasks/?due_within=abc&sort=nonsense&field=x").status_code == 200


def test_department_sees_its_own_tasks_first(setup, client, auth, today):
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    generate(client)
    tp_task = tasks()["1.2"]
    tp_task.lead_department_id = setup["tp"]
    db.session.commit()
    auth.logout()
    factories.user("tp@example.gov.vn", "department", "TP")
    db.session.commit()
    auth.login("tp@example.gov.vn", factories.PASSWORD)
    html = client.get("/tasks/?sort=criterion").get_data(as_text=True)
    assert html.index(f'/tasks/{tp_task.id}"') < html.index(f'/tasks/{tasks()["1.1"].id}"')


def test_plan_downloads(admin):
    plan = db.session.scalar(select(Plan))
    docx_response = admin.get(f"/plans/{plan.id}/export.docx")
    assert docx_response.status_code == 200 and docx_response.data[:2] == b"PK"
    assert "ke-hoach-7-kh-ubnd-2026.docx" in docx_response.headers["Content-Disposition"]
    assert admin.get(f"/plans/{plan.id}/export.xlsx").status_code == 200
    assert admin.get(f"/plans/{plan.id}/export.pdf").status_code == 404


def test_admin_edits_planning_rules(admin):
    html, token = page_and_token(admin, "/admin/rules/new")
    response = admin.post("/admin/rules/new", data={"code": "1.2", "lead": "TP", "supporting": ["*"],
                                                     "title": "", "product": "Báo cáo đúng hạn", "csrf_token": token})
    assert response.status_code == 302
    rule = db.session.scalar(select(PlanningRule).where(PlanningRule.code == "1.2"))
    assert (rule.lead_department.code, rule.supporting_codes, rule.product) == ("TP", "*", "Báo cáo đúng hạn")
    response = admin.post("/admin/rules/new", data={"code": "1.2", "lead": "NV", "csrf_token": token})
    assert response.status_code == 422  # one rule per code
    response = admin.post("/admin/rules/new", data={"code": "1.x", "lead": "NV", "csrf_token": token})
    assert response.status_code == 422
    assert "1.2" in admin.get("/admin/rules").get_data(as_text=True)


@pytest.mark.parametrize("email", ["leader@example.gov.vn", "nv@example.gov.vn"])
def test_other_roles_get_403_on_plan_management(setup, client, auth, email):
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    generate(client)
    auth.logout()
    auth.login(email, factories.PASSWORD)
    task = tasks()["1.1"]  # led by NV
    plan = db.session.scalar(select(Plan))
    token = csrf_token(client.get("/tasks/").get_data(as_text=True))
    assert client.get(f"/plans/{plan.id}").status_code == 200  # everyone reads the plan
    rule_id = db.session.scalar(select(PlanningRule.id))
    for url in [f"/plans/new/{plan.assessment_id}", f"/tasks/{task.id}/edit", f"/tasks/{task.id}/split",
                f"/tasks/{task.id}/cancel", "/admin/rules", "/admin/rules/new", f"/admin/rules/{rule_id}"]:
        assert client.get(url).status_code == 403, url
    for url in [f"/plans/new/{plan.assessment_id}", f"/tasks/{task.id}/edit", f"/tasks/{task.id}/split",
                f"/tasks/{task.id}/cancel", "/admin/rules/new", f"/admin/rules/{rule_id}",
                f"/admin/rules/{rule_id}/delete", f"/plans/{plan.id}/generate", "/tasks/reassign"]:
        assert client.post(url, data={"csrf_token": token, "task_id": [task.id], "department": "TP"}).status_code == 403
    assert tasks()["1.1"].lead_department.code == "NV"
