"""Units that run their own plan here (issue 23): a ward with its own administrator, departments
(the same codes as the province's), users and plan. Each role of each unit reads and writes
only its own workspace, on the pages, the API and the command line; the province's admins and
leaders read a unit's workspace by visiting it, read-only."""
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from tests import factories
from tests.conftest import csrf_token, log_in
from tracker import workspace
from tracker.extensions import db
from tracker.models import Department, Evidence, Task, Unit, User
from tracker.services import departments, plans, unit_workspaces, users
from tracker.services import evidence as evidence_service

WARD = "Phường Một"


def two_units(today):
    """The province (its own unit) with its plan led by its VP, and a ward that runs its own
    plan: its admin, its own VP (same code), an officer of it, and its plan led by its VP."""
    home_vp = factories.department("VP", "Văn phòng UBND tỉnh")
    province = factories.assessment("UBND tỉnh Thử", 2025)
    home_plan, home_tasks = plans.generate_plan(province, "1/KH-UBND", today - timedelta(days=30),
                                                today + timedelta(days=60), actor="test")
    for task in home_tasks:
        task.lead_department = home_vp
    factories.user("admin@tinh.gov.vn", "admin")
    factories.user("leader@tinh.gov.vn", "leader")
    factories.user("vp@tinh.gov.vn", "department", "VP")
    ward_assessment = factories.assessment(WARD, 2025)
    ward = ward_assessment.unit
    unit_workspaces.open_workspace(ward, email="admin@phuong.gov.vn", name="Quản trị phường",
                                   password=factories.PASSWORD, actor="test")
    with workspace.working_in(workspace.Workspace(ward.id)):
        ward_vp = departments.save_department(None, "test", code="VP", name="Văn phòng HĐND và UBND phường",
                                              emails="vp@phuong.gov.vn")
        users.create_user("vp@phuong.gov.vn", "Cán bộ văn phòng phường", "department", factories.PASSWORD, "VP",
                          actor="test")
        ward_plan, ward_tasks = plans.generate_plan(ward_assessment, "5/KH-UBND", today - timedelta(days=20),
                                                    today + timedelta(days=60), actor="test")
        for task in ward_tasks:
            task.lead_department = ward_vp
    db.session.commit()
    return {"ward": ward.id, "home_tasks": [t.id for t in home_tasks], "ward_tasks": [t.id for t in ward_tasks],
            "home_plan": home_plan.id, "ward_plan": ward_plan.id, "home_vp": home_vp.id, "ward_vp": ward_vp.id}


def sign_in(client, email: str) -> None:
    log_in(client, email)
    client.email = email


def sign_out(client) -> None:
    page = client.get("/tasks/").get_data(as_text=True)
    client.post("/logout", data={"csrf_token": csrf_token(page)})


def task_ids_listed(client) -> set[int]:
    items = client.get("/api/v1/tasks?per_page=200").get_json()["items"]
    return {item["id"] for item in items}


def patch(client, task_id: int, progress: int):
    """PATCH through the API with the logged-in user's token (a session's write needs a CSRF
    token; scripts use tokens)."""
    user = db.session.scalar(select(User).where(User.email == client.email))
    token = user.issue_api_token()
    db.session.commit()
    version = db.session.get(Task, task_id).version
    return client.patch(f"/api/v1/tasks/{task_id}", json={"progress": progress, "version": version},
                        headers={"Authorization": f"Bearer {token}"})


def test_the_ward_and_the_province_each_have_their_own_vp(app, today):
    world = two_units(today)
    ward_vp, home_vp = db.session.get(Department, world["ward_vp"]), db.session.get(Department, world["home_vp"])
    assert (ward_vp.code, ward_vp.unit_id) == ("VP", world["ward"]) and home_vp.unit_id is None
    officer = db.session.scalar(select(User).where(User.email == "vp@phuong.gov.vn"))
    assert officer.unit_id == world["ward"] and officer.department_id == ward_vp.id


