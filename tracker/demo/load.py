"""Load a demo scenario: a unit set up like a real one, two years of results, its peers, users,
last year's plan (closed) and this year's (in progress).

Dates follow today (DOMAIN.md "Timeline of a year"): the assessed year is last year and its plan
runs through this year; whenever it is loaded, some tasks are verified (with their evidence
files), some done, some overdue, some due soon, one returned. Nothing is dated after today.
"""
from __future__ import annotations

import functools
import io
import zipfile
from datetime import date, datetime, time, timedelta
from xml.sax.saxutils import escape

from docx import Document
from flask import current_app
from sqlalchemy import select

from tracker.demo import data
from tracker.demo.scenario import CriterionRow, Scenario
from tracker.domain.deadlines import default_deadline
from tracker.domain.filetypes import MIMETYPES, Accepted
from tracker.domain.scoring import SURVEY, UNCLASSIFIED_KINDS, ScoreRow, code_sort_key
from tracker.domain.starter import StarterDepartment, starter
from tracker.extensions import db
from tracker.importers.ranking import RankingRow
from tracker.models import Department, ProgressUpdate, Task, TaskStatus, User
from tracker.services import assessments, evidence, plans, rules, setup, users

ACTOR = "demo"


def score_rows(scenario: Scenario, last_year: bool) -> list[ScoreRow]:
    return [ScoreRow(code=r.code, title=r.title, max_points=r.max_points, method=r.method or "appraisal",
                     appraised=r.score if last_year else r.prev_score,
                     self_assessed=r.score if last_year else r.prev_score,
                     note=r.note if last_year else previous_note(r))
            for r in scenario.criteria]


def next_year_set(scenario: Scenario, year: int):
    """The set published for the year the plan works in, not yet scored: what the plan is
    carried over to (services/carry_over)."""
    rows = []
    for r in scenario.criteria:
        code, title = scenario.next_year_changes.get(r.code, (r.code, None))
        rows.append(ScoreRow(code=code, title=title or r.title, max_points=r.max_points,
                             method=r.method or "appraisal"))
    rows.sort(key=lambda row: code_sort_key(row.code))
    for number, row in enumerate(rows, start=2):
        row.row = number
    return assessments.save_criteria_set(scenario.criteria_set_name.format(year=year), year, rows,
                                         scenario.criteria_decision.format(year=year), actor=ACTOR,
                                         classifies=scenario.kind not in UNCLASSIFIED_KINDS)


def previous_note(row: CriterionRow) -> str:
    """The year before's reason, where points were lost then (the demo records only last year's)."""
    if row.prev_score is None or row.prev_score >= row.max_points:
        return ""
    return row.note or "Chưa đạt đầy đủ yêu cầu của tiêu chí; thiếu tài liệu kiểm chứng"


def clamp(day: date, low: date, high: date) -> date:
    return max(low, min(day, high))


def timeline(today: date) -> dict[str, date]:
    """When last year's results came out and this year's plan was issued: spring in a normal
    year, earlier when the demo is loaded in the first months, never after today."""
    year = today.year
    results = min(clamp(today - timedelta(days=60), date(year, 1, 2), date(year, 4, 6)), today)
    issued = min(clamp(results + timedelta(days=14), date(year, 1, 5), today - timedelta(days=21)), today)
    return {"results": results, "issued": issued, "deadline": default_deadline(year)}


