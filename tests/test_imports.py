"""Importing from the command line: every accepted layout stored right, every error rejected
with exit 2, its row number, and nothing written (CONTRACT §3, §4)."""
import pytest
from sqlalchemy import func, select

from tests.sheets import csv_text, xlsx
from tracker.extensions import db
from tracker.models import (Assessment, AuditEvent, CriteriaSet, Criterion, CriterionResult,
                            RankingEntry, Task, Unit)
from tracker.services import plans

UNIT = "UBND xã Đức Phú"
HEADER = ["STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm tối đa", "Điểm tự đánh giá",
          "Điểm thẩm định", "Ghi chú"]
# 10 points: field 1 (6) with 1.1 split in two, field 2 (4). Appraised total 7.25.
DOTTED = [
    HEADER,
    ["1", "Công tác chỉ đạo, điều hành CCHC", 6, None, None, None],
    ["1.1", "Kế hoạch CCHC", 3, None, None, None],
    ["1.1.1", "Ban hành kế hoạch đúng hạn", 1, 1, 1, None],
    ["1.1.2", "Mức độ hoàn thành kế hoạch", 2, 2, 1.5, "Hoàn thành 78%"],
    ["1.2", "Báo cáo CCHC", 3, 3, 2, "Báo cáo chậm"],
    ["2", "Tác động của CCHC", 4, None, None, None],
    ["2.1", "Mức độ hài lòng", 4, 3, 2.75, None],
]
ROMAN = [
    HEADER,
    ["I", "Công tác chỉ đạo, điều hành CCHC", 6, None, None, None],
    ["1", "Kế hoạch CCHC", 3, None, None, None],
    ["1.1", "Ban hành kế hoạch đúng hạn", 1, 1, 1, None],
    ["1.2", "Mức độ hoàn thành kế hoạch", 2, 2, 1.5, "Hoàn thành 78%"],
    ["2", "Báo cáo CCHC", 3, 3, 2, "Báo cáo chậm"],
    ["II", "Tác động của CCHC", 4, None, None, None],
    ["1", "Mức độ hài lòng", 4, 3, 2.75, None],
]


def counts():
    return tuple(db.session.scalar(select(func.count()).select_from(model))
                 for model in (Unit, CriteriaSet, Criterion, Assessment, CriterionResult, RankingEntry, AuditEvent))


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return str(path)


def import_results(runner, path, *extra, unit=UNIT, year="2025"):
    return runner.invoke(args=["tracker", "import-results", path, "--unit", unit, "--year", year, *extra])


def stored(unit=UNIT, year=2025):
    a = db.session.scalar(select(Assessment).join(Unit).where(Unit.name == unit, Assessment.year == year))
    results = {r.criterion.code: r for r in a.results}
    return a, results


def reordered(rows):
    """Columns in another order, with an unknown column: note, appraised, code, extra, self, max, title."""
    order = [5, 4, 0, None, 3, 2, 1]
    return [[(r[i] if i is not None else ("Cột lạ" if n == 0 else "x")) for i in order] for n, r in enumerate(rows)]


def with_title_rows(rows):
    return [["UBND TỈNH BÌNH THUẬN"], ["KẾT QUẢ CHẤM ĐIỂM CHỈ SỐ CCHC NĂM 2025"], [], ["Đơn vị: điểm"], []] + rows


def decimal_commas(rows):
    return [[str(c).replace(".", ",") if isinstance(c, float) else c for c in r] for r in rows]


def with_total(rows):
    return rows + [["", "Tổng cộng", 10, 9, 7.25, None]]


LAYOUTS = {
    "dotted.xlsx": lambda: xlsx(DOTTED),
    "roman.xlsx": lambda: xlsx(ROMAN),
    "header-row-6.xlsx": lambda: xlsx(with_title_rows(DOTTED)),
    "reordered.xlsx": lambda: xlsx(reordered(DOTTED)),
    "decimal-commas.xlsx": lambda: xlsx(decimal_commas(DOTTED)),
    "total-row.xlsx": lambda: xlsx(with_total(DOTTED)),
    "plain.csv": lambda: csv_text(decimal_commas(ROMAN)).encode("utf-8"),
    "bom.csv": lambda: csv_text(with_title_rows(with_total(DOTTED))).encode("utf-8-sig"),
    "semicolon.csv": lambda: csv_text(decimal_commas(DOTTED), sep=";").encode("utf-8"),
}


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_each_accepted_layout_stores_the_same_tree_and_totals(app, runner, tmp_path, name):
    result = import_results(runner, write(tmp_path, name, LAYOUTS[name]()))
    assert result.exit_code == 0, result.output
    assert "7.25/10" in result.output
    a, results = stored()
    assert (a.total, a.max_score, a.classification) == (7.25, 10.0, "Khá")
    assert sorted(results) == ["1", "1.1", "1.1.1", "1.1.2", "1.2", "2", "2.1"]
    assert results["1.1.2"].appraised_score == 1.5 and results["1.1.2"].self_score == 2
    assert results["1.2"].note == "Báo cáo chậm"
    assert results["1"].appraised_score is None  # parents are derived, not stored
    criteria = {c.code: c for c in a.criteria_set.criteria}
    assert criteria["1.1.2"].parent.code == "1.1" and criteria["1.1"].parent.code == "1"
    assert criteria["1.1"].is_leaf is False and criteria["2.1"].is_leaf is True
    assert a.criteria_set.max_score == 10.0


