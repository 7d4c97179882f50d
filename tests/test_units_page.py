"""The units page (the province's view of every unit's plan) and its .xlsx: hand-computed
figures that are the unit's own projection, who may read it, filters and order, and a query
count that does not grow with the units."""
import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests import factories
from tests.conftest import count_statements, log_in
from tracker.extensions import db
from tracker.models import Task
from tracker.models.base import utcnow
from tracker.services import plans


def province(today, units: int = 2):
    """Units "Xã 1" … with the small tree's results (7.5 of 10, 1.1 and 1.2 lost); "Xã 1" has a
    plan: 1.1 (1 point) verified, 1.2 (1.5 points) half done and past its deadline, its last
    update three weeks ago. The others have no plan."""
    lead = factories.department("VP")
    assessments = [factories.assessment(f"Xã {n}", 2025) for n in range(1, units + 1)]
    plan, tasks = plans.generate_plan(assessments[0], "12/KH-UBND", today - timedelta(days=60),
                                      today + timedelta(days=60), actor="test")
    by_code = {t.criterion.code: t for t in tasks}
    by_code["1.1"].status, by_code["1.1"].progress = "verified", 100
    late = by_code["1.2"]
    late.status, late.progress, late.lead_department = "in_progress", 50, lead
    late.deadline = today - timedelta(days=3)
    late.created_at = utcnow() - timedelta(days=21)
    factories.user("admin@example.gov.vn", "admin")
    factories.user("leader@example.gov.vn", "leader")
    factories.user("officer@example.gov.vn", "department", "VP")
    db.session.commit()
    return assessments, plan


def test_each_unit_shows_its_plan_tasks_and_the_figures_of_its_own_projection(client, today):
    assessments, plan = province(today)
    log_in(client, "admin@example.gov.vn")
    html = client.get("/units/").get_data(as_text=True)
    assert 'data-page="units.index"' in html
    first, second = html.index("Xã 1"), html.index("Xã 2")
    assert second < first  # behind first: no plan comes before overdue tasks
    row = html[first:html.index("</tr>", first)]
    assert "12/KH-UBND" in row
    # 2 tasks, 1 done, 1 overdue, 1 stale; last year 7.5/10; expected 7.5 + 1 + 1.5 × 50% = 9.25.
    for text in ('data-label="Nhiệm vụ">2<', 'data-label="Đã hoàn thành">1 ', 'data-label="Quá hạn">1<',
                 ">1</td>", "7,5/10", "9,25 · 92,5%"):
        assert text in row, (text, row)
    assert "Chưa có kế hoạch" in html[second:html.index("</tr>", second)]
    assert "2 đơn vị chậm" in html
    # The same figures as the unit's own projection (one computation).
    projection = client.get(f"/api/v1/assessments/{assessments[0].id}/projection").get_json()
    assert projection["expected"] == 9.25 and projection["tasks"]["overdue"] == 1


def test_filters_and_order(client, today):
    province(today, units=3)
    log_in(client, "admin@example.gov.vn")
    by_name = client.get("/units/?sort=unit").get_data(as_text=True)
    assert by_name.index("Xã 1") < by_name.index("Xã 2") < by_name.index("Xã 3")
    lowest = client.get("/units/?sort=expected").get_data(as_text=True)
    assert lowest.index("Xã 2") < lowest.index("Xã 1")  # 75% before 92.5%
    found = client.get("/units/?q=xã 3").get_data(as_text=True)
    assert "Xã 3" in found and "Xã 1" not in found
    none = client.get("/units/?q=Phường").get_data(as_text=True)
    assert "Không có đơn vị nào phù hợp với bộ lọc." in none
    from tracker.services.unit_overview import SORTS
    for sort in SORTS:  # every order the page offers lists every unit, in SQL on both databases
        listed = client.get(f"/units/?sort={sort}&behind=1").get_data(as_text=True)
        assert all(f">Xã {n}<" in listed for n in (1, 2, 3)), sort
    issued = client.get("/units/?sort=issued").get_data(as_text=True)
    assert issued.index(">Xã 1<") < issued.index(">Xã 2<") < issued.index(">Xã 3<")  # none last, by name
    # Unknown values fall back to the defaults rather than failing.
    assert client.get("/units/?sort=%27;drop&kind=planet&behind=yes&page=-4").status_code == 200
    assert client.get("/units/?q=%00").status_code == 400


