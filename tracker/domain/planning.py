"""Planning rules: which lost-point criteria become tasks, and their default wording and owners.

Units plan measures only for criteria that lost points; criteria at full marks are kept.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from string import Formatter

from tracker.domain import wording
from tracker.domain.scoring import N_, SURVEY, lost_points
from tracker.exporters.plan_document import vn_number

ALL_DEPARTMENTS = "*"


@dataclass
class LostCriterion:
    code: str
    title: str
    max_points: float
    appraised: float | None
    note: str = ""
    method: str = "appraisal"

    @property
    def lost(self) -> float:
        return lost_points(self.max_points, self.appraised)


@dataclass
class Rule:
    lead: str | None = None                       # department code
    supporting: list[str] = field(default_factory=list)  # codes, or ["*"] for all
    title: str | None = None
    product: str | None = None
    title_code: str | None = None  # the code of the rule the title comes from


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
        if rule.title:
            merged.title, merged.title_code = rule.title, ".".join(parts[:n])
        merged.product = rule.product or merged.product
    return merged



# What a rule's wording may name; "{target}" is the criterion's full marks, "{year}" the plan's year.
PLACEHOLDERS = ("code", "criterion", "target", "lost", "year")


def wording_error(template: str) -> tuple[str, dict] | None:
    """Why a rule's wording cannot be filled in (message, params), or None when it can."""
    try:
        fields = list(Formatter().parse(template))
    except ValueError:
        return N_("Unbalanced braces in the wording: write placeholders as {criterion}."), {}
    for _, name, spec, conversion in fields:
        if name is None:
            continue
        if name not in PLACEHOLDERS:
            return (N_("Unknown placeholder {%(name)s}; use %(known)s."),
                    {"name": name, "known": ", ".join("{%s}" % p for p in PLACEHOLDERS)})
        if spec or conversion:  # "{code:>10000000}" would write ten million spaces into a task
            return (N_("Write the placeholder as {%(name)s}, without a format after it."), {"name": name})
    return None


def word(template: str, criterion: LostCriterion, year: int | None) -> str:
    """Fill a rule's wording in: "Tham mưu ban hành … {criterion} … năm {year}"."""
    if wording_error(template):  # saved before placeholders were checked: print it as written
        return template
    return template.format(code=criterion.code, criterion=criterion.title.strip().rstrip("."),
                           target=vn_number(criterion.max_points), lost=vn_number(criterion.lost),
                           year=year if year is not None else "")


def suggest_title(criterion: LostCriterion) -> str:
    """Nhiệm vụ, giải pháp when neither the reason nor a rule words it: meet the criterion in
    full (the appendix shows the criterion beside it, so its title is not repeated after a colon)."""
    return f"Thực hiện đầy đủ, đúng quy định {wording.lower_first(criterion.title)}"


def suggest_product(criterion: LostCriterion) -> str:
    return f"Hoàn thành và đủ tài liệu kiểm chứng tiêu chí {criterion.code}"


def task_title(criterion: LostCriterion, rule: Rule, year: int | None) -> str:
    """A rule for the criterion itself wins; then a survey-scored criterion's survey wording
    (its points depend on how people see the unit); then the action the loss reason calls for;
    then the field's rule; else meet the criterion in full."""
    if rule.title and rule.title_code == criterion.code:
        return word(rule.title, criterion, year)
    if criterion.method == SURVEY:
        return wording.survey_wording(criterion.title, criterion.note, year)
    action = wording.from_reason(criterion.title, criterion.note)
    if action:
        return action
    return word(rule.title, criterion, year) if rule.title else suggest_title(criterion)


def draft_tasks(lost: list[LostCriterion], rules: dict[str, Rule],
                all_departments: list[str], year: int | None = None) -> list[TaskDraft]:
    """One task per leaf criterion that lost points, in the order given; a rule's wording is
    filled in for each criterion (`year` is the year the plan works in)."""
    drafts = []
    for criterion in lost:
        if criterion.lost <= 0:
            continue
        rule = resolve_rule(criterion.code, rules)
        supporting = all_departments if rule.supporting == [ALL_DEPARTMENTS] else rule.supporting
        drafts.append(TaskDraft(
            code=criterion.code,
            title=task_title(criterion, rule, year),
            product=word(rule.product, criterion, year) if rule.product else suggest_product(criterion),
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
