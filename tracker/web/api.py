"""The JSON API of CONTRACT §6, under /api/v1: the same data and role rules as the UI.

Every endpoint needs a logged-in user, by session cookie or `Authorization: Bearer TOKEN`,
and answers 401 JSON rather than redirecting to the login page. Errors always have the
shape `{"error": {"code", "message"}}` (tracker.web.errors.error_response); messages are
English. Lists are `{"items", "page", "per_page", "total"}` with per_page at most 200.

CSRF: a script holding a token cannot be tricked into a cross-site request, so the
blueprint is exempt from the global check; a write authenticated by the session cookie is
checked here instead (token in the X-CSRFToken header), so a browser session cannot be
abused from another site.
"""
from __future__ import annotations

import re
from datetime import datetime

from flask import Blueprint, current_app, jsonify, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from tracker import workspace
from tracker.auth_setup import load_user_from_token
from tracker.domain import bounds
from tracker.extensions import csrf, db
from tracker.i18n import local_today
from tracker.models import Assessment, Department, Plan, ProgressUpdate, Task, Unit
from tracker.models.plans import STATUS_VALUES
from tracker.permissions import can_edit_task, can_use_what_if, is_own_unit_user
from tracker.services import assessment_view, projection
from tracker.services import tasks as task_service
from tracker.web.errors import error_response
from tracker.web.pagination import page_args, paginate_by_id
from tracker.web.params import DB_INT_MAX, whole_number

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)

READ_METHODS = ("GET", "HEAD", "OPTIONS")
NOTE_MAX = 4000  # as the UI's progress form
PATCH_FIELDS = ("progress", "status", "note", "current_value", "version")
CODE_RE = re.compile(r"\d+(\.\d+)*")
FLAGS = {"true": True, "1": True, "false": False, "0": False}


