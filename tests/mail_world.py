"""A small unit for the reminder and digest tests: two departments with officers, a head, an
officer who opted out of email, an admin and a leader, and a plan of seven tasks whose
deadlines and states each test sets."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from tests import factories
from tracker.domain.scoring import ScoreRow
from tracker.extensions import db
from tracker.models import Department, Plan, ProgressUpdate, Task, User
from tracker.services import plans

ADMIN, LEADER = "admin@example.gov.vn", "leader@example.gov.vn"
HEAD, OFFICER, QUIET = "head.nv@example.gov.vn", "nv@example.gov.vn", "quiet.nv@example.gov.vn"
NV_CONTACT, TP_OFFICER = "nv-contact@example.gov.vn", "tp@example.gov.vn"
ISSUED = date(2026, 3, 2)


def tree() -> list[ScoreRow]:
    """Field 1: six appraisal leaves of 2 points, each scored 1; field 2: one survey leaf, 3 of 4."""
    rows = [ScoreRow("1", "Chỉ đạo, điều hành", 12.0, row=1)]
    rows += [ScoreRow(f"1.{i}", f"Tiêu chí 1.{i}", 2.0, 1.0, note=f"Lý do {i}", row=1 + i) for i in range(1, 7)]
    rows += [ScoreRow("2", "Tác động", 4.0, row=8), ScoreRow("2.1", "Hài lòng", 4.0, 3.0, method="survey", row=9)]
    return rows


@dataclass
class World:
    nv: Department
    tp: Department
    plan: Plan
    tasks: dict[str, Task]
    users: dict[str, User]

    def task(self, code: str, deadline: date, status: str = "in_progress", progress: int = 50,
             department: Department | None = None) -> Task:
        task = self.tasks[code]
        task.deadline, task.status, task.progress = deadline, status, progress
        if department is not None:
            task.lead_department = department
        db.session.flush()
        return task

    def update(self, code: str, at: datetime, status_to: str, progress_to: int, note: str = "",
               by: str = OFFICER) -> ProgressUpdate:
        """A history entry at `at` that leaves the task in that state."""
        task = self.tasks[code]
        entry = ProgressUpdate(task=task, user_id=self.users[by].id, at=at, status_from=task.status,
                               status_to=status_to, progress_from=task.progress, progress_to=progress_to,
                               note=note)
        db.session.add(entry)
        task.status, task.progress = status_to, progress_to
        db.session.flush()
        return entry


def build() -> World:
    nv = factories.department("NV", "Phòng Nội vụ", emails=NV_CONTACT)
    tp = factories.department("TP", "Phòng Tư pháp", emails=TP_OFFICER)
    users = {email: factories.user(email, role, dept) for email, role, dept in (
        (ADMIN, "admin", None), (LEADER, "leader", None), (HEAD, "department", "NV"),
        (OFFICER, "department", "NV"), (QUIET, "department", "NV"), (TP_OFFICER, "department", "TP"))}
    users[HEAD].is_head = True
    users[QUIET].reminders_enabled = users[QUIET].digest_enabled = False
    users[LEADER].locale = "en"
    assessment = factories.assessment("UBND xã Thử", 2025, tree())
    plan, created = plans.generate_plan(assessment, "12/KH-UBND", ISSUED, date(2026, 12, 15), actor="test")
    tasks = {t.criterion.code: t for t in created}
    for task in created:  # nothing due unless a test says so; all NV's, created when issued
        task.deadline, task.lead_department = date(2027, 6, 30), nv
        task.created_at = datetime(2026, 3, 2, 2, 0)
    db.session.flush()
    return World(nv, tp, plan, tasks, users)
