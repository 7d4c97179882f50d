"""Starter departments and ownership rules per kind of unit, as set-up offers them (editable).

Structures after the 2025 reform (DOMAIN.md): a province's Office of Internal Affairs is its Sở
Nội vụ; Sở Tài chính took in planning and investment, Sở Khoa học và Công nghệ information and
communications; Văn phòng UBND tỉnh and the Trung tâm Phục vụ hành chính công run the one-stop
shop. A commune or ward has a Văn phòng HĐND và UBND, a Phòng Kinh tế (wards: Phòng Kinh tế, Hạ
tầng và Đô thị), a Phòng Văn hóa - Xã hội and a Trung tâm Phục vụ hành chính công. The first
department of each list is the one that plays Internal Affairs.

Rules are per field (1 to 8); their wording uses the placeholders of `planning.PLACEHOLDERS`.

Document settings (`document_starter`) say who speaks to whom in the unit's plan and reports:
its coordinating body, the usual Nơi nhận and Lưu lines, and how its leader signs.
"""
from __future__ import annotations

from dataclasses import dataclass

from tracker.domain import documents
from tracker.domain.planning import ALL_DEPARTMENTS

SETUP_KINDS = ("province", "department", "commune", "ministry")


@dataclass(frozen=True)
class StarterDepartment:
    code: str
    name: str


@dataclass(frozen=True)
class StarterRule:
    code: str                   # a field, "1" to "8"
    lead: str                   # a starter department's code
    supporting: str = ""        # "VP,TTPVHCC", or "*" for all
    wording: str = ""


# The field's remedy where the loss reason says nothing a pattern reads (domain/wording): an
# action, the target and the year; the appendix shows the criterion in its own column. Survey-
# scored criteria get their survey's wording instead (their points cannot be secured).
ISSUE = "Tham mưu ban hành và tổ chức thực hiện đúng thời hạn, bảo đảm tiêu chí {code} đạt {target} điểm năm {year}"
REVIEW = ("Tham mưu ban hành, rà soát, kiểm tra văn bản đúng quy định, bảo đảm tiêu chí {code} đạt "
          "{target} điểm năm {year}")
URGE = "Đôn đốc các cơ quan, đơn vị thực hiện, bảo đảm tiêu chí {code} đạt {target} điểm năm {year}"
ORGANISE = "Tham mưu thực hiện đúng quy định, bảo đảm tiêu chí {code} đạt {target} điểm năm {year}"
FINANCE = ("Đôn đốc thực hiện, công khai đúng quy định, bảo đảm tiêu chí {code} đạt {target} điểm "
           "năm {year}")
DIGITAL = "Cập nhật, công khai đầy đủ, đúng thời hạn, bảo đảm tiêu chí {code} đạt {target} điểm năm {year}"
IMPACT = "Chỉ đạo thực hiện các giải pháp, bảo đảm tiêu chí {code} đạt {target} điểm năm {year}"


def _rules(owners: dict[str, str], supporting: dict[str, str]) -> tuple[StarterRule, ...]:
    wording = {"1": ISSUE, "2": REVIEW, "3": URGE, "4": ORGANISE, "5": ORGANISE, "6": FINANCE,
               "7": DIGITAL, "8": IMPACT}
    return tuple(StarterRule(code, lead, supporting.get(code, ""), wording[code])
                 for code, lead in owners.items())


