"""Requests whose text is normalised where it enters (domain/text): query strings, form fields
and JSON bodies. A NUL character or a lone surrogate is refused with 400 before any view reads
it; other control characters are removed and a pasted vertical tab becomes a line break."""
from __future__ import annotations

from flask import Request
from flask.json.provider import DefaultJSONProvider
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.exceptions import BadRequest

from tracker.domain.text import UnreadableText, clean, clean_tree


class UnreadableInput(BadRequest):
    """A field or a query parameter holds a character no one types (NUL, a lone surrogate)."""


def _clean(value):
    if not isinstance(value, str):  # an uploaded file
        return value
    try:
        return clean(value)
    except UnreadableText:
        raise UnreadableInput() from None


class CleanParameters(ImmutableMultiDict):
    """request.args, request.form and request.files, built from cleaned keys and values."""

    def __init__(self, mapping=None):
        if mapping is None:
            super().__init__()
            return
        if isinstance(mapping, MultiDict):
            items = mapping.items(multi=True)
        elif isinstance(mapping, dict):
            items = mapping.items()
        else:
            items = mapping
        super().__init__([(_clean(key), _clean(value)) for key, value in items])


class TrackerRequest(Request):
    parameter_storage_class = CleanParameters


class CleanJSONProvider(DefaultJSONProvider):
    """Request bodies are parsed with `loads`: every string of them is cleaned."""

    def loads(self, s, **kwargs):
        try:
            return clean_tree(super().loads(s, **kwargs))
        except UnreadableText:
            raise UnreadableInput() from None


def init_app(app) -> None:
    app.request_class = TrackerRequest
    app.json_provider_class = CleanJSONProvider
    app.json = CleanJSONProvider(app)
