"""Downloadable xlsx templates with the canonical columns of CONTRACT §4 and an example."""
from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from .xlsx_cells import put_row

HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")

RESULTS_HEADER = ["STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm tối đa",
                  "Điểm tự đánh giá", "Điểm thẩm định", "Phương pháp", "Ghi chú"]
RESULTS_EXAMPLE = [
    ["1", "Công tác chỉ đạo, điều hành CCHC", 3, None, None, None, None],
    ["1.1", "Ban hành kế hoạch CCHC năm", 1.5, None, None, None, None],
    ["1.1.1", "Ban hành kế hoạch CCHC năm đúng thời hạn", 0.5, 0.5, 0.5, "Thẩm định", None],
    ["1.1.2", "Mức độ hoàn thành kế hoạch CCHC năm", 1, 1, 0.5, "Thẩm định",
     "Hoàn thành 78% nhiệm vụ, dưới mức 80%"],
    ["1.2", "Mức độ hài lòng về công tác chỉ đạo, điều hành", 1.5, 1.5, 1.25, "Điều tra XHH",
     "Điều tra xã hội học đạt 83%"],
    ["", "Tổng cộng", 3, None, 2.25, None, None],
]
RANKING_HEADER = ["Xếp hạng", "Tên đơn vị", "Tổng điểm", "Điểm tối đa"]
RANKING_EXAMPLE = [[1, "UBND huyện A", 82.35, 97], [2, "UBND huyện B", 76.48, 97],
                   [3, "UBND huyện C", 71.11, 97]]
DEPARTMENTS_HEADER = ["Mã", "Tên cơ quan/đơn vị", "Email liên hệ", "Email thủ trưởng"]
DEPARTMENTS_EXAMPLE = [
    ["NV", "Phòng Nội vụ", "nv@huyen.gov.vn, vanthu.nv@huyen.gov.vn", "truongphong.nv@huyen.gov.vn"],
    ["TP", "Phòng Tư pháp", "tp@huyen.gov.vn", "truongphong.tp@huyen.gov.vn"],
    ["VP", "Văn phòng HĐND và UBND", "vp@huyen.gov.vn", None],
]
DEPARTMENT_NOTES = [
    "Dòng tiêu đề có thể nằm ở bất kỳ dòng nào trong 20 dòng đầu; các cột có thể theo thứ tự bất kỳ.",
    "Mã: chữ và số không dấu, không khoảng trắng (NV, TCKH, VH-TT), tối đa 20 ký tự; không trùng nhau.",
    "Mã đã có thì cập nhật cơ quan đó (tên, email); mã mới thì thêm cơ quan mới.",
    "Email liên hệ: nhiều địa chỉ cách nhau bằng dấu phẩy; nhắc hạn và báo cáo tuần gửi đến đây.",
    "Email thủ trưởng: một địa chỉ; nhiệm vụ quá hạn lâu được báo cáo đến đây khi chưa có người dùng "
    "nào được đánh dấu là người đứng đầu.",
    "Thiếu cột email nào thì email đó của cơ quan đã có được giữ nguyên; ô trống thì xóa.",
    "Có lỗi ở bất kỳ dòng nào thì cả tệp không được nhập.",
]
NOTES = [
    "Dòng tiêu đề có thể nằm ở bất kỳ dòng nào trong 20 dòng đầu; các cột có thể theo thứ tự bất kỳ.",
    "Mã: 1, 1.1, 1.1.1 hoặc số La Mã cho lĩnh vực (I, II, …) và số thứ tự tiêu chí bên trong.",
    "Điểm của tiêu chí cha là tổng điểm các tiêu chí con; điểm tối đa của cha phải bằng tổng của con.",
    "Số thập phân viết bằng dấu phẩy (71,11) hoặc dấu chấm (71.11).",
    "Phương pháp: 'Điều tra XHH' cho tiêu chí chấm bằng điều tra xã hội học; để trống là thẩm định.",
    "Dòng không có mã (tiêu đề phụ, Tổng cộng) được bỏ qua.",
]


