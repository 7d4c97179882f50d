"""The upload page and the assessment and ranking pages, through real HTTP."""
import io
import os

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.conftest import csrf_token
from tests.sheets import xlsx
from tests.test_imports import DOTTED, UNIT, counts
from tracker.extensions import db
from tracker.importers.ranking import parse_ranking
from tracker.importers.scoring import parse_scoring
from tracker.models import Assessment, AuditEvent, CriterionResult


@pytest.fixture
def admin(app, client, auth):
    factories.department("NV")
    factories.user("admin@example.gov.vn", "admin")
    factories.user("nv@example.gov.vn", "department", "NV")
    factories.user("leader@example.gov.vn", "leader")
    db.session.commit()
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    return client


def upload_results(client, data, filename="ket-qua.xlsx", unit=UNIT, year="2025", **extra):
    token = csrf_token(client.get("/imports/").get_data(as_text=True))
    form = {"results-file": (io.BytesIO(data), filename), "results-unit": unit, "results-year": year,
            "results-criteria_set": "", "results-csrf_token": token, **extra}
    return client.post("/imports/results", data=form, content_type="multipart/form-data")


def test_valid_upload_shows_the_assessment(admin):
    response = upload_results(admin, xlsx(DOTTED))
    assert response.status_code == 302
    page = admin.get(response.location).get_data(as_text=True)
    assert "7,25/10" in page and "Khá" in page
    assert "Mức độ hoàn thành kế hoạch" in page and "Hoàn thành 78%" in page
    assert "Điểm bị mất theo lĩnh vực" in page and "<svg" in page


def test_upload_with_errors_lists_each_with_its_row_and_saves_nothing(admin):
    rows = [r if r[0] != "2.1" else ["2.1", "Hài lòng", 4, 3, 4.5, None] for r in DOTTED]
    rows += [["3.1", "Mồ côi", 1, 1, 1, None]]
    before = counts()
    response = upload_results(admin, xlsx(rows))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Tệp chưa được nhập (2 lỗi)" in page
    assert "Dòng 8: điểm thẩm định 4.5 của 2.1 lớn hơn điểm tối đa 4" in page
    assert "Dòng 9: tiêu chí 3.1 không có tiêu chí cha 3" in page
    assert counts() == before


@pytest.mark.parametrize("data, filename, message", [
    (b"", "trong.xlsx", "tệp trống"),
    (b"%PDF-1.4 not a sheet", "ket-qua.xlsx", "không phải tệp .xlsx hợp lệ"),
    (b"%PDF-1.4", "ket-qua.pdf", "không hỗ trợ loại tệp .pdf"),
    (xlsx([["a", "b"], [1, 2]]), "ket-qua.xlsx", "không tìm thấy dòng tiêu đề"),
])
def test_unreadable_uploads_get_a_clear_message_never_a_500(admin, data, filename, message):
    before = counts()
    response = upload_results(admin, data, filename)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert counts() == before


def test_upload_without_a_file_or_with_a_bad_year_is_refused(admin):
    token = csrf_token(admin.get("/imports/").get_data(as_text=True))
    response = admin.post("/imports/results", data={"results-unit": UNIT, "results-year": "2025",
                                                    "results-csrf_token": token},
                          content_type="multipart/form-data")
    assert response.status_code == 422
    assert upload_results(admin, xlsx(DOTTED), year="năm").status_code == 422
    assert upload_results(admin, xlsx(DOTTED), year="1900").status_code == 422
    assert db.session.scalar(select(func.count(Assessment.id))) == 0


def test_reupload_asks_for_confirmation_then_replaces(app, admin):
    assert upload_results(admin, xlsx(DOTTED)).status_code == 302
    second = [r if r[0] != "1.2" else ["1.2", "Báo cáo CCHC", 3, 3, 3, None] for r in DOTTED]
    response = upload_results(admin, xlsx(second))
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Thay thế kết quả?" in page and "7,25/10" in page
    assert db.session.scalar(select(Assessment.total)) == 7.25  # nothing replaced yet
    token = page.split('name="token" type="hidden" value="')[1].split('"')[0]
    form = {name: page.split(f'name="{name}" type="hidden" value="')[1].split('"')[0]
            for name in ("token", "filename", "unit", "year", "csrf_token")}
    response = admin.post("/imports/results/confirm", data=form)
    assert response.status_code == 302
    assert db.session.scalar(select(Assessment.total)) == 8.25
    assert db.session.scalar(select(func.count(Assessment.id))) == 1
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "assessment.replace")) == 1
    assert not os.path.exists(os.path.join(app.instance_path, "pending_imports", token))
    # The same confirmation cannot be replayed.
    response = admin.post("/imports/results/confirm", data=form)
    assert response.status_code == 302 and response.location.endswith("/imports/")


