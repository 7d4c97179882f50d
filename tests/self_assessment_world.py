"""Two small worlds for the self-assessment tests, built with tests/factories and
tests/mail_world: a commune's plan carried over to next year's set, with its tasks in every state
and evidence files (a hostile name and two of one name among them); and mail_world's plan with a
set published for next year that it is not carried over to."""
from __future__ import annotations

from datetime import date

import pytest

from tests import factories, mail_world
from tracker.domain.filetypes import Accepted
from tracker.domain.scoring import ScoreRow
from tracker.extensions import db
from tracker.services import assessments, carry_over, evidence, plans
from tracker.services import tasks as task_service

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
ADMIN, LEADER = "admin@example.gov.vn", "leader@example.gov.vn"
NV_OFFICER, TP_OFFICER = "nv@example.gov.vn", "tp@example.gov.vn"
UNIT = "UBND xã Thử"

# Last year's set (14 points): 1.3 at full marks, 2.1 scored by survey.
OLD = [("1", "Chỉ đạo, điều hành", 10, None, None),
       ("1.1", "Ban hành kế hoạch CCHC", 2, 1, None),
       ("1.2", "Báo cáo CCHC định kỳ", 2, 0.5, None),
       ("1.3", "Tuyên truyền CCHC", 2, 2, None),
       ("1.4", "Kiểm tra CCHC", 4, 2, None),
       ("2", "Tác động", 4, None, None),
       ("2.1", "Hài lòng của người dân (SIPAS)", 4, 3, "survey")]
# The next year's (18 points): 1.2 and 1.3 swap numbers, the report now out of 4; 1.5 added.
NEW = [("1", "Chỉ đạo, điều hành", 14, None, None),
       ("1.1", "Ban hành kế hoạch CCHC", 2, None, None),
       ("1.2", "Tuyên truyền CCHC", 2, None, None),
       ("1.3", "Báo cáo CCHC định kỳ", 4, None, None),
       ("1.4", "Kiểm tra CCHC", 4, None, None),
       ("1.5", "Ứng dụng chữ ký số", 2, None, None),
       ("2", "Tác động", 4, None, None),
       ("2.1", "Hài lòng của người dân (SIPAS)", 4, None, "survey")]
MAPPING = {"1.1": ["1.1"], "1.2": ["1.3"], "1.3": ["1.2"], "1.4": ["1.4"], "2.1": ["2.1"]}


def rows(table):
    return [ScoreRow(code, title, float(maximum), None if score is None else float(score),
                     method=method or "appraisal", row=i)
            for i, (code, title, maximum, score, method) in enumerate(table, start=2)]


def attach(app, task, name, user, data=PDF):
    """An evidence file stored as an upload stores it; the name as given (an older row may hold
    one that today's upload check would refuse)."""
    [stored] = evidence.store(app.config["UPLOAD_DIR"], task, None, user,
                              [(data, Accepted(name=name, kind="pdf", mimetype="application/pdf"))], written=[])
    return stored


@pytest.fixture
def carried(app):
    """A commune's plan carried over to next year's set, its tasks in every state, with evidence.

    Last year 8.5/14. Tasks: 1.1 (lost 1) verified; 1.2 (lost 1.5) verified; 1.4 (lost 2) split
    in two halves, Phòng Nội vụ's verified and Phòng Tư pháp's done; 2.1 (survey) in progress.
    """
    nv, tp = factories.department("NV", "Phòng Nội vụ"), factories.department("TP", "Phòng Tư pháp")
    users = {email: factories.user(email, role, dept) for email, role, dept in (
        (ADMIN, "admin", None), (LEADER, "leader", None), (NV_OFFICER, "department", "NV"),
        (TP_OFFICER, "department", "TP"))}
    unit = assessments.get_or_create_unit(UNIT, place="Thử", issuing_body="UBND XÃ THỬ")
    unit.own = True
    old_set = assessments.save_criteria_set("Bộ chỉ số cấp xã 2025", 2025, rows(OLD), actor="test")
    assessment = assessments.save_assessment(unit, 2025, old_set, rows(OLD), actor="test")
    plan, created = plans.generate_plan(assessment, "12/KH-UBND", date(2026, 3, 2), date(2026, 12, 15), actor="test")
    tasks = {t.criterion.code: t for t in created}
    for task in created:
        task.lead_department = nv
    new_set = assessments.save_criteria_set("Bộ chỉ số cấp xã 2026", 2026, rows(NEW), actor="test")
    db.session.flush()
    carry_over.carry_over(plan, new_set, MAPPING, actor=users[ADMIN])
    half, other = task_service.split_task(tasks["1.4"], users[ADMIN], tasks["1.4"].version, [
        task_service.SplitPart("Kiểm tra CCHC các bộ phận", nv, 50),
        task_service.SplitPart("Kiểm tra CCHC tại bộ phận một cửa", tp, 50)])
    for task, status in ((tasks["1.1"], "verified"), (tasks["1.2"], "verified"), (half, "verified"),
                         (other, "done"), (tasks["2.1"], "in_progress")):
        task.status, task.progress = status, 100 if status in ("verified", "done") else 60
    db.session.flush()
    files = {"plan": attach(app, tasks["1.1"], "Kế hoạch CCHC 2026.pdf", users[NV_OFFICER]),
             "report": attach(app, tasks["1.2"], "Báo cáo.pdf", users[NV_OFFICER], PDF + b"%first"),
             "report2": attach(app, tasks["1.2"], "Báo cáo.pdf", users[NV_OFFICER], PDF + b"%second"),
             "hostile": attach(app, tasks["1.2"], "../../x.pdf", users[NV_OFFICER], PDF + b"%hostile"),
             "minutes": attach(app, other, "Biên bản kiểm tra.pdf", users[TP_OFFICER], PDF + b"%tp")}
    db.session.commit()
    return {"plan_id": plan.id, "tasks": {**{code: t.id for code, t in tasks.items()}, "1.4a": half.id,
                                          "1.4b": other.id},
            "files": {key: f.id for key, f in files.items()}}


@pytest.fixture
def by_code_world(app):
    """mail_world's plan (six 2-point criteria scored 1, a survey 3 of 4) and a set published
    for 2026: 1.2 reworded, 1.3 now out of 3, 1.6 removed, 1.7 added."""
    world = mail_world.build()
    statuses = {"1.1": "verified", "1.2": "done", "1.3": "verified", "1.4": "in_progress", "1.5": "cancelled",
                "1.6": "verified", "2.1": "in_progress"}
    for code, status in statuses.items():
        world.tasks[code].status = status
    new = [("1", "Chỉ đạo, điều hành", 12, None, None)]
    new += [(f"1.{i}", f"Tiêu chí 1.{i}", 2, None, None) for i in (1, 4, 5)]
    new += [("1.2", "Tiêu chí 1.2, nội dung mới", 2, None, None), ("1.3", "Tiêu chí 1.3", 3, None, None),
            ("1.7", "Tiêu chí mới 1.7", 1, None, None), ("2", "Tác động", 4, None, None),
            ("2.1", "Hài lòng", 4, None, "survey")]
    new.sort(key=lambda r: [int(p) for p in r[0].split(".")])
    assessments.save_criteria_set("Bộ chỉ số 2026", 2026, rows(new), actor="test")
    attach(app, world.tasks["1.6"], "bien-ban.pdf", world.users[mail_world.OFFICER])
    db.session.commit()
    return world