def test_the_ward_admin_reads_and_runs_only_the_ward(client, today):
    world = two_units(today)
    sign_in(client, "admin@phuong.gov.vn")
    assert task_ids_listed(client) == set(world["ward_tasks"])
    html = client.get("/tasks/").get_data(as_text=True)
    assert f'href="/tasks/{world["ward_tasks"][0]}"' in html and f'href="/tasks/{world["home_tasks"][0]}"' not in html
    plans_page = client.get("/plans/").get_data(as_text=True)
    assert "5/KH-UBND" in plans_page and "1/KH-UBND" not in plans_page
    assert client.get(f"/tasks/{world['home_tasks'][0]}").status_code == 404
    assert client.get(f"/plans/{world['home_plan']}").status_code == 404
    assert client.get(f"/api/v1/tasks/{world['home_tasks'][0]}").status_code == 404
    assert patch(client, world["home_tasks"][0], 40).status_code == 404
    assert [d["name"] for d in client.get("/api/v1/departments").get_json()["items"]] == \
        ["Văn phòng HĐND và UBND phường"]
    people = client.get("/admin/users").get_data(as_text=True)
    assert "vp@phuong.gov.vn" in people and "vp@tinh.gov.vn" not in people
    # The ward's administrator runs the ward's plan: it edits the ward's tasks.
    assert patch(client, world["ward_tasks"][0], 40).status_code == 200
    # What serves every unit is the province's.
    for url in ("/units/", "/imports/", "/outbox", "/admin/audit"):
        assert client.get(url).status_code == 403, url


def test_the_ward_admin_adds_a_department_and_a_user_to_the_ward(client, today):
    world = two_units(today)
    sign_in(client, "admin@phuong.gov.vn")
    form = client.get("/admin/departments/new").get_data(as_text=True)
    response = client.post("/admin/departments/new", data={
        "csrf_token": csrf_token(form), "code": "TCKT", "name": "Bộ phận tài chính", "emails": "", "active": "y"})
    assert response.status_code == 302
    form = client.get("/admin/users/new").get_data(as_text=True)
    response = client.post("/admin/users/new", data={
        "csrf_token": csrf_token(form), "email": "tc@phuong.gov.vn", "name": "Kế toán phường", "role": "department",
        "department": "TCKT", "password": factories.PASSWORD})
    assert response.status_code == 302
    created = db.session.scalar(select(User).where(User.email == "tc@phuong.gov.vn"))
    assert created.unit_id == world["ward"] and created.department.unit_id == world["ward"]
    # An email is one login in the whole installation, whichever unit holds it.
    form = client.get("/admin/users/new").get_data(as_text=True)
    response = client.post("/admin/users/new", data={
        "csrf_token": csrf_token(form), "email": "vp@tinh.gov.vn", "name": "Trùng", "role": "leader",
        "department": "", "password": factories.PASSWORD})
    assert response.status_code == 422 and "vp@tinh.gov.vn" in response.get_data(as_text=True)


@pytest.mark.parametrize("email, own, other", [("vp@phuong.gov.vn", "ward_tasks", "home_tasks"),
                                               ("vp@tinh.gov.vn", "home_tasks", "ward_tasks")])
def test_each_vp_officer_updates_its_own_units_tasks_only(client, today, email, own, other):
    world = two_units(today)
    sign_in(client, email)
    assert task_ids_listed(client) == set(world[own])
    assert patch(client, world[own][0], 60).status_code == 200
    assert patch(client, world[other][0], 60).status_code == 404
    assert client.get(f"/tasks/{world[other][0]}").status_code == 404


