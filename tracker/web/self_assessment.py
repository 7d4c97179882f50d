"""The self-assessment export of a plan (tự đánh giá): the page, its .xlsx and the evidence .zip.

Admins and leaders only (permissions.can_export_self_assessment): the export gathers every
department's evidence. Each evidence link in it still goes through the download route, which
applies permissions.can_download_evidence to whoever follows it.
"""
import io

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.permissions import can_download_evidence, can_export_self_assessment
from tracker.services import self_assessment as service
from tracker.services import self_assessment_export as export
from tracker.web.forms import flash_refusal
from tracker.web.pagination import ListPagination, page_args
from tracker.web.plans import MIMETYPES

bp = Blueprint("self_assessment", __name__, url_prefix="/plans")
PER_PAGE = 30  # sub-criteria a page: a provincial set has about 90


def readable_plan(plan_id: int):
    if not can_export_self_assessment(current_user):
        abort(403)
    plan = service.load_plan(plan_id)
    if plan is None:
        abort(404)
    return plan


def build(plan):
    """The export as the reader may see it, or None after saying why there is none."""
    try:
        return service.build(plan, lambda task: can_download_evidence(current_user, task),
                             current_app.config["TRACKER_BASE_URL"])
    except service.SelfAssessmentError as exc:
        flash_refusal(exc)
        return None


@bp.get("/<int:plan_id>/self-assessment")
@login_required
def page(plan_id: int):
    plan = readable_plan(plan_id)
    found = build(plan)
    if found is None:
        return render_template("self_assessment/index.html", plan=plan, found=None)
    page_no, per_page = page_args(PER_PAGE)
    return render_template("self_assessment/index.html", plan=plan, found=found,
                           pagination=ListPagination(found.leaves, page_no, per_page))


@bp.get("/<int:plan_id>/self-assessment.xlsx")
@login_required
def xlsx(plan_id: int):
    plan = readable_plan(plan_id)
    found = build(plan)
    if found is None:
        return redirect(url_for("self_assessment.page", plan_id=plan_id))
    return send_file(io.BytesIO(export.xlsx(found)), mimetype=MIMETYPES["xlsx"], as_attachment=True,
                     download_name=export.filename(found, "xlsx"))


@bp.get("/<int:plan_id>/self-assessment/evidence.zip")
@login_required
def evidence_zip(plan_id: int):
    """Streamed: the files are read and compressed while the download runs (exporters/evidence_zip)."""
    from tracker.exporters.evidence_zip import stream
    plan = readable_plan(plan_id)
    found = build(plan)
    if found is None:
        return redirect(url_for("self_assessment.page", plan_id=plan_id))
    if not found.files:
        flash(_("No evidence file to download: no task on this set's criteria has one yet."), "info")
        return redirect(url_for("self_assessment.page", plan_id=plan_id))
    entries = service.archive_entries(found, current_app.config["UPLOAD_DIR"])
    response = Response(stream(entries, current_app.config["TRACKER_TIMEZONE"]), mimetype="application/zip")
    response.headers["Content-Disposition"] = f'attachment; filename="{export.filename(found, "zip")}"'
    return response