def test_confirmation_with_a_forged_token_changes_nothing(admin):
    assert upload_results(admin, xlsx(DOTTED)).status_code == 302
    token = csrf_token(admin.get("/imports/").get_data(as_text=True))
    response = admin.post("/imports/results/confirm", data={
        "token": "../../etc/passwd", "filename": "x.xlsx", "unit": UNIT, "year": "2025", "csrf_token": token})
    assert response.status_code == 302
    assert db.session.scalar(select(func.count(CriterionResult.id))) == 7


@pytest.mark.parametrize("email", ["nv@example.gov.vn", "leader@example.gov.vn"])
def test_only_admins_import(app, client, auth, admin, email):
    auth.logout()
    auth.login(email, factories.PASSWORD)
    assert client.get("/imports/").status_code == 403
    token = csrf_token(client.get("/dashboard").get_data(as_text=True))
    response = client.post("/imports/results", data={
        "results-file": (io.BytesIO(xlsx(DOTTED)), "k.xlsx"), "results-unit": UNIT, "results-year": "2025",
        "results-csrf_token": token}, content_type="multipart/form-data")
    assert response.status_code == 403
    assert db.session.scalar(select(func.count(Assessment.id))) == 0


def test_templates_download_and_import_cleanly(admin):
    response = admin.get("/imports/template/results.xlsx")
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    parsed = parse_scoring(response.data, "mau.xlsx", need_scores=True)
    assert parsed.errors == [] and {r.code for r in parsed.rows} >= {"1", "1.1.2", "1.2"}
    assert [r.method for r in parsed.rows if r.code == "1.2"] == ["survey"]
    ranking = parse_ranking(admin.get("/imports/template/ranking.xlsx").data, "mau.xlsx")
    assert ranking.errors == [] and len(ranking.rows) == 3
    assert admin.get("/imports/template/other.xlsx").status_code == 404


def test_ranking_upload_shows_the_ranking_with_the_unit_highlighted(admin):
    upload_results(admin, xlsx(DOTTED))
    token = csrf_token(admin.get("/imports/").get_data(as_text=True))
    sheet = xlsx([["Tên đơn vị", "Tổng điểm", "Điểm tối đa"], ["UBND xã A", 9, 10], [UNIT, 7.25, 10]])
    response = admin.post("/imports/ranking", data={
        "ranking-file": (io.BytesIO(sheet), "xh.xlsx"), "ranking-year": "2025", "ranking-csrf_token": token},
        content_type="multipart/form-data")
    assert response.status_code == 302 and response.location.endswith("/rankings/2025")
    page = admin.get("/rankings/2025").get_data(as_text=True)
    assert 'class="highlight"' in page and page.index("UBND xã A") < page.index(UNIT)
    assert db.session.scalar(select(Assessment.rank)) == 2


def test_assessment_page_compares_with_the_year_before(client, auth, demo):
    auth.login()
    a = db.session.scalar(select(Assessment).order_by(Assessment.year.desc()))
    page = client.get(f"/assessments/{a.id}").get_data(as_text=True)
    assert "80,91/100" in page and "So với năm" in page and "+3,53" in page
    assert "23/34" in page  # the year before was ranked among the 63 provinces: not in the demo
    assert "Thay đổi theo lĩnh vực" in page


def test_assessment_list_and_unknown_pages(client, auth, demo):
    auth.login("snv.lamdong@example.gov.vn")
    page = client.get("/assessments/").get_data(as_text=True)
    assert "UBND tỉnh Lâm Đồng" in page and "23/34" in page
    assert client.get("/assessments/9999").status_code == 404
    assert "Chưa nhập bảng xếp hạng năm 1999" in client.get("/rankings/1999").get_data(as_text=True)