class ApiError(Exception):
    """An answer other than success, raised from helpers and turned into the error shape."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@bp.errorhandler(ApiError)
def api_error(exc: ApiError):
    return error_response(exc.status, exc.message)


def invalid(message: str) -> ApiError:
    return ApiError(422, message)


# --- Authentication and CSRF ------------------------------------------------------------

@bp.before_request
def require_login_and_same_site_writes():
    """401 JSON for anonymous callers; CSRF check for writes made with a session cookie. The
    OpenAPI description is public: it describes the API, it exposes no data."""
    if request.endpoint == "api.openapi":
        return None
    if not (current_user.is_authenticated and current_user.is_active):
        response, status = error_response(
            401, "Log in, or send an API token as 'Authorization: Bearer TOKEN'.")
        response.headers["WWW-Authenticate"] = 'Bearer realm="PAR Tracker"'
        return response, status
    if workspace.API_UNIT in request.args:
        refused = unit_read()
        if refused:
            return refused
    if request.method in READ_METHODS or authenticated_by_token():
        return None
    if current_app.config.get("WTF_CSRF_ENABLED", True):
        try:
            csrf.protect()
        except CSRFError:
            return error_response(400, "Missing or invalid CSRF token: a write with a session "
                                       "cookie must send it in the X-CSRFToken header.")
    return None


def unit_read():
    """`?unit=ID`: the own unit's admins and leaders read a unit that runs its own plan here, as
    on its pages when they visit it: read-only. None when allowed, else the error to answer."""
    if not is_own_unit_user(current_user) or current_user.role not in ("admin", "leader"):
        return error_response(403, "Only the own unit's administrators and leaders read another unit's plan.")
    unit_id = workspace.api_unit()
    unit = db.session.get(Unit, unit_id) if unit_id is not None else None
    if unit is None or not unit.runs_own_plan:
        return error_response(404, "No unit with this id runs its own plan here.")
    if request.method not in READ_METHODS:
        return error_response(403, "Another unit's plan is read-only: its own users change it.")
    return None


def authenticated_by_token() -> bool:
    """True only when the Bearer token itself names the current user.

    Flask-Login prefers the session cookie, so a request with a cookie and a bogus
    Authorization header is a session request and must pass the CSRF check.
    """
    user = load_user_from_token(request)
    return user is not None and user.id == current_user.id


# --- Serialisation ----------------------------------------------------------------------

def utc_iso(value: datetime | None) -> str | None:
    """Stored datetimes are naive UTC: say so with the Z."""
    return None if value is None else value.replace(microsecond=0).isoformat() + "Z"


def page_json(pagination, serialise) -> dict:
    return {"items": [serialise(item) for item in pagination.items], "page": pagination.page,
            "per_page": pagination.per_page, "total": pagination.total}


def paginate(stmt, serialise, id_column=None):
    """A page of `stmt` as CONTRACT §6 lists it; long lists page by `id_column` (IdPagination)."""
    page, per_page = page_args()
    pagination = (paginate_by_id(stmt, id_column, page, per_page) if id_column is not None
                  else db.paginate(stmt, page=page, per_page=per_page, error_out=False))
    return jsonify(page_json(pagination, serialise))


def task_json(task: Task) -> dict:
    return {
        "id": task.id,
        "plan_id": task.plan_id,
        "code": task.criterion.code,
        "criterion": task.criterion.title,
        "title": task.title,
        "product": task.product,
        "lead_department": task.lead_department.code if task.lead_department else None,
        "supporting_departments": [d.code for d in task.supporting_departments],
        "deadline": task.deadline.isoformat(),
        "deadline_label": task.deadline_label,  # "Quý III/2026", "Thường xuyên" or null
        "overdue": task.is_overdue(local_today()),
        "status": task.status,
        "progress": task.progress,
        "lost_points": round(task.lost_points, 2),
        "target_value": task.target_value,
        "current_value": task.current_value,
        "value_unit": task.value_unit,
        "cancel_reason": task.cancel_reason,
        "version": task.version,
        "updated_at": utc_iso(task.updated_at),
    }


def update_json(entry: ProgressUpdate) -> dict:
    return {"at": utc_iso(entry.at), "by": entry.user.name if entry.user else None,
            "status_from": entry.status_from, "status_to": entry.status_to,
            "progress_from": entry.progress_from, "progress_to": entry.progress_to,
            "current_value": entry.current_value, "note": entry.note}


def task_detail_json(task: Task) -> dict:
    """A task with its history, newest first (what the task page shows)."""
    return {**task_json(task), "updates": [update_json(u) for u in task.updates]}


def assessment_json(assessment: Assessment, plan_id: int | None) -> dict:
    return {
        "id": assessment.id,
        "unit": assessment.unit.name,
        "year": assessment.year,
        "criteria_set": assessment.criteria_set.name,
        "total": assessment.total,
        "max_score": assessment.max_score,
        "lost": assessment.lost,
        "classification": assessment.classification,
        "rank": assessment.rank,
        "rank_of": assessment.rank_of,
        "plan_id": plan_id,
    }


def criterion_line_json(line: assessment_view.TreeLine) -> dict:
    c, fig = line.criterion, line.figures
    return {"code": c.code, "title": c.title, "max_points": c.max_points, "method": c.method,
            "is_leaf": c.is_leaf, "depth": c.depth, "self_score": fig.self_assessed,
            "appraised_score": fig.appraised, "lost": fig.lost, "note": line.note}


def department_json(department: Department) -> dict:
    return {"code": department.code, "name": department.name,
            "emails": department.email_list, "active": department.active}


# --- Assessments ------------------------------------------------------------------------

def plan_ids(assessment_ids: list[int]) -> dict[int, int]:
    """Each assessment's plan (at most one), in one query for a whole page."""
    if not assessment_ids:
        return {}
    return dict(db.session.execute(select(Plan.assessment_id, Plan.id)
                                   .where(Plan.assessment_id.in_(assessment_ids))).all())


def load_assessment(assessment_id: int) -> Assessment:
    assessment = assessment_view.load(assessment_id)
    if assessment is None:
        raise ApiError(404, f"No assessment with id {assessment_id}.")
    return assessment