REJECTIONS = {
    "unknown code": (DOTTED[:3] + [["1.a", "Sai mã", 1, 1, 1, None]] + DOTTED[4:], 4, "unknown code 1.a"),
    "duplicate code": (DOTTED + [["2.1", "Trùng", 1, 1, 1, None]], 9, "duplicate code 2.1"),
    "parent missing": (DOTTED + [["3.1", "Mồ côi", 1, 1, 1, None]], 9, "no parent 3"),
    "score below 0": ([r if r[0] != "1.2" else ["1.2", "Báo cáo CCHC", 3, 3, -1, None] for r in DOTTED], 6, "below 0"),
    "score above max": ([r if r[0] != "2.1" else ["2.1", "Hài lòng", 4, 3, 4.5, None] for r in DOTTED], 8, "above its maximum"),
    "parent max != sum": ([r if r[0] != "1" else ["1", "Chỉ đạo", 7, None, None, None] for r in DOTTED], 2, "add up to 6"),
    "non-numeric": ([r if r[0] != "1.1.1" else ["1.1.1", "Kế hoạch", 1, 1, "một", None] for r in DOTTED], 4, "not a number"),
    "empty leaf score": ([r if r[0] != "2.1" else ["2.1", "Hài lòng", 4, 3, None, None] for r in DOTTED], 8, "has no score"),
}


@pytest.mark.parametrize("rule", list(REJECTIONS))
def test_each_rejection_rule_exits_2_with_the_row_and_writes_nothing(app, runner, tmp_path, rule):
    rows, row, message = REJECTIONS[rule]
    before = counts()
    result = import_results(runner, write(tmp_path, "bad.xlsx", xlsx(rows)))
    assert result.exit_code == 2, result.output
    assert f"Row {row}:" in result.stderr and message in result.stderr, result.stderr
    assert "nothing was imported" in result.stderr
    assert counts() == before


@pytest.mark.parametrize("name, data, message", [
    ("empty.xlsx", b"", "the file is empty"),
    ("notes.xlsx", "Đây không phải bảng tính".encode(), "not a spreadsheet"),
    ("old.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 64, ".xlsx"),
    ("no-header.csv", "a,b,c\n1,2,3\n".encode(), "no header row"),
])
def test_unreadable_files_exit_2_with_a_clear_message(app, runner, tmp_path, name, data, message):
    before = counts()
    result = import_results(runner, write(tmp_path, name, data))
    assert result.exit_code == 2 and message in result.stderr, result.output
    assert counts() == before


def test_a_missing_file_exits_2(app, runner, tmp_path):
    result = import_results(runner, str(tmp_path / "nope.xlsx"))
    assert result.exit_code == 2 and "cannot read" in result.stderr


def test_reimport_needs_replace_and_keeps_tasks_linked_by_code(app, runner, tmp_path, today):
    path = write(tmp_path, "v1.xlsx", xlsx(DOTTED))
    assert import_results(runner, path).exit_code == 0
    a, _ = stored()
    plans.generate_plan(a, "1/KH-UBND", today, today, actor="test")
    db.session.commit()
    tasks_before = {t.criterion.code: t.id for t in db.session.scalars(select(Task))}
    assert sorted(tasks_before) == ["1.1.2", "1.2", "2.1"]

    second = [r if r[0] != "1.2" else ["1.2", "Báo cáo CCHC", 3, 3, 2.5, "Báo cáo chậm"] for r in DOTTED]
    path2 = write(tmp_path, "v2.xlsx", xlsx(second))
    before = counts()
    result = import_results(runner, path2)
    assert result.exit_code == 2 and "--replace" in result.stderr
    assert counts() == before

    result = import_results(runner, path2, "--replace")
    assert result.exit_code == 0, result.output
    a, results = stored()
    assert a.total == 7.75 and results["1.2"].appraised_score == 2.5
    assert db.session.scalar(select(func.count(Assessment.id))) == 1
    tasks = {t.criterion.code: t for t in db.session.scalars(select(Task))}
    assert {code: t.id for code, t in tasks.items()} == tasks_before
    assert tasks["1.2"].lost_points == 0.5 and tasks["1.2"].criterion.criteria_set_id == a.criteria_set_id
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "assessment.replace"))
    assert event.changes["total"] == [7.25, 7.75]


