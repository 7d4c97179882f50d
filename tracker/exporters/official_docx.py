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

from tracker.domain.documents import Parties, balanced, place_and_date
from tracker.domain.text import xml_safe

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
CENTER, RIGHT, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY
# The 165 mm between the portrait margins: the issuing body and the national title side by side,
# then Nơi nhận and the signature block.
TEXT_WIDTH = 165
HEADER_WIDTHS = [68, 97]
CLOSING_WIDTHS = [85, 80]
SIGNATURE_LINES = 4  # empty lines between the title and the name: about 25 mm for the signature


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
    left 30-35, right 15-20 mm); pages numbered from the second."""
    document = Document()
    set_fonts(document)
    document.core_properties.title = xml_safe(title)
    document.core_properties.language = "vi-VN"
    section = document.sections[0]
    page(section, 210, 297, top=20, bottom=20, left=30, right=15)
    section.header_distance = Mm(10)
    page_numbers(section)
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
    if bold:  # a heading: never alone at the foot of a page
        p.paragraph_format.keep_with_next = True


def the_end(text: str) -> str:
    """The text's last sentence closed with "./.", as an official text ends."""
    text = text.rstrip()
    return text if text.endswith("./.") else text.rstrip(".") + "./."


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


def header(doc, parties: Parties, number: str, day: date) -> None:
    """The issuing body over its number on the left; the national title, the motto, place and
    date on the right (Decree 30, Phụ lục I).

    The body: its parent (cơ quan chủ quản) in plain capitals, its own name in bold capitals
    (two lines for an Ủy ban nhân dân: ỦY BAN NHÂN DÂN / TỈNH LÂM ĐỒNG), a short rule under it.
    Two rows, so that the number and the date stand level however the names above them wrap.
    """
    table = borderless(doc, HEADER_WIDTHS, rows=2)
    (body_cell, nation), (number_cell, dated) = (row.cells for row in table.rows)
    first = body_cell.paragraphs[0]
    room = HEADER_WIDTHS[0] - 2 * CELL_MARGIN_MM
    for text, bold in parties.header_lines:
        for part in (balanced(text) if text_width_mm(text, 13, bold) > room else [text]):
            para(body_cell, part, bold=bold, size=13, align=CENTER, paragraph=first)
            first = None
    rule(body_cell, 24, HEADER_WIDTHS[0])  # a third to a half of the name's length
    para(nation, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12, align=CENTER,
         paragraph=nation.paragraphs[0])
    para(nation, "Độc lập - Tự do - Hạnh phúc", bold=True, size=14, align=CENTER)
    rule(nation, 62, HEADER_WIDTHS[1])  # as long as the motto
    para(number_cell, f"Số: {number}", size=13, align=CENTER, paragraph=number_cell.paragraphs[0]
         ).paragraph_format.space_before = Pt(6)
    para(dated, place_and_date(parties.place, day), italic=True, size=14, align=CENTER,
         paragraph=dated.paragraphs[0]).paragraph_format.space_before = Pt(6)


# Advance widths of Times New Roman's capitals (thousandths of the size; Liberation Serif, its
# metric twin, has the same), to tell whether a name fits its column before Word wraps it.
_CAPS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_BOLD = dict(zip(_CAPS, (722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611,
                         778, 722, 556, 667, 722, 722, 1000, 722, 722, 667)))
_REGULAR = dict(zip(_CAPS, (722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556,
                            722, 667, 556, 611, 722, 722, 944, 722, 722, 611)))
CELL_MARGIN_MM = 1.9  # the template's table cells: 108 twentieths of a point each side


def text_width_mm(text: str, size_pt: float, bold: bool) -> float:
    """About how wide `text` in capitals is printed (a Vietnamese letter as its base letter)."""
    import unicodedata
    widths = _BOLD if bold else _REGULAR
    total = 0
    for char in text.upper().replace("Đ", "D"):
        base = unicodedata.normalize("NFD", char)[0]
        total += widths.get(base, 250 if base == " " else 500)
    return total / 1000 * size_pt * 25.4 / 72


def rule(container, width_mm: float, within_mm: float):
    """A short centred line under a name or a title: the bottom border of an empty paragraph,
    `width_mm` long in a column `within_mm` wide."""
    p = container.add_paragraph()
    borders = OxmlElement("w:pBdr")  # first: the schema orders pBdr before spacing and indentation
    bottom = OxmlElement("w:bottom")
    for name, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(name), value)
    borders.append(bottom)
    p._p.get_or_add_pPr().append(borders)
    indent = Mm(max((within_mm - width_mm) / 2, 0))
    p.paragraph_format.left_indent = p.paragraph_format.right_indent = indent
    p.paragraph_format.space_before = Pt(2)  # clear of the descenders (quý, Hạnh phúc)
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.line_spacing = Pt(4)  # and close under the text
    return p