STARTERS: dict[str, tuple[tuple[StarterDepartment, ...], tuple[StarterRule, ...]]] = {
    "province": (
        (StarterDepartment("SNV", "Sở Nội vụ"),
         StarterDepartment("STP", "Sở Tư pháp"),
         StarterDepartment("VPUB", "Văn phòng UBND tỉnh"),
         StarterDepartment("TTPVHCC", "Trung tâm Phục vụ hành chính công tỉnh"),
         StarterDepartment("STC", "Sở Tài chính"),
         StarterDepartment("SKHCN", "Sở Khoa học và Công nghệ"),
         StarterDepartment("SCT", "Sở Công Thương"),
         StarterDepartment("SNNMT", "Sở Nông nghiệp và Môi trường"),
         StarterDepartment("SXD", "Sở Xây dựng"),
         StarterDepartment("SGDDT", "Sở Giáo dục và Đào tạo"),
         StarterDepartment("SYT", "Sở Y tế"),
         StarterDepartment("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
         StarterDepartment("TTT", "Thanh tra tỉnh")),
        _rules({"1": "SNV", "2": "STP", "3": "VPUB", "4": "SNV", "5": "SNV", "6": "STC",
                "7": "SKHCN", "8": "SNV"},
               {"3": "TTPVHCC", "7": "VPUB,TTPVHCC", "8": ALL_DEPARTMENTS}),
    ),
    "commune": (
        (StarterDepartment("VP", "Văn phòng HĐND và UBND"),
         StarterDepartment("KT", "Phòng Kinh tế"),
         StarterDepartment("VHXH", "Phòng Văn hóa - Xã hội"),
         StarterDepartment("TTPVHCC", "Trung tâm Phục vụ hành chính công")),
        _rules({"1": "VP", "2": "VP", "3": "TTPVHCC", "4": "VHXH", "5": "VHXH", "6": "KT",
                "7": "VP", "8": "VP"},
               {"3": "VP", "7": "TTPVHCC", "8": ALL_DEPARTMENTS}),
    ),
    # A provincial department (sở) scored in the province's index for its sở, ban, ngành; its
    # inspectorate was folded into the province's in 2025, so its own offices are these.
    "department": (
        (StarterDepartment("VP", "Văn phòng Sở"),
         StarterDepartment("KHTC", "Phòng Kế hoạch - Tài chính"),
         StarterDepartment("QLCN", "Phòng Quản lý chuyên ngành"),
         StarterDepartment("DVSN", "Đơn vị sự nghiệp trực thuộc")),
        _rules({"1": "VP", "2": "VP", "3": "VP", "4": "VP", "5": "VP", "6": "KHTC", "7": "VP",
                "8": "VP"},
               {"3": "QLCN", "8": ALL_DEPARTMENTS}),
    ),
    # A ministry's set has seven fields.
    "ministry": (
        (StarterDepartment("TCCB", "Vụ Tổ chức cán bộ"),
         StarterDepartment("PC", "Vụ Pháp chế"),
         StarterDepartment("VP", "Văn phòng Bộ"),
         StarterDepartment("KHTC", "Vụ Kế hoạch - Tài chính"),
         StarterDepartment("CNTT", "Trung tâm Công nghệ thông tin")),
        _rules({"1": "TCCB", "2": "PC", "3": "VP", "4": "TCCB", "5": "TCCB", "6": "KHTC",
                "7": "CNTT"},
               {"3": "CNTT", "7": "VP"}),
    ),
}


def starter(kind: str) -> tuple[tuple[StarterDepartment, ...], tuple[StarterRule, ...]]:
    """The starter departments and rules for a kind of unit (empty for another kind)."""
    return STARTERS.get(kind, ((), ()))


# --- Documents: who speaks to whom (domain/documents.py) ------------------------------------

_LEVELS = ("thành phố", "tỉnh", "đặc khu", "phường", "xã")


def level_of(unit_name: str, kind: str) -> str:
    """"tỉnh" in "UBND tỉnh Lâm Đồng", "phường" in "UBND phường Mũi Né"; the kind's usual word
    when the name does not say."""
    words = " ".join(unit_name.split()).lower()
    for level in _LEVELS:
        if words.startswith((f"ubnd {level} ", f"ủy ban nhân dân {level} ")):
            return level
    return "xã" if kind == "commune" else "tỉnh"


def kind_from_name(unit_name: str) -> str:
    """What a unit a province's results bring in most likely is, from its name: a sở, ban or
    ngành ("department"), a commune, ward or special zone ("commune"), a province; else "other"."""
    words = " ".join(unit_name.split()).lower()
    for prefix in ("ubnd ", "ủy ban nhân dân "):
        if words.startswith(prefix):
            words = words[len(prefix):]
            break
    if words.startswith(("xã ", "phường ", "đặc khu ", "thị trấn ")):
        return "commune"
    if words.startswith("tỉnh "):
        return "province"
    if words.startswith(("sở ", "ban ", "văn phòng ", "thanh tra ", "đài ", "trường ")):
        return "department"
    return "other"


def province_body(unit_name: str) -> str:
    """"UBND TỈNH LÂM ĐỒNG" for "Sở Tư pháp tỉnh Lâm Đồng": a sở's parent body, when its name says."""
    words = " ".join(unit_name.split())
    lowered = words.lower()
    for level in ("thành phố", "tỉnh"):
        at = lowered.find(f" {level} ")
        if at >= 0:
            return "UBND " + words[at + 1:].upper()
    return ""


def coordinator_head(coordinator: str) -> str:
    """The title of the coordinating body's head: GIÁM ĐỐC of a sở, CHÁNH VĂN PHÒNG of an office…"""
    name = " ".join(coordinator.split()).lower()
    for prefix, title in (("sở ", "GIÁM ĐỐC"), ("văn phòng", "CHÁNH VĂN PHÒNG"), ("vụ ", "VỤ TRƯỞNG"),
                          ("phòng ", "TRƯỞNG PHÒNG"), ("ban ", "TRƯỞNG BAN"), ("cục ", "CỤC TRƯỞNG")):
        if name.startswith(prefix):
            return title
    return "THỦ TRƯỞNG"


def document_starter(kind: str, unit_name: str = "") -> documents.Settings:
    """Sensible document settings for a kind of unit: its coordinating body, the usual Nơi nhận
    of a plan and of a report, the archive line and how its leader signs. The report goes from
    the unit to its superior (a province to Bộ Nội vụ, a commune or a sở to Sở Nội vụ); the
    signer's name is left for the unit to give."""
    level = level_of(unit_name, kind)
    if kind not in SETUP_KINDS:  # a unit an import brought in: its name says which level it is
        kind = "commune" if level in ("xã", "phường", "đặc khu") else "province"
    party = {"tỉnh": "Tỉnh ủy", "thành phố": "Thành ủy"}.get(level, "Đảng ủy")
    leaders = (f"TT {party}, TT HĐND {level} (b/c)", f"CT, các PCT UBND {level}")
    committee = documents.Signer(documents.ON_BEHALF, "CHỦ TỊCH")
    if kind == "commune":
        return documents.Settings(
            coordinator="Văn phòng HĐND và UBND", coordinator_symbol="VP",
            recipients=("UBND tỉnh (b/c)", "Sở Nội vụ (b/c)", *leaders, f"Các cơ quan, đơn vị thuộc UBND {level}"),
            archive="Lưu: VT, VP", signer=committee,
            report_sender=documents.UNIT, report_addressee="Sở Nội vụ",
            report_recipients=("UBND tỉnh (b/c)", *leaders), report_archive="Lưu: VT, VP",
            coordinator_signer=documents.Signer(documents.OWN_NAME, "CHÁNH VĂN PHÒNG"))
    if kind == "department":
        return documents.Settings(
            coordinator="Văn phòng Sở", coordinator_symbol="VP",
            recipients=("UBND tỉnh (b/c)", "Sở Nội vụ (b/c)", "Giám đốc, các Phó Giám đốc Sở",
                        "Các phòng, đơn vị thuộc Sở"),
            archive="Lưu: VT, VP", signer=documents.Signer(documents.OWN_NAME, "GIÁM ĐỐC"),
            report_sender=documents.UNIT, report_addressee="Sở Nội vụ",
            report_recipients=("UBND tỉnh (b/c)", "Giám đốc, các Phó Giám đốc Sở"), report_archive="Lưu: VT, VP",
            coordinator_signer=documents.Signer(documents.OWN_NAME, "CHÁNH VĂN PHÒNG"),
            parent_body=province_body(unit_name))
    if kind == "ministry":
        return documents.Settings(
            coordinator="Vụ Tổ chức cán bộ", coordinator_symbol="TCCB",
            recipients=("Bộ trưởng (để b/c)", "Các Thứ trưởng", "Các cơ quan, đơn vị thuộc Bộ"),
            archive="Lưu: VT, TCCB", signer=documents.Signer(documents.OWN_NAME, "BỘ TRƯỞNG"),
            report_sender=documents.UNIT, report_addressee="Bộ Nội vụ",
            report_recipients=("Bộ trưởng (để b/c)", "Các Thứ trưởng"), report_archive="Lưu: VT, TCCB",
            coordinator_signer=documents.Signer(documents.OWN_NAME, "VỤ TRƯỞNG"))
    # A province (and any other kind: the most common shape of a unit's documents).
    return documents.Settings(
        coordinator="Sở Nội vụ", coordinator_symbol="SNV",
        recipients=("Bộ Nội vụ (b/c)", *leaders, "Các sở, ban, ngành", "UBND các xã, phường, đặc khu"),
        archive="Lưu: VT, SNV", signer=committee,
        report_sender=documents.UNIT, report_addressee="Bộ Nội vụ",
        report_recipients=(*leaders, "Sở Nội vụ"), report_archive="Lưu: VT, SNV",
        coordinator_signer=documents.Signer(documents.OWN_NAME, "GIÁM ĐỐC"))
