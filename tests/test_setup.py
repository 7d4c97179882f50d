"""First set-up without the demo: `tracker setup`, the set-up page, and plans that never leave a
task without a lead department silently (CONTRACT §3)."""
import pytest
from sqlalchemy import delete, func, select

from tests.conftest import csrf_token
from tests.sheets import xlsx
from tracker.domain.starter import SETUP_KINDS, starter
from tracker.extensions import db
from tracker.models import AuditEvent, Department, Plan, PlanningRule, Task, Unit

UNIT = "UBND tỉnh Lâm Đồng"
SETUP = ["tracker", "setup", "--unit", UNIT, "--kind", "province", "--place", "Lâm Đồng",
         "--issuing-body", "UBND TỈNH LÂM ĐỒNG"]
HEADER = ["STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm tối đa", "Điểm tự đánh giá",
          "Điểm thẩm định", "Ghi chú"]
FIELDS = ["Công tác chỉ đạo, điều hành CCHC", "Cải cách thể chế", "Cải cách thủ tục hành chính",
          "Cải cách tổ chức bộ máy", "Cải cách chế độ công vụ", "Cải cách tài chính công",
          "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số", "Tác động của CCHC"]


def province_sheet() -> bytes:
    """Eight fields, each with a leaf at full marks and a leaf that lost points."""
    rows = [HEADER]
    for n, title in enumerate(FIELDS, start=1):
        rows += [[str(n), title, 4, None, None, None],
                 [f"{n}.1", f"Tiêu chí {n}.1 đạt đủ", 2, 2, 2, None],
                 [f"{n}.2", f"Báo cáo tiêu chí {n}.2 đúng hạn", 2, 2, 1, "Báo cáo chậm"]]
    return xlsx(rows)


def import_and_generate(runner, tmp_path):
    sheet = tmp_path / "ket-qua-2025.xlsx"
    sheet.write_bytes(province_sheet())
    result = runner.invoke(args=["tracker", "import-results", str(sheet), "--unit", UNIT, "--year", "2025"])
    assert result.exit_code == 0, result.output
    return runner.invoke(args=["tracker", "generate-plan", "--unit", UNIT, "--year", "2025",
                               "--number", "12/KH-UBND", "--issued", "2026-04-10",
                               "--deadline", "2026-12-15"])


def test_province_setup_with_starter_gives_every_task_a_lead_and_worded_actions(app, runner, tmp_path):
    result = runner.invoke(args=[*SETUP, "--starter"])
    assert result.exit_code == 0, result.output
    assert "UBND tỉnh Lâm Đồng" in result.output
    unit = db.session.scalar(select(Unit).where(Unit.own.is_(True)))
    assert (unit.name, unit.kind, unit.place, unit.issuing_body) == (
        UNIT, "province", "Lâm Đồng", "UBND TỈNH LÂM ĐỒNG")
    codes = set(db.session.scalars(select(Department.code)))
    assert {"SNV", "STP", "VPUB", "TTPVHCC", "STC", "SKHCN"} <= codes
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "unit.setup.create")) == 1

    generated = import_and_generate(runner, tmp_path)
    assert generated.exit_code == 0, generated.output
    assert "no lead department" not in generated.output
    tasks = db.session.scalars(select(Task)).all()
    assert len(tasks) == 8 and all(t.lead_department is not None for t in tasks)
    by_code = {t.criterion.code: t for t in tasks}
    assert by_code["2.2"].lead_department.code == "STP"
    assert by_code["3.2"].lead_department.code == "VPUB"
    assert [d.code for d in by_code["3.2"].supporting_departments] == ["TTPVHCC"]
    assert by_code["6.2"].lead_department.code == "STC"
    assert by_code["7.2"].lead_department.code == "SKHCN"
    assert by_code["8.2"].lead_department.code == "SNV"
    assert len(by_code["8.2"].supporting_departments) == len(codes) - 1  # all the others
    # The wording is the action the loss reason ("Báo cáo chậm") calls for, not "Khắc phục: …",
    # and never the criterion's title after a colon (the appendix shows it in its own column).
    assert by_code["2.2"].title == "Bảo đảm báo cáo tiêu chí 2.2 đúng hạn"
    assert not any(": " in t.title or t.title.startswith("Khắc phục") for t in tasks)


def test_without_rules_the_cli_names_the_ownerless_tasks_and_exits_0(app, runner, tmp_path, client, auth):
    assert runner.invoke(args=SETUP).exit_code == 0  # no --starter: no departments, no rules
    assert db.session.scalar(select(func.count(PlanningRule.id))) == 0
    result = import_and_generate(runner, tmp_path)
    assert result.exit_code == 0, result.output
    assert "8 tasks have no lead department: 1.2, 2.2, 3.2, 4.2, 5.2, 6.2, 7.2, 8.2" in result.output
    # The dashboard and the plan page say so, with the way to assign them.
    admin_logged_in(app, auth)
    page = client.get("/").get_data(as_text=True)
    assert "8 nhiệm vụ chưa có cơ quan chủ trì" in page and "lead=none" in page
    plan = db.session.scalar(select(Plan))
    assert "8 nhiệm vụ chưa có cơ quan chủ trì" in client.get(f"/plans/{plan.id}").get_data(as_text=True)


