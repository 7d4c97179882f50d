"""The units page: every unit's plan at a glance (issued or not, its tasks, where its score is
heading), sortable and filterable, and its .xlsx. For admins and leaders (permissions.can_view_units)."""
import io

from flask import Blueprint, abort, render_template, request, send_file
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.exporters.units_xlsx import UnitLine, units_xlsx
from tracker.i18n import local_today
from tracker.models.base import utcnow
from tracker.models.units import UNIT_KINDS
from tracker.permissions import can_view_units
from tracker.services import unit_overview
from tracker.web.pagination import ListPagination, page_args
from tracker.web.plans import MIMETYPES

bp = Blueprint("units", __name__, url_prefix="/units")
PER_PAGE = 25
SEARCH_MAX = 200


def filters() -> dict:
    """The list's filters from the query string; anything unknown falls back to the default."""
    sort = request.args.get("sort", "behind")
    kind = request.args.get("kind", "")
    return {"sort": sort if sort in unit_overview.SORTS else "behind",
            "kind": kind if kind in UNIT_KINDS else "",
            "q": request.args.get("q", "").strip()[:SEARCH_MAX],
            "behind": request.args.get("behind") == "1"}


def listed(chosen: dict) -> list[unit_overview.UnitRow]:
    if not can_view_units(current_user):
        abort(403)
    found = unit_overview.rows(local_today(), utcnow(), kind=chosen["kind"] or None, search=chosen["q"])
    return unit_overview.ordered(found, chosen["sort"], chosen["behind"])


@bp.get("/")
@login_required
def index():
    chosen = filters()
    rows = listed(chosen)
    page, per_page = page_args(default=PER_PAGE)
    return render_template("units/index.html", pagination=ListPagination(rows, page, per_page), filters=chosen,
                           behind=sum(1 for r in rows if r.behind), kinds=UNIT_KINDS)


def line(row: unit_overview.UnitRow) -> UnitLine:
    p = row.figures
    rank = f"{p['projected_rank']}/{p['rank_of']}" if p["projected_rank"] else None
    return UnitLine(unit=row.unit.name, year=row.assessment.year, baseline=p["baseline"], max_score=p["max_score"],
                    plan_number=row.plan.number if row.plan else None,
                    issued_on=row.plan.issued_on if row.plan else None, tasks=row.tasks, done=row.done,
                    overdue=row.overdue, stale=row.stale, expected=p["expected"], expected_pct=p["expected_pct"],
                    classification=p["expected_classification"], rank=rank)


@bp.get("/units.xlsx")
@login_required
def export():
    """The list as filtered and ordered on the page, every row (not one page)."""
    rows = listed(filters())
    today = local_today()
    data = units_xlsx(f"Tình hình thực hiện kế hoạch khắc phục của các đơn vị đến ngày {today:%d/%m/%Y}",
                      [line(r) for r in rows])
    return send_file(io.BytesIO(data), mimetype=MIMETYPES["xlsx"], as_attachment=True,
                     download_name=_("units") + f"-{today:%Y-%m-%d}.xlsx")
