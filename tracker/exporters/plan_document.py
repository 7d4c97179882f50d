"""What a remediation plan export needs, as plain data: the docx and xlsx writers read only this.

Keeping the writers free of Flask and the database lets them be tested (and opened) on their own;
the caller formats the criterion labels and the names of departments.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tracker.domain.documents import Parties

# The columns of the appendix (DOMAIN.md "The remediation plan"); the xlsx adds "Trạng thái".
PLAN_COLUMNS = ["STT", "Tiêu chí bị mất điểm", "Nhiệm vụ, giải pháp", "Sản phẩm",
                "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]

_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def vn_number(x: float) -> str:
    """71.11 -> "71,11", 83.0 -> "83", 80.5 -> "80,5": Vietnamese documents use a decimal comma."""
    text = f"{round(x, 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text.replace(".", ",")


def vn_date(d: date | None) -> str:
    """"20/04/2026": a date in a table or a reference (the date line is `documents.long_date`)."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}" if d else ""


def roman(code: str) -> str:
    """Fields are numbered I, II, III… in the appendix; a code that is not a number is kept."""
    if not code.isdecimal() or int(code) == 0:
        return code
    n, out = int(code), ""
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out += letters * count
    return out


@dataclass
class PlanRow:
    criterion: str          # "1.1.2 Mức độ hoàn thành kế hoạch CCHC năm (mất 1 điểm)"
    task: str               # nhiệm vụ, giải pháp
    product: str            # sản phẩm
    lead: str               # cơ quan chủ trì
    supporting: str         # cơ quan phối hợp, comma-separated ("" if none)
    deadline: date | None  # None only for a task still being drafted: shown blank
    status: str = ""        # shown only in the xlsx, which is also a working list
    deadline_text: str = ""  # as the plan writes it: "Quý III/2026", "Thường xuyên" or the date


@dataclass
class FieldGroup:
    code: str               # "1"
    title: str              # "Công tác chỉ đạo, điều hành CCHC"
    rows: list[PlanRow]

    @property
    def heading(self) -> str:
        return f"{roman(self.code)}. {self.title}"


@dataclass
class PlanDocument:
    parties: Parties        # the unit issuing it, its Nơi nhận and its signer
    coordinator: str        # who follows the plan up: "Sở Nội vụ", "Văn phòng HĐND và UBND"
    number: str             # "45/KH-UBND"
    issued_on: date
    unit_name: str          # "UBND huyện Tánh Linh"
    assessed_year: int      # the plan works in assessed_year + 1
    total: float
    max_score: float
    classification: str
    rank: int | None
    rank_of: int | None
    target_classification: str | None
    target_rank: int | None
    result_decision: str | None   # the decision that published the results
    groups: list[FieldGroup]
    text: dict[str, str] = field(default_factory=dict)  # the sections of domain/plan_text

    @property
    def plan_year(self) -> int:
        return self.assessed_year + 1

    @property
    def sections(self) -> dict[str, str]:
        """The text as given, or the defaults written from this document's own figures."""
        if self.text:
            return self.text
        from tracker.domain.plan_text import PlanFacts, defaults
        target = ", ".join(filter(None, [f"xếp loại {self.target_classification}" if self.target_classification
                                         else "", f"xếp hạng {self.target_rank}" + (f"/{self.rank_of}" if self.rank_of else "")
                                         if self.target_rank else ""]))
        return defaults(PlanFacts(
            unit_name=self.unit_name, coordinator=self.coordinator, assessed_year=self.assessed_year,
            total=self.total, max_score=self.max_score, classification=self.classification, rank=self.rank,
            rank_of=self.rank_of, previous_total=None, previous_rank=None, result_decision=self.result_decision,
            bases=[], target=target, task_count=self.task_count))

    @property
    def task_count(self) -> int:
        return sum(len(group.rows) for group in self.groups)

    @property
    def filled_groups(self) -> list[FieldGroup]:
        """Groups with at least one task: a field heading with nothing under it says nothing."""
        return [group for group in self.groups if group.rows]

    @property
    def result_text(self) -> str:
        """"UBND huyện Tánh Linh đạt 71,11/97 điểm, xếp loại Khá, xếp hạng 5/10"."""
        text = f"{self.unit_name} đạt {vn_number(self.total)}/{vn_number(self.max_score)} điểm"
        if self.classification:
            text += f", xếp loại {self.classification}"
        if self.rank is not None:
            text += f", xếp hạng {self.rank}" + (f"/{self.rank_of}" if self.rank_of else "")
        return text

    @property
    def appendix_title(self) -> str:
        return f"DANH MỤC NHIỆM VỤ KHẮC PHỤC, NÂNG CAO CHỈ SỐ CCHC NĂM {self.plan_year}"

    @property
    def appendix_subtitle(self) -> str:
        return f"(Kèm theo Kế hoạch số {self.number} ngày {vn_date(self.issued_on)} của {self.unit_name})"
