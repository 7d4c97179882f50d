"""Planning rules: which lost-point criteria become tasks, and their default wording and owners.

Units plan measures only for criteria that lost points; criteria at full marks are kept.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from tracker.domain.scoring import N_, lost_points

ALL_DEPARTMENTS = "*"


@dataclass
class LostCriterion:
    code: str
    title: str
    max_points: float
    appraised: float | None
    note: str = ""

    @property
    def lost(self) -> float:
        return lost_points(self.max_points, self.appraised)


@dataclass
class Rule:
    lead: str | None = None                       # department code
    supporting: list[str] = field(default_factory=list)  # codes, or ["*"] for all
    title: str | None = None
    product: str | None = None


@dataclass
class TaskDraft:
    code: str
    title: str
    product: str
    lead: str | None
    supporting: list[str]
    lost_points: float


def resolve_rule(code: str, rules: dict[str, Rule]) -> Rule:
    """Merge the rules along the code's path; the most specific one wins per attribute."""
    merged = Rule()
    parts = code.split(".")
    for n in range(1, len(parts) + 1):
        rule = rules.get(".".join(parts[:n]))
        if rule is None:
            continue
        merged.lead = rule.lead or merged.lead
        merged.supporting = rule.supporting or merged.supporting
        merged.title = rule.title or merged.title
        merged.product = rule.product or merged.product
    return merged


def suggest_title(criterion: LostCriterion) -> str:
    """Nhiệm vụ, giải pháp: remedy the stated reason, or meet the criterion in full."""
    if criterion.note.strip():
        return f"Khắc phục: {criterion.note.strip().rstrip('.')}"
    return f"Thực hiện đầy đủ, đúng thời hạn: {criterion.title}"


def suggest_product(criterion: LostCriterion) -> str:
    return f"Hoàn thành và đủ tài liệu kiểm chứng tiêu chí {criterion.code}"


def draft_tasks(lost: list[LostCriterion], rules: dict[str, Rule],
                all_departments: list[str]) -> list[TaskDraft]:
    """One task per leaf criterion that lost points, in the order given."""
    drafts = []
    for criterion in lost:
        if criterion.lost <= 0:
            continue
        rule = resolve_rule(criterion.code, rules)
        supporting = all_departments if rule.supporting == [ALL_DEPARTMENTS] else rule.supporting
        drafts.append(TaskDraft(
            code=criterion.code,
            title=rule.title or suggest_title(criterion),
            product=rule.product or suggest_product(criterion),
            lead=rule.lead,
            supporting=[c for c in supporting if c != rule.lead],
            lost_points=criterion.lost,
        ))
    return drafts


def split_points(total: float, weights: list[float]) -> list[float]:
    """Share `total` lost points by weights (percentages adding up to 100), to the hundredth;
    the last share takes the rounding remainder so the shares always add up to the whole."""
    if len(weights) < 2:
        raise ValueError(N_("A split needs at least two parts."))
    if any(w <= 0 for w in weights):
        raise ValueError(N_("Every part needs a weight above 0."))
    if abs(sum(weights) - 100) > 0.01:
        raise ValueError(N_("The weights must add up to 100."))
    shares = [round(total * w / 100, 2) for w in weights[:-1]]
    shares.append(round(total - sum(shares), 2))
    return shares


def progress_from_value(current: float, target: float, baseline: float | None = None) -> int:
    """Progress of a rate criterion towards its target (e.g. online filings 32% → target 50%).

    Measured from `baseline` (where the unit stood when scored) when known, else from 0; never
    below 0 or above 100. The points themselves follow the criterion's scale, not this line:
    this only says how far the department has come.
    """
    start = baseline or 0.0
    if target <= start:
        return 100 if current >= target else 0
    share = (current - start) / (target - start)
    return int(max(0.0, min(1.0, share)) * 100)
