"""The dashboard for each role, and the audit log's filters."""
from datetime import timedelta

from sqlalchemy import select

from tests.conftest import csrf_token
from tracker.extensions import db
from tracker.models import Assessment, AuditEvent, Department, Plan, Task
from tracker.models.base import utcnow
from tracker.services import dashboard


def this_years_plan(today) -> int:
    """The plan the dashboard follows; last year's (closed) is in the demo too."""
    return db.session.scalar(select(Plan.id).join(Assessment).where(Assessment.year == today.year - 1))


def test_admin_dashboard_shows_the_projection_charts_and_departments(client, auth, demo):
    auth.login()
    page = client.get("/").get_data(as_text=True)
    for text in ("80,91", "80,9% · 23/34", "Đã xác nhận nội bộ", "Dự kiến", "Tối đa có thể", "Mục tiêu",
                 "Điểm bị mất và điểm khắc phục theo lĩnh vực", "Không cập nhật 14 ngày", "Đúng hạn",
                 "Sở Nội vụ", "Sở Tư pháp"):
        assert text in page, text
    assert page.count("<svg") == 2


def test_leader_sees_the_same_overview_read_only(client, auth, demo):
    auth.login("pct.lamdong@example.gov.vn")
    page = client.get("/").get_data(as_text=True)
    assert "Dự kiến" in page and "Phòng ban" in page and "/imports/" not in page


def test_department_dashboard_focuses_on_its_own_tasks(client, auth, demo, today):
    auth.login("stp.lamdong@example.gov.vn")
    page = client.get("/dashboard").get_data(as_text=True)  # `/` is their department's work (test_home)
    assert "Nhiệm vụ của Sở Tư pháp" in page
    tp = db.session.scalar(select(Department).where(Department.code == "STP"))
    summary = dashboard.summary(today, utcnow(), department_id=tp.id)
    own = db.session.scalars(select(Task).where(Task.lead_department_id == tp.id,
                                                Task.plan_id == this_years_plan(today))).all()
    assert summary.total_tasks == len(own) and summary.departments == []
    listed = summary.overdue + summary.due_soon + summary.stale
    assert listed and all(t.lead_department_id == tp.id for t in listed)  # not true of an empty list alone


def test_department_table_counts_and_on_time_rate(app, demo, today):
    summary = dashboard.summary(today, utcnow())
    tasks = db.session.scalars(select(Task).where(Task.status != "cancelled",
                                                  Task.plan_id == this_years_plan(today))).all()
    assert sum(r.tasks for r in summary.departments) == len(tasks)
    assert sum(r.done for r in summary.departments) == sum(t.status in ("done", "verified") for t in tasks)
    assert sum(r.overdue for r in summary.departments) == sum(t.is_overdue(today) for t in tasks)
    rates = [r.on_time_rate for r in summary.departments if r.on_time_rate is not None]
    assert rates and all(0 <= rate <= 100 for rate in rates)


def test_stale_tasks_are_open_ones_without_an_update_for_14_days(app, demo, today):
    now = utcnow()
    summary = dashboard.summary(today, now, limit=100)
    assert summary.stale
    for task in summary.stale:
        last = max([u.at for u in task.updates] or [task.created_at])
        assert last < now - timedelta(days=14) and task.status not in ("done", "verified", "cancelled")


def test_dashboard_without_data_explains_what_to_do(app, client, auth):
    from tests import factories
    factories.user("admin@example.gov.vn", "admin")
    db.session.commit()
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    # The unit is not set up: an admin lands on the set-up; the dashboard explains what to do.
    assert client.get("/").headers["Location"].endswith("/setup")
    page = client.get("/dashboard").get_data(as_text=True)
    assert "Chưa có kết quả chấm điểm" in page and "/imports/" in page


def test_audit_log_filters_by_action_person_record_and_date(client, auth, demo, today):
    auth.login()
    task = db.session.scalar(select(Task).where(Task.status == "in_progress"))
    page = client.get(f"/tasks/{task.id}").get_data(as_text=True)
    version = page.split('name="version" type="hidden" value="')[1].split('"')[0]
    client.post(f"/tasks/{task.id}/progress", data={"status": "in_progress", "progress": "77",
                                                    "version": version, "csrf_token": csrf_token(page)})
    rows = client.get("/admin/audit?action=task.progress&actor=admin@").get_data(as_text=True)
    assert "77" in rows and rows.count("<tr>") == 1 + 1  # header + one event
    assert "Task %d" % task.id in client.get(f"/admin/audit?entity=Task&entity_id={task.id}").get_data(as_text=True)
    tomorrow = (today + timedelta(days=1)).strftime("%d/%m/%Y")
    assert "Không có thay đổi nào khớp bộ lọc" in client.get(f"/admin/audit?since={tomorrow}").get_data(as_text=True)
    assert "task.progress" in client.get(f"/admin/audit?since={today:%d/%m/%Y}&until={today:%d/%m/%Y}").get_data(as_text=True)
    assert client.get("/admin/audit?since=abc&entity_id=x&page=-1").status_code == 200
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "task.progress")).changes["progress"][1] == 77
