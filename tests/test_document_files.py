"""Acceptance: the plan and a periodic report of each kind of unit, as a real office would sign them.

For a province, a ward and a sở (set up with the starter of their kind and a signer), and for a
province whose Sở Nội vụ sends the reports: generate the plan .docx and the quý III report .docx,
open them with python-docx and read what Decree 30/2020/NĐ-CP asks for: the issuing body in two
lines (bold where the decree says), the place and date, Nơi nhận and the Lưu line, the signer's
capacity, title and name, page numbers from page 2, and to whom the kiến nghị are addressed.
"""
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import docx
import pytest
from docx.oxml.ns import qn

from tests import factories
from tracker import i18n
from tracker.domain import documents
from tracker.domain.periods import report_period
from tracker.domain.starter import document_starter
from tracker.extensions import db
from tracker.services import plan_export, plans, reports, setup

Q3 = report_period(2026, 3)
REPORT_DAY = date(2026, 12, 15)   # the draft is dated the day it is written


def freeze(monkeypatch, day: date) -> None:
    moment = datetime(day.year, day.month, day.day, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    monkeypatch.setattr(i18n, "local_now", lambda: moment)


def set_up_unit(name, kind, place, issuing_body, **changes):
    """The unit set up with its kind's starter document settings, `changes` over them."""
    from dataclasses import replace
    settings = replace(document_starter(kind, name), **changes)
    return setup.set_up(name=name, kind=kind, place=place, issuing_body=issuing_body,
                        document_settings=settings, actor="test")


def files(unit_name: str, number: str, issued: date, monkeypatch):
    """The plan .docx and the quý III report .docx of the unit's plan for its 2025 results."""
    assessment = factories.assessment(unit_name, 2025)
    plan, _tasks = plans.generate_plan(assessment, number, issued, date(2026, 12, 15), actor="test")
    db.session.flush()
    plan_file = docx.Document(io.BytesIO(plan_export.render(plan, "docx")))
    freeze(monkeypatch, REPORT_DAY)
    report = reports.build(plan, Q3)
    report_file = docx.Document(io.BytesIO(reports.render(report, "docx")))
    return plan_file, report_file


def header_lines(document) -> list[tuple[str, bool]]:
    """The issuing body block, top left: (text, bold) of each line."""
    cell = document.tables[0].cell(0, 0)
    return [(p.text, all(r.bold for r in p.runs)) for p in cell.paragraphs if p.text.strip()]


def number_and_date(document) -> tuple[str, str]:
    top = document.tables[0]
    return top.cell(1, 0).text.strip(), top.cell(1, 1).text


def closing(document) -> tuple[list[str], list[str]]:
    """(Nơi nhận lines, the signature block's lines) of the table that holds them."""
    table = next(t for t in document.tables if t.cell(0, 0).text.startswith("Nơi nhận:"))
    left, right = table.rows[0].cells
    return ([p.text for p in left.paragraphs if p.text],
            [p.text for p in right.paragraphs])


def signature(document) -> tuple[list[str], str, int]:
    """(the capacity and title lines, the name or "", the empty lines left for the signature)."""
    lines = closing(document)[1]
    blank = lines.index("")
    rest = [text for text in lines[blank:] if text]
    room = len(lines[blank:]) - len(rest)
    return lines[:blank], (rest[0] if rest else ""), room


def assert_numbered_from_page_two(document) -> None:
    """titlePg on the first section; a PAGE field, centred, in its default header; none on page 1."""
    first = document.sections[0]
    assert first._sectPr.find(qn("w:titlePg")) is not None
    default = first.header
    codes = "".join(t.text for t in default._element.iter(qn("w:instrText")))
    assert codes.strip() == "PAGE"
    assert default.paragraphs[0].alignment == 1  # centred
    assert not first.first_page_header.is_linked_to_previous
    assert not list(first.first_page_header._element.iter(qn("w:instrText")))
    for later in document.sections[1:]:  # the plan's landscape appendix goes on being numbered
        assert later._sectPr.find(qn("w:titlePg")) is None and later.header.is_linked_to_previous


def paragraph_after(document, heading: str) -> str:
    texts = [p.text for p in document.paragraphs]
    return texts[texts.index(heading) + 1]


def test_a_province_plan_and_its_report_to_the_ministry(app, monkeypatch):
    set_up_unit("UBND tỉnh Lâm Đồng", "province", "Lâm Đồng", "UBND TỈNH LÂM ĐỒNG",
                signer=documents.Signer("KT.", "PHÓ CHỦ TỊCH", "Trần Minh Đức"))
    plan, report = files("UBND tỉnh Lâm Đồng", "86/KH-UBND", date(2026, 4, 20), monkeypatch)

    for document in (plan, report):
        assert header_lines(document) == [("ỦY BAN NHÂN DÂN", True), ("TỈNH LÂM ĐỒNG", True)]
        assert signature(document)[:2] == (["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Trần Minh Đức")
        assert signature(document)[2] >= 3  # room for the signature and the seal
        assert_numbered_from_page_two(document)
    assert number_and_date(plan) == ("Số: 86/KH-UBND", "Lâm Đồng, ngày 20 tháng 4 năm 2026")
    assert closing(plan)[0] == ["Nơi nhận:", "- Bộ Nội vụ (b/c);", "- TT Tỉnh ủy, TT HĐND tỉnh (b/c);",
                                "- CT, các PCT UBND tỉnh;", "- Các sở, ban, ngành;",
                                "- UBND các xã, phường, đặc khu;", "- Lưu: VT, SNV."]
    body = "\n".join(p.text for p in plan.paragraphs)
    assert "1. Sở Nội vụ theo dõi, đôn đốc" in body and "Phòng Nội vụ" not in body

    assert number_and_date(report) == ("Số:       /BC-UBND", "Lâm Đồng, ngày 15 tháng 12 năm 2026")
    assert "Kính gửi: Bộ Nội vụ." in [p.text for p in report.paragraphs]
    assert closing(report)[0] == ["Nơi nhận:", "- Như trên;", "- TT Tỉnh ủy, TT HĐND tỉnh (b/c);",
                                  "- CT, các PCT UBND tỉnh;", "- Sở Nội vụ;", "- Lưu: VT, SNV."]
    proposal = paragraph_after(report, "IV. ĐỀ XUẤT, KIẾN NGHỊ")
    assert proposal.startswith("Kiến nghị Bộ Nội vụ ") and proposal.endswith("./.")  # the text's end
    assert "Chủ tịch" not in proposal  # never addressed to the one who signs it


def test_a_province_whose_sở_nội_vụ_reports_to_the_leaders(app, monkeypatch):
    set_up_unit("UBND tỉnh Lâm Đồng", "province", "Lâm Đồng", "UBND TỈNH LÂM ĐỒNG",
                report_sender=documents.COORDINATOR, report_addressee="Ủy ban nhân dân tỉnh Lâm Đồng",
                report_recipients=("CT, các PCT UBND tỉnh (b/c)", "Giám đốc, các Phó Giám đốc Sở"),
                report_archive="Lưu: VT, CCHC",
                coordinator_signer=documents.Signer("", "GIÁM ĐỐC", "Lê Văn Bình"))
    plan, report = files("UBND tỉnh Lâm Đồng", "86/KH-UBND", date(2026, 4, 20), monkeypatch)

    assert header_lines(plan) == [("ỦY BAN NHÂN DÂN", True), ("TỈNH LÂM ĐỒNG", True)]  # the plan stays the unit's
    # The report: Sở Nội vụ under its parent (plain capitals), its own number, its director.
    assert header_lines(report) == [("UBND TỈNH LÂM ĐỒNG", False), ("SỞ NỘI VỤ", True)]
    assert number_and_date(report) == ("Số:       /BC-SNV", "Lâm Đồng, ngày 15 tháng 12 năm 2026")
    assert "Kính gửi: Ủy ban nhân dân tỉnh Lâm Đồng." in [p.text for p in report.paragraphs]
    assert signature(report)[:2] == (["GIÁM ĐỐC"], "Lê Văn Bình")
    assert closing(report)[0] == ["Nơi nhận:", "- Như trên;", "- CT, các PCT UBND tỉnh (b/c);",
                                  "- Giám đốc, các Phó Giám đốc Sở;", "- Lưu: VT, CCHC."]
    assert paragraph_after(report, "IV. ĐỀ XUẤT, KIẾN NGHỊ").startswith("Kiến nghị Ủy ban nhân dân tỉnh Lâm Đồng ")
    assert_numbered_from_page_two(report)


def test_a_ward_plan_and_its_report_to_sở_nội_vụ(app, monkeypatch):
    set_up_unit("UBND phường Mũi Né", "commune", "Mũi Né", "UBND PHƯỜNG MŨI NÉ",
                signer=documents.Signer("TM.", "CHỦ TỊCH", "Nguyễn Thị Mai"))
    plan, report = files("UBND phường Mũi Né", "45/KH-UBND", date(2026, 1, 5), monkeypatch)

    for document in (plan, report):
        assert header_lines(document) == [("ỦY BAN NHÂN DÂN", True), ("PHƯỜNG MŨI NÉ", True)]
        assert signature(document)[:2] == (["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Nguyễn Thị Mai")
        assert_numbered_from_page_two(document)
    assert number_and_date(plan) == ("Số: 45/KH-UBND", "Mũi Né, ngày 05 tháng 01 năm 2026")
    assert closing(plan)[0] == ["Nơi nhận:", "- UBND tỉnh (b/c);", "- Sở Nội vụ (b/c);",
                                "- TT Đảng ủy, TT HĐND phường (b/c);", "- CT, các PCT UBND phường;",
                                "- Các cơ quan, đơn vị thuộc UBND phường;", "- Lưu: VT, VP."]
    assert "1. Văn phòng HĐND và UBND theo dõi, đôn đốc" in "\n".join(p.text for p in plan.paragraphs)
    assert number_and_date(report) == ("Số:       /BC-UBND", "Mũi Né, ngày 15 tháng 12 năm 2026")
    assert closing(report)[0] == ["Nơi nhận:", "- Như trên;", "- UBND tỉnh (b/c);",
                                  "- TT Đảng ủy, TT HĐND phường (b/c);", "- CT, các PCT UBND phường;",
                                  "- Lưu: VT, VP."]
    assert "Kính gửi: Sở Nội vụ." in [p.text for p in report.paragraphs]
    assert paragraph_after(report, "IV. ĐỀ XUẤT, KIẾN NGHỊ").startswith("Kiến nghị Sở Nội vụ ")


def test_a_sở_plan_and_its_report(app, monkeypatch):
    """A provincial department: its parent in plain capitals over its own name in bold, its own
    symbol in the numbers, signed by its director (or a deputy, KT.) without TM."""
    set_up_unit("Sở Tư pháp tỉnh Lâm Đồng", "department", "Lâm Đồng", "SỞ TƯ PHÁP",
                signer=documents.Signer("KT.", "PHÓ GIÁM ĐỐC", "Phạm Quốc Bảo"))
    plan, report = files("Sở Tư pháp tỉnh Lâm Đồng", "12/KH-STP", date(2026, 2, 9), monkeypatch)

    for document in (plan, report):
        assert header_lines(document) == [("UBND TỈNH LÂM ĐỒNG", False), ("SỞ TƯ PHÁP", True)]
        assert signature(document)[:2] == (["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Phạm Quốc Bảo")
        assert_numbered_from_page_two(document)
    assert number_and_date(plan) == ("Số: 12/KH-STP", "Lâm Đồng, ngày 09 tháng 02 năm 2026")
    assert closing(plan)[0] == ["Nơi nhận:", "- UBND tỉnh (b/c);", "- Sở Nội vụ (b/c);",
                                "- Giám đốc, các Phó Giám đốc Sở;", "- Các phòng, đơn vị thuộc Sở;", "- Lưu: VT, VP."]
    assert number_and_date(report) == ("Số:       /BC-STP", "Lâm Đồng, ngày 15 tháng 12 năm 2026")
    assert closing(report)[0] == ["Nơi nhận:", "- Như trên;", "- UBND tỉnh (b/c);",
                                  "- Giám đốc, các Phó Giám đốc Sở;", "- Lưu: VT, VP."]
    assert paragraph_after(report, "IV. ĐỀ XUẤT, KIẾN NGHỊ").startswith("Kiến nghị Sở Nội vụ ")


def test_an_installation_set_up_before_the_settings_existed_gets_its_kinds_starter(app, monkeypatch):
    """A province set up without a settings row (as every installation before this change):
    its documents read Sở Nội vụ and Lưu: VT, SNV, not Phòng Nội vụ and Lưu: VT, NV."""
    from tracker.models import Unit
    db.session.add(Unit(name="UBND tỉnh Lâm Đồng", kind="province", place="Lâm Đồng",
                        issuing_body="UBND TỈNH LÂM ĐỒNG", own=True))
    db.session.flush()
    plan, report = files("UBND tỉnh Lâm Đồng", "86/KH-UBND", date(2026, 4, 20), monkeypatch)
    assert closing(plan)[0][-1] == "- Lưu: VT, SNV." and "- Bộ Nội vụ (b/c);" in closing(plan)[0]
    assert "1. Sở Nội vụ theo dõi" in "\n".join(p.text for p in plan.paragraphs)
    assert signature(plan)[0] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert paragraph_after(report, "IV. ĐỀ XUẤT, KIẾN NGHỊ").startswith("Kiến nghị Bộ Nội vụ ")


@pytest.mark.parametrize("day, line", [
    (date(2026, 1, 5), "ngày 05 tháng 01 năm 2026"), (date(2026, 2, 28), "ngày 28 tháng 02 năm 2026"),
    (date(2026, 3, 1), "ngày 01 tháng 3 năm 2026"), (date(2026, 4, 20), "ngày 20 tháng 4 năm 2026"),
    (date(2026, 10, 9), "ngày 09 tháng 10 năm 2026"), (date(2026, 12, 15), "ngày 15 tháng 12 năm 2026"),
])
def test_the_date_line_has_a_leading_zero_only_for_days_1_to_9_and_months_1_and_2(day, line):
    assert documents.long_date(day) == line
