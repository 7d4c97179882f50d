"""Error pages (HTML) and, under /api/, the one JSON error shape of CONTRACT §6."""
from flask import current_app, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from tracker.extensions import db
from tracker.web.requests import UnreadableInput

API_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
             405: "method_not_allowed", 409: "conflict", 413: "too_large",
             422: "validation_error", 429: "too_many_requests", 500: "server_error"}


def wants_json() -> bool:
    return request.path.startswith("/api/")


def error_response(status: int, message: str):
    if wants_json():
        body = {"error": {"code": API_CODES.get(status, "error"), "message": message}}
        return jsonify(body), status
    return render_template("errors/error.html", status=status, message=message), status


def too_large() -> str:
    """Werkzeug answers 413 both for a body over the size limit and for too many parts."""
    config = current_app.config
    if request.content_length is not None and request.content_length <= config["MAX_CONTENT_LENGTH"]:
        return _("Too many files or fields in one request: at most %(n)s files per update.",
                 n=config["MAX_EVIDENCE_FILES"])
    return _("The file is too large (at most %(mb)s MB).", mb=config["UPLOAD_MAX_MB"])


def register_error_handlers(app) -> None:
    messages = {
        400: lambda: _("The request could not be understood."),
        403: lambda: _("You do not have permission to do this."),
        404: lambda: _("This page does not exist."),
        405: lambda: _("This action is not allowed here."),
        413: too_large,
        429: lambda: _("Too many requests. Try again later."),
    }

    @app.errorhandler(CSRFError)
    def csrf_error(exc):
        return error_response(400, _("The form has expired or was not sent from this site. "
                                     "Go back, reload the page and try again."))

    @app.errorhandler(UnreadableInput)
    def unreadable_input(exc):
        return error_response(400, _("The request holds a character that no one types (a NUL character "
                                     "or a broken one); nothing was saved. Retype the text and send it again."))

    @app.errorhandler(HTTPException)
    def http_error(exc):
        if exc.code == 500:
            return server_error(exc)
        text = messages.get(exc.code)
        return error_response(exc.code or 500, text() if text else exc.description)

    @app.errorhandler(500)
    def server_error(exc):
        # Reached for unhandled exceptions (Flask logs them); in tests they propagate instead.
        db.session.rollback()
        return error_response(500, _("Something went wrong on our side; nothing was saved."))
