"""Pagination for every list: ?page=&per_page= (at most 200)."""
from flask import current_app, request

MAX_PER_PAGE = 200


def page_args() -> tuple[int, int]:
    def as_int(name, default):
        try:
            return int(request.args.get(name, default))
        except (TypeError, ValueError):
            return default
    page = max(as_int("page", 1), 1)
    per_page = min(max(as_int("per_page", current_app.config["PER_PAGE"]), 1), MAX_PER_PAGE)
    return page, per_page