def test_results_checked_against_a_named_criteria_set(app, runner, tmp_path):
    criteria_only = [[r[0], r[1], r[2]] for r in DOTTED]
    criteria_only[0] = ["Mã tiêu chí", "Nội dung", "Điểm chuẩn"]
    result = runner.invoke(args=["tracker", "import-criteria", write(tmp_path, "set.xlsx", xlsx(criteria_only)),
                                 "--name", "Bộ chỉ số xã 2025", "--year", "2025", "--decision", "QĐ 1/QĐ-UBND"])
    assert result.exit_code == 0, result.output
    assert "7 criteria" in result.output
    assert import_results(runner, write(tmp_path, "r.xlsx", xlsx(DOTTED)),
                          "--criteria-set", "Bộ chỉ số xã 2025").exit_code == 0
    a, _ = stored()
    assert a.criteria_set.name == "Bộ chỉ số xã 2025" and a.criteria_set.decision == "QĐ 1/QĐ-UBND"

    other = [r if r[0] not in ("2", "2.1") else [r[0], r[1], 5, 3, 2.75, None] for r in DOTTED]
    before = counts()
    result = import_results(runner, write(tmp_path, "o.xlsx", xlsx(other)), "--criteria-set",
                            "Bộ chỉ số xã 2025", unit="UBND xã Khác")
    assert result.exit_code == 2
    assert "Row 7:" in result.stderr and "gives 4" in result.stderr
    assert counts() == before
    result = import_results(runner, write(tmp_path, "r2.xlsx", xlsx(DOTTED)), "--criteria-set", "Không có",
                            unit="UBND xã Khác")
    assert result.exit_code == 2 and "Không có" in result.stderr


def test_second_unit_with_the_same_tree_shares_the_generated_set(app, runner, tmp_path):
    path = write(tmp_path, "r.xlsx", xlsx(DOTTED))
    assert import_results(runner, path).exit_code == 0
    assert import_results(runner, path, unit="UBND xã Khác").exit_code == 0
    sets = db.session.scalars(select(CriteriaSet)).all()
    assert len(sets) == 2  # named per unit, never overwritten


def test_ranking_import_ranks_the_assessment(app, runner, tmp_path):
    assert import_results(runner, write(tmp_path, "r.xlsx", xlsx(DOTTED))).exit_code == 0
    ranking = [["BẢNG XẾP HẠNG"], ["Tên đơn vị", "Tổng điểm", "Điểm tối đa"],
               ["UBND xã A", "9,1", 10], [UNIT, "7,25", 10], ["UBND xã B", 7.25, 10], ["UBND xã C", 5, 10]]
    result = runner.invoke(args=["tracker", "import-ranking", write(tmp_path, "rank.xlsx", xlsx(ranking)),
                                 "--year", "2025"])
    assert result.exit_code == 0 and "4 units" in result.output
    a, _ = stored()
    assert (a.rank, a.rank_of) == (2, 4)  # a tie shares the better rank


def test_bad_ranking_exits_2_with_row_and_keeps_the_old_one(app, runner, tmp_path):
    good = [["Đơn vị", "Điểm"], ["UBND xã A", 80], ["UBND xã B", 70]]
    assert runner.invoke(args=["tracker", "import-ranking", write(tmp_path, "a.csv", csv_text(good)),
                               "--year", "2025"]).exit_code == 0
    bad = [["Đơn vị", "Điểm"], ["UBND xã A", 80], ["UBND xã B", 170]]
    result = runner.invoke(args=["tracker", "import-ranking", write(tmp_path, "b.csv", csv_text(bad)),
                                 "--year", "2025"])
    assert result.exit_code == 2 and "Row 3:" in result.stderr
    assert db.session.scalar(select(func.count(RankingEntry.id))) == 2


def test_year_out_of_range_exits_2(app, runner, tmp_path):
    result = import_results(runner, write(tmp_path, "r.xlsx", xlsx(DOTTED)), year="1800")
    assert result.exit_code == 2 and "1800" in result.stderr
