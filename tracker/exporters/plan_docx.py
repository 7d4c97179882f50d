"""The remediation plan as an official document (Decree 30/2020/NĐ-CP), with its appendix table."""
from __future__ import annotations

from docx.enum.section import WD_SECTION
from docx.shared import Pt

from . import official_docx as od
from tracker.domain.plan_text import paragraphs
from .plan_document import PLAN_COLUMNS, PlanDocument, vn_date

# Appendix column widths in mm; they fill the 257 mm between the landscape margins.
APPENDIX_WIDTHS = [13, 57, 59, 45, 30, 29, 24]


def _section(doc, text: str) -> None:
    for paragraph in paragraphs(text):
        od.body(doc, paragraph)


def _text(doc, plan: PlanDocument) -> None:
    """The sections of domain/plan_text (as the office rewrote them, or their defaults), under
    the headings the plans of the seeds use."""
    text = plan.sections
    _section(doc, text["basis"])
    _section(doc, text["results"])
    od.body(doc, f"Để khắc phục những tồn tại, hạn chế và nâng cao Chỉ số cải cách hành chính năm "
                 f"{plan.plan_year}, {plan.unit_name} ban hành Kế hoạch như sau:")
    for heading, key in (("I. MỤC ĐÍCH, YÊU CẦU", "purpose"), ("II. NHIỆM VỤ, GIẢI PHÁP", "measures"),
                         ("III. KINH PHÍ THỰC HIỆN", "funding"), ("IV. TỔ CHỨC THỰC HIỆN", "organisation")):
        od.body(doc, heading, bold=True)
        _section(doc, text[key])


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
                                task.supporting, task.deadline_text or vn_date(task.deadline)], centered=(0, 6))
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
