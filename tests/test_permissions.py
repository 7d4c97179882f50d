"""Each role sees and may do exactly what it should, enforced on the server."""
import pytest
from flask import url_for

from tests import factories
from tests.conftest import csrf_token
from tracker.extensions import db
from tracker.models import Task

ADMIN_PAGES = ["/admin/users", "/admin/users/new", "/admin/departments", "/outbox", "/admin/audit"]


@pytest.fixture
def setup(app, today):
    nv, tp = factories.department("NV"), factories.department("TP")
    factories.user("admin@example.gov.vn", "admin")
    factories.user("leader@example.gov.vn", "leader")
    factories.user("nv@example.gov.vn", "department", "NV")
    plan, tasks = factories.plan_with_tasks(nv, tp, today)
    db.session.commit()
    return {code: task.id for code, task in tasks.items()}


def progress_post(client, task_id, **changes):
    page = client.get(f"/tasks/{task_id}").get_data(as_text=True)
    task = db.session.get(Task, task_id)
    db.session.refresh(task)
    data = {"status": "in_progress", "progress": "40", "note": "Đang thực hiện",
            "version": str(task.version), "csrf_token": csrf_token(page) if "csrf_token" in page else ""}
    data.update(changes)
    return client.post(f"/tasks/{task_id}/progress", data=data)


def test_every_page_sends_anonymous_users_to_login(app, client, setup):
    """Walk the whole URL map: nothing but login, language, static files and the API's OpenAPI
    description (CONTRACT §6) answers anonymously."""
    public = {"auth.login", "auth.set_language", "static", "api.openapi"}
    # A form post carries a valid CSRF token (an anonymous session has one): the login check,
    # not the CSRF check, is what must turn it away.
    token = csrf_token(client.get("/login").get_data(as_text=True))
    checked = 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint in public:
            continue
        args = {name: 1 for name in rule.arguments}
        with app.test_request_context():
            url = url_for(rule.endpoint, **args)
        method = "GET" if "GET" in rule.methods else sorted(rule.methods - {"OPTIONS", "HEAD"})[0]
        response = client.open(url, method=method, data=None if method == "GET" else {"csrf_token": token})
        checked += 1
        if rule.endpoint.startswith("api."):  # scripts get a JSON 401, not a login page
            assert response.status_code == 401 and response.json["error"]["code"], rule.endpoint
            continue
        assert response.status_code == 302 and "/login" in response.location, (rule.endpoint, response.status_code)
    assert checked > 50  # the whole map was walked


@pytest.mark.parametrize("email", ["leader@example.gov.vn", "nv@example.gov.vn"])
def test_only_admins_reach_administration(client, auth, setup, email):
    auth.login(email, factories.PASSWORD)
    for page in ADMIN_PAGES:
        assert client.get(page).status_code == 403, page


def test_admin_reaches_administration(client, auth, setup):
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    for page in ADMIN_PAGES:
        assert client.get(page).status_code == 200, page


@pytest.mark.parametrize("email", ["admin@example.gov.vn", "leader@example.gov.vn", "nv@example.gov.vn"])
def test_every_role_reads_every_task(client, auth, setup, email):
    auth.login(email, factories.PASSWORD)
    assert client.get("/tasks/").status_code == 200
    for task_id in setup.values():
        assert client.get(f"/tasks/{task_id}").status_code == 200


def test_department_user_updates_its_own_task(client, auth, setup):
    auth.login("nv@example.gov.vn", factories.PASSWORD)
    response = progress_post(client, setup["1.1"])
    assert response.status_code == 302
    task = db.session.get(Task, setup["1.1"])
    assert (task.status, task.progress) == ("in_progress", 40)
    assert task.updates[0].note == "Đang thực hiện"


def test_department_user_cannot_edit_other_department_task(client, auth, setup):
    auth.login("nv@example.gov.vn", factories.PASSWORD)
    page = client.get(f"/tasks/{setup['1.2']}").get_data(as_text=True)
    assert "/progress" not in page  # no form offered
    response = progress_post(client, setup["1.2"], csrf_token=csrf_token(client.get("/tasks/").get_data(as_text=True)))
    assert response.status_code == 403
    task = db.session.get(Task, setup["1.2"])
    db.session.refresh(task)
    assert (task.status, task.progress, task.updates) == ("not_started", 0, [])


def test_leader_reads_but_cannot_update(client, auth, setup):
    auth.login("leader@example.gov.vn", factories.PASSWORD)
    token = csrf_token(client.get("/tasks/").get_data(as_text=True))
    assert progress_post(client, setup["1.1"], csrf_token=token).status_code == 403


def test_department_user_cannot_verify_its_own_task(client, auth, setup):
    auth.login("nv@example.gov.vn", factories.PASSWORD)
    response = progress_post(client, setup["1.1"], status="verified")
    assert response.status_code == 422
    assert db.session.get(Task, setup["1.1"]).status == "not_started"