def load(today: date, kind: str = "province", with_wards: bool = False) -> dict:
    """Write the whole demo in the current transaction; the caller commits. Returns counts.
    `with_wards`: the province's demo with two wards and two sở that run their own plan (demo/units.py)."""
    scenario = data.SCENARIOS[kind]
    year = today.year - 1  # the assessed year; the plan works in `today.year`
    when = timeline(today)
    unit = set_up(scenario)
    officers = add_users(scenario)

    results = {}
    for assessed in (year - 1, year):
        if assessed < scenario.previous_from:
            continue
        published = when["results"] if assessed == year else date(assessed + 1, 4, 6)
        criteria_set = assessments.save_criteria_set(
            scenario.criteria_set_name.format(year=assessed), assessed, score_rows(scenario, assessed == year),
            scenario.criteria_decision.format(year=assessed), actor=ACTOR,
            classifies=scenario.kind not in UNCLASSIFIED_KINDS)  # the Ministry ranks provinces, no classes
        decision = scenario.result_decision.format(
            number=312 if assessed == year else 287, day=f"{published:%d/%m/%Y}", year=assessed)
        results[assessed] = assessments.save_assessment(
            unit, assessed, criteria_set, score_rows(scenario, assessed == year), decision, actor=ACTOR)
    if year >= scenario.peers_from:
        assessments.save_ranking(year, [RankingRow(unit=name, score=score, max_score=scenario.max_score)
                                        for name, score in scenario.peers], actor=ACTOR)

    uploads = current_app.config["UPLOAD_DIR"]
    files = 0
    issued_reports = 0
    if year - 1 in results:
        previous, tasks = plans.generate_plan(results[year - 1], scenario.previous_plan_number,
                                              date(year, 4, 20), default_deadline(year), actor=ACTOR)
        files += close_previous_plan(tasks, officers, year, uploads, scenario)
        issued_reports += issue_past_reports(previous, today, scenario, first_number=21)
    plan, tasks = plans.generate_plan(results[year], scenario.plan_number, when["issued"], when["deadline"],
                                      actor=ACTOR, target_classification=scenario.target_classification,
                                      target_rank=scenario.target_rank)
    files += progress_tasks(tasks, officers, when["issued"], today, uploads, scenario)
    issued_reports += issue_past_reports(plan, today, scenario, first_number=8)
    if scenario.next_year_changes:
        next_year_set(scenario, today.year)
    own_plan_tasks = 0
    if with_wards and kind == "province":  # two of its wards and two sở run their own plan here (issue 23)
        from tracker.demo import units
        own_plan_tasks = units.load(today, when)
    db.session.flush()
    assessment = results[year]
    return {"departments": len(scenario.departments), "users": len(scenario.users),
            "criteria": len(scenario.criteria), "tasks": len(tasks), "year": year, "unit": unit.name,
            "total": assessment.total, "max": assessment.max_score, "evidence": files,
            "rank": f"{assessment.rank}/{assessment.rank_of}" if assessment.rank else "-",
            "previous_plan": year - 1 in results, "reports": issued_reports, "own_plan_tasks": own_plan_tasks}


def issue_past_reports(plan, today: date, scenario: Scenario, first_number: int) -> int:
    """Every periodic report of the plan that was due before today, issued on its due date
    under a number of its own, as an office that reports on time has them."""
    from tracker.services import reports
    admin = db.session.scalar(select(User).where(User.role == "admin").order_by(User.id))
    issued = 0
    for n, period in enumerate(reports.periods(plan)):
        if period.due < today:
            db.session.flush()
            reports.issue(plan, period, f"{first_number + 9 * n}/{scenario.report_prefix}", period.due, admin,
                          today=today)
            issued += 1
    return issued


def set_up(scenario: Scenario):
    """The unit as `tracker setup --starter` makes it, with the demo's own departments and their
    contacts, and rules for the criteria that another department than the field's owner leads."""
    _departments, starter_rules = starter(scenario.kind)
    unit = setup.set_up(name=scenario.unit_name, kind=scenario.kind, place=scenario.place,
                        issuing_body=scenario.issuing_body, document_settings=scenario.documents,
                        starter_departments=[StarterDepartment(code, name) for code, name, *_ in scenario.departments],
                        starter_rules=list(starter_rules), actor=ACTOR)
    owners_and_contacts(scenario)
    return unit


def owners_and_contacts(scenario: Scenario, address=lambda email: email) -> None:
    """The departments' contacts and heads (`address` rewrites an address), and rules for the
    criteria that another department than the field's owner leads, in the current workspace."""
    departments = {d.code: d for d in db.session.scalars(select(Department))}
    for code, _name, emails, head_email in scenario.departments:
        departments[code].emails = ", ".join(address(e) for e in emails)
        departments[code].head_email = address(head_email) if head_email else None
    for row in scenario.criteria:
        lead = scenario.owners.get(row.code)
        product = row.product if row.lost else ""
        if lead or product:
            rules.save_rule(None, ACTOR, code=row.code, lead=departments.get(lead), supporting=[],
                            title="", product=product)


