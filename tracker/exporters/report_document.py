"""What a periodic report needs, as plain data, and the default wording of its prose sections,
written from the figures. The docx and xlsx writers read only this; no Flask, no database."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.domain.documents import COORDINATOR, UNIT, Parties
from tracker.domain.periods import ReportPeriod
from tracker.domain.report_figures import ReportFigures
from tracker.exporters.plan_document import vn_date, vn_number

# The prose sections of the report (the admin edits them before issuing), in order.
SECTIONS = [
    ("results", "I. KẾT QUẢ THỰC HIỆN"),
    ("shortcomings", "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"),
    ("next_tasks", "III. NHIỆM VỤ TRỌNG TÂM KỲ TỚI"),
    ("proposals", "IV. ĐỀ XUẤT, KIẾN NGHỊ"),
]
SECTION_KEYS = [key for key, _heading in SECTIONS]

# The tables, numbered once so the prose and the writers agree.
TABLES = {
    "counts": "Bảng 1. Kết quả thực hiện các nhiệm vụ",
    "score": "Bảng 2. Điểm Chỉ số cải cách hành chính dự kiến",
    "fields": "Bảng 3. Kết quả theo lĩnh vực",
    "departments": "Bảng 4. Kết quả theo cơ quan chủ trì",
    "completed": "Bảng 5. Sản phẩm hoàn thành trong kỳ",
    "overdue": "Bảng 6. Nhiệm vụ quá hạn và giải trình của cơ quan chủ trì",
    "due_next": "Bảng 7. Nhiệm vụ đến hạn trong kỳ tới",
    # The annual report, once the results last year's plan worked for are imported:
    "last_fields": "Bảng 8. Hiệu quả Kế hoạch năm trước theo lĩnh vực",
    "last_departments": "Bảng 9. Hiệu quả Kế hoạch năm trước theo cơ quan chủ trì",
    "did_not_work": "Bảng 10. Nhiệm vụ năm trước đã xác nhận nhưng tiêu chí vẫn mất điểm",
}
CHART = "Biểu đồ. Điểm đã xác nhận nội bộ, dự kiến và còn mất theo lĩnh vực"

STATUS_VI = {"not_started": "Chưa thực hiện", "in_progress": "Đang thực hiện", "done": "Đã hoàn thành",
             "verified": "Đã xác nhận", "blocked": "Vướng mắc", "cancelled": "Đã hủy"}


@dataclass
class ReportDocument:
    parties: Parties         # who sends it (the unit or its coordinating body), to whom, who signs
    number: str              # "15/BC-UBND"; a draft leaves the number blank: "     /BC-UBND"
    dated: date
    unit_name: str
    plan_number: str
    plan_issued_on: date
    plan_year: int
    figures: ReportFigures
    prose: dict[str, str]
    is_draft: bool = True

    @property
    def period(self) -> ReportPeriod:
        return self.figures.period

    @property
    def title_lines(self) -> list[str]:
        return ["Kết quả thực hiện Kế hoạch khắc phục những tồn tại, hạn chế và nâng cao",
                f"Chỉ số cải cách hành chính {self.period.title_vi}"]

    @property
    def chart_rows(self) -> list[tuple[str, float, float, float]]:
        """Per field with tasks: (label, secured, expected beyond secured, still lost)."""
        return [(f"{g.key}. {g.title}", g.counts.secured, max(g.counts.expected - g.counts.secured, 0.0),
                 max(g.counts.still_lost, 0.0)) for g in self.figures.by_field]


def _change(value: float | None) -> str:
    if value is None:
        return ""
    if abs(value) < 0.005:
        return "không thay đổi so với kỳ trước"
    return f"{'tăng' if value > 0 else 'giảm'} {vn_number(abs(value))} điểm so với kỳ trước"


def default_prose(figures: ReportFigures, *, unit_name: str, plan_number: str, plan_issued_on: date,
                  plan_year: int, coordinator: str, addressee: str, sender: str = UNIT) -> dict[str, str]:
    """The four sections as a first draft, written from the figures (Vietnamese: an official
    document). Paragraphs are separated by a blank line.

    The proposals (IV) are addressed to the report's addressee, never to its signer: the unit's
    leaders when its coordinating body reports to them, its superior when the unit reports."""
    c, p = figures.counts, figures.projection
    as_of = vn_date(figures.as_of)
    rank = f", xếp hạng dự kiến {p['projected_rank']}/{p['rank_of']}" if p.get("projected_rank") else ""
    # A set without bands (a province the Ministry scores) gives no classification: none is named.
    klass = f", xếp loại {p['expected_classification']}" if p.get("expected_classification") else ""
    change = _change(figures.change("expected"))
    results = [
        f"1. Công tác chỉ đạo, triển khai: sau khi Kế hoạch số {plan_number} ngày {vn_date(plan_issued_on)} "
        f"của {unit_name} về khắc phục những tồn tại, hạn chế và nâng cao Chỉ số cải cách hành chính năm "
        f"{plan_year} được ban hành, {coordinator} đã tham mưu quán triệt, phân công nhiệm vụ đến từng cơ "
        f"quan chủ trì, cơ quan phối hợp; theo dõi tiến độ, đôn đốc và thẩm tra tài liệu kiểm chứng các "
        f"nhiệm vụ báo cáo hoàn thành.",
        f"2. Kết quả thực hiện nhiệm vụ: tính đến ngày {as_of}, trong tổng số {c.total} nhiệm vụ: đã hoàn thành {c.finished} nhiệm vụ (trong đó "
        f"{c.verified} nhiệm vụ đã được thẩm tra, xác nhận đạt; {c.on_time} nhiệm vụ hoàn thành đúng hạn, "
        f"{c.late} nhiệm vụ trễ hạn); đang thực hiện {c.in_progress + c.blocked} nhiệm vụ (trong đó "
        f"{c.blocked} nhiệm vụ gặp vướng mắc); chưa thực hiện {c.not_started} nhiệm vụ; {c.cancelled} "
        f"nhiệm vụ không tiếp tục thực hiện. "
        + (f"Có {c.overdue} nhiệm vụ quá hạn" if c.overdue else "Không có nhiệm vụ quá hạn")
        + f" ({TABLES['counts']}).",
        f"Theo tiến độ thực hiện, điểm Chỉ số cải cách hành chính dự kiến đạt {vn_number(p['expected'])}/"
        f"{vn_number(p['max_score'])} điểm ({vn_number(p['expected_pct'])}%{klass}{rank}), trong đó "
        f"{vn_number(p['secured'])} điểm của các nhiệm vụ đã được {coordinator} thẩm tra, xác nhận tài liệu "
        f"kiểm chứng (Hội đồng thẩm định có thể chấm khác)" + (f"; điểm dự kiến {change}" if change else "") +
        f" ({TABLES['score']}). Kết quả theo lĩnh vực và theo cơ quan chủ trì tại {TABLES['fields']} và "
        f"{TABLES['departments']}.",
        f"Trong kỳ có {len(figures.completed)} sản phẩm hoàn thành ({TABLES['completed']}).",
    ]
    last = figures.last_plan
    if last:
        t = last["total"]
        results.append(
            f"Đối chiếu Kế hoạch số {last['number']} (khắc phục kết quả Chỉ số năm {last['assessed_year']}) "
            f"với kết quả Chỉ số năm {last['results_year']}: trong {t['tasks']} nhiệm vụ, {t['worked']} nhiệm vụ "
            f"đã được xác nhận và lấy lại điểm; {t['did_not_work']} nhiệm vụ đã được xác nhận nhưng tiêu chí vẫn "
            f"mất điểm; {t['not_done_lost']} nhiệm vụ chưa hoàn thành và vẫn mất điểm; tổng cộng lấy lại "
            f"{vn_number(t['regained'])}/{vn_number(t['lost_before'])} điểm đã mất ({TABLES['last_fields']}, "
            f"{TABLES['last_departments']}).")
    shortcomings = _shortcomings(figures)
    if last and last["did_not_work"]:
        shortcomings.append(f"Có {len(last['did_not_work'])} nhiệm vụ của Kế hoạch năm trước đã hoàn thành, được "
                            f"xác nhận nhưng tiêu chí vẫn mất điểm ({TABLES['did_not_work']}): cần xem lại giải "
                            "pháp khắc phục trong Kế hoạch năm nay.")
    if c.late:
        shortcomings.append(f"Có {c.late} nhiệm vụ hoàn thành nhưng trễ so với thời hạn của Kế hoạch.")
    if p.get("survey_lost"):
        shortcomings.append(f"{vn_number(p['survey_lost'])} điểm bị mất thuộc các tiêu chí đánh giá qua điều tra "
                            "xã hội học, chỉ được cải thiện qua mức độ hài lòng của người dân, tổ chức trong kỳ "
                            "khảo sát tới.")
    shortcomings.extend(_causes(figures))
    next_tasks = [
        f"Tập trung hoàn thành {len(figures.due_next)} nhiệm vụ đến hạn trong kỳ tới ({TABLES['due_next']}) "
        f"và {c.overdue} nhiệm vụ đang quá hạn.",
        "Các cơ quan chủ trì cập nhật tiến độ và tài liệu kiểm chứng kịp thời trên hệ thống theo dõi; "
        f"{coordinator} theo dõi, đôn đốc và thẩm tra kết quả thực hiện.",
    ]
    proposals = [_proposal(figures, unit_name=unit_name, plan_year=plan_year, addressee=addressee, sender=sender)]
    return {"results": "\n\n".join(results), "shortcomings": "\n\n".join(shortcomings),
            "next_tasks": "\n\n".join(next_tasks), "proposals": "\n\n".join(proposals)}


def _shortcomings(figures: ReportFigures) -> list[str]:
    """1. Tồn tại, hạn chế: the tasks not started or behind at the cut-off, by name."""
    c = figures.counts
    if not (c.overdue or c.not_started):
        return ["1. Tồn tại, hạn chế: các nhiệm vụ được triển khai theo tiến độ; không có nhiệm vụ quá hạn "
                "hoặc chưa triển khai tại thời điểm báo cáo."]
    parts = []
    if c.overdue:
        worst = [g for g in figures.by_department if g.counts.overdue][:5]
        where = ", ".join(f"{g.title} ({g.counts.overdue})" for g in worst)
        named = "; ".join(f"{line.code} {line.title} ({line.department}, quá hạn {line.days_overdue} ngày)"
                          for line in figures.overdue[:5])
        more = f" và {len(figures.overdue) - 5} nhiệm vụ khác" if len(figures.overdue) > 5 else ""
        parts.append(f"còn {c.overdue} nhiệm vụ chậm so với thời hạn của Kế hoạch, tập trung ở: {where}; "
                     f"gồm: {named}{more} ({TABLES['overdue']})")
    if c.not_started:
        parts.append(f"{c.not_started} nhiệm vụ chưa được triển khai")
    return ["1. Tồn tại, hạn chế: " + "; ".join(parts) + "."]


def _causes(figures: ReportFigures) -> list[str]:
    """2. Nguyên nhân: the departments' own part (chủ quan) and what they report holding them
    back (khách quan, their explanations of the overdue tasks)."""
    c = figures.counts
    if not (c.overdue or c.not_started or c.late):
        return []
    subjective = ("2. Nguyên nhân: (a) chủ quan: một số cơ quan chủ trì chưa quan tâm đúng mức, chưa bố trí "
                  "đủ nguồn lực, chưa cập nhật tiến độ và tài liệu kiểm chứng kịp thời")
    explained = list(dict.fromkeys(line.explanation for line in figures.overdue if line.explanation))[:3]
    objective = ("; (b) khách quan, theo giải trình của các cơ quan: " + "; ".join(e.rstrip(".") for e in explained)
                 if explained else "; (b) khách quan: khối lượng công việc lớn trong giai đoạn sắp xếp tổ "
                                   "chức bộ máy, một số nhiệm vụ phụ thuộc ý kiến của cơ quan cấp trên")
    return [subjective + objective + "."]


def _proposal(figures: ReportFigures, *, unit_name: str, plan_year: int, addressee: str, sender: str) -> str:
    """Section IV: what the addressee is asked to do, as far as it is theirs to do."""
    addressee = " ".join(addressee.split())
    if not addressee:
        return "Không có đề xuất, kiến nghị."
    c = figures.counts
    if sender == COORDINATOR:  # to the unit's leaders, who direct the departments
        if c.overdue:
            return (f"Kiến nghị {addressee} chỉ đạo người đứng đầu các cơ quan có nhiệm vụ quá hạn tập trung hoàn "
                    "thành, bảo đảm tiến độ và chất lượng theo Kế hoạch; các cơ quan chủ trì cập nhật đầy đủ tài "
                    "liệu kiểm chứng ngay khi hoàn thành nhiệm vụ.")
        return (f"Kiến nghị {addressee} tiếp tục chỉ đạo các cơ quan chủ trì hoàn thành các nhiệm vụ đến hạn trong "
                "kỳ tới, bảo đảm tiến độ và chất lượng theo Kế hoạch.")
    survey = ("; cung cấp kết quả điều tra xã hội học chi tiết theo từng tiêu chí để đơn vị xác định giải pháp "
              "cải thiện") if figures.projection.get("survey_lost") else ""
    return (f"Kiến nghị {addressee} tiếp tục hướng dẫn, tập huấn nghiệp vụ về phương pháp xác định Chỉ số cải "
            f"cách hành chính và yêu cầu đối với tài liệu kiểm chứng; sớm thông báo những điểm mới của Bộ Chỉ số "
            f"năm {plan_year} để {unit_name} chủ động triển khai{survey}.")


def paragraphs(text: str) -> list[str]:
    """A prose section's paragraphs (separated by blank lines or single line breaks)."""
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n") if p.strip()]
