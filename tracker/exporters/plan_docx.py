"""The remediation plan as an official document (Decree 30/2020/NĐ-CP), with its appendix table."""
from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from .plan_document import PLAN_COLUMNS, PlanDocument, vn_date

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
CENTER, RIGHT, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY
# Appendix column widths in mm; they fill the 257 mm between the landscape margins.
APPENDIX_WIDTHS = [13, 50, 59, 44, 34, 32, 25]


def _set_fonts(doc) -> None:
    """Times New Roman everywhere, East Asian and complex scripts included.

    The default template names theme fonts in docDefaults, and Word then picks the theme's
    East Asian font for some Vietnamese characters; naming the font for every script avoids it.
    """
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is not None:  # Vietnamese proofing instead of a page of red squiggles
        lang.set(qn("w:val"), "vi-VN")
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0


def _page(section, width_mm: float, height_mm: float, top: float, bottom: float,
          left: float, right: float) -> None:
    section.page_width, section.page_height = Mm(width_mm), Mm(height_mm)
    section.orientation = WD_ORIENT.LANDSCAPE if width_mm > height_mm else WD_ORIENT.PORTRAIT
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)


def _para(container, text: str = "", *, bold=False, italic=False, size=None, align=None,
          after: float = 0, indent: bool = False, paragraph=None):
    """Add (or fill) a paragraph with one run; `indent` is the first-line indent of body text."""
    p = paragraph if paragraph is not None else container.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold, run.italic = bold or None, italic or None
        if size:
            run.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(after)
    if indent:
        p.paragraph_format.first_line_indent = Cm(1.27)
    return p


def _body(doc, text: str, *, bold=False) -> None:
    # Decree 30: justified, first line indented, at least 6 pt between paragraphs.
    p = _para(doc, text, bold=bold, align=JUSTIFY, after=6, indent=True)
    p.paragraph_format.line_spacing = 1.15


def _borderless(doc, widths_mm: list[float], rows: int = 1):
    """A layout table: the default table style of the template draws no borders."""
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    table.autofit = False
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm):
            cell.width = Mm(width)
    return table


def _header(doc, plan: PlanDocument) -> None:
    """Issuing body over its number on the left, national title, motto, place and date on the right.

    Two rows, so that the number and the date stand level however the names above them wrap.
    """
    table = _borderless(doc, [65, 100], rows=2)
    (body, nation), (number, dated) = (row.cells for row in table.rows)
    _para(body, plan.issuing_body.upper(), bold=True, size=13, align=CENTER,
          paragraph=body.paragraphs[0])
    _para(body, "________", size=13, align=CENTER)  # the short rule under the issuing body
    _para(nation, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12, align=CENTER,
          paragraph=nation.paragraphs[0])
    _para(nation, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13, align=CENTER)
    _para(nation, "_________________________", size=13, align=CENTER)
    _para(number, f"Số: {plan.number}", size=13, align=CENTER, after=6, paragraph=number.paragraphs[0])
    day = plan.issued_on
    _para(dated, f"{plan.place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}",
          italic=True, size=13, align=CENTER, after=6, paragraph=dated.paragraphs[0])


def _title(doc, plan: PlanDocument) -> None:
    _para(doc, "KẾ HOẠCH", bold=True, align=CENTER).paragraph_format.space_before = Pt(12)
    _para(doc, "Khắc phục những tồn tại, hạn chế và nâng cao Chỉ số cải cách hành chính "
               f"năm {plan.plan_year}", bold=True, align=CENTER)
    _para(doc, "_______________", align=CENTER, after=12)


def _target(plan: PlanDocument) -> str:
    parts = []
    if plan.target_classification:
        parts.append(f"xếp loại {plan.target_classification}")
    if plan.target_rank is not None:
        parts.append(f"xếp hạng {plan.target_rank}" + (f"/{plan.rank_of}" if plan.rank_of else ""))
    return ", ".join(parts)