def add_users(scenario: Scenario) -> dict[int | None, User]:
    """The users; returns each department's officer by department id (None: the admin)."""
    officers, password_hash = {}, None
    for email, name, role, department in scenario.users:
        user = users.create_user(email, name, role, data.DEMO_PASSWORD, department, actor=ACTOR,
                                 password_hash=password_hash)
        password_hash = user.password_hash
        user.is_head = False  # an officer keeps the tasks up to date; the head hears of escalations
        if role == "admin":
            officers[None] = user
        elif role == "department":
            officers[user.department_id] = user
    for email, name, department in scenario.heads:
        head = users.create_user(email, name, "department", data.DEMO_PASSWORD, department, actor=ACTOR,
                                 password_hash=password_hash)
        head.is_head = True
    return officers


# A repeating pattern for this year's plan: (deadline offset from today in days, status, progress).
PATTERN = [
    (-75, TaskStatus.VERIFIED, 100),
    (-40, TaskStatus.IN_PROGRESS, 45),   # overdue
    (9, TaskStatus.IN_PROGRESS, 30),     # due soon
    (-20, TaskStatus.DONE, 100),         # waits for verification
    (None, TaskStatus.NOT_STARTED, 0),   # the plan's default deadline
    (4, TaskStatus.IN_PROGRESS, 60),     # due soon
    (-8, TaskStatus.NOT_STARTED, 0),     # overdue
    (None, TaskStatus.IN_PROGRESS, 20),
    (30, TaskStatus.BLOCKED, 10),
    (-55, TaskStatus.VERIFIED, 100),
    (20, "returned", 90),                # done, then sent back by Internal Affairs
]


