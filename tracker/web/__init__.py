"""Blueprints: one per area of the UI, registered by create_app()."""


def register_blueprints(app) -> None:
    from tracker.web.params import DatabaseIntConverter, reject_huge_ids
    app.url_map.converters["int"] = DatabaseIntConverter  # before any route is added
    app.url_value_preprocessor(reject_huge_ids)
    from tracker.permissions import (can_download_evidence, can_edit_task, can_export_self_assessment,
                                     can_read_draft_report, can_view_units, is_admin,
                                     is_own_unit_admin)
    from tracker.web import (account, admin, api, assessments, auth, dashboard, documents, headers, imports, labels,
                             plans, reports, self_assessment, setup, tasks, units)
    from tracker.web import work
    from tracker.web.pagination import page_url
    from tracker.web.units import visited_unit
    labels.init_app(app)
    headers.init_app(app)
    app.jinja_env.globals.update(can_edit_task=can_edit_task, can_read_draft_report=can_read_draft_report,
                                 is_admin=is_admin, can_download_evidence=can_download_evidence,
                                 can_export_self_assessment=can_export_self_assessment,
                                 can_view_units=can_view_units, page_url=page_url, visited_unit=visited_unit,
                                 is_own_unit_admin=is_own_unit_admin)
    app.register_blueprint(auth.bp)
    app.register_blueprint(account.bp)
    app.register_blueprint(dashboard.bp)
    app.register_blueprint(work.bp)
    app.register_blueprint(tasks.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(assessments.bp)
    app.register_blueprint(imports.bp)
    app.register_blueprint(plans.bp)
    app.register_blueprint(reports.bp)
    app.register_blueprint(self_assessment.bp)
    app.register_blueprint(units.bp)
    app.register_blueprint(setup.bp)
    app.register_blueprint(documents.bp)
    app.register_blueprint(api.bp)
