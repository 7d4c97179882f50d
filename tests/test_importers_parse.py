"""Scoring and ranking sheets (CONTRACT.md §4), built in memory: no Flask, no database."""
from __future__ import annotations


import pytest

from tests.sheets import csv_text, xlsx
from tracker.domain.scoring import APPRAISAL, SURVEY
from tracker.importers.ranking import RankingRow, parse_ranking
from tracker.importers.scoring import parse_scoring
from tracker.importers.sheets import SheetError, read_table

HEADER = ["STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm tối đa", "Điểm thẩm định"]

# A small valid tree: field 1 (3 points) with a criterion split in two, field 2 (2 points).
DOTTED = [
    HEADER,
    ["1", "Công tác chỉ đạo, điều hành CCHC", 3, None],
    ["1.1", "Kế hoạch CCHC", 3, None],
    ["1.1.1", "Ban hành kế hoạch đúng hạn", 1, 1],
    ["1.1.2", "Mức độ hoàn thành kế hoạch", 2, 1.5],
    ["2", "Cải cách thể chế", 2, None],
    ["2.1", "Rà soát văn bản", 2, 0],
]


def by_code(result) -> dict:
    return {r.code: r for r in result.rows}


def only_error(result, row: int | None):
    assert len(result.errors) == 1, [str(e) for e in result.errors]
    error = result.errors[0]
    assert error.row == row
    if row is not None:
        assert str(error).startswith(f"row {row}: ")
    return error


# --- accepted layouts ---------------------------------------------------------

def test_dotted_codes_give_the_tree_with_maxima_and_appraised_scores():
    result = parse_scoring(xlsx(DOTTED), "ket-qua.xlsx", need_scores=True)
    assert result.errors == []
    rows = by_code(result)
    assert list(rows) == ["1", "1.1", "1.1.1", "1.1.2", "2", "2.1"]
    assert rows["1.1.2"].max_points == 2 and rows["1.1.2"].appraised == 1.5
    assert rows["1.1.2"].title == "Mức độ hoàn thành kế hoạch"
    assert rows["2.1"].appraised == 0 and rows["2.1"].row == 7


def test_file_written_to_disk_reads_the_same_as_bytes(tmp_path):
    path = tmp_path / "ket-qua.xlsx"
    path.write_bytes(xlsx(DOTTED))
    result = parse_scoring(path.read_bytes(), path.name, need_scores=True)
    assert result.errors == [] and len(result.rows) == 6


def test_roman_fields_qualify_the_criteria_numbered_inside_them():
    rows = [
        HEADER,
        ["I", "Công tác chỉ đạo", 3, None],
        ["1", "Kế hoạch CCHC", 3, None],
        ["1.1", "Ban hành đúng hạn", 1, 1],
        ["1.2", "Hoàn thành kế hoạch", 2, 2],
        ["II.", "Cải cách thể chế", 2, None],
        ["1", "Rà soát văn bản", 1.5, 1],
        ["2", "Kiểm tra văn bản", 0.5, 0.5],
    ]
    result = parse_scoring(xlsx(rows), "f.xlsx", need_scores=True)
    assert result.errors == []
    assert list(by_code(result)) == ["1", "1.1", "1.1.1", "1.1.2", "2", "2.1", "2.2"]
    assert by_code(result)["2.1"].title == "Rà soát văn bản"


def test_roman_fields_whose_criteria_repeat_the_field_number_are_not_qualified_twice():
    rows = [HEADER, ["I", "Chỉ đạo", 1, None], ["1.1", "Kế hoạch", 1, 1],
            ["II", "Thể chế", 2, None], ["2.1", "Rà soát", 2, 2]]
    result = parse_scoring(xlsx(rows), "f.xlsx", need_scores=True)
    assert result.errors == []
    assert list(by_code(result)) == ["1", "1.1", "2", "2.1"]