def test_the_province_reads_the_ward_by_visiting_it_read_only(client, today):
    world = two_units(today)
    sign_in(client, "admin@tinh.gov.vn")
    assert task_ids_listed(client) == set(world["home_tasks"])  # at home: the province's own plan
    assert client.get(f"/tasks/{world['ward_tasks'][0]}").status_code == 404
    units = client.get("/units/").get_data(as_text=True)
    assert WARD in units and "Xem kế hoạch của đơn vị" in units
    response = client.post(f"/units/{world['ward']}/visit", data={"csrf_token": csrf_token(units)})
    assert response.status_code == 302
    page = client.get("/tasks/").get_data(as_text=True)
    assert f"Đang xem kế hoạch của {WARD} (chỉ xem)." in page
    assert task_ids_listed(client) == set(world["ward_tasks"])
    assert client.get(f"/tasks/{world['ward_tasks'][0]}").status_code == 200
    task = db.session.get(Task, world["ward_tasks"][0])
    refused = client.post(f"/tasks/{task.id}/progress", data={  # read-only: the form is refused
        "csrf_token": csrf_token(page), "version": task.version, "status": "in_progress", "progress": 70, "note": ""})
    assert refused.status_code == 403
    assert db.session.get(Task, task.id).progress != 70
    assert client.get("/admin/users").status_code == 403
    client.post("/units/leave", data={"csrf_token": csrf_token(page)})
    assert task_ids_listed(client) == set(world["home_tasks"])


def test_a_ward_user_cannot_visit_and_nobody_visits_a_unit_without_its_own_plan(client, today):
    world = two_units(today)
    sign_in(client, "leader@tinh.gov.vn")
    page = client.get("/units/").get_data(as_text=True)
    province = db.session.scalar(select(Unit.id).where(Unit.own.is_(True)))
    assert client.post(f"/units/{province}/visit", data={"csrf_token": csrf_token(page)}).status_code == 404
    sign_out(client)
    sign_in(client, "admin@phuong.gov.vn")
    page = client.get("/tasks/").get_data(as_text=True)
    assert client.post(f"/units/{world['ward']}/visit", data={"csrf_token": csrf_token(page)}).status_code == 403


def test_giving_a_unit_its_workspace_from_the_units_page(client, today):
    two_units(today)
    other = factories.assessment("Xã Hai", 2025).unit
    db.session.commit()
    sign_in(client, "admin@tinh.gov.vn")
    form = client.get(f"/units/{other.id}/open").get_data(as_text=True)
    data = {"csrf_token": csrf_token(form), "name": "Quản trị xã", "email": "Admin@XaHai.gov.vn",
            "password": factories.PASSWORD}
    assert client.post(f"/units/{other.id}/open", data=data).status_code == 302
    admin = db.session.scalar(select(User).where(User.email == "admin@xahai.gov.vn"))
    assert admin.role == "admin" and admin.unit_id == other.id and db.session.get(Unit, other.id).runs_own_plan
    again = client.post(f"/units/{other.id}/open", data={**data, "email": "b@xahai.gov.vn"})
    assert again.status_code == 422 and "Xã Hai đã tự theo dõi kế hoạch" in again.get_data(as_text=True)
    # A unit whose plan the province already follows keeps it there.
    followed = factories.assessment("Xã Ba", 2025)
    plans.generate_plan(followed, "9/KH-UBND", today, today + timedelta(days=30), actor="test")
    db.session.commit()
    refused = client.post(f"/units/{followed.unit_id}/open", data={**data, "email": "c@xaba.gov.vn"})
    assert refused.status_code == 422 and "9/KH-UBND" in refused.get_data(as_text=True)
    assert db.session.scalar(select(User.id).where(User.email == "c@xaba.gov.vn")) is None


def test_only_the_provinces_admins_give_a_unit_its_workspace(client, today):
    world = two_units(today)
    for email in ("leader@tinh.gov.vn", "admin@phuong.gov.vn", "vp@tinh.gov.vn"):
        sign_in(client, email)
        assert client.get(f"/units/{world['ward']}/open").status_code == 403, email
        sign_out(client)


