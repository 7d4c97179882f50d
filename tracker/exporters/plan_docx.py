"""The remediation plan as an official document (Decree 30/2020/NĐ-CP), with its appendix table."""
from __future__ import annotations

from docx.enum.section import WD_SECTION
from docx.shared import Pt

from . import official_docx as od
from .plan_document import PLAN_COLUMNS, PlanDocument, vn_date

# Appendix column widths in mm; they fill the 257 mm between the landscape margins.
APPENDIX_WIDTHS = [13, 57, 59, 45, 30, 29, 24]


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
    od.body(doc, f"{basis} kết quả Chỉ số cải cách hành chính năm {year}, {plan.result_text}. "
               f"Để khắc phục những tồn tại, hạn chế và nâng cao Chỉ số cải cách hành chính năm "
               f"{next_year}, {plan.unit_name} ban hành Kế hoạch như sau:")

    od.body(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    target = _target(plan)
    aim = f", phấn đấu năm {next_year} đạt {target}" if target else ""
    od.body(doc, "1. Mục đích: khắc phục những tồn tại, hạn chế ở các tiêu chí, tiêu chí thành phần "
               f"bị mất điểm trong Chỉ số cải cách hành chính năm {year}; nâng cao Chỉ số cải cách "
               f"hành chính năm {next_year} của {plan.unit_name}{aim}.")
    od.body(doc, "2. Yêu cầu: xác định cụ thể nhiệm vụ, giải pháp, sản phẩm, trách nhiệm của cơ quan "
               "chủ trì, cơ quan phối hợp và thời gian hoàn thành đối với từng tiêu chí bị mất điểm; "
               "duy trì các tiêu chí đã đạt điểm tối đa; tài liệu kiểm chứng được lưu trữ đầy đủ, "
               "kịp thời để phục vụ việc tự đánh giá, chấm điểm.")

    od.body(doc, "II. NHIỆM VỤ, GIẢI PHÁP", bold=True)
    if plan.task_count:
        od.body(doc, "Các nhiệm vụ, giải pháp, sản phẩm, cơ quan chủ trì, cơ quan phối hợp và thời gian "
                   f"hoàn thành được nêu tại Phụ lục kèm theo Kế hoạch này ({plan.task_count} nhiệm vụ).")
    else:
        od.body(doc, "Không có tiêu chí bị mất điểm cần khắc phục; các cơ quan tiếp tục duy trì kết "
                   "quả đã đạt (Phụ lục kèm theo không có nhiệm vụ).")

    od.body(doc, "III. TỔ CHỨC THỰC HIỆN", bold=True)
    od.body(doc, f"1. {plan.coordinator} theo dõi, đôn đốc, hướng dẫn các cơ quan thực hiện Kế hoạch; "
               "tổng hợp, báo cáo kết quả thực hiện trong báo cáo cải cách hành chính định kỳ "
               "(quý, 6 tháng, năm).")
    od.body(doc, "2. Các cơ quan chủ trì triển khai các nhiệm vụ được giao, cập nhật tiến độ và tài liệu "
               "kiểm chứng kịp thời; các cơ quan phối hợp tham gia đầy đủ theo chức năng, nhiệm vụ. "
               "Người đứng đầu cơ quan chịu trách nhiệm về kết quả thực hiện nhiệm vụ được giao.")
    od.body(doc, f"Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan báo cáo về "
               f"{plan.coordinator} để tổng hợp, trình {plan.unit_name} xem xét, giải quyết./.")


def _appendix(doc, plan: PlanDocument) -> None:
    # The section break starts the new page; a page break as well would leave a blank one.
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    # Rotated with the page: the binding edge (left in portrait) is now at the top.
    od.page(section, 297, 210, top=30, bottom=15, left=20, right=20)
    # Its pages go on being numbered (the header is the first section's); only page 1 has none.
    section.different_first_page_header_footer = False
    od.para(doc, "PHỤ LỤC", bold=True, align=od.CENTER)
    od.para(doc, plan.appendix_title, bold=True, align=od.CENTER)
    od.para(doc, plan.appendix_subtitle, italic=True, align=od.CENTER, after=12)
    table = od.grid(doc, PLAN_COLUMNS, APPENDIX_WIDTHS)

    number = 0
    for group in plan.filled_groups:
        row = table.add_row()
        od.row_props(row)
        cells = row.cells
        heading = cells[0].merge(cells[-1])
        od.cell(heading, group.heading, bold=True)
        heading.paragraphs[0].paragraph_format.keep_with_next = True  # never alone at a page's foot
        for task in group.rows:
            number += 1
            od.grid_row(table, [str(number), task.criterion, task.task, task.product, task.lead,
                                task.supporting, vn_date(task.deadline)], centered=(0, 6))
    if not number:
        p = od.para(doc, "Không có nhiệm vụ khắc phục.", italic=True, align=od.CENTER, after=6)
        p.paragraph_format.space_before = Pt(6)


def plan_docx(doc: PlanDocument) -> bytes:
    document = od.new_document(f"Kế hoạch số {doc.number}")
    od.header(document, doc.parties, doc.number, doc.issued_on)
    od.title(document, "KẾ HOẠCH", "Khắc phục những tồn tại, hạn chế và nâng cao Chỉ số cải cách "
                                   f"hành chính năm {doc.plan_year}")
    _text(document, doc)
    od.closing(document, doc.parties)
    _appendix(document, doc)
    return od.to_bytes(document)