@bp.get("/assessments")
def assessments():
    """Newest year first, then by unit, as the assessments page lists them."""
    page, per_page = page_args()
    stmt = (select(Assessment).join(Assessment.unit)
            .options(selectinload(Assessment.unit), selectinload(Assessment.criteria_set))
            .order_by(Assessment.year.desc(), Unit.name, Assessment.id))
    pagination = db.paginate(stmt, page=page, per_page=per_page, error_out=False)
    plans = plan_ids([a.id for a in pagination.items])
    return jsonify(page_json(pagination, lambda a: assessment_json(a, plans.get(a.id))))


@bp.get("/assessments/<int:assessment_id>")
def assessment(assessment_id: int):
    """The assessment with its criterion tree in order; parents' figures summed from leaves."""
    found = load_assessment(assessment_id)
    body = assessment_json(found, plan_ids([found.id]).get(found.id))
    body["criteria"] = [criterion_line_json(line) for line in assessment_view.tree(found)]
    return jsonify(body)


@bp.get("/assessments/<int:assessment_id>/projection")
def assessment_projection(assessment_id: int):
    """Exactly the CONTRACT §5 object, as `flask tracker projection --json` prints it."""
    return jsonify(projection.for_assessment(load_assessment(assessment_id), local_today()))


WHAT_IF_MAX = 10_000  # more tasks than any plan has


@bp.post("/assessments/<int:assessment_id>/what-if")
def assessment_what_if(assessment_id: int):
    """The §5 figures as if the tasks in `assume_done` were verified; writes nothing. 404 unknown
    assessment; 400 unless a JSON object; 422 unless `assume_done` is a list of this
    assessment's task ids."""
    assessment = load_assessment(assessment_id)
    if not can_use_what_if(current_user):  # before reading the body: the same answer for any body
        raise ApiError(403, "The what-if is for Internal Affairs and the leaders.")
    body = json_object()
    ids = body.get("assume_done")
    if not isinstance(ids, list) or not all(is_whole(i) for i in ids) or len(ids) > WHAT_IF_MAX:
        raise invalid(f"assume_done must be a list of task ids (at most {WHAT_IF_MAX}).")
    if set(body) - {"assume_done"}:
        raise invalid("Unknown fields: " + ", ".join(sorted(map(str, set(body) - {"assume_done"}))) + ".")
    try:
        return jsonify(projection.what_if(assessment, local_today(), ids, current_user))
    except projection.WhatIfRefused:
        raise ApiError(403, "The what-if is for Internal Affairs and the leaders.") from None
    except projection.WhatIfError as exc:
        raise invalid(str(exc)) from None


# --- Tasks ------------------------------------------------------------------------------

def department_filter() -> int | None:
    code = request.args.get("department")
    if not code:
        return None
    department_id = db.session.scalar(select(Department.id).where(Department.code == code))
    if department_id is None:
        raise invalid(f"Unknown department code {code!r}.")
    return department_id


def choice_arg(name: str, allowed) -> str | None:
    value = request.args.get(name)
    if value and value not in allowed:
        raise invalid(f"{name} must be one of: {', '.join(allowed)}.")
    return value or None


def whole_number_arg(name: str) -> int | None:
    value = request.args.get(name)
    if not value:
        return None
    number = whole_number(value)
    if number is None:
        raise invalid(f"{name} must be a whole number from 0 to {DB_INT_MAX}.")
    return number


def flag_arg(name: str) -> bool:
    value = request.args.get(name, "false").lower()
    if value not in FLAGS:
        raise invalid(f"{name} must be true or false.")
    return FLAGS[value]


def field_arg() -> str | None:
    value = request.args.get("field")
    if value and not CODE_RE.fullmatch(value):
        raise invalid("field must be a criterion code such as 3 or 3.2.")
    return value or None


def task_filter() -> task_service.TaskFilter:
    """The task list's query string; a value the list cannot honour is a 422, never ignored."""
    return task_service.TaskFilter(
        department_id=department_filter(),
        status=choice_arg("status", STATUS_VALUES),
        field=field_arg(),
        overdue=flag_arg("overdue"),
        due_within=whole_number_arg("due_within"),
        plan_id=whole_number_arg("plan"),
        sort=choice_arg("sort", tuple(task_service.SORTS)) or "deadline")