def test_each_page_continues_the_order_and_a_renamed_unit_moves(client, today):
    """The database orders and pages the units (by the stored sort keys): page 2 of one unit a
    page is the second unit, and a unit renamed is listed under its new name at once."""
    from tracker.models import Unit
    province(today, units=3)
    log_in(client, "admin@example.gov.vn")

    def alone(url):
        html = client.get(url).get_data(as_text=True)
        return [name for name in ("Xã 1", "Xã 2", "Xã 3", "Xã 9") if f">{name}<" in html]
    assert [alone(f"/units/?sort=unit&per_page=1&page={n}") for n in (1, 2, 3)] == [["Xã 1"], ["Xã 2"], ["Xã 3"]]
    assert alone("/units/?sort=unit&per_page=1&page=99") == ["Xã 3"]  # past the end: the last page
    # Behind first: the two without a plan, by name, then Xã 1 with its overdue task.
    assert [alone(f"/units/?per_page=1&page={n}") for n in (1, 2, 3)] == [["Xã 2"], ["Xã 3"], ["Xã 1"]]
    assert "3 đơn vị chậm" in client.get("/units/?per_page=1&page=3").get_data(as_text=True)
    db.session.scalar(select(Unit).where(Unit.name == "Xã 1")).name = "Xã 9"
    db.session.commit()
    assert [alone(f"/units/?sort=unit&per_page=1&page={n}") for n in (1, 2, 3)] == [["Xã 2"], ["Xã 3"], ["Xã 9"]]
    only_behind = client.get("/units/?behind=1&sort=overdue&per_page=1").get_data(as_text=True)
    assert ">Xã 9<" in only_behind and "3 đơn vị chậm" in only_behind


def test_the_xlsx_holds_every_row_as_filtered(client, today):
    province(today, units=3)
    log_in(client, "admin@example.gov.vn")
    response = client.get("/units/units.xlsx?sort=unit&per_page=1")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.data)).active
    header = [c.value for c in sheet[3]]
    assert header[:3] == ["STT", "Đơn vị", "Năm đánh giá"] and "Điểm dự kiến" in header
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=4)]
    assert [r[1] for r in rows] == ["Xã 1", "Xã 2", "Xã 3"]  # every unit, not one page
    first = dict(zip(header, rows[0]))
    assert first["Kế hoạch"] == "12/KH-UBND" and first["Nhiệm vụ"] == 2 and first["Quá hạn"] == 1
    assert first["Điểm dự kiến"] == 9.25 and first["Ngày ban hành"].date() == today - timedelta(days=60)
    assert dict(zip(header, rows[1]))["Kế hoạch"] == "Chưa ban hành"
    behind = load_workbook(io.BytesIO(client.get("/units/units.xlsx?behind=1").data)).active
    assert behind.max_row == 3 + 3  # all three are behind (one overdue, two without a plan)


@pytest.mark.parametrize("email, status", [("leader@example.gov.vn", 200), ("officer@example.gov.vn", 403)])
def test_admins_and_leaders_read_it_and_officers_do_not(client, today, email, status):
    province(today)
    log_in(client, email)
    assert client.get("/units/").status_code == status
    assert client.get("/units/units.xlsx").status_code == status
    assert ('href="/units/"' in client.get("/tasks/").get_data(as_text=True)) is (status == 200)


