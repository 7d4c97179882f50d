"""Pagination for every list: ?page=&per_page= (at most 200)."""
import sqlalchemy as sa
from flask import current_app, request, url_for
from flask_sqlalchemy.pagination import SelectPagination

from tracker.web.params import whole_number

MAX_PER_PAGE = 200
MAX_PAGE = 1_000_000  # far past any list's end, and an offset every database takes


def page_args(default: int | None = None) -> tuple[int, int]:
    """Unreadable values fall back to the first page and the default size (the list's own, or
    PER_PAGE); large ones are capped."""
    page = min(whole_number(request.args.get("page"), 10 ** 12) or 1, MAX_PAGE)
    per_page = min(whole_number(request.args.get("per_page"), 10 ** 12) or default or current_app.config["PER_PAGE"],
                   MAX_PER_PAGE)
    return page, per_page


def page_url(endpoint: str, page: int) -> str:
    """The same list (its path and every filter in the query string) at another page. Query
    keys that url_for reads as its own options (`_method`, `_scheme`, `_external`, `_anchor`)
    are left out: `?_method=POST` must not turn the link into an error."""
    args = {key: values if len(values) > 1 else values[0]
            for key, values in request.args.lists() if not key.startswith("_")}
    return url_for(endpoint, **{**(request.view_args or {}), **args, "page": page})


class IdPagination(SelectPagination):
    """A page of a long list in two steps: the ids of the page, then their rows.

    The first step reads only the sort key's index (an index-only scan), so page 500 of 30,000
    tasks skips its 12,475 predecessors without fetching them; the second loads 25 rows by id.
    """

    def _ids(self):
        select = self._query_args["select"]
        return select.with_only_columns(self._query_args["id_column"]).options()

    def _query_items(self) -> list:
        session = self._query_args["session"]
        ids = list(session.scalars(self._ids().limit(self.per_page).offset(self._query_offset)))
        if not ids:
            return []
        rows = {row.id: row for row in session.scalars(
            self._query_args["select"].where(self._query_args["id_column"].in_(ids)).order_by(None))}
        return [rows[i] for i in ids if i in rows]

    def _query_count(self) -> int:
        session = self._query_args["session"]
        return session.scalar(sa.select(sa.func.count()).select_from(self._ids().order_by(None).subquery()))


def paginate_by_id(select, id_column, page: int, per_page: int) -> IdPagination:
    from tracker.extensions import db
    return IdPagination(select=select, id_column=id_column, session=db.session(), page=page, per_page=per_page,
                        max_per_page=None, error_out=False, count=True)


class CountedPagination:
    """A page of a list counted apart: the page asked for, moved within the list's bounds,
    with the attributes the `pager` macro reads; `items` are read for `offset` afterwards."""

    def __init__(self, total: int, page: int, per_page: int):
        self.total, self.per_page = total, per_page
        self.pages = max(1, -(-self.total // per_page))
        self.page = min(max(page, 1), self.pages)
        self.items: list = []

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def next_num(self) -> int:
        return self.page + 1


class ListPagination(CountedPagination):
    """A page of a list already in memory (computed whole, e.g. to be totalled)."""

    def __init__(self, items: list, page: int, per_page: int):
        super().__init__(len(items), page, per_page)
        self.items = items[self.offset:self.offset + per_page]
