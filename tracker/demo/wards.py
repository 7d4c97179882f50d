"""The province demo's units that run their own plan here (issue 23): two wards of Lâm Đồng, each
with its own administrator, leader, departments, officers, ownership rules and this year's plan
in progress, in its own workspace. The province's admins read them from the units page.

Both are scored on the ward demo's set (tracker/demo/ward.py); the second did better on every
criterion it lost. The province ranks its wards as a group of their own, apart from the
Ministry's ranking of provinces, so each ward's projected rank is among the wards."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from flask import current_app

from tracker import workspace
from tracker.demo import data
from tracker.demo.ward import SCENARIO as WARD
from tracker.domain.starter import StarterDepartment, starter
from tracker.importers.ranking import RankingRow
from tracker.models import User
from tracker.services import assessments, plans, setup, unit_workspaces, users

ACTOR = "demo"
GROUP = "Xã, phường, đặc khu"
# (name, the slug its addresses use, its place, how much of each lost point it kept, its administrator)
WARDS = [("UBND phường Mũi Né", "muine", "Mũi Né", 0.0, "Nguyễn Thị Mai"),
         ("UBND phường Xuân Hương - Đà Lạt", "xuanhuong", "Đà Lạt", 0.5, "Lê Văn Phúc")]


def logins() -> list[tuple[str, str, str]]:
    """(email, name, role) of the wards' logins, for the demo's list of logins."""
    found = []
    for _name, slug, _place, _kept, admin in WARDS:
        found.append((f"quantri.{slug}@example.gov.vn", admin, "admin"))
        found += [(address(email, slug), person, role) for email, person, role, _d in WARD.users
                  if role != "admin"]
    return found


def address(email: str, slug: str) -> str:
    return email.replace("muine", slug)


def rows_for(kept: float):
    """The ward demo's results of last year with that share of each lost point kept (0: as they are)."""
    from tracker.demo.load import score_rows
    leaves = {c.code for c in WARD.criteria if c.is_leaf}

    def scored(row):
        points = row.appraised + kept * (row.max_points - row.appraised)
        return replace(row, appraised=points, self_assessed=points)
    return [scored(r) if r.code in leaves and r.appraised < r.max_points else r for r in score_rows(WARD, True)]


def load(today: date, when: dict) -> int:
    """Write both wards in the current transaction; returns their tasks."""
    from tracker.demo.load import owners_and_contacts, progress_tasks
    year = today.year - 1
    criteria_set = assessments.save_criteria_set(WARD.criteria_set_name.format(year=year), year, rows_for(0.0),
                                                 WARD.criteria_decision.format(year=year), actor=ACTOR)
    decision = WARD.result_decision.format(number=314, day=f"{when['results']:%d/%m/%Y}", year=year)
    uploads = current_app.config["UPLOAD_DIR"]
    tasks_made = 0
    totals = {}
    for name, slug, place, kept, admin_name in WARDS:
        unit = assessments.get_or_create_unit(name)
        unit.kind, unit.place, unit.issuing_body = "commune", place, name.upper()
        assessment = assessments.save_assessment(unit, year, criteria_set, rows_for(kept), decision, actor=ACTOR)
        totals[name] = assessment.total
        admin = unit_workspaces.open_workspace(unit, email=f"quantri.{slug}@example.gov.vn", name=admin_name,
                                               password=data.DEMO_PASSWORD, actor=ACTOR)
        with workspace.working_in(workspace.Workspace(unit.id)):
            _departments, starter_rules = starter("commune")
            setup.add_starter([StarterDepartment(code, dept) for code, dept, *_ in WARD.departments],
                              list(starter_rules), ACTOR)
            owners_and_contacts(WARD, lambda email: address(email, slug))
            officers: dict[int | None, User] = {None: admin}
            for email, person, role, department in WARD.users:
                if role == "admin":
                    continue
                user = users.create_user(address(email, slug), person, role, data.DEMO_PASSWORD, department,
                                         actor=ACTOR, password_hash=admin.password_hash)
                if role == "department":
                    officers[user.department_id] = user
            plan, tasks = plans.generate_plan(assessment, WARD.plan_number, when["issued"], when["deadline"],
                                              actor=ACTOR, target_classification=WARD.target_classification)
            progress_tasks(tasks, officers, when["issued"], today, uploads, WARD)
            tasks_made += len(tasks)
    # The province ranks its wards and communes apart from the Ministry's ranking of provinces.
    assessments.save_ranking(year, [RankingRow(unit=name, score=totals.get(name, score), max_score=WARD.max_score)
                                    for name, score in WARD.peers], actor=ACTOR, group=GROUP)
    return tasks_made