def test_codes_written_as_excel_numbers_or_with_a_trailing_dot_are_canonical():
    rows = [HEADER, [1, "Chỉ đạo", 3, None], [1.1, "Kế hoạch", 1, 1], ["1.2.", "Báo cáo", 2, 2],
            [2.0, "Thể chế", 1, 1]]
    result = parse_scoring(xlsx(rows), "f.xlsx", need_scores=True)
    assert result.errors == []
    assert list(by_code(result)) == ["1", "1.1", "1.2", "2"]


def test_header_is_found_on_row_6_below_title_rows_and_rows_keep_their_sheet_numbers():
    title_rows = [
        ["UBND HUYỆN TÁNH LINH", None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        [None, None, "Độc lập - Tự do - Hạnh phúc"],
        [],
        ["KẾT QUẢ CHẤM ĐIỂM CHỈ SỐ CCHC NĂM 2024"],
        ["(Kèm theo Quyết định số 2161/QĐ-UBND)"],
    ]
    rows = title_rows + [HEADER, ["1", "Chỉ đạo", 2, None], ["1.1", "Kế hoạch", 2, 3]]
    result = parse_scoring(xlsx(rows), "f.xlsx", need_scores=True)
    error = only_error(result, 8)
    assert "above its maximum" in str(error)
    assert [r.row for r in result.rows] == [7, 8]


def test_columns_in_any_order_with_unknown_columns_ignored():
    rows = [
        ["Ghi chú", "Điểm thẩm định", "Tài liệu kiểm chứng", "Nội dung", "Điểm tối đa", "Mã tiêu chí"],
        [None, None, "x", "Chỉ đạo", 2, "1"],
        ["Chậm ban hành", 0.5, "KH 45/KH-UBND", "Kế hoạch", 2, "1.1"],
    ]
    result = parse_scoring(xlsx(rows), "f.xlsx", need_scores=True)
    assert result.errors == []
    leaf = by_code(result)["1.1"]
    assert (leaf.title, leaf.max_points, leaf.appraised, leaf.note) == ("Kế hoạch", 2, 0.5, "Chậm ban hành")


def test_header_text_is_matched_ignoring_case_diacritics_line_breaks_and_unit_notes():
    rows = [["tt", "NỘI DUNG", "Điểm tối đa\n(điểm)", "DIEM THAM DINH (điểm)"],
            ["1", "Chỉ đạo", 1, 1]]
    result = parse_scoring(xlsx(rows), "f.xlsx", need_scores=True)
    assert result.errors == [] and by_code(result)["1"].appraised == 1


def test_decimal_commas_are_read_as_decimal_points():
    rows = [HEADER, ["1", "Chỉ đạo", "2,5", None], ["1.1", "Kế hoạch", "1,25", "1,2"],
            ["1.2", "Báo cáo", 1.25, "0.75"]]
    result = parse_scoring(xlsx(rows), "f.xlsx", need_scores=True)
    assert result.errors == []
    assert by_code(result)["1"].max_points == 2.5
    assert by_code(result)["1.1"].appraised == 1.2
    assert by_code(result)["1.2"].appraised == 0.75


def test_total_rows_sub_headings_and_blank_rows_are_skipped():
    rows = DOTTED[:4] + [[None, "Nhóm tiêu chí về kế hoạch", None, None], []] + DOTTED[4:] + [
        [None, "Tổng cộng", 5, 2.5], ["Tổng điểm", None, 5, 2.5], ["Tổng", None, 5, 2.5],
        ["Cộng", None, 5, 2.5]]
    result = parse_scoring(xlsx(rows), "f.xlsx", need_scores=True)
    assert result.errors == []
    assert len(result.rows) == 6


def test_column_number_row_under_the_header_is_skipped():
    rows = [HEADER, ["(1)", "(2)", "(3)", "(4)"], ["1", "Chỉ đạo", 1, 1]]
    result = parse_scoring(xlsx(rows), "f.xlsx", need_scores=True)
    assert result.errors == [] and list(by_code(result)) == ["1"]


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["without-bom", "with-bom"])
def test_utf8_csv_with_or_without_bom(bom):
    data = bom + csv_text(DOTTED).encode("utf-8")
    result = parse_scoring(data, "ket-qua.csv", need_scores=True)
    assert result.errors == []
    assert by_code(result)["1.1.2"].appraised == 1.5
    assert by_code(result)["1"].title == "Công tác chỉ đạo, điều hành CCHC"


