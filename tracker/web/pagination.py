"""Pagination for every list: ?page=&per_page= (at most 200)."""
from flask import current_app, request

from tracker.web.params import whole_number

MAX_PER_PAGE = 200
MAX_PAGE = 1_000_000  # far past any list's end, and an offset every database takes


def page_args() -> tuple[int, int]:
    """Unreadable or out-of-range values fall back to the first page and the default size."""
    page = max(whole_number(request.args.get("page"), MAX_PAGE) or 1, 1)
    per_page = whole_number(request.args.get("per_page"), MAX_PER_PAGE) or current_app.config["PER_PAGE"]
    return page, per_page
