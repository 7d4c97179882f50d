"""Response headers on every answer: no inline scripts, no framing by other sites, no sniffing,
and no cached copies of anything but the static files."""
from flask import request

# Scripts only from our own files (tracker/static): an injected <script> or onclick= never runs.
# Styles may be inline (style="width: 40%" draws the progress bars); the outbox previews an
# email inside a sandboxed srcdoc frame of our own page.
CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def init_app(app) -> None:
    @app.after_request
    def secure_headers(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if request.endpoint != "static":
            # Pages, files and API answers are someone's data: no browser or proxy keeps a
            # copy (the back button after logging out, a shared office computer).
            response.headers["Cache-Control"] = "no-store"
        return response