@bp.get("/tasks")
def tasks():
    """Filters: department (lead), status, overdue, field, plan, due_within; sort."""
    return paginate(task_service.task_query(task_filter(), today=local_today()), task_json, Task.id)


def load_task(task_id: int) -> Task:
    task = db.session.scalar(
        select(Task).where(Task.id == task_id).options(
            selectinload(Task.criterion), selectinload(Task.lead_department),
            selectinload(Task.supporting_departments),
            selectinload(Task.updates).selectinload(ProgressUpdate.user)))
    if task is None:
        raise ApiError(404, f"No task with id {task_id}.")
    return task


@bp.get("/tasks/<int:task_id>")
def task(task_id: int):
    return jsonify(task_detail_json(load_task(task_id)))


def json_object() -> dict:
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # nested deeper than the parser goes: no real request looks like this
        raise ApiError(400, "The JSON body is nested too deeply.") from None
    if not isinstance(body, dict):
        raise ApiError(400, "Send a JSON object with Content-Type: application/json.")
    return body


def is_whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def expected_version(body: dict) -> int:
    if "version" not in body:
        raise invalid("version is required: send the version you read, so that a change "
                      "made meanwhile by someone else is not overwritten.")
    if not is_whole(body["version"]) or body["version"] < 1:
        raise invalid("version must be a positive whole number.")
    return body["version"]


def progress_value(body: dict, task: Task) -> int:
    value = body.get("progress", task.progress)
    if not is_whole(value) or not 0 <= value <= 100:
        raise invalid("progress must be a whole number from 0 to 100.")
    return value


def status_value(body: dict, task: Task) -> str:
    value = body.get("status", task.status)
    if value not in STATUS_VALUES:
        raise invalid(f"status must be one of: {', '.join(STATUS_VALUES)}.")
    if value not in task_service.allowed_statuses(current_user):
        raise invalid(f"You may set only: {', '.join(task_service.allowed_statuses(current_user))}; "
                      "verifying and cancelling are Internal Affairs' decisions.")
    return value


def note_value(body: dict) -> str:
    value = body.get("note", "")
    if not isinstance(value, str) or len(value) > NOTE_MAX:
        raise invalid(f"note must be text of at most {NOTE_MAX} characters.")
    return value


def current_value(body: dict) -> float | None:
    value = body.get("current_value")
    if value is None:
        return None
    if not bounds.is_value(value):
        raise invalid(f"current_value must be a number from {-bounds.VALUE_LIMIT:.0f} to {bounds.VALUE_LIMIT:.0f}.")
    return float(value)


def progress_change(body: dict, task: Task) -> tuple[task_service.ProgressChange, int]:
    """Read and check the PATCH body; fields left out keep the task's values."""
    unknown = sorted(set(body) - set(PATCH_FIELDS))
    if unknown:
        raise invalid(f"Unknown fields: {', '.join(unknown)}. Send only {', '.join(PATCH_FIELDS)}.")
    version = expected_version(body)
    if not set(body) - {"version"}:
        raise invalid("Nothing to change: send progress, status, note or current_value.")
    change = task_service.ProgressChange(
        status=status_value(body, task), progress=progress_value(body, task),
        note=note_value(body), current_value=current_value(body))
    return change, version


def version_conflict(task_id: int) -> ApiError:
    db.session.rollback()
    current = db.session.scalar(select(Task.version).where(Task.id == task_id))
    return ApiError(409, f"Someone else changed this task since you read it; it is now at "
                         f"version {current}. Read it again and re-apply your change.")