def _text(doc, plan: PlanDocument) -> None:
    year, next_year = plan.assessed_year, plan.plan_year
    basis = f"Căn cứ {plan.result_decision}; theo" if plan.result_decision else "Theo"
    _body(doc, f"{basis} kết quả Chỉ số cải cách hành chính năm {year}, {plan.result_text}. "
               f"Để khắc phục những tồn tại, hạn chế và nâng cao Chỉ số cải cách hành chính năm "
               f"{next_year}, {plan.unit_name} ban hành Kế hoạch như sau:")

    _body(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    target = _target(plan)
    aim = f", phấn đấu năm {next_year} đạt {target}" if target else ""
    _body(doc, "1. Mục đích: khắc phục những tồn tại, hạn chế ở các tiêu chí, tiêu chí thành phần "
               f"bị mất điểm trong Chỉ số cải cách hành chính năm {year}; nâng cao Chỉ số cải cách "
               f"hành chính năm {next_year} của {plan.unit_name}{aim}.")
    _body(doc, "2. Yêu cầu: xác định cụ thể nhiệm vụ, giải pháp, sản phẩm, trách nhiệm của cơ quan "
               "chủ trì, cơ quan phối hợp và thời gian hoàn thành đối với từng tiêu chí bị mất điểm; "
               "duy trì các tiêu chí đã đạt điểm tối đa; tài liệu kiểm chứng được lưu trữ đầy đủ, "
               "kịp thời để phục vụ việc tự đánh giá, chấm điểm.")

    _body(doc, "II. NHIỆM VỤ, GIẢI PHÁP", bold=True)
    if plan.task_count:
        _body(doc, "Các nhiệm vụ, giải pháp, sản phẩm, cơ quan chủ trì, cơ quan phối hợp và thời gian "
                   f"hoàn thành được nêu tại Phụ lục kèm theo Kế hoạch này ({plan.task_count} nhiệm vụ).")
    else:
        _body(doc, "Không có tiêu chí bị mất điểm cần khắc phục; các cơ quan tiếp tục duy trì kết "
                   "quả đã đạt (Phụ lục kèm theo không có nhiệm vụ).")

    _body(doc, "III. TỔ CHỨC THỰC HIỆN", bold=True)
    _body(doc, f"1. {plan.coordinator} theo dõi, đôn đốc, hướng dẫn các cơ quan thực hiện Kế hoạch; "
               "tổng hợp, báo cáo kết quả thực hiện trong báo cáo cải cách hành chính định kỳ "
               "(quý, 6 tháng, năm).")
    _body(doc, "2. Các cơ quan chủ trì triển khai các nhiệm vụ được giao, cập nhật tiến độ và tài liệu "
               "kiểm chứng kịp thời; các cơ quan phối hợp tham gia đầy đủ theo chức năng, nhiệm vụ. "
               "Người đứng đầu cơ quan chịu trách nhiệm về kết quả thực hiện nhiệm vụ được giao.")
    _body(doc, f"Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan báo cáo về "
               f"{plan.coordinator} để tổng hợp, trình {plan.unit_name} xem xét, giải quyết./.")


def _closing(doc, plan: PlanDocument) -> None:
    _para(doc, "", after=6)
    table = _borderless(doc, [80, 85])
    left, right = table.rows[0].cells
    _para(left, "Nơi nhận:", bold=True, italic=True, size=12, paragraph=left.paragraphs[0])
    for i, recipient in enumerate(plan.recipients):
        end = "." if i == len(plan.recipients) - 1 else ";"  # the list ends with a full stop
        _para(left, f"- {recipient}{end}", size=11)
    _para(right, "TM. ỦY BAN NHÂN DÂN", bold=True, align=CENTER, paragraph=right.paragraphs[0])
    _para(right, plan.signer_title.upper(), bold=True, align=CENTER)


def _row_props(row, *, header: bool = False) -> None:
    """Keep each row on one page; the header row is repeated at the top of every page."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))  # the schema orders cantSplit before tblHeader
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _cell(cell, text: str, *, bold=False, align=None) -> None:
    _para(cell, text, bold=bold, size=TABLE_PT, align=align, paragraph=cell.paragraphs[0])
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _appendix(doc, plan: PlanDocument) -> None:
    # The section break starts the new page; a page break as well would leave a blank one.
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    # Rotated with the page: the binding edge (left in portrait) is now at the top.
    _page(section, 297, 210, top=30, bottom=15, left=20, right=20)
    _para(doc, "PHỤ LỤC", bold=True, align=CENTER)
    _para(doc, plan.appendix_title, bold=True, align=CENTER)
    _para(doc, plan.appendix_subtitle, italic=True, align=CENTER, after=12)

    table = doc.add_table(rows=1, cols=len(PLAN_COLUMNS), style="Table Grid")
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, width in zip(table.columns, APPENDIX_WIDTHS):
        column.width = Mm(width)  # add_row() copies these into each new cell
    header = table.rows[0]
    for cell, name, width in zip(header.cells, PLAN_COLUMNS, APPENDIX_WIDTHS):
        cell.width = Mm(width)
        _cell(cell, name, bold=True, align=CENTER)
    _row_props(header, header=True)

    number = 0
    for group in plan.filled_groups:
        row = table.add_row()
        _row_props(row)
        cells = row.cells
        merged = cells[0].merge(cells[-1])
        _cell(merged, group.heading, bold=True)
        for task in group.rows:
            number += 1
            row = table.add_row()
            _row_props(row)
            values = [str(number), task.criterion, task.task, task.product, task.lead,
                      task.supporting, vn_date(task.deadline)]
            for i, (cell, value) in enumerate(zip(row.cells, values)):
                _cell(cell, value, align=CENTER if i in (0, 6) else None)
    if not number:
        p = _para(doc, "Không có nhiệm vụ khắc phục.", italic=True, align=CENTER, after=6)
        p.paragraph_format.space_before = Pt(6)


def plan_docx(doc: PlanDocument) -> bytes:
    document = Document()
    _set_fonts(document)
    document.core_properties.title = f"Kế hoạch số {doc.number}"
    document.core_properties.language = "vi-VN"
    # A4 portrait; margins within Decree 30's ranges (top/bottom 20-25, left 30-35, right 15-20).
    _page(document.sections[0], 210, 297, top=20, bottom=20, left=30, right=15)
    _header(document, doc)
    _title(document, doc)
    _text(document, doc)
    _closing(document, doc)
    _appendix(document, doc)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