def test_starter_rules_removed_leave_ownerless_tasks_that_the_cli_reports(app, runner, tmp_path):
    assert runner.invoke(args=[*SETUP, "--starter"]).exit_code == 0
    db.session.execute(delete(PlanningRule).where(PlanningRule.code.in_(["6", "7"])))
    db.session.commit()
    result = import_and_generate(runner, tmp_path)
    assert result.exit_code == 0
    assert "2 tasks have no lead department: 6.2, 7.2" in result.output


def test_setup_twice_exits_2_and_changes_nothing(app, runner):
    assert runner.invoke(args=SETUP).exit_code == 0
    again = runner.invoke(args=["tracker", "setup", "--unit", "UBND xã Khác", "--kind", "commune",
                                "--place", "Khác", "--issuing-body", "UBND XÃ KHÁC", "--starter"])
    assert again.exit_code == 2
    assert "already set up for UBND tỉnh Lâm Đồng" in again.output
    assert db.session.scalar(select(func.count(Unit.id))) == 1
    assert db.session.scalar(select(func.count(Department.id))) == 0


@pytest.mark.parametrize("args, message", [
    (["--unit", " ", "--kind", "province", "--place", "X", "--issuing-body", "X"], "name is required"),
    (["--unit", "U", "--kind", "district", "--place", "X", "--issuing-body", "X"], "Invalid value for '--kind'"),
    (["--unit", "U" * 201, "--kind", "province", "--place", "X", "--issuing-body", "X"], "at most 200"),
])
def test_bad_setup_input_exits_2_and_writes_nothing(app, runner, args, message):
    result = runner.invoke(args=["tracker", "setup", *args, "--starter"])
    assert result.exit_code == 2
    assert message in result.output
    assert db.session.scalar(select(func.count(Unit.id))) == 0
    assert db.session.scalar(select(func.count(Department.id))) == 0


def test_a_unit_brought_in_by_an_import_becomes_the_own_unit(app, runner, tmp_path):
    sheet = tmp_path / "r.xlsx"
    sheet.write_bytes(province_sheet())
    assert runner.invoke(args=["tracker", "import-results", str(sheet), "--unit", UNIT, "--year", "2025"]).exit_code == 0
    assert runner.invoke(args=[*SETUP, "--starter"]).exit_code == 0
    units = db.session.scalars(select(Unit)).all()
    assert len(units) == 1 and units[0].own and units[0].kind == "province"


@pytest.mark.parametrize("kind", SETUP_KINDS)
def test_every_kind_has_a_consistent_starter(kind):
    departments, rules = starter(kind)
    codes = {d.code for d in departments}
    assert len(codes) == len(departments) >= 4
    for rule in rules:
        assert rule.lead in codes
        assert all(c in codes or c == "*" for c in rule.supporting.split(",") if c)
        assert "{criterion}" in rule.wording or "{code}" in rule.wording


# --- The set-up page ----------------------------------------------------------------------

def admin_logged_in(app, auth):
    from tests import factories
    factories.user("admin@example.gov.vn", "admin", password="demo1234")
    db.session.commit()
    return auth.login()


def post_form(client, url, data, button):
    page = client.get(url)
    return client.post(url, data={**data, "csrf_token": csrf_token(page.get_data(as_text=True)), button: "1"})


UNIT_FIELDS = {"name": "UBND phường Phan Thiết", "kind": "commune", "place": "Phan Thiết",
               "issuing_body": "UBND PHƯỜNG PHAN THIẾT"}


def test_the_page_offers_the_kinds_starter_for_editing_then_saves_what_was_kept(app, client, auth):
    admin_logged_in(app, auth)
    review = post_form(client, "/setup", UNIT_FIELDS, "review")
    html = review.get_data(as_text=True)
    assert review.status_code == 200
    assert 'value="Văn phòng HĐND và UBND"' in html and 'value="TTPVHCC"' in html
    # Keep the starter but rename one department, leave one out, add one, and reword field 3.
    departments, rules = starter("commune")
    data = dict(UNIT_FIELDS)
    for i, d in enumerate(departments):
        data |= {f"departments-{i}-code": d.code, f"departments-{i}-name": d.name}
        if d.code != "KT":
            data[f"departments-{i}-keep"] = "y"
    data |= {"departments-1-code": "KT", "departments-1-name": "Phòng Kinh tế, Hạ tầng và Đô thị",
             "departments-1-keep": "y",
             "departments-4-code": "CA", "departments-4-name": "Công an phường", "departments-4-keep": "y"}
    for i, r in enumerate(rules):
        data |= {f"rules-{i}-code": r.code, f"rules-{i}-lead": r.lead, f"rules-{i}-supporting": r.supporting,
                 f"rules-{i}-wording": r.wording, f"rules-{i}-keep": "y"}
    data["rules-2-wording"] = "Rà soát, công khai thủ tục: {criterion} năm {year}"
    saved = post_form(client, "/setup", data, "save")
    assert saved.status_code == 302 and saved.headers["Location"].endswith("/imports/")
    unit = db.session.scalar(select(Unit).where(Unit.own.is_(True)))
    assert (unit.name, unit.kind, unit.issuing_body) == ("UBND phường Phan Thiết", "commune", "UBND PHƯỜNG PHAN THIẾT")
    names = dict(db.session.execute(select(Department.code, Department.name)).all())
    assert names["KT"] == "Phòng Kinh tế, Hạ tầng và Đô thị" and names["CA"] == "Công an phường"
    assert len(names) == 5
    rule = db.session.scalar(select(PlanningRule).where(PlanningRule.code == "3"))
    assert rule.task_title == "Rà soát, công khai thủ tục: {criterion} năm {year}"
    assert rule.lead_department.code == "TTPVHCC"
    # Set up: the page says so and offers no second set-up.
    again = client.get("/setup").get_data(as_text=True)
    assert "UBND phường Phan Thiết" in again and 'name="save"' not in again


