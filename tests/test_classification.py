"""A unit the Ministry scores (a province, a ministry) gets a score, a percentage and a rank, no
classification; bands apply where the scoring body classifies, set per criteria set."""
from sqlalchemy import select

from tests import factories
from tests.conftest import csrf_token
from tests.sheets import xlsx
from tests.test_imports import DOTTED, write
from tracker.extensions import db
from tracker.models import Assessment, AuditEvent, CriteriaSet, Unit
from tracker.services import projection

PROVINCE = "UBND tỉnh Mẫu"


def test_results_of_a_province_have_no_classification_and_a_commune_keeps_its_bands(app, runner, tmp_path, today):
    db.session.add(Unit(name=PROVINCE, kind="province"))
    db.session.commit()
    path = write(tmp_path, "ket-qua.xlsx", xlsx(DOTTED))
    result = runner.invoke(args=["tracker", "import-results", path, "--unit", PROVINCE, "--year", "2025"])
    assert result.exit_code == 0, result.output
    assert "Imported UBND tỉnh Mẫu 2025: 7.25/10, 2.75 points lost" in result.output  # no class to print
    province = db.session.scalar(select(Assessment).join(Unit).where(Unit.name == PROVINCE))
    assert province.classification is None and province.criteria_set.bands == []
    p = projection.for_assessment(province, today)
    assert (p["baseline"], p["baseline_pct"], p["baseline_classification"], p["expected_classification"]) == (
        7.25, 72.5, None, None)
    result = runner.invoke(args=["tracker", "import-results", path, "--unit", "UBND xã Mẫu", "--year", "2025"])
    commune = db.session.scalar(select(Assessment).join(Unit).where(Unit.name == "UBND xã Mẫu"))
    assert commune.classification == "Khá" and "(Khá)" in result.output


def test_a_criteria_set_imported_without_classification(app, runner, tmp_path):
    path = write(tmp_path, "bo-chi-so.xlsx", xlsx([row[:3] for row in DOTTED]))
    result = runner.invoke(args=["tracker", "import-criteria", path, "--name", "Bộ chỉ số cấp tỉnh 2025",
                                 "--year", "2025", "--no-classification"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(CriteriaSet.bands)) == []


def test_an_admin_switches_a_sets_classification_on_the_results_page_and_it_is_audited(client, auth, app):
    factories.user("admin@example.gov.vn")
    assessment = factories.assessment()
    db.session.commit()
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    url = f"/assessments/{assessment.id}"
    page = client.get(url).get_data(as_text=True)
    assert 'id="classification"' in page and "· Khá" in page   # 7,5 of 10: 75 %
    response = client.post(url, data={"csrf_token": csrf_token(page)})  # the box left unticked
    assert response.status_code == 302
    db.session.refresh(assessment)
    assert assessment.classification is None and assessment.criteria_set.bands == []
    page = client.get(url).get_data(as_text=True)
    assert "Không xếp loại" in page and "· Khá" not in page
    client.post(url, data={"csrf_token": csrf_token(page), "classifies": "y"})
    db.session.refresh(assessment)
    assert assessment.classification == "Khá"
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "criteria_set.classification")).all()
    assert len(events) == 2


def test_a_department_officer_cannot_change_a_sets_classification(client, auth, app):
    factories.department("NV")
    factories.user("nv@example.gov.vn", "department", "NV")
    assessment = factories.assessment()
    db.session.commit()
    auth.login("nv@example.gov.vn", factories.PASSWORD)
    page = client.get(f"/assessments/{assessment.id}").get_data(as_text=True)
    assert 'id="classification"' not in page
    assert client.post(f"/assessments/{assessment.id}", data={"csrf_token": csrf_token(page)}).status_code == 403
