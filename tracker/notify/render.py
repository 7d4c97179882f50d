"""Render an email from its three templates (subject, text, HTML) in the recipient's language.

Templates live in templates/emails/<name>.subject.txt, .txt and .html; they get `link(path)`
for absolute links (TRACKER_BASE_URL), `recipient` and `settings_url` for the footer that says
why the person got the message.
"""
from __future__ import annotations

from flask import current_app, render_template
from flask_babel import force_locale

from tracker.notify.outbox import Message
from tracker.notify.recipients import Recipient


def link(path: str) -> str:
    return current_app.config["TRACKER_BASE_URL"].rstrip("/") + path


def render(template: str, recipient: Recipient, **context) -> tuple[str, str, str]:
    """(subject, text, html) in the recipient's language."""
    context.update(recipient=recipient, link=link, settings_url=link("/settings"))
    with force_locale(recipient.locale):
        subject = " ".join(render_template(f"emails/{template}.subject.txt", **context).split())
        return (subject, render_template(f"emails/{template}.txt", **context),
                render_template(f"emails/{template}.html", **context))


def message(key: str, kind: str, template: str, recipient: Recipient, **context) -> Message:
    subject, text, html = render(template, recipient, **context)
    return Message(key=key, kind=kind, recipient=recipient.email, subject=subject, body_text=text,
                   body_html=html, user_id=recipient.user_id)