@pytest.mark.parametrize("lead, wording, message", [
    ("KT", "Làm {criterion}", "Quy tắc 1: không có cơ quan KT."),  # KT was left out
    ("VP", "Làm {tieu_chi}", "Không có trường thay thế {tieu_chi}"),
    ("VP", "Làm {code:>10000000}", "Viết trường thay thế {code}, không kèm định dạng"),  # 10 MB of spaces a task
    ("VP", "Làm {criterion!r}", "Viết trường thay thế {criterion}, không kèm định dạng"),
    ("VP", "Làm {code.__class__}", "Không có trường thay thế {code.__class__}"),
], ids=["left-out-department", "unknown-placeholder", "format-spec", "conversion", "attribute"])
def test_a_bad_rule_is_refused_with_its_reason_and_nothing_is_saved(app, client, auth, lead, wording, message):
    admin_logged_in(app, auth)
    data = dict(UNIT_FIELDS) | {"departments-0-code": "VP", "departments-0-name": "Văn phòng", "departments-0-keep": "y",
                                "rules-0-code": "1", "rules-0-lead": lead, "rules-0-keep": "y",
                                "rules-0-wording": wording}
    refused = post_form(client, "/setup", data, "save")
    assert refused.status_code == 422
    assert message in refused.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Unit.id))) == 0
    assert db.session.scalar(select(func.count(Department.id))) == 0


def test_only_admins_reach_the_setup_page(app, client, auth):
    from tests import factories
    factories.department("VP")
    factories.user("vp@example.gov.vn", "department", "VP", password="demo1234")
    db.session.commit()
    assert client.get("/setup").status_code == 302  # to the login page
    auth.login("vp@example.gov.vn")
    assert client.get("/setup").status_code == 403


def test_after_setup_the_import_page_proposes_the_own_unit(app, client, auth, runner):
    assert runner.invoke(args=SETUP).exit_code == 0
    admin_logged_in(app, auth)
    page = client.get("/imports/").get_data(as_text=True)
    assert 'value="UBND tỉnh Lâm Đồng"' in page


def test_an_admin_of_an_installation_not_set_up_lands_on_the_setup(app, client, auth, runner):
    admin = admin_logged_in(app, auth)
    assert admin.headers["Location"] == "/setup"
    assert "Thiết lập đơn vị" in client.get("/setup").get_data(as_text=True)
    assert runner.invoke(args=SETUP).exit_code == 0
    assert client.get("/").status_code == 200  # set up: the dashboard


def test_five_admins_setting_up_at_once_set_up_once_and_each_gets_a_clear_answer(app):
    """The partial unique index on units.own makes a second own unit impossible; the admins who
    lost the race are told so (422) or shown the unit already set up (200), none gets a 500."""
    from tests import factories
    from tests.test_concurrency import ADMIN, admins, at_once
    factories.user(ADMIN)
    db.session.commit()
    data = dict(UNIT_FIELDS) | {"departments-0-code": "VP", "departments-0-name": "Văn phòng",
                                "departments-0-keep": "y", "rules-0-code": "1", "rules-0-lead": "VP",
                                "rules-0-keep": "y", "rules-0-wording": "Làm {criterion}", "save": "1"}
    answers = at_once(admins(app), "/setup", "/setup", data)
    statuses = sorted(status for status, _ in answers)
    assert len(statuses) == 5 and statuses.count(302) == 1 and set(statuses) <= {200, 302, 422}, answers
    db.session.expire_all()
    assert db.session.scalar(select(func.count(Unit.id)).where(Unit.own.is_(True))) == 1
    assert db.session.scalar(select(func.count(Department.id))) == 1
    assert db.session.scalar(select(func.count(PlanningRule.id))) == 1


def test_the_database_refuses_a_second_own_unit(app):
    from sqlalchemy.exc import IntegrityError
    db.session.add_all([Unit(name="UBND tỉnh A", own=True), Unit(name="UBND tỉnh B", own=True)])
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