def test_the_command_line_works_in_the_named_units_workspace(app, runner, today):
    world = two_units(today)
    result = runner.invoke(args=["tracker", "create-user", "ke.toan@phuong.gov.vn", "--name", "Kế toán",
                                 "--role", "department", "--department", "VP", "--unit", WARD, "--password-stdin"],
                           input=factories.PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    made = db.session.scalar(select(User).where(User.email == "ke.toan@phuong.gov.vn"))
    assert made.unit_id == world["ward"] and made.department_id == world["ward_vp"]
    refused = runner.invoke(args=["tracker", "create-user", "x@x.gov.vn", "--name", "X", "--role", "leader",
                                  "--unit", "UBND tỉnh Thử", "--password-stdin"], input=factories.PASSWORD + "\n")
    assert refused.exit_code == 2 and "not a unit that runs its own plan" in refused.output
    projection = runner.invoke(args=["tracker", "projection", "--unit", WARD, "--year", "2025", "--json"])
    assert projection.exit_code == 0 and '"unit": "Phường Một"' in projection.output


def test_the_ward_admin_reaches_nothing_of_the_provinces_by_id_or_shared(app, client, today):
    """Evidence, criteria sets (shared by every unit scored on them) and the province's menus."""
    world = two_units(today)
    evidence = Evidence(task_id=world["home_tasks"][0], original_name="bien-ban.pdf", stored_name="a" * 32,
                        content_type="application/pdf", size=10, sha256="0" * 64)
    db.session.add(evidence)
    db.session.commit()
    path = Path(evidence_service.path_of(app.config["UPLOAD_DIR"], evidence.stored_name))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4 x")
    sign_in(client, "admin@tinh.gov.vn")
    own = client.get(f"/tasks/evidence/{evidence.id}")  # the province's own admin: its file
    assert own.status_code == 200 and own.data == b"%PDF-1.4 x"
    own.close()
    sign_out(client)
    sign_in(client, "admin@phuong.gov.vn")
    assert client.get(f"/tasks/evidence/{evidence.id}").status_code == 404
    task = db.session.get(Task, world["ward_tasks"][0])
    page = client.get(f"/criteria/{task.criterion_id}")
    assert page.status_code == 200
    refused = client.post(f"/criteria/{task.criterion_id}", data={"csrf_token": csrf_token(page.get_data(as_text=True)),
                                                                  "scale": "≥ 90: 2; < 90: 0"})
    assert refused.status_code == 403
    home = client.get("/").get_data(as_text=True)
    assert 'href="/imports/"' not in home and 'href="/outbox"' not in home and 'href="/admin/users"' in home
    documents = client.get("/admin/documents")
    assert documents.status_code == 200 and WARD.upper() in documents.get_data(as_text=True).upper()


def commune_with_its_workspace():
    """Xã Hai: results of 2025, no plan, its own workspace and admin (admin@xahai.gov.vn)."""
    commune = factories.assessment("Xã Hai", 2025)
    unit_workspaces.open_workspace(commune.unit, email="admin@xahai.gov.vn", name="Quản trị xã",
                                   password=factories.PASSWORD, actor="test")
    db.session.commit()
    return commune


def test_a_new_units_admin_makes_its_plan_with_its_own_rules(client, today):
    """Xã Hai gets its workspace; its admin adds a department and a rule, then makes the plan
    from its results: the tasks are led by the commune's department, not the province's VP."""
    two_units(today)
    commune = commune_with_its_workspace()
    sign_in(client, "admin@xahai.gov.vn")
    form = client.get("/admin/departments/new").get_data(as_text=True)
    client.post("/admin/departments/new", data={"csrf_token": csrf_token(form), "code": "VP",
                                                "name": "Văn phòng xã", "emails": "", "active": "y"})
    form = client.get("/admin/rules/new").get_data(as_text=True)
    assert client.post("/admin/rules/new", data={"csrf_token": csrf_token(form), "code": "1", "lead": "VP",
                                                 "title": "", "product": ""}).status_code == 302
    plans_page = client.get("/plans/").get_data(as_text=True)
    assert "Xã Hai" in plans_page and WARD not in plans_page and "UBND tỉnh Thử" not in plans_page
    form = client.get(f"/plans/new/{commune.id}").get_data(as_text=True)
    response = client.post(f"/plans/new/{commune.id}", data={
        "csrf_token": csrf_token(form), "number": "3/KH-UBND", "issued_on": today.strftime("%d/%m/%Y"),
        "default_deadline": (today + timedelta(days=40)).strftime("%d/%m/%Y"), "target_classification": ""})
    assert response.status_code == 302
    tasks = db.session.scalars(select(Task).join(Task.plan).where(Task.plan.has(assessment_id=commune.id))).all()
    assert tasks and {t.lead_department.name for t in tasks} == {"Văn phòng xã"}
    # The province's admin cannot make a plan for the commune's results: they are the commune's.
    sign_out(client)
    sign_in(client, "admin@tinh.gov.vn")
    assert client.get(f"/plans/new/{commune.id}").status_code == 404


def test_exports_are_the_workspaces_own(client, today):
    """The ward's admin downloads the ward's plan (issued by the ward, in its name) and reports;
    the province's plan and self-assessment are not there for it."""
    import io

    from docx import Document
    world = two_units(today)
    sign_in(client, "admin@phuong.gov.vn")
    response = client.get(f"/plans/{world['ward_plan']}/export.docx")
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.data)).paragraphs)
    assert WARD.upper() in text.upper() and "5/KH-UBND" in text and "UBND TỈNH THỬ" not in text.upper()
    assert client.get(f"/plans/{world['ward_plan']}/export.xlsx").status_code == 200
    for url in (f"/plans/{world['home_plan']}/export.docx", f"/plans/{world['home_plan']}/export.xlsx",
                f"/plans/{world['home_plan']}/self-assessment", f"/plans/{world['home_plan']}/text"):
        assert client.get(url).status_code == 404, url
    reports = client.get("/reports/").get_data(as_text=True)
    assert "5/KH-UBND" in reports and "1/KH-UBND" not in reports