def test_admin_verifies_any_task(client, auth, setup):
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    assert progress_post(client, setup["1.2"], status="verified", progress="10").status_code == 302
    task = db.session.get(Task, setup["1.2"])
    assert (task.status, task.progress) == ("verified", 100)


def test_admin_creates_a_department_user(client, auth, setup):
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    token = csrf_token(client.get("/admin/users/new").get_data(as_text=True))
    response = client.post("/admin/users/new", data={
        "email": "tp@example.gov.vn", "name": "Cán bộ TP", "role": "department", "department": "TP",
        "password": "long-enough-1", "csrf_token": token})
    assert response.status_code == 302
    auth.logout()
    assert auth.login("tp@example.gov.vn", "long-enough-1").status_code == 302


def test_department_user_needs_a_department(client, auth, setup):
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    token = csrf_token(client.get("/admin/users/new").get_data(as_text=True))
    response = client.post("/admin/users/new", data={
        "email": "x@example.gov.vn", "name": "X", "role": "department", "department": "",
        "password": "long-enough-1", "csrf_token": token})
    assert response.status_code == 422
    assert auth.logout() and auth.login("x@example.gov.vn", "long-enough-1").status_code == 401


def test_admin_creates_and_edits_a_department(client, auth, setup):
    from tracker.models import AuditEvent, Department
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    token = csrf_token(client.get("/admin/departments/new").get_data(as_text=True))
    response = client.post("/admin/departments/new", data={
        "code": "tckh", "name": "Phòng Tài chính - Kế hoạch", "emails": "tckh@huyen.gov.vn; ketoan@huyen.gov.vn",
        "active": "y", "csrf_token": token})
    assert response.status_code == 302
    dept = db.session.scalar(db.select(Department).where(Department.code == "TCKH"))
    assert dept.email_list == ["tckh@huyen.gov.vn", "ketoan@huyen.gov.vn"] and dept.active
    for bad in ({"code": "NV"}, {"code": "có dấu"}, {"emails": "not-an-email"}, {"name": ""}):
        data = {"code": "TP2", "name": "Phòng", "emails": "", "csrf_token": token, **bad}
        assert client.post("/admin/departments/new", data=data).status_code == 422, bad
    response = client.post(f"/admin/departments/{dept.id}", data={
        "code": "TCKH", "name": "Phòng Tài chính - Kế hoạch", "emails": "tckh@huyen.gov.vn", "csrf_token": token})
    assert response.status_code == 302
    dept = db.session.get(Department, dept.id)
    assert dept.email_list == ["tckh@huyen.gov.vn"] and not dept.active
    assert db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "department.edit")).changes["active"] == [True, False]


def test_only_admins_manage_departments(client, auth, setup):
    auth.login("nv@example.gov.vn", factories.PASSWORD)
    token = csrf_token(client.get("/tasks/").get_data(as_text=True))
    assert client.get("/admin/departments/new").status_code == 403
    assert client.post("/admin/departments/new", data={"code": "X", "name": "X", "csrf_token": token}).status_code == 403


def test_admin_deactivates_a_user_who_is_then_logged_out(app, client, auth, setup):
    from tests.conftest import FreshContextClient
    from tracker.models import User
    officer = FreshContextClient(app, app.response_class, use_cookies=True)
    page = officer.get("/login").get_data(as_text=True)
    officer.post("/login", data={"email": "nv@example.gov.vn", "password": factories.PASSWORD,
                                 "csrf_token": csrf_token(page)})
    assert officer.get("/tasks/").status_code == 200
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    user = db.session.scalar(db.select(User).where(User.email == "nv@example.gov.vn"))
    token = csrf_token(client.get(f"/admin/users/{user.id}").get_data(as_text=True))
    response = client.post(f"/admin/users/{user.id}", data={
        "name": "Cán bộ NV", "role": "department", "department": "NV", "new_password": "",
        "csrf_token": token})  # the active box left unticked
    assert response.status_code == 302
    assert officer.get("/tasks/").status_code == 302  # the open session ends
    me = db.session.scalar(db.select(User).where(User.email == "admin@example.gov.vn"))
    response = client.post(f"/admin/users/{me.id}", data={"name": "A", "role": "leader", "active": "y", "department": "",
                                                          "csrf_token": token})
    assert response.status_code == 422  # an admin cannot demote or lock out themselves


def test_admin_resets_a_password(client, auth, setup):
    from tracker.models import User
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    user = db.session.scalar(db.select(User).where(User.email == "leader@example.gov.vn"))
    token = csrf_token(client.get(f"/admin/users/{user.id}").get_data(as_text=True))
    assert client.post(f"/admin/users/{user.id}", data={"name": "Lãnh đạo", "role": "leader", "active": "y", "department": "",
                                                        "new_password": "short", "csrf_token": token}).status_code == 422
    assert client.post(f"/admin/users/{user.id}", data={"name": "Lãnh đạo", "role": "leader", "active": "y", "department": "",
                                                        "new_password": "brand-new-pass", "csrf_token": token}).status_code == 302
    auth.logout()
    assert auth.login("leader@example.gov.vn", "brand-new-pass").status_code == 302
