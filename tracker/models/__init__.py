"""The data model, one module per aggregate. Import from here."""
from tracker.models.audit import AuditEvent
from tracker.models.criteria import Assessment, CriteriaSet, Criterion, CriterionLink, CriterionResult, RankingEntry
from tracker.models.figures import StoredFigures
from tracker.models.notifications import Notification, TaskEscalation
from tracker.models.plans import Evidence, Plan, PlanDeadline, PlanningRule, ProgressUpdate, Task, TaskStatus
from tracker.models.reports import Report
from tracker.models.units import Department, DocumentSettings, Unit
from tracker.models.users import LoginAttempt, Role, User

__all__ = [
    "Assessment", "AuditEvent", "CriteriaSet", "Criterion", "CriterionLink", "CriterionResult", "Department",
    "DocumentSettings", "Evidence", "LoginAttempt", "Notification", "Plan", "PlanDeadline", "PlanningRule", "ProgressUpdate", "RankingEntry", "Report", "Role", "StoredFigures",
    "Task", "TaskEscalation", "TaskStatus", "Unit", "User",
]
