"""`make run`'s demo (issue 23): the province with two wards that run their own plan here, each
with its own admin, officers and plan; the province's admin reads them from the units page."""
import re

from sqlalchemy import select

from tests.conftest import csrf_token, log_in
from tracker.extensions import db
from tracker.models import Assessment, Department, Plan, Task, Unit

PASSWORD = "demo1234"
WARDS = ("UBND phường Mũi Né", "UBND phường Xuân Hương - Đà Lạt")


def test_the_demo_with_wards(app, runner, client):
    result = runner.invoke(args=["tracker", "demo", "--with-wards"])
    assert result.exit_code == 0, result.output
    assert "two wards with their own plans" in result.output and "quantri.muine@example.gov.vn" in result.output
    wards = db.session.scalars(select(Unit).where(Unit.runs_own_plan.is_(True))).all()
    assert sorted(u.name for u in wards) == sorted(WARDS)

    log_in(client, "admin@example.gov.vn", PASSWORD)
    units = client.get("/units/?sort=unit").get_data(as_text=True)
    for name in WARDS:
        row = units[units.index(name):units.index("</tr>", units.index(name))]
        assert "45/KH-UBND" in row and "Xem kế hoạch của đơn vị" in row, row
        # Ranked among the province's wards (a group of their own), not among the provinces.
        assert re.search(r'data-label="Xếp hạng dự kiến">\d+/20<', row), row
    client.post("/logout", data={"csrf_token": csrf_token(units)})

    # A ward's officer lists its ward's tasks, all of them and nothing else.
    ward = db.session.scalar(select(Unit).where(Unit.name == WARDS[1]))
    log_in(client, "vp.xuanhuong@example.gov.vn", PASSWORD)
    listed = client.get("/api/v1/tasks?per_page=200").get_json()["items"]
    own = set(db.session.scalars(select(Task.id).join(Plan).join(Assessment).where(Assessment.unit_id == ward.id)))
    assert listed and {item["id"] for item in listed} == own
    departments = {d.code for d in db.session.scalars(select(Department).where(Department.unit_id == ward.id))}
    assert {item["lead_department"] for item in listed} <= departments