# Every unit's results (import-unit-results): one sheet per group, one column of scores per unit.
UNIT_TREE = [["1", "Công tác chỉ đạo, điều hành CCHC", 3, None],
             ["1.1", "Ban hành kế hoạch CCHC năm đúng thời hạn", 1, None],
             ["1.2", "Mức độ hoàn thành kế hoạch CCHC năm", 2, None],
             ["2", "Mức độ hài lòng của người dân, tổ chức", 2, "Điều tra XHH"]]
UNIT_GROUPS = {  # sheet (group) → its units and their scores of the leaves 1.1, 1.2, 2
    "Sở, ban, ngành": [("Sở Tư pháp tỉnh A", (1, 1.5, 1.8)), ("Sở Y tế tỉnh A", (1, 2, 1.6))],
    "Xã, phường, đặc khu": [("UBND phường B", (0.5, 1.5, 1.9)), ("UBND xã C", (1, 1, 1.7))],
}
UNIT_NOTES = [
    "Mỗi nhóm đơn vị được xếp hạng riêng (sở, ban, ngành; xã, phường, đặc khu) nằm trên một trang tính "
    "mang tên nhóm.",
    "Các dòng là bộ tiêu chí của nhóm (STT, tiêu chí, điểm tối đa, phương pháp); mỗi đơn vị một cột điểm "
    "thẩm định, tiêu đề cột là tên đơn vị đúng như trong bảng xếp hạng.",
    "Cột Tổng điểm, Xếp hạng và dòng Tổng cộng, nếu có, được bỏ qua: tổng điểm và thứ hạng tính từ điểm.",
    "Đơn vị chưa có thì được tạo; kết quả của mỗi đơn vị và bảng xếp hạng của mỗi nhóm được lưu cùng lúc.",
    *NOTES[1:4],
    "Trang tính không có cột STT / tiêu chí / điểm tối đa (như trang hướng dẫn này) được bỏ qua.",
    "Có lỗi ở bất kỳ ô nào thì cả tệp không được nhập.",
]


def _book(sheets: list[tuple[str, list[str], list[list], list[int]]], notes: list[str]) -> bytes:
    """A workbook of (title, header, rows, column widths) sheets and a sheet of notes."""
    book = Workbook()
    book.remove(book.active)
    for title, header, rows, widths in sheets:
        sheet = book.create_sheet(title)
        put_row(sheet, 1, header)
        for cell in sheet[1]:
            cell.font, cell.fill = Font(bold=True), HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for number, row in enumerate(rows, start=2):
            put_row(sheet, number, row)
        for letter, width in zip("ABCDEFGH", widths):
            sheet.column_dimensions[letter].width = width
        sheet.freeze_panes = "A2"
    notes_sheet = book.create_sheet("Hướng dẫn")
    for number, line in enumerate(notes, start=1):
        put_row(notes_sheet, number, [line])
    notes_sheet.column_dimensions["A"].width = 110
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet(title: str, header: list[str], rows: list[list], widths: list[int],
           notes: list[str] = NOTES) -> bytes:
    return _book([(title, header, rows, widths)], notes)


def unit_results_template() -> bytes:
    sheets = []
    for group, units in UNIT_GROUPS.items():
        header = ["STT", "Tiêu chí", "Điểm tối đa", "Phương pháp", *(name for name, _ in units)]
        scores = {code: [s[i] for _, s in units] for i, code in enumerate(("1.1", "1.2", "2"))}
        rows = [[*row, *scores.get(row[0], [None] * len(units))] for row in UNIT_TREE]
        sheets.append((group, header, rows, [8, 50, 12, 14, 18, 18]))
    return _book(sheets, UNIT_NOTES)


def results_template() -> bytes:
    return _sheet("Kết quả chấm điểm", RESULTS_HEADER, RESULTS_EXAMPLE, [8, 60, 12, 14, 14, 16, 40])


def ranking_template() -> bytes:
    return _sheet("Xếp hạng", RANKING_HEADER, RANKING_EXAMPLE, [10, 40, 12, 12])


def departments_template() -> bytes:
    return _sheet("Cơ quan", DEPARTMENTS_HEADER, DEPARTMENTS_EXAMPLE, [10, 40, 50, 36], DEPARTMENT_NOTES)