def page_numbers(section) -> None:
    """The page number centred at the top of every page but the first (Decree 30: numbered from
    page 2): a PAGE field in the default header, the first page's header left empty."""
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False  # an empty header of its own
    p = section.header.paragraphs[0]
    p.alignment = CENTER
    run = p.add_run()
    run.font.size = Pt(BODY_PT)
    for kind in ("begin", None, "separate", "end"):
        if kind is None:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = " PAGE "
            run._r.append(code)
            continue
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._r.append(char)
        if kind == "separate":
            number = OxmlElement("w:t")
            number.text = "2"
            run._r.append(number)


def title(doc, kind: str, *lines: str) -> None:
    """"KẾ HOẠCH" or "BÁO CÁO" in bold capitals, what it is about under it, and a short rule."""
    para(doc, kind, bold=True, align=CENTER).paragraph_format.space_before = Pt(12)
    for line in lines:
        para(doc, line, bold=True, align=CENTER)
    rule(doc, 40, TEXT_WIDTH).paragraph_format.space_after = Pt(12)


def closing(doc, parties: Parties) -> None:
    """Nơi nhận on the left; on the right the signer's capacity and title, room for the
    signature and the seal, and the signer's name (Decree 30, Phụ lục I, sections 7 and 8).
    The last paragraph of the text goes with them: a signature never stands alone on a page."""
    doc.paragraphs[-1].paragraph_format.keep_with_next = True
    para(doc, "", after=6).paragraph_format.keep_with_next = True
    table = borderless(doc, CLOSING_WIDTHS)
    row = table.rows[0]
    row_props(row)  # the list and the signature stay together on one page
    left, right = row.cells
    para(left, "Nơi nhận:", bold=True, italic=True, size=12, paragraph=left.paragraphs[0])
    for line in parties.recipient_lines:
        hanging(para(left, line, size=11))
    first = right.paragraphs[0]
    for line in parties.signature_lines:
        para(right, line, bold=True, align=CENTER, paragraph=first)
        first = None
    for _blank in range(SIGNATURE_LINES):  # the signature and the seal
        para(right, "", align=CENTER)
    if parties.signer.name.strip():
        para(right, " ".join(parties.signer.name.split()), bold=True, align=CENTER)


def hanging(p) -> None:
    """A Nơi nhận entry that wraps continues under its text, not under its dash."""
    p.paragraph_format.left_indent = Mm(3)
    p.paragraph_format.first_line_indent = Mm(-3)


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
    cell_margins(table, top=0.6, bottom=0.6, left=1.5, right=1.5)
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)  # add_row() copies these into each new cell
    head = table.rows[0]
    for cell_, name, width in zip(head.cells, columns, widths_mm):
        cell_.width = Mm(width)
        cell(cell_, name, bold=True, align=CENTER, size=size)
    row_props(head, header=True)
    return table


def keep_together(table) -> None:
    """A short table on one page: each row keeps with the next (its caption already keeps with it)."""
    for row in table.rows[:-1]:
        for cell_ in row.cells:
            for p in cell_.paragraphs:
                p.paragraph_format.keep_with_next = True


def cell_margins(table, **mm: float) -> None:
    """Room between a cell's text and its borders (w:tblCellMar), in mm."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):  # the schema's order
        if side in mm:
            edge = OxmlElement(f"w:{side}")
            edge.set(qn("w:w"), str(round(mm[side] * 56.7)))  # twentieths of a point
            edge.set(qn("w:type"), "dxa")
            margins.append(edge)
    tbl_pr = table._tbl.tblPr
    layout = tbl_pr.find(qn("w:tblLayout"))  # tblCellMar comes after tblLayout in the schema
    if layout is not None:
        layout.addnext(margins)
    else:
        tbl_pr.append(margins)


def grid_row(table, values: list[str], *, centered=(), bold=False, size=TABLE_PT):
    row = table.add_row()
    row_props(row)
    for i, (cell_, value) in enumerate(zip(row.cells, values)):
        cell(cell_, value, bold=bold, align=CENTER if i in centered else None, size=size)
    return row
