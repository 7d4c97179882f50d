"""The self-assessment's files: the .xlsx (in Vietnamese, as the scoring software reads) and the
evidence .zip, built from services/self_assessment.build."""
from __future__ import annotations

from tracker.domain import self_assessment as domain
from tracker.exporters.plan_document import vn_number
from tracker.exporters.self_assessment_xlsx import FileLine, SelfAssessmentSheet, SheetLine, self_assessment_xlsx
from tracker.i18n import local_date
from tracker.services import plan_export
from tracker.services.self_assessment import CARRIED, NEXT_RESULTS, Line, SelfAssessment

STATUS_VI = plan_export.STATUS_VI
RULE = ("Điểm tự đánh giá đề xuất = điểm tiêu chí giữ được năm trước (quy về điểm tối đa của bộ chỉ số này) "
        "+ điểm bị mất của các nhiệm vụ đã được xác nhận (đã kiểm tra tài liệu kiểm chứng), không vượt điểm "
        "tối đa. Tiêu chí điều tra xã hội học để theo kết quả khảo sát; tiêu chí mới không có kết quả năm trước "
        "do cơ quan tự chấm. Đây là đề xuất: cơ quan rà soát trước khi nhập vào phần mềm chấm điểm.")


def basis_vi(found: SelfAssessment) -> str:
    """Which set, and how last year's criteria were matched to it."""
    s = found.target.criteria_set
    if found.target.source == CARRIED:
        return f"{s.name}: bộ chỉ số kế hoạch đã được chuyển sang, theo ánh xạ tiêu chí đã xác nhận"
    if found.target.source == NEXT_RESULTS:
        return (f"{s.name}: bộ chỉ số của kết quả năm {found.year}; tiêu chí năm trước được đối chiếu "
                "theo mã tiêu chí")
    return (f"{s.name}: bộ chỉ số công bố cho năm {found.year}; kế hoạch chưa chuyển sang bộ chỉ số này, "
            "tiêu chí năm trước được đối chiếu theo mã tiêu chí")


def note_vi(line: Line) -> str:
    if line.rollup is not None:
        r = line.rollup
        return "" if r.complete else (f"Tổng các tiêu chí thành phần được đề xuất; chưa gồm {vn_number(r.left_out)} "
                                      "điểm điều tra xã hội học hoặc tiêu chí mới")
    claim = line.claim
    if claim is None:
        return ""
    notes = []
    if claim.basis == domain.SURVEY_LEFT:
        notes.append("Điều tra xã hội học: không tự chấm, điểm theo kết quả khảo sát")
    elif claim.basis == domain.NO_RESULT:
        notes.append("Tiêu chí mới, không có kết quả năm trước: cơ quan tự chấm theo tài liệu kiểm chứng")
    else:
        if claim.capped:
            notes.append(f"Đã giới hạn ở điểm tối đa {vn_number(line.criterion.max_points)}")
        if line.unverified:
            notes.append(f"{line.unverified} nhiệm vụ chưa được xác nhận, chưa tính điểm")
    if line.title_changed:
        notes.append("Nội dung tiêu chí khác năm trước (cùng mã): cần kiểm tra lại")
    return "; ".join(notes)


def sheet(found: SelfAssessment) -> SelfAssessmentSheet:
    plan, unit = found.plan, found.plan.assessment.unit
    lines, files = [], []
    for line in found.lines:
        c = line.criterion
        if line.rollup is not None or not c.is_leaf:
            lines.append(SheetLine(c.depth, False, c.code, c.title, c.max_points,
                                   claimed=line.rollup.points if line.rollup else None, note=note_vi(line)))
            continue
        claim = line.claim
        lines.append(SheetLine(
            c.depth, True, c.code, c.title, c.max_points, kept=claim.kept,
            won_back=claim.won_back if claim.claimed else None, claimed=claim.points, note=note_vi(line),
            left_to_office=not claim.claimed,
            tasks=[f"{t.task.title} ({t.task.lead_department.name if t.task.lead_department else 'chưa có cơ quan chủ trì'}"
                   f", {STATUS_VI.get(t.task.status, t.task.status)})" for t in line.tasks],
            files=[f"{f.name} ({local_date(f.uploaded_at):%d/%m/%Y})" for f in line.files],
            links=[f.url for f in line.files]))
        for t in line.tasks:
            for f in t.files:
                files.append(FileLine(c.code, f.name, local_date(f.uploaded_at), t.task.title,
                                      t.task.lead_department.name if t.task.lead_department else "", f.url,
                                      f.archive_path))
    total = found.total
    left = []
    if found.survey_points:
        left.append(f"{vn_number(found.survey_points)} điểm điều tra xã hội học")
    if found.no_result_points:
        left.append(f"{vn_number(found.no_result_points)} điểm tiêu chí mới")
    return SelfAssessmentSheet(
        title=f"BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {found.year}",
        subtitle=f"{unit.name} · Kế hoạch {plan.number} · {basis_vi(found)}",
        rule=RULE, lines=lines, total_max=total.max_points, total_claimed=total.points,
        total_note=("Chưa gồm " + " và ".join(left)) if left else "", files=files)


def xlsx(found: SelfAssessment) -> bytes:
    return self_assessment_xlsx(sheet(found))


def filename(found: SelfAssessment, extension: str) -> str:
    """tu-danh-gia-2026-ke-hoach-86-kh-ubnd.xlsx, tai-lieu-kiem-chung-2026-….zip: ASCII."""
    base = plan_export.filename(found.plan, "x").removesuffix(f"-{found.year}.x")
    prefix = "tu-danh-gia" if extension == "xlsx" else "tai-lieu-kiem-chung"
    return f"{prefix}-{found.year}-{base}.{extension}"