def test_csv_quoted_cells_keep_their_commas():
    data = ('STT,Nội dung,Điểm tối đa,Điểm thẩm định\n'
            '1,"Công tác chỉ đạo, điều hành","2,5","1,5"\n').encode()
    result = parse_scoring(data, "f.csv", need_scores=True)
    assert result.errors == []
    assert by_code(result)["1"].title == "Công tác chỉ đạo, điều hành"
    assert by_code(result)["1"].appraised == 1.5


def test_semicolon_csv_with_decimal_commas():
    data = ("KẾT QUẢ CHẤM ĐIỂM NĂM 2024;;;\n"
            "STT;Nội dung;Điểm tối đa;Điểm thẩm định\n"
            "1;Chỉ đạo, điều hành;2,5;\n"
            "1.1;Kế hoạch;1,25;1,2\n"
            "1.2;Báo cáo;1,25;0,75\n").encode()
    result = parse_scoring(data, "f.csv", need_scores=True)
    assert result.errors == []
    assert [(r.code, r.title, r.max_points, r.row) for r in result.rows] == [
        ("1", "Chỉ đạo, điều hành", 2.5, 3), ("1.1", "Kế hoạch", 1.25, 4), ("1.2", "Báo cáo", 1.25, 5)]
    assert by_code(result)["1.1"].appraised == 1.2


def test_tab_separated_csv():
    result = parse_scoring(csv_text(DOTTED, "\t").encode(), "f.csv", need_scores=True)
    assert result.errors == [] and len(result.rows) == 6


def test_method_column_marks_survey_leaves_and_defaults_to_appraisal():
    rows = [
        HEADER + ["Phương pháp"],
        ["8", "Tác động của CCHC", 3, None, None],
        ["8.1", "Hài lòng của người dân (SIPAS)", 1, 0.5, "Điều tra XHH"],
        ["8.2", "Khảo sát lãnh đạo", 1, 0.5, "xhh"],
        ["8.3", "Tỷ lệ giải quyết hồ sơ đúng hạn", 1, 1, "Thẩm định"],
    ]
    result = parse_scoring(xlsx(rows), "f.xlsx", need_scores=True)
    assert result.errors == []
    methods = {r.code: r.method for r in result.rows}
    assert methods == {"8": APPRAISAL, "8.1": SURVEY, "8.2": SURVEY, "8.3": APPRAISAL}
    assert {r.method for r in parse_scoring(xlsx(DOTTED), "f.xlsx", need_scores=True).rows} == {APPRAISAL}


def test_appraised_score_counts_when_self_assessed_is_also_present_and_both_are_kept():
    rows = [["STT", "Tiêu chí", "Điểm tối đa", "Điểm tự đánh giá", "Điểm đạt"],
            ["1", "Chỉ đạo", 2, 2, 1.5]]
    result = parse_scoring(xlsx(rows), "f.xlsx", need_scores=True)
    assert result.errors == []
    assert (result.rows[0].self_assessed, result.rows[0].appraised) == (2, 1.5)


def test_a_parents_own_score_cells_are_ignored():
    rows = [HEADER, ["1", "Chỉ đạo", 2, "đạt"], ["1.1", "Kế hoạch", 2, 1]]
    result = parse_scoring(xlsx(rows), "f.xlsx", need_scores=True)
    assert result.errors == []
    assert by_code(result)["1"].appraised is None