def test_a_units_admin_is_told_by_when_to_issue_its_plan(client, today):
    """Setting the plans' due date tells the admins of each unit that runs its own plan and has
    no plan for those results yet, once per date; a unit given its workspace later is told too."""
    from tracker.models import Notification
    two_units(today)  # the ward already has its plan: it is not told
    commune_with_its_workspace()
    sign_in(client, "admin@tinh.gov.vn")
    page = client.get("/units/").get_data(as_text=True)
    due = today + timedelta(days=20)
    for _ in range(2):  # the same date twice: told once
        assert client.post("/units/plan-deadline", data={"csrf_token": csrf_token(page), "year": "2025",
                                                         "due_on": due.strftime("%d/%m/%Y")}).status_code == 302
    told = db.session.scalars(select(Notification).where(Notification.kind == "plan_due")).all()
    assert [n.recipient for n in told] == ["admin@xahai.gov.vn"]
    assert f"trước ngày {due:%d/%m/%Y}" in told[0].subject and "Xã Hai" in told[0].body_text
    later = factories.assessment("Xã Ba", 2025)
    db.session.commit()
    form = client.get(f"/units/{later.unit_id}/open").get_data(as_text=True)
    client.post(f"/units/{later.unit_id}/open", data={"csrf_token": csrf_token(form), "name": "Quản trị Xã Ba",
                                                      "email": "admin@xaba.gov.vn", "password": factories.PASSWORD})
    assert db.session.scalar(select(Notification.id).where(Notification.kind == "plan_due",
                                                           Notification.recipient == "admin@xaba.gov.vn"))


def test_each_units_admins_get_their_own_plans_digest(app, today):
    """The weekly digest: the ward's admin reads the ward's plan; the province's admins and
    leaders read every plan (the province follows its units)."""
    from tracker.notify import digests
    two_units(today)
    monday = today - timedelta(days=today.weekday())
    built = digests.build(monday, app.config)
    leaders = {m.recipient: m for m in built.messages if m.key.startswith("digest:leaders")}
    ward = leaders["admin@phuong.gov.vn"]
    assert "5/KH-UBND" in ward.body_text and "1/KH-UBND" not in ward.body_text
    province = leaders["admin@tinh.gov.vn"]
    assert WARD in province.body_text and "UBND tỉnh Thử" in province.body_text
    assert "leader@tinh.gov.vn" in leaders and "vp@phuong.gov.vn" not in leaders


