"""The self-assessment export of a plan: which set, the points proposed (computed by hand), the
.xlsx read back, the evidence .zip opened, who may download what, and the command line."""
from __future__ import annotations

import io
import os
import zipfile
from datetime import datetime

import openpyxl
import pytest
from sqlalchemy import select

from tests import factories, mail_world
from tests.self_assessment_world import ADMIN, PDF, TP_OFFICER, by_code_world, carried, rows  # noqa: F401 (fixtures)
from tracker.exporters import evidence_zip
from tracker.exporters.self_assessment_xlsx import FILES_SHEET, HEADER_ROW, SHEET
from tracker.extensions import db
from tracker.models import Assessment, Evidence, Plan, Task, User
from tracker.services import assessments, carry_over, evidence, self_assessment, self_assessment_export


def everything(_task):
    return True


def build(plan_id, may_download=everything):
    return self_assessment.build(db.session.get(Plan, plan_id), may_download, "https://cchc.example.gov.vn/")


def by_code(found):
    return {line.criterion.code: line for line in found.lines}


# --- The points proposed on the set the plan was carried over to --------------------------

def test_a_carried_plan_is_scored_on_its_new_set_computed_by_hand(carried):
    found = build(carried["plan_id"])
    assert found.target.source == self_assessment.CARRIED and found.target.criteria_set.name == "Bộ chỉ số cấp xã 2026"
    assert found.year == 2026
    lines = by_code(found)
    assert [line.criterion.code for line in found.lines] == ["1", "1.1", "1.2", "1.3", "1.4", "1.5", "2", "2.1"]
    proposed = {code: (line.claim.basis, line.claim.kept, line.claim.won_back, line.claim.points)
                for code, line in lines.items() if line.claim}
    assert proposed == {
        "1.1": ("claimed", 1.0, 1.0, 2.0),    # kept 1 of 2, its verified task's lost point back
        "1.2": ("claimed", 2.0, 0.0, 2.0),    # last year's 1.3, at full marks, no task
        "1.3": ("claimed", 1.0, 3.0, 4.0),    # last year's 1.2: 0.5 of 2 is 1 of 4; the task carries 3
        "1.4": ("claimed", 2.0, 1.0, 3.0),    # 2 of 4 kept; one half verified (1), one only done
        "1.5": ("new", None, 0.0, None),      # added: the office scores it
        "2.1": ("survey", 3.0, 0.0, None),    # left to the survey
    }
    assert (lines["1"].rollup.points, lines["1"].rollup.left_out) == (11.0, 2.0)
    assert (lines["2"].rollup.points, lines["2"].rollup.left_out) == (0.0, 4.0)
    assert (found.total.max_points, found.total.points, found.total.claimed_of) == (18.0, 11.0, 12.0)
    assert (found.survey_points, found.no_result_points) == (4.0, 2.0)
    assert [(t.task.title, t.lost_points, t.task.status) for t in lines["1.4"].tasks] == [
        ("Kiểm tra CCHC các bộ phận", 1.0, "verified"), ("Kiểm tra CCHC tại bộ phận một cửa", 1.0, "done")]
    assert [f.name for f in lines["1.3"].files] == ["Báo cáo.pdf", "Báo cáo.pdf", "../../x.pdf"]
    assert found.unmatched == [] and found.title_changes == [] and found.hidden_files == 0