def test_criteria_set_without_scores_is_accepted_when_scores_are_not_needed():
    rows = [["STT", "Tiêu chí", "Điểm chuẩn"], ["1", "Chỉ đạo", 2], ["1.1", "Kế hoạch", 2]]
    result = parse_scoring(xlsx(rows), "bo-chi-so.xlsx", need_scores=False)
    assert result.errors == [] and by_code(result)["1.1"].appraised is None


def test_read_table_gives_sheet_row_numbers_and_drops_blank_rows():
    table = read_table(xlsx([["a"], [], ["b", None, 3]]), "t.xlsx")
    assert table == [(1, ["a"]), (3, ["b", None, 3])]


# --- rejected sheets: every error with its row number ------------------------

@pytest.mark.parametrize("code", ["a)", "1.a", "i", "1..2", "Công tác khác"])
def test_unknown_code_format_is_rejected_with_its_row(code):
    rows = DOTTED + [[code, "Khác", 0, 0]]
    error = only_error(parse_scoring(xlsx(rows), "f.xlsx", need_scores=True), 8)
    assert str(error) == f"row 8: unknown code {code}"


def test_duplicate_code_is_rejected_with_its_row():
    rows = DOTTED + [["2.1", "Lặp lại", 0, 0]]
    result = parse_scoring(xlsx(rows), "f.xlsx", need_scores=True)
    error = only_error(result, 8)
    assert "duplicate code 2.1 (first on row 7)" in str(error)


def test_criterion_without_its_parent_is_rejected_with_its_row():
    rows = DOTTED + [["3.1", "Mồ côi", 1, 1]]
    error = only_error(parse_scoring(xlsx(rows), "f.xlsx", need_scores=True), 8)
    assert "has no parent 3" in str(error)


def test_score_below_zero_is_rejected_with_its_row():
    rows = [HEADER, ["1", "Chỉ đạo", 1, None], ["1.1", "Kế hoạch", 1, "-0,5"]]
    error = only_error(parse_scoring(xlsx(rows), "f.xlsx", need_scores=True), 3)
    assert "below 0" in str(error)


def test_score_above_its_maximum_is_rejected_with_its_row():
    rows = [HEADER, ["1", "Chỉ đạo", 1, None], ["1.1", "Kế hoạch", 1, 1.5]]
    error = only_error(parse_scoring(xlsx(rows), "f.xlsx", need_scores=True), 3)
    assert "1.5 of 1.1 is above its maximum 1" in str(error)


def test_parent_maximum_not_equal_to_its_childrens_sum_is_rejected_with_its_row():
    rows = [HEADER, ["1", "Chỉ đạo", 3, None], ["1.1", "Kế hoạch", 1, 1], ["1.2", "Báo cáo", 1.5, 1]]
    error = only_error(parse_scoring(xlsx(rows), "f.xlsx", need_scores=True), 2)
    assert "maximum of 1 is 3 but its children add up to 2.5" in str(error)


def test_parent_maximum_within_a_hundredth_of_the_sum_is_accepted():
    rows = [HEADER, ["1", "Chỉ đạo", 1, None], ["1.1", "a", 0.333, 0], ["1.2", "b", 0.333, 0],
            ["1.3", "c", 0.333, 0]]
    assert parse_scoring(xlsx(rows), "f.xlsx", need_scores=True).errors == []


@pytest.mark.parametrize("column, message", [
    (2, "row 3: maximum of 1.1 is not a number: hai"),
    (3, "row 3: appraised score of 1.1 is not a number: hai"),
])
def test_non_numeric_value_is_rejected_with_its_row(column, message):
    leaf = ["1.1", "Kế hoạch", 2, 1]
    leaf[column] = "hai"
    rows = [HEADER, ["1", "Chỉ đạo", 2, None], leaf]
    error = only_error(parse_scoring(xlsx(rows), "f.xlsx", need_scores=True), 3)
    assert str(error) == message