def test_overdue_tasks_are_escalated_to_their_own_units_admins_and_leaders(app, today):
    from tracker.domain.workdays import is_working_day
    from tracker.notify import reminders
    world = two_units(today)
    day = today
    while not is_working_day(day):
        day += timedelta(days=1)
    for key in ("home_tasks", "ward_tasks"):
        db.session.get(Task, world[key][0]).deadline = day - timedelta(days=60)
    db.session.commit()
    run = reminders.build(day, app.config)
    told = {m.recipient: m.body_text for m in run.messages if m.kind == "escalation"}
    ward_code, home_code = (f"/tasks/{world[key][0]}\n" for key in ("ward_tasks", "home_tasks"))
    assert ward_code in told["admin@phuong.gov.vn"] and home_code not in told["admin@phuong.gov.vn"]
    assert home_code in told["admin@tinh.gov.vn"] and ward_code not in told["admin@tinh.gov.vn"]
    assert home_code in told["leader@tinh.gov.vn"]


def test_two_units_requests_in_turn_each_see_only_their_own(client, today):
    """The filter's SQL is built once and cached by SQLAlchemy, each unit's id a parameter of
    it: requests of two units' admins and of the province's, in turn, each list their own
    workspace's tasks and departments, never those of the workspace served just before."""
    world = two_units(today)
    commune = commune_with_its_workspace()
    with workspace.working_in(workspace.Workspace(commune.unit_id)):
        departments.save_department(None, "test", code="VP", name="Văn phòng xã Hai", emails="")
        _plan, commune_tasks = plans.generate_plan(commune, "3/KH-UBND", today, today + timedelta(days=40), actor="test")
    db.session.commit()
    expected = {"admin@phuong.gov.vn": (set(world["ward_tasks"]), {world["ward_vp"]}),
                "admin@xahai.gov.vn": ({t.id for t in commune_tasks}, None),
                "admin@tinh.gov.vn": (set(world["home_tasks"]), {world["home_vp"]})}
    tokens = {}
    for email in expected:
        user = db.session.scalar(select(User).where(User.email == email))
        tokens[email] = user.issue_api_token()
    db.session.commit()
    for _ in range(3):
        for email, (tasks, vps) in expected.items():
            headers = {"Authorization": f"Bearer {tokens[email]}"}
            listed = {i["id"] for i in client.get("/api/v1/tasks?per_page=200", headers=headers).get_json()["items"]}
            assert listed == tasks, email
            codes = client.get("/api/v1/departments", headers=headers).get_json()
            names = {d["name"] for d in (codes["items"] if isinstance(codes, dict) else codes)}
            own = {d.name for d in db.session.scalars(select(Department).where(
                Department.unit_id == (None if email == "admin@tinh.gov.vn" else
                                       (world["ward"] if email == "admin@phuong.gov.vn" else commune.unit_id))))}
            assert names == own, email


@pytest.mark.parametrize("email", ["admin@tinh.gov.vn", "leader@tinh.gov.vn"])
def test_the_provinces_admins_and_leaders_read_a_unit_through_the_api(client, today, email):
    """`?unit=ID` with a token: the ward's tasks, a task and its projection, read-only."""
    world = two_units(today)
    user = db.session.scalar(select(User).where(User.email == email))
    headers = {"Authorization": f"Bearer {user.issue_api_token()}"}
    db.session.commit()
    ward = world["ward"]
    listed = client.get(f"/api/v1/tasks?per_page=200&unit={ward}", headers=headers).get_json()["items"]
    assert {i["id"] for i in listed} == set(world["ward_tasks"])
    task_id = world["ward_tasks"][0]
    assert client.get(f"/api/v1/tasks/{task_id}?unit={ward}", headers=headers).status_code == 200
    assert client.get(f"/api/v1/tasks/{task_id}", headers=headers).status_code == 404  # not without it
    version = db.session.get(Task, task_id).version
    refused = client.patch(f"/api/v1/tasks/{task_id}?unit={ward}", json={"progress": 40, "version": version},
                           headers=headers)
    assert refused.status_code == 403 and db.session.get(Task, task_id).progress == 0
    home = {i["id"] for i in client.get("/api/v1/tasks?per_page=200", headers=headers).get_json()["items"]}
    assert home == set(world["home_tasks"])  # its own workspace again on the next call


