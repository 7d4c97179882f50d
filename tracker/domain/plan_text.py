"""The text of a plan (Kế hoạch), section by section, written from its figures. Pure.

What the plans of the seeds say, in their order: the bases (căn cứ: the decision that published
the results, and the directives and plans the office lists), the results by field against the
year before with the change of rank ("tăng 03 bậc"), the purpose, the general measures before the
appendix's specific tasks (quán triệt the results, tuyên truyền, the heads' responsibility, self-
inspection, keeping the evidence), the funding (kinh phí) and who does what. Each section is a
default an office can rewrite on the plan's page; what it rewrote is kept, the rest follows the
figures.
"""
from __future__ import annotations

from dataclasses import dataclass, field

SECTIONS = ("basis", "results", "purpose", "measures", "funding", "organisation")
TEXT_MAX = 20_000


@dataclass
class FieldResult:
    code: str
    title: str
    score: float
    max_points: float
    previous: float | None   # the same field's score the year before (matched by code)


@dataclass
class PlanFacts:
    """What the defaults are written from."""

    unit_name: str
    coordinator: str
    assessed_year: int
    total: float
    max_score: float
    classification: str | None
    rank: int | None
    rank_of: int | None
    previous_total: float | None
    previous_rank: int | None
    result_decision: str | None
    bases: list[str]                 # further directives and plans the office lists, one each
    fields: list[FieldResult] = field(default_factory=list)
    target: str = ""                 # "xếp hạng 15", "xếp loại Tốt, xếp hạng 8/20"
    task_count: int = 0

    @property
    def plan_year(self) -> int:
        return self.assessed_year + 1


def number(value: float) -> str:
    text = f"{round(value, 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text.replace(".", ",")


def rank_change(rank: int | None, previous: int | None) -> str:
    """"tăng 03 bậc", "giảm 02 bậc", "giữ nguyên thứ hạng" (a lower number is a better rank)."""
    if rank is None or previous is None:
        return ""
    if rank == previous:
        return "giữ nguyên thứ hạng"
    return f"{'tăng' if rank < previous else 'giảm'} {abs(previous - rank):02d} bậc"


