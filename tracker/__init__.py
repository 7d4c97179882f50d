"""PAR Tracker: remediation plans for Vietnam's Administrative Reform Index.

`create_app()` builds the application; nothing runs at import time, and the
scheduler is never started here (it is its own process: `flask tracker scheduler`).
"""
import os

from flask import Flask

from config import BASE_DIR, CONFIGS, DEVELOPMENT_KEY, INSTANCE_DIR


def create_app(config_name: str | None = None, test_config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=str(INSTANCE_DIR),
        template_folder=str(BASE_DIR / "templates"),
    )
    explicit = config_name or os.environ.get("TRACKER_CONFIG")
    config_name = explicit or "development"
    if config_name not in CONFIGS:
        raise RuntimeError(f"unknown TRACKER_CONFIG {config_name!r}; use one of {sorted(CONFIGS)}")
    app.config.from_object(CONFIGS[config_name])
    if test_config:
        app.config.update(test_config)
    if not app.config.get("SECRET_KEY"):
        if explicit != "development":
            raise RuntimeError(
                "SECRET_KEY is not set, and without it anyone could forge a login. Set SECRET_KEY to a "
                "long random value (python3 -c 'import secrets; print(secrets.token_hex(32))'), or, on a "
                "developer's machine only, TRACKER_CONFIG=development (make run sets it). See README, "
                "Configuration.")
        app.config["SECRET_KEY"] = DEVELOPMENT_KEY
    from tracker.domain.periods import SCHEMES
    if app.config["REPORT_PERIODS"] not in SCHEMES:
        raise RuntimeError(f"TRACKER_REPORT_PERIODS must be one of {', '.join(SCHEMES)}, "
                           f"not {app.config['REPORT_PERIODS']!r}")
    if app.config["TRUSTED_PROXIES"]:
        from werkzeug.middleware.proxy_fix import ProxyFix
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    app.config["MAX_CONTENT_LENGTH"] = (app.config["UPLOAD_MAX_MB"] + 1) * 1024 * 1024
    os.makedirs(app.instance_path, exist_ok=True)

    from tracker.web import requests
    requests.init_app(app)  # text is cleaned where it enters
    from tracker import extensions, i18n
    extensions.db.init_app(app)
    extensions.migrate.init_app(app, extensions.db, directory=str(BASE_DIR / "migrations"),
                                render_as_batch=True)
    extensions.csrf.init_app(app)
    extensions.babel.init_app(app, locale_selector=i18n.select_locale,
                              timezone_selector=i18n.select_timezone)
    from tracker import auth_setup, workspace
    auth_setup.init_app(app)
    workspace.init_app(app)  # after the login manager: each request's workspace is its user's
    from tracker.services import stored_figures
    stored_figures.watch()  # every change a projection reads outdates the units page's stored figures
    i18n.init_app(app)

    from tracker.web import register_blueprints
    register_blueprints(app)
    from tracker.web.errors import register_error_handlers
    register_error_handlers(app)
    from tracker.cli import tracker_cli
    app.cli.add_command(tracker_cli)
    return app