@pytest.mark.parametrize("email, unit", [("vp@tinh.gov.vn", "ward"), ("admin@phuong.gov.vn", "home"),
                                         ("admin@tinh.gov.vn", "nobody"), ("admin@tinh.gov.vn", "text")])
def test_only_the_provinces_admins_and_leaders_read_a_unit_that_runs_its_own_plan(client, today, email, unit):
    world = two_units(today)
    home_unit = db.session.scalar(select(Unit.id).where(Unit.name == "UBND tỉnh Thử"))
    asked = {"ward": world["ward"], "home": home_unit, "nobody": 99999, "text": "một"}[unit]
    user = db.session.scalar(select(User).where(User.email == email))
    headers = {"Authorization": f"Bearer {user.issue_api_token()}"}
    db.session.commit()
    response = client.get(f"/api/v1/tasks?unit={asked}", headers=headers)
    assert response.status_code == (403 if unit in ("ward", "home") else 404), response.get_json()
    assert "error" in response.get_json()


def test_plans_and_tasks_keep_the_workspace_they_are_followed_in(app, today):
    """Stamped when they are made, whoever makes them: a plan in its unit's workspace, a task
    (a split's new part too) in its plan's; the filter reads that column (workspace._criteria)."""
    from tracker.models import Plan
    from tracker.services import tasks as task_service
    ids = two_units(today)
    ward_admin = db.session.scalar(select(User).where(User.email == "admin@phuong.gov.vn"))
    with workspace.working_in(workspace.Workspace(ids["ward"])):
        task = db.session.get(Task, ids["ward_tasks"][0])
        _kept, new = task_service.split_task(task, ward_admin, task.version, [
            task_service.SplitPart("Phần một", None, 60), task_service.SplitPart("Phần hai", None, 40)])
        db.session.commit()
    assert db.session.get(Plan, ids["ward_plan"]).workspace_id == ids["ward"]
    assert db.session.get(Plan, ids["home_plan"]).workspace_id is None
    assert new.workspace_id == ids["ward"] and new.id not in ids["ward_tasks"]
    by_workspace = dict(db.session.execute(select(Task.id, Task.workspace_id)).all())
    assert {by_workspace[i] for i in ids["ward_tasks"]} == {ids["ward"]}
    assert {by_workspace[i] for i in ids["home_tasks"]} == {None}


def test_the_migration_fills_in_the_workspace_of_plans_and_tasks_made_before_it(app, today):
    """Taken back to the revision before the column and forward again: every plan and task
    gets its unit's workspace from the data alone."""
    from flask_migrate import downgrade, upgrade
    from tracker.models import Plan
    two_units(today)
    plans_before = dict(db.session.execute(select(Plan.id, Plan.workspace_id)).all())
    tasks_before = dict(db.session.execute(select(Task.id, Task.workspace_id)).all())
    assert set(plans_before.values()) == {None, db.session.scalar(select(Unit.id).where(Unit.name == WARD))}
    db.session.commit()
    db.session.remove()
    downgrade(revision="fbb27c4b21e2")
    upgrade()
    assert dict(db.session.execute(select(Plan.id, Plan.workspace_id)).all()) == plans_before
    assert dict(db.session.execute(select(Task.id, Task.workspace_id)).all()) == tasks_before