def test_non_numeric_self_assessed_score_is_rejected_with_its_row():
    rows = [HEADER + ["Điểm tự đánh giá"], ["1", "Chỉ đạo", 2, 2, "2 điểm"]]
    error = only_error(parse_scoring(xlsx(rows), "f.xlsx", need_scores=True), 2)
    assert str(error) == "row 2: self-assessed score of 1 is not a number: 2 điểm"


def test_empty_score_on_a_leaf_is_rejected_once_with_its_row():
    rows = [HEADER, ["1", "Chỉ đạo", 2, None], ["1.1", "Kế hoạch", 2, None]]
    error = only_error(parse_scoring(xlsx(rows), "f.xlsx", need_scores=True), 3)
    assert str(error) == "row 3: criterion 1.1 has no score"


def test_empty_maximum_is_rejected_with_its_row_without_echoing_sum_errors():
    rows = [HEADER, ["1", "Chỉ đạo", None, None], ["1.1", "Kế hoạch", 2, 1]]
    error = only_error(parse_scoring(xlsx(rows), "f.xlsx", need_scores=True), 2)
    assert str(error) == "row 2: maximum of 1 is empty"


def test_missing_appraised_column_is_one_error_when_scores_are_needed():
    rows = [["STT", "Nội dung", "Điểm tối đa", "Điểm tự đánh giá"], ["1", "Chỉ đạo", 2, 2],
            ["2", "Thể chế", 1, 1]]
    error = only_error(parse_scoring(xlsx(rows), "f.xlsx", need_scores=True), 1)
    assert "no appraised score column" in str(error)


def test_every_error_is_reported_sorted_by_row():
    rows = [HEADER, ["1", "Chỉ đạo", 2, None], ["1.1", "Kế hoạch", 1, "x"], ["a)", "?", 1, 1],
            ["1.2", "Báo cáo", 1, 2], ["1.2", "Lặp", 1, 1]]
    result = parse_scoring(xlsx(rows), "f.xlsx", need_scores=True)
    assert [str(e) for e in result.errors] == [
        "row 3: appraised score of 1.1 is not a number: x",
        "row 4: unknown code a)",
        "row 5: appraised score 2 of 1.2 is above its maximum 1",
        "row 6: duplicate code 1.2 (first on row 5)",
    ]


@pytest.mark.parametrize("data, name", [
    (b"", "f.csv"), (b"\xef\xbb\xbf\n  \n", "f.csv"), (b"", "f.xlsx"), (xlsx([]), "f.xlsx")])
def test_empty_file_is_rejected(data, name):
    error = only_error(parse_scoring(data, name, need_scores=True), None)
    assert str(error) == "the file is empty"


@pytest.mark.parametrize("data, name, reason", [
    (b"PK\x03\x04 not really a zip", "f.xlsx", "not a valid .xlsx workbook"),
    (b"just some text", "f.xlsx", "not a valid .xlsx workbook"),
    ("STT;Nội dung".encode("cp1258", errors="replace") + b"\xff\xfe", "f.csv", "UTF-8"),
])
def test_file_that_is_not_a_spreadsheet_is_rejected(data, name, reason):
    error = only_error(parse_scoring(data, name, need_scores=True), None)
    assert str(error).startswith("the file is not a spreadsheet") and reason in str(error)


def test_old_xls_format_is_rejected_asking_for_xlsx():
    error = only_error(parse_scoring(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ket-qua.xls",
                                     need_scores=True), None)
    assert "save the sheet as .xlsx" in str(error)


def test_unsupported_extension_is_rejected():
    error = only_error(parse_scoring(b"data", "ket-qua.ods", need_scores=True), None)
    assert str(error).startswith("unsupported file type .ods")


def test_sheet_error_carries_a_msgid_and_params():
    with pytest.raises(SheetError) as info:
        read_table(b"x", "f.pdf")
    assert info.value.message.startswith("unsupported file type %(ext)s")
    assert info.value.params == {"ext": ".pdf"}


