"""The province demo's units that run their own plan here (issue 23): two wards and two sở of Lâm
Đồng, each with its own administrator, leader, departments, officers, ownership rules and this
year's plan in progress, in its own workspace. The province's admins read them from the units page.

The wards are scored on the ward demo's set (tracker/demo/ward.py), the sở on the sở demo's
(tracker/demo/so.py); in each pair the second did better on every criterion the first lost. The
province ranks its wards, and its sở, ban, ngành, as groups of their own, apart from the
Ministry's ranking of provinces, so each unit's projected rank is among its own group."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from flask import current_app

from tracker import workspace
from tracker.demo import data
from tracker.demo.load import owners_and_contacts, progress_tasks, score_rows
from tracker.demo.scenario import Scenario
from tracker.demo.so import SCENARIO as SO
from tracker.demo.ward import SCENARIO as WARD
from tracker.domain.starter import StarterDepartment, starter
from tracker.importers.ranking import RankingRow
from tracker.models import User
from tracker.services import assessments, documents, plans, setup, unit_workspaces, users

ACTOR = "demo"


@dataclass(frozen=True)
class Member:
    name: str
    slug: str           # its logins' addresses have it where its scenario's have the group's slug
    place: str
    kept: float         # how much of each point its scenario lost it kept
    admin: str          # its administrator's name
    issuing_body: str = ""  # its name in capitals if none
    plan_number: str = ""   # its scenario's if none
    departments: dict[str, str] = field(default_factory=dict)  # code → name, where not the scenario's


@dataclass(frozen=True)
class Group:
    name: str           # the province's ranking group
    scenario: Scenario  # the set its units are scored on, their departments, users and rules
    slug: str           # in the scenario's addresses: vp.muine@example.gov.vn
    decision: int       # the number of the decision that published the group's results
    members: tuple[Member, ...]


GROUPS = (
    Group("Xã, phường, đặc khu", WARD, "muine", 314, (
        Member("UBND phường Mũi Né", "muine", "Mũi Né", 0.0, "Nguyễn Thị Mai"),
        Member("UBND phường Xuân Hương - Đà Lạt", "xuanhuong", "Đà Lạt", 0.5, "Lê Văn Phúc"))),
    # A sở heads its documents with its own name under the province's committee (so.py).
    Group("Sở, ban, ngành", SO, "sotuphap", 315, (
        Member("Sở Tư pháp tỉnh Lâm Đồng", "sotuphap", "Lâm Đồng", 0.0, "Hoàng Văn Nam", issuing_body="SỞ TƯ PHÁP"),
        Member("Sở Y tế tỉnh Lâm Đồng", "soyte", "Lâm Đồng", 0.4, "Vũ Thị Thanh Hương", issuing_body="SỞ Y TẾ",
               plan_number="48/KH-SYT",
               departments={"QLCN": "Phòng Nghiệp vụ Y - Dược", "DVSN": "Trung tâm Kiểm soát bệnh tật"}))),
)


def logins() -> dict[str, list[tuple[str, str, str]]]:
    """Each unit's logins (email, name, role), its administrator first, for the demo's list of logins."""
    return {member.name: [(admin_address(member), member.admin, "admin")] +
            [(address(email, group, member), person, role) for email, person, role, _d in group.scenario.users
             if role != "admin"]
            for group in GROUPS for member in group.members}


def address(email: str, group: Group, member: Member) -> str:
    return email.replace(group.slug, member.slug)


def admin_address(member: Member) -> str:
    return f"quantri.{member.slug}@example.gov.vn"


def rows_for(scenario: Scenario, kept: float):
    """The scenario's results of last year with that share of each lost point kept (0: as they are)."""
    leaves = {c.code for c in scenario.criteria if c.is_leaf}

    def scored(row):
        points = row.appraised + kept * (row.max_points - row.appraised)
        return replace(row, appraised=points, self_assessed=points)
    return [scored(r) if r.code in leaves and r.appraised < r.max_points else r for r in score_rows(scenario, True)]


def load(today: date, when: dict) -> int:
    """Write every group's units in the current transaction, each group ranked on its own;
    returns their tasks."""
    year = today.year - 1
    tasks_made = 0
    for group in GROUPS:
        scenario = group.scenario
        criteria_set = assessments.save_criteria_set(
            scenario.criteria_set_name.format(year=year), year, rows_for(scenario, 0.0),
            scenario.criteria_decision.format(year=year), actor=ACTOR)
        decision = scenario.result_decision.format(number=group.decision, day=f"{when['results']:%d/%m/%Y}",
                                                   year=year)
        totals = {}
        for member in group.members:
            assessment = assessments.save_assessment(
                unit_of(member, scenario), year, criteria_set, rows_for(scenario, member.kept), decision, actor=ACTOR)
            totals[member.name] = assessment.total
            tasks_made += run_own_plan(group, member, assessment, today, when)
        # The province ranks each group apart from the others and from the Ministry's ranking of provinces.
        assessments.save_ranking(year, [RankingRow(unit=name, score=totals.get(name, score),
                                                   max_score=scenario.max_score)
                                        for name, score in scenario.peers], actor=ACTOR, group=group.name)
    return tasks_made


def unit_of(member: Member, scenario: Scenario):
    unit = assessments.get_or_create_unit(member.name)
    unit.kind, unit.place = scenario.kind, member.place
    unit.issuing_body = member.issuing_body or member.name.upper()
    documents.save(unit, scenario.documents, ACTOR)
    return unit


def run_own_plan(group: Group, member: Member, assessment, today: date, when: dict) -> int:
    """The unit's workspace, administrator, departments, users and rules, and this year's plan in
    progress; returns its tasks."""
    scenario = group.scenario
    admin = unit_workspaces.open_workspace(assessment.unit, email=admin_address(member), name=member.admin,
                                           password=data.DEMO_PASSWORD, actor=ACTOR)
    with workspace.working_in(workspace.Workspace(assessment.unit_id)):
        _departments, starter_rules = starter(scenario.kind)
        setup.add_starter([StarterDepartment(code, member.departments.get(code, name))
                           for code, name, *_ in scenario.departments], list(starter_rules), ACTOR)
        owners_and_contacts(scenario, lambda email: address(email, group, member))
        officers: dict[int | None, User] = {None: admin}
        for email, person, role, department in scenario.users:
            if role == "admin":
                continue
            user = users.create_user(address(email, group, member), person, role, data.DEMO_PASSWORD, department,
                                     actor=ACTOR, password_hash=admin.password_hash)
            if role == "department":
                officers[user.department_id] = user
        _plan, tasks = plans.generate_plan(assessment, member.plan_number or scenario.plan_number, when["issued"],
                                           when["deadline"], actor=ACTOR,
                                           target_classification=scenario.target_classification)
        progress_tasks(tasks, officers, when["issued"], today, current_app.config["UPLOAD_DIR"], scenario)
    return len(tasks)
