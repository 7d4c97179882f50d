"""The province's results for every unit it scores, in one workbook as it publishes them (issue
23, cascade): one sheet per group, the criteria as rows and one column of scores per unit. One
import creates each unit's assessment and each group's ranking, all or nothing, and tells the
admins of units that run their own plan here by when to issue it."""
import io
from datetime import timedelta

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from tests import factories
from tests.conftest import csrf_token, log_in
from tracker.extensions import db
from tracker.models import Assessment, CriteriaSet, Notification, PlanDeadline, RankingEntry, Unit
from tracker.services import unit_workspaces

SO, XA = "Sở, ban, ngành", "Xã, phường, đặc khu"
TREE = [["1", "Công tác chỉ đạo, điều hành CCHC", 3, None],
        ["1.1", "Ban hành kế hoạch CCHC năm đúng thời hạn", 1, None],
        ["1.2", "Mức độ hoàn thành kế hoạch CCHC năm", 2, None],
        ["2", "Mức độ hài lòng của người dân", 2, "Điều tra XHH"]]
SO_SCORES = {"Sở Tư pháp tỉnh Thử": (1, 1.5, 1.8), "Sở Y tế tỉnh Thử": (1, 2, 1.6), "Sở Xây dựng tỉnh Thử": (0.5, 1, 1)}
XA_SCORES = {"UBND phường Một": (0.5, 1.5, 1.9), "UBND xã Hai": (1, 1, 1.7)}


def sheet(book, title, scores, tree=TREE, extra_header=("Ghi chú",)):
    ws = book.create_sheet(title)
    ws.append(["KẾT QUẢ CHỈ SỐ CCHC NĂM 2025"])  # a title above the header, as published
    ws.append(["STT", "Tiêu chí", "Điểm tối đa", "Phương pháp", *scores, *extra_header])
    leaves = {"1.1": 0, "1.2": 1, "2": 2}
    for row in tree:
        ws.append([*row, *(s[leaves[row[0]]] if row[0] in leaves else None for s in scores.values())])
    ws.append(["", "Tổng cộng", 5, None, *(sum(s) for s in scores.values())])
    return ws