@bp.patch("/tasks/<int:task_id>")
def update_task(task_id: int):
    """Record progress: one history entry and audit event, like the task page's form.

    Checked in this order: 404 unknown task; 403 unless can_edit_task (admins, or the lead
    department's officers); 400 unless the body is a JSON object; 422 for a missing or
    invalid field, including a status the user may not set (a department cannot set
    `verified` or `cancelled`, as in the UI's form); 409 when `version` is not the task's
    current version. `done` and `verified` set progress to 100. Verifying a task on an
    appraisal-scored criterion that has no evidence file needs a non-empty `note` saying where
    the evidence is (422 without one), as on the task page.
    """
    task = load_task(task_id)
    if not can_edit_task(current_user, task):
        raise ApiError(403, "Only Internal Affairs or the task's lead department may update it.")
    change, version = progress_change(json_object(), task)
    try:
        task_service.update_progress(task, current_user, change, version)
        db.session.commit()
    except (task_service.VersionConflict, StaleDataError):
        raise version_conflict(task_id) from None
    except task_service.InvalidUpdate as exc:
        db.session.rollback()
        raise invalid(str(exc)) from None
    return jsonify(task_detail_json(load_task(task_id)))


# --- Departments and the description ----------------------------------------------------

@bp.get("/departments")
def departments():
    """Inactive departments too (marked), since old tasks may still name them."""
    return paginate(select(Department).order_by(Department.code), department_json)


@bp.get("/openapi.json")
def openapi():
    return jsonify(OPENAPI)


# --- OpenAPI 3.0 description ------------------------------------------------------------

def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(type_: str, **extra) -> dict:
    return {"type": type_, "nullable": True, **extra}


def json_content(schema: dict) -> dict:
    return {"content": {"application/json": {"schema": schema}}}


def ok(description: str, schema: dict) -> dict:
    return {"description": description, **json_content(schema)}


def errors(*statuses: int) -> dict:
    return {str(s): {"$ref": f"#/components/responses/{ERROR_RESPONSES[s][0]}"} for s in statuses}


def page_of(name: str) -> dict:
    return {"type": "object", "required": ["items", "page", "per_page", "total"], "properties": {
        "items": {"type": "array", "items": ref(name)}, "page": {"type": "integer"},
        "per_page": {"type": "integer", "maximum": 200}, "total": {"type": "integer"}}}


def query(name: str, description: str, schema: dict) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema}


def path_id(name: str) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "integer"}}


ERROR_RESPONSES = {
    400: ("BadRequest", "Malformed request: body not a JSON object, or a missing CSRF token "
                        "on a session-authenticated write."),
    401: ("Unauthorized", "Not logged in and no valid Bearer token."),
    403: ("Forbidden", "The user's role may not do this."),
    404: ("NotFound", "No such object."),
    409: ("Conflict", "Someone else changed the task since the given version was read."),
    422: ("ValidationError", "A parameter or field is missing or invalid; nothing was changed."),
}

PAGINATION = [query("page", "Page number, from 1.", {"type": "integer", "minimum": 1, "default": 1}),
              query("per_page", "Items per page (values above 200 count as 200).",
                    {"type": "integer", "minimum": 1, "maximum": 200, "default": 25})]

CLASSIFICATION = nullable("string", description="null where the scoring body does not classify (a province)")
STATUS_SCHEMA = {"type": "string", "enum": list(STATUS_VALUES)}
FIGURE = {"type": "number"}

