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


def _sheet(title: str, header: list[str], rows: list[list], widths: list[int],
           notes: list[str] = NOTES) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    put_row(sheet, 1, header)
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for number, row in enumerate(rows, start=2):
        put_row(sheet, number, row)
    for letter, width in zip("ABCDEFGH", widths):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    notes = book.create_sheet("Hướng dẫn")
    for number, line in enumerate(notes, start=1):
        put_row(notes, number, [line])
    notes.column_dimensions["A"].width = 110
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def results_template() -> bytes:
    return _sheet("Kết quả chấm điểm", RESULTS_HEADER, RESULTS_EXAMPLE, [8, 60, 12, 14, 14, 16, 40])


def ranking_template() -> bytes:
    return _sheet("Xếp hạng", RANKING_HEADER, RANKING_EXAMPLE, [10, 40, 12, 12])


def departments_template() -> bytes:
    return _sheet("Cơ quan", DEPARTMENTS_HEADER, DEPARTMENTS_EXAMPLE, [10, 40, 50, 36], DEPARTMENT_NOTES)