def workbook(so=SO_SCORES, xa=XA_SCORES, edit=None) -> bytes:
    book = Workbook()
    book.remove(book.active)
    sheet(book, SO, so)
    sheet(book, XA, xa)
    book.create_sheet("Hướng dẫn").append(["Mỗi nhóm một trang tính."])
    if edit:
        edit(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def run(runner, tmp_path, data: bytes, *options, name="ket-qua-2025.xlsx"):
    path = tmp_path / name
    path.write_bytes(data)
    return runner.invoke(args=["tracker", "import-unit-results", str(path), "--year", "2025", *options])


def count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_one_workbook_creates_every_units_results_and_each_groups_ranking(app, runner, tmp_path):
    result = run(runner, tmp_path, workbook())
    assert result.exit_code == 0, result.output
    assert "Imported the 2025 results of 5 units in 2 group(s)" in result.output
    assert "Hướng dẫn" in result.output  # the notes sheet is named as skipped, not silently dropped
    units = {u.name: u for u in db.session.scalars(select(Unit))}
    assert units["Sở Tư pháp tỉnh Thử"].kind == "department" and units["UBND xã Hai"].kind == "commune"
    found = {a.unit.name: a for a in db.session.scalars(select(Assessment).where(Assessment.year == 2025))}
    assert set(found) == set(SO_SCORES) | set(XA_SCORES)
    # 1 + 1.5 + 1.8 of 5; the parents' scores come from the leaves, not from the "Tổng cộng" row.
    assert found["Sở Tư pháp tỉnh Thử"].total == pytest.approx(4.3) and found["Sở Tư pháp tỉnh Thử"].max_score == 5
    # Ranked within each group: Sở Y tế 4.6 > Sở Tư pháp 4.3 > Sở Xây dựng 2.5; the wards apart.
    assert [(found[n].rank, found[n].rank_of) for n in SO_SCORES] == [(2, 3), (1, 3), (3, 3)]
    assert [(found[n].rank, found[n].rank_of) for n in XA_SCORES] == [(1, 2), (2, 2)]
    groups = dict(db.session.execute(select(RankingEntry.group, func.count()).group_by(RankingEntry.group)).all())
    assert groups == {SO: 3, XA: 2}
    # Both sheets share one tree: one criteria set serves both groups; its survey leaf is marked.
    sets = db.session.scalars(select(CriteriaSet)).all()
    assert len(sets) == 1 and {c.code: c.method for c in sets[0].criteria if c.is_leaf}["2"] == "survey"


def test_any_error_names_its_sheet_unit_and_row_and_nothing_is_written(app, runner, tmp_path):
    def spoil(book):
        book[SO]["F5"] = "một"  # Sở Y tế's 1.2 (row 5) is not a number
        book[XA]["E4"] = 3       # UBND phường Một's 1.1 (row 4) above its maximum 1
    result = run(runner, tmp_path, workbook(edit=spoil))
    assert result.exit_code == 2
    assert f"{SO} › Sở Y tế tỉnh Thử: Row 5: appraised score of 1.2 is not a number: một" in result.output
    assert f"{XA} › UBND phường Một: Row 4: appraised score 3 of 1.1 is above its maximum 1" in result.output
    assert count(Assessment) == 0 and count(Unit) == 0 and count(RankingEntry) == 0 and count(CriteriaSet) == 0


def test_a_unit_in_two_sheets_is_refused(app, runner, tmp_path):
    result = run(runner, tmp_path, workbook(xa={**XA_SCORES, "Sở Y tế tỉnh Thử": (1, 1, 1)}))
    assert result.exit_code == 2 and f"{XA}: Row 2: Sở Y tế tỉnh Thử has a column already (sheet {SO})" in result.output
    assert count(Assessment) == 0


def test_results_a_unit_has_are_replaced_only_when_asked(app, runner, tmp_path):
    assert run(runner, tmp_path, workbook()).exit_code == 0
    again = run(runner, tmp_path, workbook(so={**SO_SCORES, "Sở Tư pháp tỉnh Thử": (1, 2, 2)}))
    assert again.exit_code == 2 and "results of 2025 exist for" in again.output and "Sở Tư pháp tỉnh Thử" in again.output
    assert db.session.scalar(select(Assessment.total).join(Assessment.unit).where(
        Unit.name == "Sở Tư pháp tỉnh Thử")) == pytest.approx(4.3)
    replaced = run(runner, tmp_path, workbook(so={**SO_SCORES, "Sở Tư pháp tỉnh Thử": (1, 2, 2)}), "--replace")
    assert replaced.exit_code == 0, replaced.output
    db.session.expire_all()
    tu_phap = db.session.scalar(select(Assessment).join(Assessment.unit).where(Unit.name == "Sở Tư pháp tỉnh Thử"))
    assert tu_phap.total == pytest.approx(5) and (tu_phap.rank, tu_phap.rank_of) == (1, 3)
    assert count(Assessment) == 5


def test_a_csv_file_is_one_group_it_must_name(app, runner, tmp_path):
    rows = ["STT,Tiêu chí,Điểm tối đa,UBND xã Hai,UBND xã Ba", "1,Chỉ đạo điều hành,3,,", "1.1,Kế hoạch,1,1,0.5",
            "1.2,Hoàn thành kế hoạch,2,\"1,5\",2"]
    data = "\n".join(rows).encode()
    refused = run(runner, tmp_path, data, name="xa.csv")
    assert refused.exit_code == 2 and "name the group" in refused.output and count(Assessment) == 0
    done = run(runner, tmp_path, data, "--group", XA, name="xa.csv")
    assert done.exit_code == 0, done.output
    assert dict(db.session.execute(select(Unit.name, Assessment.total).join(Assessment.unit)).all()) == {
        "UBND xã Hai": 2.5, "UBND xã Ba": 2.5}
    assert count(RankingEntry, RankingEntry.group == XA) == 2


def test_the_plans_due_date_tells_each_unit_that_runs_its_own_plan(app, runner, tmp_path, today):
    """A ward already runs its own plan here (its workspace and admin): importing the results with
    the plans' due date records the date and tells its admin, once."""
    factories.assessment("UBND tỉnh Thử", 2025)  # the own unit
    ward = factories.assessment("UBND phường Một", 2024).unit
    unit_workspaces.open_workspace(ward, email="admin@phuongmot.gov.vn", name="Quản trị phường",
                                   password=factories.PASSWORD, actor="test")
    db.session.commit()
    due = today.replace(year=2026, month=3, day=31)
    result = run(runner, tmp_path, workbook(), "--plan-due", due.isoformat())
    assert result.exit_code == 0, result.output
    assert "Plans due 31/03/2026; 1 unit admin(s) told" in result.output
    assert db.session.get(PlanDeadline, 2025).due_on == due
    told = db.session.scalars(select(Notification).where(Notification.kind == "plan_due")).all()
    assert [n.recipient for n in told] == ["admin@phuongmot.gov.vn"] and "31/03/2026" in told[0].subject
    wrong = run(runner, tmp_path, workbook(), "--replace", "--plan-due", "2030-01-01")
    assert wrong.exit_code == 2 and "not on 01/01/2030" in wrong.output
    assert db.session.get(PlanDeadline, 2025).due_on == due


def test_the_import_page_takes_the_workbook_and_shows_the_units(client, app, today):
    factories.user("admin@example.gov.vn", "admin")
    factories.user("leader@example.gov.vn", "leader")
    db.session.commit()
    log_in(client, "leader@example.gov.vn")
    page = client.get("/tasks/").get_data(as_text=True)
    assert client.post("/imports/unit-results", data={"csrf_token": csrf_token(page)}).status_code == 403
    client.post("/logout", data={"csrf_token": csrf_token(page)})

    log_in(client, "admin@example.gov.vn")
    page = client.get("/imports/").get_data(as_text=True)
    assert "Kết quả của tất cả đơn vị" in page
    template = load_workbook(io.BytesIO(client.get("/imports/template/unit-results.xlsx").data))
    assert template.sheetnames == [SO, XA, "Hướng dẫn"]

    def post(data: bytes, **fields):
        return client.post("/imports/unit-results", content_type="multipart/form-data", data={
            "csrf_token": csrf_token(page), "units-year": "2025", "units-file": (io.BytesIO(data), "kq.xlsx"),
            **fields})
    bad = post(workbook(edit=lambda book: book[SO].cell(row=4, column=5, value=-1)))
    assert bad.status_code == 422
    assert f"{SO} › Sở Tư pháp tỉnh Thử: Dòng 4:" in bad.get_data(as_text=True) and count(Assessment) == 0
    response = post(workbook(), **{"units-plan_due": "31/03/2026"})
    assert response.status_code == 302 and "/units/" in response.headers["Location"]
    units = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đã nhập kết quả năm 2025 của 5 đơn vị" in units
    for name in [*SO_SCORES, *XA_SCORES]:
        row = units[units.index(name):units.index("</tr>", units.index(name))]
        assert "Chưa có kế hoạch" in row and "31/03/2026" in row, row


def test_the_template_imports_as_it_is(app, runner, tmp_path):
    from tracker.exporters.import_templates import unit_results_template
    result = run(runner, tmp_path, unit_results_template())
    assert result.exit_code == 0, result.output
    assert count(Assessment) == 4 and count(RankingEntry) == 4