def test_sheet_without_a_recognisable_header_is_rejected():
    rows = [["Số", "Tên", "Điểm"], ["1", "Chỉ đạo", 2]]
    error = only_error(parse_scoring(xlsx(rows), "f.xlsx", need_scores=True), None)
    assert str(error) == ("no header row with the columns STT / Lĩnh vực/Tiêu chí/Tiêu chí thành "
                          "phần / Điểm tối đa in the first 20 rows")


def test_header_below_row_20_is_not_found():
    rows = [["tiêu đề"]] * 20 + DOTTED
    error = only_error(parse_scoring(xlsx(rows), "f.xlsx", need_scores=True), None)
    assert "no header row" in str(error)


def test_header_without_data_rows_means_no_criteria():
    error = only_error(parse_scoring(xlsx([HEADER]), "f.xlsx", need_scores=True), None)
    assert str(error) == "the sheet has no criteria"


# --- ranking sheets ------------------------------------------------------------

RANKING_HEADER = ["STT", "Tên đơn vị", "Tổng điểm", "Xếp hạng"]


def test_ranking_rows_with_default_maximum_and_rank():
    rows = [["BẢNG XẾP HẠNG CHỈ SỐ CCHC NĂM 2024"], RANKING_HEADER,
            [1, "Huyện Tánh Linh", 80.52, "06"], [2, "Huyện Đức Linh", "83,00", 5], []]
    result = parse_ranking(xlsx(rows), "xep-hang.xlsx")
    assert result.errors == []
    assert result.rows == [RankingRow("Huyện Tánh Linh", 80.52, 100.0, 6, 3),
                           RankingRow("Huyện Đức Linh", 83.0, 100.0, 5, 4)]


def test_ranking_with_maximum_column_in_semicolon_csv():
    data = "Đơn vị;Điểm;Điểm tối đa\nXã A;71,11;97\nXã B;65;\n".encode("utf-8-sig")
    result = parse_ranking(data, "xep-hang.csv")
    assert result.errors == []
    assert [(r.unit, r.score, r.max_score, r.rank) for r in result.rows] == [
        ("Xã A", 71.11, 97.0, None), ("Xã B", 65.0, 100.0, None)]


@pytest.mark.parametrize("cells, message", [
    (["Xã C", "cao", None], "row 3: score of Xã C is not a number: cao"),
    (["Xã C", -1, None], "row 3: score -1 of Xã C is not between 0 and 100"),
    (["Xã C", 98, 97], "row 3: score 98 of Xã C is not between 0 and 97"),
    (["Xã C", None, None], "row 3: score of Xã C is empty"),
    (["Xã C", 50, "một trăm"], "row 3: maximum of Xã C is not a number: một trăm"),
    (["xã a", 50, None], "row 3: duplicate unit xã a (first on row 2)"),
])
def test_ranking_rejections_carry_the_row(cells, message):
    rows = [["Đơn vị", "Điểm", "Điểm tối đa"], ["Xã A", 70, None], cells]
    result = parse_ranking(xlsx(rows), "f.xlsx")
    assert [str(e) for e in result.errors] == [message]
    assert result.errors[0].row == 3


def test_ranking_non_numeric_rank_is_rejected_with_its_row():
    rows = [RANKING_HEADER, [1, "Xã A", 70, "nhất"]]
    assert [str(e) for e in parse_ranking(xlsx(rows), "f.xlsx").errors] == [
        "row 2: rank of Xã A is not a whole number: nhất"]


def test_ranking_without_units_is_rejected():
    error = only_error(parse_ranking(xlsx([RANKING_HEADER]), "f.xlsx"), None)
    assert str(error) == "the ranking has no units"


def test_ranking_without_a_recognisable_header_is_rejected():
    error = only_error(parse_ranking(xlsx([["Xã", "Số điểm"], ["Xã A", 70]]), "f.xlsx"), None)
    assert "no header row with the columns Đơn vị / Tổng điểm" in str(error)