def test_the_xlsx_read_back_has_a_row_per_criterion_with_its_claim_tasks_and_evidence(app, carried):
    found = build(carried["plan_id"])
    book = openpyxl.load_workbook(io.BytesIO(self_assessment_export.xlsx(found)))
    sheet = book[SHEET]
    assert "NĂM 2026" in sheet.cell(1, 1).value and "Bộ chỉ số cấp xã 2026" in sheet.cell(2, 1).value
    header = [c.value for c in sheet[HEADER_ROW]]
    assert header[:7] == ["Mã tiêu chí", "Tiêu chí", "Điểm tối đa", "Điểm năm trước (quy về bộ chỉ số này)",
                          "Điểm nhiệm vụ đã xác nhận", "Điểm tự đánh giá đề xuất", "Ghi chú"]
    table = {r[0]: r for r in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)}
    assert list(table) == ["1", "1.1", "1.2", "1.3", "1.4", "1.5", "2", "2.1", "Tổng cộng"]
    assert [table[c][2:6] for c in ("1.1", "1.2", "1.3", "1.4")] == [
        (2, 1, 1, 2), (2, 2, 0, 2), (4, 1, 3, 4), (4, 2, 1, 3)]
    assert table["2.1"][3:6] == (3, None, None) and "Điều tra xã hội học" in table["2.1"][6]
    assert table["1.5"][3:6] == (None, None, None) and "Tiêu chí mới" in table["1.5"][6]
    assert table["1"][5] == 11 and "2" in table["1"][6] and table["2"][5] == 0
    assert table["Tổng cộng"][2] == 18 and table["Tổng cộng"][5] == 11
    assert "4 điểm điều tra xã hội học" in table["Tổng cộng"][6] and "2 điểm tiêu chí mới" in table["Tổng cộng"][6]
    assert "1 nhiệm vụ chưa được xác nhận" in table["1.4"][6]
    assert table["1.4"][7].split("\n") == ["Kiểm tra CCHC các bộ phận (Phòng Nội vụ, Đã xác nhận)",
                                           "Kiểm tra CCHC tại bộ phận một cửa (Phòng Tư pháp, Đã hoàn thành)"]
    report = carried["files"]["report"]
    assert table["1.3"][8].startswith("Báo cáo.pdf (") and len(table["1.3"][8].split("\n")) == 3
    assert table["1.3"][9].split("\n")[0] == f"https://cchc.example.gov.vn/tasks/evidence/{report}"
    assert sheet.cell(HEADER_ROW + 2, 10).hyperlink.target.endswith(f"/tasks/evidence/{carried['files']['plan']}")

    files = list(book[FILES_SHEET].iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    assert [(r[1], r[2], r[7]) for r in files] == [
        ("1.1", "Kế hoạch CCHC 2026.pdf", "1.1 - Ban hành kế hoạch CCHC/Kế hoạch CCHC 2026.pdf"),
        ("1.3", "Báo cáo.pdf", "1.3 - Báo cáo CCHC định kỳ/Báo cáo.pdf"),
        ("1.3", "Báo cáo.pdf", "1.3 - Báo cáo CCHC định kỳ/Báo cáo (2).pdf"),
        ("1.3", "../../x.pdf", "1.3 - Báo cáo CCHC định kỳ/x.pdf"),
        ("1.4", "Biên bản kiểm tra.pdf", "1.4 - Kiểm tra CCHC/Biên bản kiểm tra.pdf")]
    assert book[FILES_SHEET].cell(HEADER_ROW + 1, 7).hyperlink.target.startswith("https://cchc.example.gov.vn/")


def test_text_cells_are_never_formulas_and_control_characters_go(app, carried):
    task = db.session.get(Task, carried["tasks"]["1.1"])
    task.title = '=HYPERLINK("http://evil.example/","bấm")\x07'
    db.session.commit()
    sheet = openpyxl.load_workbook(io.BytesIO(self_assessment_export.xlsx(build(carried["plan_id"]))))[SHEET]
    cell = sheet.cell(HEADER_ROW + 2, 8)
    assert cell.data_type == "s" and cell.value.startswith('=HYPERLINK("http://evil.example/","bấm") (')
    assert "\x07" not in cell.value


# --- The evidence archive ---------------------------------------------------------------

def open_zip(found, app) -> zipfile.ZipFile:
    data = b"".join(evidence_zip.stream(self_assessment.archive_entries(found, app.config["UPLOAD_DIR"])))
    return zipfile.ZipFile(io.BytesIO(data))


def test_the_zip_groups_the_files_by_criterion_under_safe_unique_names(app, carried):
    archive = open_zip(build(carried["plan_id"]), app)
    assert archive.testzip() is None
    assert archive.namelist() == ["1.1 - Ban hành kế hoạch CCHC/Kế hoạch CCHC 2026.pdf",
                                  "1.3 - Báo cáo CCHC định kỳ/Báo cáo.pdf",
                                  "1.3 - Báo cáo CCHC định kỳ/Báo cáo (2).pdf",
                                  "1.3 - Báo cáo CCHC định kỳ/x.pdf",
                                  "1.4 - Kiểm tra CCHC/Biên bản kiểm tra.pdf"]
    assert archive.read("1.3 - Báo cáo CCHC định kỳ/Báo cáo.pdf") == PDF + b"%first"
    assert archive.read("1.3 - Báo cáo CCHC định kỳ/Báo cáo (2).pdf") == PDF + b"%second"
    assert archive.read("1.3 - Báo cáo CCHC định kỳ/x.pdf") == PDF + b"%hostile"
    for info in archive.infolist():  # UTF-8 names, flagged so: every unzip shows the Vietnamese
        assert info.flag_bits & 0x800 or info.filename.isascii()


def test_the_zip_holds_only_what_the_reader_may_download(app, carried):
    from tracker.permissions import can_download_evidence
    officer = db.session.scalar(select(User).where(User.email == TP_OFFICER))
    found = build(carried["plan_id"], lambda task: can_download_evidence(officer, task))
    assert open_zip(found, app).namelist() == ["1.4 - Kiểm tra CCHC/Biên bản kiểm tra.pdf"]
    assert found.hidden_files == 4


def test_a_file_missing_on_disk_is_named_in_the_zip_not_fatal(app, carried):
    gone = db.session.get(Evidence, carried["files"]["plan"])
    os.remove(evidence.path_of(app.config["UPLOAD_DIR"], gone.stored_name))
    archive = open_zip(build(carried["plan_id"]), app)
    assert "1.1 - Ban hành kế hoạch CCHC/Kế hoạch CCHC 2026.pdf" not in archive.namelist()
    note = archive.read(evidence_zip.MISSING_NOTE).decode("utf-8")
    assert "1.1 - Ban hành kế hoạch CCHC/Kế hoạch CCHC 2026.pdf" in note and len(archive.namelist()) == 5


def test_the_zip_is_written_a_chunk_at_a_time(tmp_path):
    big = tmp_path / "big.pdf"
    big.write_bytes(os.urandom(5 * evidence_zip.CHUNK))  # incompressible: each chunk comes out at once
    pieces = list(evidence_zip.stream([evidence_zip.ZipEntry("1.1 - X/big.pdf", str(big), datetime(2026, 5, 4, 3), 5 * 65536)]))
    assert len(pieces) >= 5 and max(len(p) for p in pieces) < 2 * evidence_zip.CHUNK
    assert zipfile.ZipFile(io.BytesIO(b"".join(pieces))).read("1.1 - X/big.pdf") == big.read_bytes()


# --- A plan not carried over: next year's set matched by code ---------------------------

def test_without_carrying_over_the_set_for_next_year_is_matched_by_code(by_code_world):
    found = build(by_code_world.plan.id)
    assert (found.target.source, found.target.criteria_set.name) == (self_assessment.NEXT_YEAR, "Bộ chỉ số 2026")
    proposed = {line.criterion.code: line.claim.points for line in found.leaves}
    assert proposed == {"1.1": 2.0,   # 1 kept + its verified task's 1
                        "1.2": 1.0,   # only done
                        "1.3": 3.0,   # 1 of 2 is 1.5 of 3; the verified task carries the other 1.5
                        "1.4": 1.0, "1.5": 1.0,  # in progress; cancelled
                        "1.7": None, "2.1": None}
    assert (found.total.points, found.total.claimed_of, found.total.left_out) == (8.0, 11.0, 5.0)
    assert [t.criterion.code for t in found.unmatched] == ["1.6"]  # removed: its task and file left out
    assert found.files == [] and [line.criterion.code for line in found.title_changes] == ["1.2"]
    assert by_code(found)["1.5"].tasks == []  # a cancelled task is no longer part of the plan


def test_the_set_of_next_years_results_comes_before_a_published_one(by_code_world):
    unit = by_code_world.plan.assessment.unit
    results_set = assessments.save_criteria_set("Bộ chỉ số 2026 (kết quả)", 2026, mail_world.tree(), actor="test")
    assessments.save_assessment(unit, 2026, results_set, mail_world.tree(), actor="test")
    found = build(by_code_world.plan.id)
    assert (found.target.source, found.target.criteria_set.name) == (self_assessment.NEXT_RESULTS,
                                                                       "Bộ chỉ số 2026 (kết quả)")


def test_of_two_sets_for_next_year_the_one_sharing_most_codes_is_used(by_code_world):
    assessments.save_criteria_set("Bộ chỉ số 2026 cấp tỉnh", 2026, rows([("9", "Khác", 1, None, None),
                                                                         ("9.1", "Khác", 1, None, None)]), actor="test")
    assert build(by_code_world.plan.id).target.criteria_set.name == "Bộ chỉ số 2026"


def test_without_a_set_for_next_year_the_export_is_refused_with_what_to_do(app, today):
    factories.plan_with_tasks(factories.department("NV"), factories.department("TP"), today)
    with pytest.raises(self_assessment.SelfAssessmentError, match="no criteria set for 2026"):
        build(db.session.scalar(select(Plan.id)))


# --- The demo: a province on the set it is carried over to --------------------------------

def test_the_demo_carried_over_exports_every_criterion_of_the_new_set(app, demo, today):
    plan = db.session.scalar(select(Plan).join(Assessment).where(Assessment.year == today.year - 1))
    new_set = carry_over.candidate_sets(plan)[0]
    admin = db.session.scalar(select(User).where(User.email == ADMIN))
    links = carry_over.preview(plan, new_set).proposed_links
    assert links["1.4"] == ["1.5"] and links["1.5"] == ["1.4"]  # renumbered in the demo's new set
    carry_over.carry_over(plan, new_set, links, actor=admin)
    db.session.commit()

    found = build(plan.id)
    assert found.target.criteria_set.id == new_set.id and found.target.source == self_assessment.CARRIED
    book = openpyxl.load_workbook(io.BytesIO(self_assessment_export.xlsx(found)))
    table = list(book[SHEET].iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    codes = [c.code for c in sorted(new_set.criteria, key=lambda c: c.sort_key)]
    assert [r[0] for r in table[:-1]] == codes and table[-1][0] == "Tổng cộng"
    rows_by_code = {r[0]: r for r in table}
    lines = by_code(found)
    # 1.1.2 kept 0.75 of 1; its task (the plan's first) is verified: 0.25 back, full marks.
    assert [t.task.status for t in lines["1.1.2"].tasks] == ["verified"]
    assert rows_by_code["1.1.2"][3:6] == (0.75, 0.25, 1)
    # The initiatives criterion, 1.4 last year and 1.5 now, kept 0.5 of 1; its task is under way.
    assert "Sáng kiến" in rows_by_code["1.5"][1] and rows_by_code["1.5"][3:6] == (0.5, 0, 0.5)
    assert [t.task.status for t in lines["1.5"].tasks] == ["in_progress"]
    # The leaders' survey, now 1.4: left to the survey.
    assert rows_by_code["1.4"][5] is None and "Điều tra xã hội học" in rows_by_code["1.4"][6]
    leaves = [r for r in table[:-1] if lines[r[0]].criterion.is_leaf]
    assert all(r[5] is None or 0 <= r[5] <= r[2] for r in leaves)
    survey = [r for r in leaves if lines[r[0]].criterion.method == "survey"]
    assert survey and all(r[5] is None for r in survey)
    assert round(sum(r[5] or 0 for r in leaves), 2) == table[-1][5] == found.total.points
    assert table[-1][2] == 100 and found.survey_points == 32
    # Every file of the plan's tasks still in it is listed once, and in the archive.
    expected = db.session.scalars(select(Evidence.id).join(Task).where(
        Task.plan_id == plan.id, Task.status != "cancelled")).all()
    listed = list(book[FILES_SHEET].iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    assert len(listed) == len(expected) == len(found.files) > 0
    archive = open_zip(found, app)
    assert archive.namelist() == [r[7] for r in listed]
    assert all(name.split("/")[0].split(" - ")[0] in codes for name in archive.namelist())
