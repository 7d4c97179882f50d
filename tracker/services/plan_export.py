"""Build the export document of a stored plan (the writers in exporters/ need plain data)."""
from __future__ import annotations

import re
import unicodedata

from tracker.exporters.plan_document import FieldGroup, PlanDocument, PlanRow, vn_number
from tracker.models import Plan
from tracker.services import documents, plan_text, plan_view

STATUS_VI = {"not_started": "Chưa thực hiện", "in_progress": "Đang thực hiện", "done": "Đã hoàn thành",
             "verified": "Đã xác nhận", "blocked": "Vướng mắc", "cancelled": "Đã hủy"}


def build(plan: Plan) -> PlanDocument:
    """The plan document in Vietnamese (it is an official document), cancelled tasks left out."""
    a = plan.assessment
    groups, reasons = [], plan_view.loss_reasons(plan)
    for group in plan_view.tasks_by_field(plan):
        rows = [PlanRow(
            criterion=criterion_label(t, reasons.get(t.criterion_id)),
            task=t.title, product=t.product,
            lead=t.lead_department.name if t.lead_department else "",
            supporting=", ".join(d.name for d in t.supporting_departments),
            deadline=t.deadline, deadline_text=t.deadline_text, status=STATUS_VI.get(t.status, t.status))
            for t in group.tasks if t.status != "cancelled"]
        if rows:
            groups.append(FieldGroup(code=group.field.code, title=group.field.title, rows=rows))
    return PlanDocument(
        parties=documents.plan_parties(plan), coordinator=documents.settings_of(a.unit).coordinator,
        number=plan.number, issued_on=plan.issued_on, unit_name=a.unit.name,
        assessed_year=a.year, total=a.total, max_score=a.max_score,
        classification=a.classification or "", rank=a.rank, rank_of=a.rank_of,
        target_classification=plan.target_classification, target_rank=plan.target_rank,
        result_decision=a.decision, groups=groups, text=plan_text.text(plan))


def criterion_label(task, reason: str | None) -> str:
    """"1.1.2 Mức độ hoàn thành … (mất 0,25 điểm: Hoàn thành 92% nhiệm vụ …)": the criterion, and
    why its points were lost when the appraisal said so."""
    loss = f"mất {vn_number(task.lost_points)} điểm" + (f": {reason.strip().rstrip('.')}" if reason else "")
    return f"{task.criterion.code} {task.criterion.title} ({loss})"


def filename(plan: Plan, extension: str) -> str:
    """ke-hoach-45-kh-ubnd-2026.docx: ASCII, safe in every browser and mail client."""
    ascii_number = unicodedata.normalize("NFKD", plan.number.replace("Đ", "D").replace("đ", "d"))
    ascii_number = ascii_number.encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_number.lower()).strip("-") or "plan"
    return f"ke-hoach-{slug}-{plan.assessment.year + 1}.{extension}"


def render(plan: Plan, fmt: str) -> bytes:
    from tracker.exporters.plan_docx import plan_docx
    from tracker.exporters.plan_xlsx import plan_xlsx
    return {"docx": plan_docx, "xlsx": plan_xlsx}[fmt](build(plan))
