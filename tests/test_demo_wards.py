"""`make run`'s demo (issue 23): the province with two wards and two sở that run their own plan
here, each with its own admin, officers and plan; the province's admin reads them from the units page."""
import re

from sqlalchemy import select

from tests.conftest import csrf_token, log_in
from tracker.extensions import db
from tracker.models import Assessment, Department, Plan, Task, Unit

PASSWORD = "demo1234"
WARDS = ("UBND phường Mũi Né", "UBND phường Xuân Hương - Đà Lạt")
SO_PLANS = {"Sở Tư pháp tỉnh Lâm Đồng": "52/KH-STP", "Sở Y tế tỉnh Lâm Đồng": "48/KH-SYT"}


def load_demo(runner) -> str:
    result = runner.invoke(args=["tracker", "demo", "--with-wards"])
    assert result.exit_code == 0, result.output
    return result.output


def units_page_rows(client, names) -> dict[str, str]:
    """Each unit's row on the province admin's units page, by unit name."""
    log_in(client, "admin@example.gov.vn", PASSWORD)
    units = client.get("/units/?sort=unit").get_data(as_text=True)
    client.post("/logout", data={"csrf_token": csrf_token(units)})
    return {name: units[units.index(name):units.index("</tr>", units.index(name))] for name in names}


def assert_lists_only_its_units_tasks(client, email: str, unit: Unit) -> None:
    """The officer lists its unit's tasks, all of them and nothing else, led by its unit's departments."""
    log_in(client, email, PASSWORD)
    listed = client.get("/api/v1/tasks?per_page=200").get_json()["items"]
    own = set(db.session.scalars(select(Task.id).join(Plan).join(Assessment).where(Assessment.unit_id == unit.id)))
    assert listed and {item["id"] for item in listed} == own
    departments = {d.code for d in db.session.scalars(select(Department).where(Department.unit_id == unit.id))}
    assert {item["lead_department"] for item in listed} <= departments


def test_the_demo_with_wards(app, runner, client):
    output = load_demo(runner)
    assert "two wards and two sở with their own plans" in output and "quantri.muine@example.gov.vn" in output
    own_plans = db.session.scalars(select(Unit).where(Unit.runs_own_plan.is_(True))).all()
    assert sorted(u.name for u in own_plans) == sorted(WARDS + tuple(SO_PLANS))

    for name, row in units_page_rows(client, WARDS).items():
        assert "45/KH-UBND" in row and "Xem kế hoạch của đơn vị" in row, row
        # Ranked among the province's wards (a group of their own), not among the provinces.
        assert re.search(r'data-label="Xếp hạng dự kiến">\d+/20<', row), row

    ward = db.session.scalar(select(Unit).where(Unit.name == WARDS[1]))
    assert_lists_only_its_units_tasks(client, "vp.xuanhuong@example.gov.vn", ward)


def test_the_demo_with_two_so_running_their_own_plan(app, runner, client):
    """Two sở run their own plan beside the wards: each a department of the province with its plan
    and tasks, ranked among the province's 18 sở, ban, ngành; a sở's officer sees its sở's tasks only."""
    output = load_demo(runner)
    assert "vp.sotuphap@example.gov.vn" in output and "vp.muine@example.gov.vn" in output
    so = {u.name: u for u in db.session.scalars(select(Unit).where(Unit.name.in_(SO_PLANS)))}
    assert set(so) == set(SO_PLANS)
    for name, unit in so.items():
        assert unit.runs_own_plan and unit.kind == "department"
        plan = db.session.scalar(select(Plan).join(Assessment).where(Assessment.unit_id == unit.id))
        assert plan.number == SO_PLANS[name]
        assert db.session.scalar(select(Task.id).where(Task.plan_id == plan.id).limit(1)) is not None

    for name, row in units_page_rows(client, SO_PLANS).items():
        assert SO_PLANS[name] in row and "Xem kế hoạch của đơn vị" in row, row
        # Ranked among the sở, ban, ngành (a group of their own), not among the wards or the provinces.
        assert re.search(r'data-label="Xếp hạng dự kiến">\d+/18<', row), row

    assert_lists_only_its_units_tasks(client, "vp.soyte@example.gov.vn", so["Sở Y tế tỉnh Lâm Đồng"])
