"""A province publishes one ranking per group of peers (its communes, its sở): a unit is ranked
among its own group, in its stored rank, its projected rank (API, units page) and the ranking
page; importing one group keeps the others; a unit in two groups is refused."""
from datetime import timedelta

from sqlalchemy import func, select

from tests import factories
from tests.conftest import log_in
from tracker.extensions import db
from tracker.importers.ranking import RankingRow
from tracker.models import RankingEntry
from tracker.services import assessments, plans

COMMUNES, DEPARTMENTS = "Xã, phường, đặc khu", "Sở, ban, ngành"


def rank(*pairs):
    return [RankingRow(unit=name, score=score, max_score=100.0, row=n + 2) for n, (name, score) in enumerate(pairs)]


def world(today):
    """Xã 1 (75% last year; a plan bringing it to 92.5%) among three communes; two sở beside them,
    one at 95% and one at 50%."""
    commune = factories.assessment("Xã 1", 2025)
    plan, tasks = plans.generate_plan(commune, "1/KH-UBND", today - timedelta(days=30), today + timedelta(days=60),
                                      actor="test")
    by_code = {t.criterion.code: t for t in tasks}
    by_code["1.1"].status, by_code["1.1"].progress = "verified", 100
    by_code["1.2"].progress, by_code["1.2"].status = 50, "in_progress"
    assessments.save_ranking(2025, rank(("Xã 1", 75.0), ("Xã Hai", 90.0), ("Xã Ba", 60.0)), actor="test",
                             group=COMMUNES)
    assessments.save_ranking(2025, rank(("Sở Tư pháp", 95.0), ("Sở Y tế", 50.0)), actor="test", group=DEPARTMENTS)
    factories.user("admin@example.gov.vn")
    db.session.commit()
    return commune


def test_a_commune_is_ranked_among_the_communes_only(client, today):
    commune = world(today)
    assert (commune.rank, commune.rank_of) == (2, 3)  # 90 > 75 > 60: the sở are not its peers
    log_in(client, "admin@example.gov.vn")
    projection = client.get(f"/api/v1/assessments/{commune.id}/projection").get_json()
    assert projection["expected"] == 9.25 and (projection["projected_rank"], projection["rank_of"]) == (1, 3)
    units = client.get("/units/").get_data(as_text=True)
    assert 'data-label="Xếp hạng dự kiến">1/3<' in units
    page = client.get("/rankings/2025").get_data(as_text=True)
    assert COMMUNES in page and DEPARTMENTS in page
    assert page.index("Xã Hai") < page.index("Xã 1") < page.index("Xã Ba")


def test_importing_one_group_keeps_the_others_and_a_unit_is_in_one_group(app, runner, tmp_path, today):
    world(today)
    sheet = tmp_path / "xep-hang.csv"
    sheet.write_text("Đơn vị,Tổng điểm\nXã 1,80\nXã Hai,70\n", encoding="utf-8")
    result = runner.invoke(args=["tracker", "import-ranking", str(sheet), "--year", "2025", "--group", COMMUNES])
    assert result.exit_code == 0, result.output
    groups = dict(db.session.execute(select(RankingEntry.group, func.count()).where(RankingEntry.year == 2025)
                                     .group_by(RankingEntry.group)).all())
    assert groups == {COMMUNES: 2, DEPARTMENTS: 2}
    sheet.write_text("Đơn vị,Tổng điểm\nSở Nội vụ,88\nXã Hai,70\n", encoding="utf-8")
    refused = runner.invoke(args=["tracker", "import-ranking", str(sheet), "--year", "2025", "--group", DEPARTMENTS])
    assert refused.exit_code == 2 and "Xã Hai" in refused.output and COMMUNES in refused.output
    assert db.session.scalar(select(func.count()).select_from(RankingEntry).where(
        RankingEntry.group == DEPARTMENTS)) == 2  # nothing changed