def defaults(f: PlanFacts) -> dict[str, str]:
    year, next_year = f.assessed_year, f.plan_year
    bases = [f"Căn cứ {f.result_decision.rstrip('.;')};"] if f.result_decision else []
    bases += [f"Căn cứ {b.strip().rstrip('.;')};" for b in f.bases if b.strip()]

    standing = f"{f.unit_name} đạt {number(f.total)}/{number(f.max_score)} điểm"
    standing += f", xếp loại {f.classification}" if f.classification else ""
    if f.rank is not None:
        standing += f", xếp hạng thứ {f.rank}" + (f"/{f.rank_of}" if f.rank_of else "")
    compared = []
    if f.previous_total is not None:
        change = f.total - f.previous_total
        compared.append(f"{'tăng' if change > 0 else 'giảm' if change < 0 else 'không đổi'}"
                        + (f" {number(abs(change))} điểm" if change else "") + f" so với năm {year - 1}")
    moved = rank_change(f.rank, f.previous_rank)
    if moved:
        compared.append(f"{moved} về xếp hạng")
    results = [f"Kết quả Chỉ số cải cách hành chính năm {year}: {standing}"
               + (f" ({'; '.join(compared)})" if compared else "") + "."]
    lost = [r for r in f.fields if r.max_points - r.score > 0.005]
    if lost:
        lines = []
        for r in lost:
            line = f"{r.code}. {r.title}: {number(r.score)}/{number(r.max_points)} điểm"
            if r.previous is not None:
                delta = r.score - r.previous
                line += (f" ({'tăng' if delta > 0 else 'giảm'} {number(abs(delta))} điểm so với năm {year - 1})"
                         if abs(delta) > 0.005 else f" (không đổi so với năm {year - 1})")
            lines.append(line)
        results.append("Các lĩnh vực còn bị mất điểm: " + "; ".join(lines) + ".")

    aim = f", phấn đấu năm {next_year} đạt {f.target}" if f.target else ""
    purpose = [
        f"1. Mục đích: khắc phục những tồn tại, hạn chế ở các tiêu chí, tiêu chí thành phần bị mất điểm trong "
        f"Chỉ số cải cách hành chính năm {year}; nâng cao Chỉ số cải cách hành chính năm {next_year} của "
        f"{f.unit_name}{aim}.",
        "2. Yêu cầu: xác định cụ thể nhiệm vụ, giải pháp, sản phẩm, trách nhiệm của cơ quan chủ trì, cơ quan "
        "phối hợp và thời gian hoàn thành đối với từng tiêu chí bị mất điểm; duy trì các tiêu chí đã đạt điểm "
        "tối đa; tài liệu kiểm chứng được lưu trữ đầy đủ, kịp thời để phục vụ việc tự đánh giá, chấm điểm.",
    ]
    measures = [
        "1. Nhiệm vụ, giải pháp chung:",
        f"a) Tổ chức quán triệt đến toàn thể cán bộ, công chức, viên chức kết quả Chỉ số cải cách hành chính "
        f"năm {year} và những tiêu chí bị mất điểm; xác định khắc phục tồn tại, hạn chế là nhiệm vụ trọng tâm "
        f"năm {next_year}.",
        "b) Đẩy mạnh thông tin, tuyên truyền về cải cách hành chính, nhất là kết quả giải quyết thủ tục hành "
        "chính và các kênh để người dân, tổ chức phản ánh, đánh giá sự phục vụ.",
        "c) Nâng cao trách nhiệm của người đứng đầu các cơ quan, đơn vị trong chỉ đạo, tổ chức thực hiện; kết "
        "quả thực hiện nhiệm vụ được giao là căn cứ đánh giá, xếp loại cuối năm.",
        "d) Tăng cường tự kiểm tra công tác cải cách hành chính; kịp thời phát hiện, chấn chỉnh những hạn chế.",
        "đ) Lưu trữ đầy đủ, khoa học tài liệu kiểm chứng ngay khi hoàn thành từng nhiệm vụ, phục vụ việc tự "
        "đánh giá, chấm điểm.",
    ]
    specific = (f"2. Nhiệm vụ, giải pháp cụ thể: các nhiệm vụ, giải pháp, sản phẩm, cơ quan chủ trì, cơ quan phối hợp và thời gian hoàn "
                f"thành được nêu tại Phụ lục kèm theo Kế hoạch này ({f.task_count} nhiệm vụ)." if f.task_count else
                "2. Nhiệm vụ, giải pháp cụ thể: không có tiêu chí bị mất điểm cần khắc phục; các cơ quan tiếp tục "
                "duy trì kết quả đã đạt.")
    funding = [
        "Kinh phí thực hiện Kế hoạch được bố trí trong dự toán chi thường xuyên năm "
        f"{next_year} của các cơ quan, đơn vị theo phân cấp ngân sách hiện hành và các nguồn hợp pháp khác "
        "(nếu có)."]
    organisation = [
        f"1. {f.coordinator} theo dõi, đôn đốc, hướng dẫn các cơ quan thực hiện Kế hoạch; tổng hợp, báo cáo kết "
        "quả thực hiện trong báo cáo cải cách hành chính định kỳ (quý, 6 tháng, năm).",
        "2. Các cơ quan chủ trì triển khai các nhiệm vụ được giao, cập nhật tiến độ và tài liệu kiểm chứng kịp "
        "thời; các cơ quan phối hợp tham gia đầy đủ theo chức năng, nhiệm vụ. Người đứng đầu cơ quan chịu "
        "trách nhiệm về kết quả thực hiện nhiệm vụ được giao.",
        f"Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan báo cáo về {f.coordinator} để tổng "
        f"hợp, trình {f.unit_name} xem xét, giải quyết./.",
    ]
    return {"basis": "\n".join(bases), "results": "\n".join(results), "purpose": "\n".join(purpose),
            "measures": "\n".join(measures + [specific]), "funding": "\n".join(funding),
            "organisation": "\n".join(organisation)}


def text_of(defaults_: dict[str, str], edited: dict[str, str] | None) -> dict[str, str]:
    """Each section as the office rewrote it, or its default."""
    edited = edited or {}
    return {key: edited.get(key) or defaults_[key] for key in SECTIONS}


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n") if p.strip()]
