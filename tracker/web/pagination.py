"""Pagination for every list: ?page=&per_page= (at most 200)."""
from flask import current_app, request

from tracker.web.params import whole_number

MAX_PER_PAGE = 200
MAX_PAGE = 1_000_000  # far past any list's end, and an offset every database takes


def page_args() -> tuple[int, int]:
    """Unreadable values fall back to the first page and the default size; large ones are capped."""
    page = min(whole_number(request.args.get("page"), 10 ** 12) or 1, MAX_PAGE)
    per_page = min(whole_number(request.args.get("per_page"), 10 ** 12) or current_app.config["PER_PAGE"],
                   MAX_PER_PAGE)
    return page, per_page