def progress_tasks(tasks: list[Task], officers: dict, issued: date, today: date, uploads: str,
                   scenario: Scenario) -> int:
    admin = officers[None]
    end_of_year = date(today.year, 12, 31)
    files = 0
    for i, task in enumerate(tasks):
        task.created_at = at(issued)  # the plan was issued then; its history starts there
        offset, status, progress = PATTERN[i % len(PATTERN)]
        if task.criterion.method == SURVEY and status in (TaskStatus.DONE, TaskStatus.VERIFIED, "returned"):
            status, progress = TaskStatus.IN_PROGRESS, 80  # its outcome waits for the next survey
        if offset is not None:
            task.deadline = min(max(today + timedelta(days=offset), issued + timedelta(days=14)), end_of_year)
        if status == TaskStatus.NOT_STARTED:
            continue
        officer = officers.get(task.lead_department_id) or admin
        started = at(issued + (today - issued) * 2 // 5)
        steps = [(TaskStatus.IN_PROGRESS, min(progress, 50) if progress else 10, started,
                  officer, "Đã triển khai, đang thực hiện.")]
        if status in (TaskStatus.DONE, TaskStatus.VERIFIED, "returned"):
            steps.append((TaskStatus.DONE, 100, started + timedelta(days=20), officer,
                          "Đã hoàn thành, gửi kèm tài liệu kiểm chứng."))
        if status == TaskStatus.VERIFIED:
            steps.append((TaskStatus.VERIFIED, 100, started + timedelta(days=25), admin,
                          "Sở Nội vụ đã kiểm tra tài liệu kiểm chứng: đạt." if scenario.kind == "province"
                          else "Đã kiểm tra tài liệu kiểm chứng: đạt."))
        if status == "returned":
            steps.append((TaskStatus.IN_PROGRESS, 90, started + timedelta(days=24), admin,
                          "Trả lại: tài liệu kiểm chứng chưa có chữ ký, đóng dấu; đề nghị bổ sung."))
        if status in (TaskStatus.IN_PROGRESS, TaskStatus.BLOCKED):
            # The latest report: days ago for most tasks, weeks ago for some (waiting for an update).
            recent = max(started + timedelta(days=1), at(today) - timedelta(days=2 + 6 * (i % 4)))
            note = scenario.blocked_note if status == TaskStatus.BLOCKED else (
                "Đã triển khai các giải pháp; kết quả chờ đợt khảo sát sự hài lòng cuối năm."
                if task.criterion.method == SURVEY else scenario.progress_notes[i % len(scenario.progress_notes)])
            steps.append((status, progress, recent, officer, note))
        files += write_history(task, steps, today, uploads, scenario)
    return files


def close_previous_plan(tasks: list[Task], officers: dict, year: int, uploads: str, scenario: Scenario) -> int:
    """Last year's plan, over: every task verified with its evidence, or cancelled with a reason."""
    admin = officers[None]
    files = 0
    for i, task in enumerate(tasks):
        task.created_at = at(date(year, 4, 20))
        officer = officers.get(task.lead_department_id) or admin
        started = at(date(year, 5, 4) + timedelta(days=3 * (i % 10)))
        if i % 9 == 8:
            task.status, task.cancel_reason = TaskStatus.CANCELLED.value, (
                "Nhiệm vụ được lồng ghép vào nhiệm vụ khác của Kế hoạch.")
            task.updates.append(ProgressUpdate(user_id=admin.id, at=started, status_from=None,
                                               status_to=TaskStatus.CANCELLED.value, progress_from=0,
                                               progress_to=0, note=task.cancel_reason))
            continue
        finished = started + timedelta(days=90 + 7 * (i % 12))
        files += write_history(task, [
            (TaskStatus.IN_PROGRESS, 40, started, officer, "Đã triển khai, đang thực hiện."),
            (TaskStatus.DONE, 100, finished, officer, "Đã hoàn thành, gửi kèm tài liệu kiểm chứng."),
            (TaskStatus.VERIFIED, 100, finished + timedelta(days=6), admin, "Đã kiểm tra tài liệu kiểm chứng: đạt."),
        ], date(year, 12, 31), uploads, scenario)
    return files


def write_history(task: Task, steps: list, today: date, uploads: str, scenario: Scenario) -> int:
    """Append the steps as the task's history (never after today); the step that reports the task
    done carries an evidence file, as a department sends it."""
    previous, files = (None, 0), 0
    latest = at(today) - timedelta(hours=2)
    for step_status, step_progress, when, user, note in steps:
        update = ProgressUpdate(user_id=user.id, at=min(when, latest), status_from=previous[0],
                                status_to=step_status.value, progress_from=previous[1],
                                progress_to=step_progress, note=note)
        task.updates.append(update)
        previous = (step_status.value, step_progress)
        if step_status == TaskStatus.DONE:
            db.session.flush()
            for stored in evidence.store(uploads, task, update, user, [evidence_file(task, scenario)], written=[]):
                stored.uploaded_at = update.at
            files += 1
    task.status, task.progress = previous
    return files


def evidence_file(task: Task, scenario: Scenario) -> tuple[bytes, Accepted]:
    """A short report as the department would attach it (tài liệu kiểm chứng): one document made
    with python-docx, its texts filled in per task (making each anew would slow every load)."""
    texts = [f"BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ TIÊU CHÍ {task.criterion.code}",
             f"Đơn vị: {task.lead_department.name if task.lead_department else scenario.unit_name}",
             f"Tiêu chí: {task.criterion.code} {task.criterion.title}",
             f"Nhiệm vụ: {task.title}", f"Sản phẩm: {task.product}"]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:  # stored, not compressed: fast, and small anyway
        for part, content in report_template().items():
            if part == "word/document.xml":
                xml = content.decode("utf-8")
                for n, text in enumerate(texts):
                    xml = xml.replace(f"@@{n}@@", escape(text))
                content = xml.encode("utf-8")
            target.writestr(part, content)
    name = f"Bao-cao-ket-qua-tieu-chi-{task.criterion.code}.docx"
    return out.getvalue(), Accepted(name=name, kind="docx", mimetype=MIMETYPES["docx"])


@functools.cache
def report_template() -> dict[str, bytes]:
    """The parts of a docx with the placeholders @@0@@ (a heading) to @@4@@."""
    document = Document()
    document.add_heading("@@0@@", level=1)
    for n in range(1, 5):
        document.add_paragraph(f"@@{n}@@")
    out = io.BytesIO()
    document.save(out)
    with zipfile.ZipFile(out) as source:
        return {item.filename: source.read(item.filename) for item in source.infolist()}


def at(day: date) -> datetime:
    return datetime.combine(day, time(9, 0))