SCHEMAS = {
    "Error": {"type": "object", "required": ["error"], "properties": {"error": {
        "type": "object", "required": ["code", "message"], "properties": {
            "code": {"type": "string", "example": "validation_error"},
            "message": {"type": "string"}}}}},
    "Department": {"type": "object", "properties": {
        "code": {"type": "string", "example": "NV"}, "name": {"type": "string"},
        "emails": {"type": "array", "items": {"type": "string"}}, "active": {"type": "boolean"}}},
    "Assessment": {"type": "object", "properties": {
        "id": {"type": "integer"}, "unit": {"type": "string"}, "year": {"type": "integer"},
        "criteria_set": {"type": "string"}, "total": FIGURE, "max_score": FIGURE, "lost": FIGURE,
        "classification": nullable("string"), "rank": nullable("integer"),
        "rank_of": nullable("integer"), "plan_id": nullable("integer")}},
    "CriterionLine": {"type": "object", "description": "A node of the criterion tree; a parent's "
                      "scores are the sums over its leaves.", "properties": {
        "code": {"type": "string", "example": "2.1.3"}, "title": {"type": "string"},
        "max_points": FIGURE, "method": {"type": "string", "enum": ["appraisal", "survey"]},
        "is_leaf": {"type": "boolean"}, "depth": {"type": "integer"},
        "self_score": nullable("number"), "appraised_score": FIGURE, "lost": FIGURE,
        "note": nullable("string")}},
    "AssessmentDetail": {"allOf": [ref("Assessment"), {"type": "object", "properties": {
        "criteria": {"type": "array", "items": ref("CriterionLine")}}}]},
    "Projection": {"type": "object", "description": "CONTRACT §5; numbers rounded to 2 decimals.",
                   "properties": {
        "unit": {"type": "string"}, "year": {"type": "integer"}, "max_score": FIGURE,
        **{f"{name}{suffix}": schema for name in ("baseline", "secured", "expected", "potential")
           for suffix, schema in (("", FIGURE), ("_pct", FIGURE), ("_classification", CLASSIFICATION))},
        "lost": FIGURE, "survey_lost": FIGURE,
        "projected_rank": nullable("integer"), "rank_of": nullable("integer"),
        "tasks": {"type": "object", "description": "Counts by status, and overdue.",
                  "additionalProperties": {"type": "integer"}}}},
    "Task": {"type": "object", "properties": {
        "id": {"type": "integer"}, "plan_id": {"type": "integer"},
        "code": {"type": "string", "description": "The criterion's code."},
        "criterion": {"type": "string", "description": "The criterion's title."},
        "title": {"type": "string"}, "product": {"type": "string"},
        "lead_department": nullable("string"),
        "supporting_departments": {"type": "array", "items": {"type": "string"}},
        "deadline": {"type": "string", "format": "date"}, "deadline_label": nullable("string"),
        "overdue": {"type": "boolean"},
        "status": STATUS_SCHEMA, "progress": {"type": "integer", "minimum": 0, "maximum": 100},
        "lost_points": FIGURE, "target_value": nullable("number"),
        "current_value": nullable("number"), "value_unit": nullable("string"),
        "cancel_reason": nullable("string"), "version": {"type": "integer"},
        "updated_at": {"type": "string", "format": "date-time"}}},
    "ProgressUpdate": {"type": "object", "properties": {
        "at": {"type": "string", "format": "date-time"}, "by": nullable("string"),
        "status_from": nullable("string"), "status_to": STATUS_SCHEMA,
        "progress_from": nullable("integer"), "progress_to": {"type": "integer"},
        "current_value": nullable("number"), "note": {"type": "string"}}},
    "TaskDetail": {"allOf": [ref("Task"), {"type": "object", "properties": {
        "updates": {"type": "array", "items": ref("ProgressUpdate"),
                    "description": "History, newest first."}}}]},
    "WhatIf": {"type": "object", "required": ["assume_done"], "additionalProperties": False, "properties": {
        "assume_done": {"type": "array", "maxItems": WHAT_IF_MAX, "items": {"type": "integer"},
                        "description": "Ids of the assessment's tasks to count as verified."}}},
    "TaskPatch": {"type": "object", "required": ["version"], "additionalProperties": False,
                  "description": "Fields left out keep their values; at least one besides version.",
                  "properties": {
        "version": {"type": "integer", "minimum": 1, "description": "The version you read."},
        "progress": {"type": "integer", "minimum": 0, "maximum": 100},
        "status": {**STATUS_SCHEMA, "description": "Departments may not set verified or cancelled."},
        "note": {"type": "string", "maxLength": NOTE_MAX,
                 "description": "Required to set verified on an appraisal-scored task without an evidence "
                                "file: where the evidence is (e.g. on paper at the office)."},
        "current_value": nullable("number")}},
}