def test_anonymous_readers_are_sent_to_log_in(client, today):
    province(today)
    for url in ("/units/", "/units/units.xlsx"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_an_installation_without_results_says_what_to_do(client):
    factories.user("admin@example.gov.vn", "admin")
    db.session.commit()
    log_in(client, "admin@example.gov.vn")
    html = client.get("/units/").get_data(as_text=True)
    assert "Chưa có đơn vị nào có kết quả" in html and 'href="/imports/"' in html


def test_the_queries_do_not_grow_with_the_units(client, today):
    """Both when the figures are computed (the first view, or after a plan changed) and when
    they are read back from the store (services/stored_figures)."""
    province(today, units=2)
    log_in(client, "admin@example.gov.vn")
    client.get("/tasks/")
    small_cold, _ = count_statements(client, "/units/?sort=unit")
    small_warm, _ = count_statements(client, "/units/?sort=unit")
    for n in range(3, 9):
        a = factories.assessment(f"Xã {n}", 2025)
        plans.generate_plan(a, f"{n}/KH-UBND", today, today + timedelta(days=30), actor="test")
    db.session.commit()
    assert db.session.scalar(select(Task.id).limit(1)) is not None
    big_cold, response = count_statements(client, "/units/?sort=unit")
    big_warm, _ = count_statements(client, "/units/?sort=unit")
    assert (big_cold, big_warm) == (small_cold, small_warm) and "Xã 8" in response.get_data(as_text=True)
    assert small_warm < small_cold  # the tasks are read only when the figures are computed


def test_the_plans_due_date_set_by_the_coordinating_body(client, today):
    """Sở Nội vụ sets by when the plans for the 2025 results are due: a unit without a plan after
    it is late, one whose plan came after it too, and the .xlsx carries the date."""
    from tests.conftest import csrf_token
    province(today, units=2)  # Xã 1's plan was issued 60 days ago; Xã 2 has none
    log_in(client, "admin@example.gov.vn")
    page = client.get("/units/").get_data(as_text=True)
    due = today - timedelta(days=61)
    response = client.post("/units/plan-deadline", data={"csrf_token": csrf_token(page), "year": "2025",
                                                         "due_on": due.strftime("%d/%m/%Y")})
    assert response.status_code == 302
    html = client.get("/units/?sort=unit").get_data(as_text=True)
    first = html[html.index("Xã 1"):html.index("</tr>", html.index("Xã 1"))]
    second = html[html.index("Xã 2"):html.index("</tr>", html.index("Xã 2"))]
    assert f"hạn {due:%d/%m/%Y} (trễ hạn)" in first  # issued a day after its due date
    assert f"hạn {due:%d/%m/%Y} (trễ hạn)" in second  # none yet, past its due date
    sheet = load_workbook(io.BytesIO(client.get("/units/units.xlsx?sort=unit").data)).active
    header = [c.value for c in sheet[3]]
    assert sheet.cell(row=4, column=header.index("Hạn ban hành") + 1).value.date() == due
    # A date that cannot be the plans' is refused with a message; nothing changes.
    refused = client.post("/units/plan-deadline", data={"csrf_token": csrf_token(page), "year": "2025",
                                                        "due_on": "01/01/2030"})
    assert refused.status_code == 422 and "không phải ngày 01/01/2030" in refused.get_data(as_text=True)
    assert f"hạn {due:%d/%m/%Y}" in client.get("/units/").get_data(as_text=True)
    missing = client.post("/units/plan-deadline", data={"csrf_token": csrf_token(page), "year": "2019",
                                                       "due_on": "01/03/2019"})
    assert missing.status_code == 422 and "Chưa có kết quả năm 2019." in missing.get_data(as_text=True)


@pytest.mark.parametrize("email", ["leader@example.gov.vn", "officer@example.gov.vn"])
def test_only_admins_set_the_plans_due_date(client, today, email):
    from tests.conftest import csrf_token
    province(today)
    log_in(client, email)
    page = client.get("/tasks/").get_data(as_text=True)
    response = client.post("/units/plan-deadline", data={"csrf_token": csrf_token(page), "year": "2025",
                                                         "due_on": "15/03/2026"})
    assert response.status_code == 403


def test_a_unit_is_ranked_only_in_a_ranking_it_is_in(client, today):
    """The year's ranking holds Xã 1 and two other communes, not Xã 2: Xã 1 gets a projected rank
    among them, Xã 2 none (not a rank among units it is not ranked with), on the page and in
    the API alike."""
    from tracker.importers.ranking import RankingRow
    from tracker.services import assessments as assessment_service
    found, _plan = province(today)
    assessment_service.save_ranking(2025, [RankingRow(unit="Xã 1", score=75.0, max_score=100.0),
                                           RankingRow(unit="Xã Ba", score=95.0, max_score=100.0),
                                           RankingRow(unit="Xã Bốn", score=50.0, max_score=100.0)], actor="test")
    db.session.commit()
    log_in(client, "admin@example.gov.vn")
    html = client.get("/units/?sort=unit").get_data(as_text=True)
    first = html[html.index("Xã 1"):html.index("</tr>", html.index("Xã 1"))]
    second = html[html.index("Xã 2"):html.index("</tr>", html.index("Xã 2"))]
    assert 'data-label="Xếp hạng dự kiến">2/3<' in first  # 92.5% between 95 and 50
    assert 'data-label="Xếp hạng dự kiến">—<' in second
    api = client.get(f"/api/v1/assessments/{found[1].id}/projection").get_json()
    assert api["projected_rank"] is None and api["rank_of"] is None
    assert client.get(f"/api/v1/assessments/{found[0].id}/projection").get_json()["projected_rank"] == 2


def test_the_stored_projected_rank_follows_a_new_ranking(client, today):
    """The figures, projected rank included, are stored on the first view; importing the year's
    ranking, importing it again with other scores, or without the unit, outdates them at once."""
    from tracker.importers.ranking import RankingRow
    from tracker.services import assessments as assessment_service
    province(today)
    log_in(client, "admin@example.gov.vn")

    def rank_of_xa_1():
        html = client.get("/units/?sort=unit").get_data(as_text=True)
        row = html[html.index("Xã 1"):html.index("</tr>", html.index("Xã 1"))]
        return row[row.index('data-label="Xếp hạng dự kiến">') + len('data-label="Xếp hạng dự kiến">'):].split("<")[0]
    assert rank_of_xa_1() == "—"
    for better_peer, rank in ((95.0, "2/3"), (80.0, "1/3")):
        assessment_service.save_ranking(2025, [RankingRow(unit="Xã 1", score=75.0, max_score=100.0),
                                               RankingRow(unit="Xã Ba", score=better_peer, max_score=100.0),
                                               RankingRow(unit="Xã Bốn", score=50.0, max_score=100.0)], actor="test")
        db.session.commit()
        assert rank_of_xa_1() == rank  # 92.5% expected: below 95, above 80
    # Ranked no more (its assessment's own rank is left as it was): no projected rank either.
    assessment_service.save_ranking(2025, [RankingRow(unit="Xã Ba", score=80.0, max_score=100.0),
                                           RankingRow(unit="Xã Bốn", score=50.0, max_score=100.0)], actor="test")
    db.session.commit()
    assert rank_of_xa_1() == "—"
