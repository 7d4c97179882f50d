"""Starter departments and ownership rules per kind of unit, as set-up offers them (editable).

Structures after the 2025 reform (DOMAIN.md): a province's Office of Internal Affairs is its Sở
Nội vụ; Sở Tài chính took in planning and investment, Sở Khoa học và Công nghệ information and
communications; Văn phòng UBND tỉnh and the Trung tâm Phục vụ hành chính công run the one-stop
shop. A commune or ward has a Văn phòng HĐND và UBND, a Phòng Kinh tế (wards: Phòng Kinh tế, Hạ
tầng và Đô thị), a Phòng Văn hóa - Xã hội and a Trung tâm Phục vụ hành chính công. The first
department of each list is the one that plays Internal Affairs.

Rules are per field (1 to 8); their wording uses the placeholders of `planning.PLACEHOLDERS`.
"""
from __future__ import annotations

from dataclasses import dataclass

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