# The own unit's admins and leaders read a unit that runs its own plan here (read-only).
UNIT = [query("unit", "The id of a unit that runs its own plan here, to read its workspace "
                      "(the own unit's admins and leaders only; read-only).", {"type": "integer"})]

OPENAPI = {
    "openapi": "3.0.3",
    "info": {"title": "PAR Tracker API", "version": "1",
             "description": "Remediation plans for the Administrative Reform Index (CONTRACT §6)."},
    "servers": [{"url": "/api/v1"}],
    "security": [{"bearerAuth": []}, {"sessionCookie": []}],
    "paths": {
        "/assessments": {"get": {
            "summary": "Assessments, newest year first", "parameters": PAGINATION + UNIT,
            "responses": {"200": ok("A page of assessments", page_of("Assessment")), **errors(401)}}},
        "/assessments/{assessment_id}": {"get": {
            "summary": "An assessment with its criterion tree and scores",
            "parameters": [path_id("assessment_id")] + UNIT,
            "responses": {"200": ok("The assessment", ref("AssessmentDetail")), **errors(401, 404)}}},
        "/assessments/{assessment_id}/projection": {"get": {
            "summary": "Projected score, classification and rank from the plan's progress",
            "parameters": [path_id("assessment_id")] + UNIT,
            "responses": {"200": ok("The projection", ref("Projection")), **errors(401, 404)}}},
        "/assessments/{assessment_id}/what-if": {"post": {
            "summary": "The projection as if some tasks were verified; writes nothing",
            "description": "Session-authenticated callers must send the X-CSRFToken header.",
            "parameters": [path_id("assessment_id")],
            "requestBody": {"required": True, **json_content(ref("WhatIf"))},
            "responses": {"200": ok("The projection with those tasks assumed done", ref("Projection")),
                          **errors(400, 401, 404, 422)}}},
        "/tasks": {"get": {
            "summary": "Tasks, by deadline unless sorted otherwise",
            "parameters": PAGINATION + [
                query("department", "Lead department code.", {"type": "string"}),
                query("status", "One status.", STATUS_SCHEMA),
                query("overdue", "Only open tasks past their deadline.", {"type": "boolean"}),
                query("field", "A criterion code: 3 keeps 3 and 3.x.y.", {"type": "string"}),
                query("plan", "A plan id.", {"type": "integer"}),
                query("due_within", "Open tasks due within this many days.", {"type": "integer"}),
                query("sort", "Order.", {"type": "string", "enum": list(task_service.SORTS)})] + UNIT,
            "responses": {"200": ok("A page of tasks", page_of("Task")), **errors(401, 422)}}},
        "/tasks/{task_id}": {
            "get": {"summary": "A task with its history", "parameters": [path_id("task_id")] + UNIT,
                    "responses": {"200": ok("The task", ref("TaskDetail")), **errors(401, 404)}},
            "patch": {
                "summary": "Record progress (admins, or the lead department's officers)",
                "description": "Session-authenticated callers must send the X-CSRFToken header.",
                "parameters": [path_id("task_id")],
                "requestBody": {"required": True, **json_content(ref("TaskPatch"))},
                "responses": {"200": ok("The updated task", ref("TaskDetail")),
                              **errors(400, 401, 403, 404, 409, 422)}}},
        "/departments": {"get": {
            "summary": "Departments, by code", "parameters": PAGINATION + UNIT,
            "responses": {"200": ok("A page of departments", page_of("Department")), **errors(401)}}},
        "/openapi.json": {"get": {
            "summary": "This description (readable without a token)", "security": [],
            "responses": {"200": ok("OpenAPI 3.0 document", {"type": "object"})}}},
    },
    "components": {
        "securitySchemes": {
            "bearerAuth": {"type": "http", "scheme": "bearer",
                           "description": "A per-user token: `flask tracker create-token EMAIL`."},
            "sessionCookie": {"type": "apiKey", "in": "cookie", "name": "session"}},
        "schemas": SCHEMAS,
        "responses": {name: {"description": text, **json_content(ref("Error"))}
                      for name, text in ERROR_RESPONSES.values()},
    },
}
