"""Official documents in the format of Decree 30/2020/NĐ-CP, shared by the plan and the reports:
A4, Times New Roman, the issuing body and number top left, the national title top right, place
and date, the title, and recipients (Nơi nhận) and the signature block at the end."""
from __future__ import annotations

import io
from datetime import date

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from tracker.domain.text import xml_safe

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
CENTER, RIGHT, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY


def set_fonts(doc) -> None:
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


def page(section, width_mm: float, height_mm: float, top: float, bottom: float,
         left: float, right: float) -> None:
    section.page_width, section.page_height = Mm(width_mm), Mm(height_mm)
    section.orientation = WD_ORIENT.LANDSCAPE if width_mm > height_mm else WD_ORIENT.PORTRAIT
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)


def new_document(title: str):
    """An empty A4 portrait document; margins within Decree 30's ranges (top/bottom 20-25,
    left 30-35, right 15-20 mm)."""
    document = Document()
    set_fonts(document)
    document.core_properties.title = xml_safe(title)
    document.core_properties.language = "vi-VN"
    page(document.sections[0], 210, 297, top=20, bottom=20, left=30, right=15)
    return document


def to_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def para(container, text: str = "", *, bold=False, italic=False, size=None, align=None,
         after: float = 0, indent: bool = False, paragraph=None):
    """Add (or fill) a paragraph with one run; `indent` is the first-line indent of body text."""
    p = paragraph if paragraph is not None else container.add_paragraph()
    if text:
        run = p.add_run(xml_safe(text))  # whatever an older row holds, the document is written
        run.bold, run.italic = bold or None, italic or None
        if size:
            run.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(after)
    if indent:
        p.paragraph_format.first_line_indent = Cm(1.27)
    return p


def body(doc, text: str, *, bold=False) -> None:
    # Decree 30: justified, first line indented, at least 6 pt between paragraphs.
    p = para(doc, text, bold=bold, align=JUSTIFY, after=6, indent=True)
    p.paragraph_format.line_spacing = 1.15


def borderless(doc, widths_mm: list[float], rows: int = 1):
    """A layout table: the default table style of the template draws no borders."""
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    table.autofit = False
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)
    for row in table.rows:
        for cell_, width in zip(row.cells, widths_mm):
            cell_.width = Mm(width)
    return table


def header(doc, issuing_body: str, number: str, place: str, day: date) -> None:
    """Issuing body over its number on the left, national title, motto, place and date on the right.

    Two rows, so that the number and the date stand level however the names above them wrap.
    """
    table = borderless(doc, [65, 100], rows=2)
    (body_cell, nation), (number_cell, dated) = (row.cells for row in table.rows)
    para(body_cell, issuing_body.upper(), bold=True, size=13, align=CENTER, paragraph=body_cell.paragraphs[0])
    para(body_cell, "________", size=13, align=CENTER)  # the short rule under the issuing body
    para(nation, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12, align=CENTER,
         paragraph=nation.paragraphs[0])
    para(nation, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13, align=CENTER)
    para(nation, "_________________________", size=13, align=CENTER)
    para(number_cell, f"Số: {number}", size=13, align=CENTER, after=6, paragraph=number_cell.paragraphs[0])
    para(dated, f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}",
         italic=True, size=13, align=CENTER, after=6, paragraph=dated.paragraphs[0])


def title(doc, kind: str, *lines: str) -> None:
    """"KẾ HOẠCH" or "BÁO CÁO" in bold capitals, what it is about under it, and a short rule."""
    para(doc, kind, bold=True, align=CENTER).paragraph_format.space_before = Pt(12)
    for line in lines:
        para(doc, line, bold=True, align=CENTER)
    para(doc, "_______________", align=CENTER, after=12)


def closing(doc, recipients: list[str], signer_title: str, on_behalf: str = "TM. ỦY BAN NHÂN DÂN") -> None:
    """Nơi nhận on the left, the signature block on the right."""
    para(doc, "", after=6)
    table = borderless(doc, [80, 85])
    left, right = table.rows[0].cells
    para(left, "Nơi nhận:", bold=True, italic=True, size=12, paragraph=left.paragraphs[0])
    for i, recipient in enumerate(recipients):
        end = "." if i == len(recipients) - 1 else ";"  # the list ends with a full stop
        para(left, f"- {recipient}{end}", size=11)
    para(right, on_behalf, bold=True, align=CENTER, paragraph=right.paragraphs[0])
    para(right, signer_title.upper(), bold=True, align=CENTER)


def row_props(row, *, header: bool = False) -> None:
    """Keep each row on one page; the header row is repeated at the top of every page."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))  # the schema orders cantSplit before tblHeader
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def cell(cell_, text: str, *, bold=False, align=None, size=TABLE_PT) -> None:
    para(cell_, text, bold=bold, size=size, align=align, paragraph=cell_.paragraphs[0])
    cell_.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def grid(doc, columns: list[str], widths_mm: list[float], size=TABLE_PT):
    """A bordered table with its header row (repeated on every page); add rows with grid_row."""
    table = doc.add_table(rows=1, cols=len(columns), style="Table Grid")
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)  # add_row() copies these into each new cell
    head = table.rows[0]
    for cell_, name, width in zip(head.cells, columns, widths_mm):
        cell_.width = Mm(width)
        cell(cell_, name, bold=True, align=CENTER, size=size)
    row_props(head, header=True)
    return table


def grid_row(table, values: list[str], *, centered=(), bold=False, size=TABLE_PT):
    row = table.add_row()
    row_props(row)
    for i, (cell_, value) in enumerate(zip(row.cells, values)):
        cell(cell_, value, bold=bold, align=CENTER if i in centered else None, size=size)
    return row
