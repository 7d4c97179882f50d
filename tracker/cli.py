"""`flask --app wsgi tracker …`: the commands of CONTRACT §3.

Exit 0 on success, 2 on bad input (nothing written), 1 on other failure; errors on stderr.
"""
from __future__ import annotations

import functools
import sys

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select

from tracker import workspace
from tracker.extensions import db
from tracker.domain.errors import InputError
from tracker.i18n import local_today
from tracker.models import Assessment, Department, Unit, User
from tracker.services import audit
from tracker.services import users as user_service

BAD_INPUT = 2


class BadInput(click.ClickException):
    """Printed as "Error: …" on stderr; exit 2 (CONTRACT §3)."""

    exit_code = BAD_INPUT


@click.group("tracker")
def tracker_cli():
    """PAR Tracker commands."""


def in_named_unit_workspace(command):
    """A command naming a unit (--unit) works in the workspace its plan is followed in: the
    unit's own when it runs its plan here, else the own unit's (workspace.py)."""
    @functools.wraps(command)
    def wrapped(*args, **kwargs):
        unit = db.session.scalar(select(Unit).where(Unit.name == kwargs["unit_name"]))
        with workspace.working_in(workspace.of_unit(unit)):
            return command(*args, **kwargs)
    return wrapped


def in_chosen_workspace(command):
    """`--unit NAME`: the departments or user of a unit that runs its own plan here; without
    it, the own unit's."""
    @functools.wraps(command)
    def wrapped(*args, **kwargs):
        name = kwargs.pop("workspace_unit")
        chosen = workspace.HOME
        if name:
            unit = db.session.scalar(select(Unit).where(Unit.name == name))
            if unit is None or not unit.runs_own_plan:
                raise BadInput(f"{name} is not a unit that runs its own plan here (the units page gives it "
                               "its first administrator)")
            chosen = workspace.Workspace(unit.id)
        with workspace.working_in(chosen):
            return command(*args, **kwargs)
    return click.option("--unit", "workspace_unit",
                        help="A unit that runs its own plan here: its departments or users.")(wrapped)


def database_has_data() -> bool:
    return bool(db.session.scalar(select(func.count(Unit.id))) or
                db.session.scalar(select(func.count(Department.id))) or
                db.session.scalar(select(func.count(Assessment.id))) or
                db.session.scalar(select(func.count(User.id))))


def print_demo_logins(kind: str | None = None) -> None:
    """The logins of the demo loaded (or of `kind`'s demo), while its users exist."""
    from tracker.demo import data
    from tracker.services.setup import own_unit
    if kind is None:
        unit = own_unit()
        kind = next((k for k, s in data.SCENARIOS.items() if unit and s.unit_name == unit.name), "province")
    click.echo("Demo logins, while the demo users exist (password for all: %s):" % data.DEMO_PASSWORD)
    for email, name, role, dept in data.SCENARIOS[kind].users:
        click.echo(f"  {role:<10} {email:<32} {name}{f' ({dept})' if dept else ''}")
    if kind == "province" and workspace.units_running_their_plan(limit=1):
        from tracker.demo import units
        click.echo("Units that run their own plan here; their admin and an officer (same password), e.g.:")
        for unit, found in units.logins().items():
            officer = next(email for email, _name, role in found if role == "department")
            click.echo(f"  {unit}: {found[0][0]}, {officer}")


@tracker_cli.command("demo")
@click.option("--kind", type=click.Choice(["province", "commune"]), default="province", show_default=True,
              help="A province after the 2025 merger, or a ward under it.")
@click.option("--force", is_flag=True, help="Load even when the database already holds data.")
@click.option("--if-empty", is_flag=True,
              help="Load only into an empty database; otherwise keep the data and exit 0.")
@click.option("--with-wards", is_flag=True,
              help="With the province: two of its wards and two sở that run their own plan here (make run "
                   "loads them).")
@with_appcontext
def demo_command(kind: str, force: bool, if_empty: bool, with_wards: bool):
    """Load the demo data: a unit's last two years of results, its peers, users and plans."""
    from tracker.demo.load import load
    if database_has_data() and not force:
        if if_empty:
            click.echo("The database already holds data; keeping it.")
            print_demo_logins()
            return
        raise BadInput("the database already holds data; use --force to load the demo anyway")
    try:
        counts = load(local_today(), kind, with_wards=with_wards)
        db.session.commit()
    except Exception as exc:  # e.g. --force over a database that is already set up
        db.session.rollback()
        if force:
            message = str(exc) if isinstance(exc, InputError) else exc.__class__.__name__
            raise BadInput(f"the demo could not be loaded over the existing data: {message}") from exc
        raise
    own_plans = (f"; two wards and two sở with their own plans ({counts['own_plan_tasks']} tasks)"
                 if counts["own_plan_tasks"] else "")
    click.echo(f"Demo loaded: {counts['unit']}, {counts['year']} results "
               f"{counts['total']:.2f}/{counts['max']:.0f} ({counts['rank']}), "
               f"{counts['criteria']} criteria, {counts['departments']} departments, "
               f"{counts['tasks']} tasks this year"
               f"{', last year’s plan closed' if counts['previous_plan'] else ''}, "
               f"{counts['evidence']} evidence files"
               f"{own_plans}.")
    print_demo_logins(kind)


@tracker_cli.command("demo-logins")
def demo_logins_command():
    """Print the demo logins."""
    print_demo_logins()


def _capacity(_ctx, _param, value):
    """TM. / KT. (with or without the dot), or none: the head signs in their own name."""
    if value is None:
        return None
    text = value.strip().upper().rstrip(".")
    if text not in ("TM", "KT", "NONE", ""):
        raise click.BadParameter("use TM., KT. or none")
    return "" if text in ("NONE", "") else f"{text}."


# Who speaks to whom in the unit's documents (services/documents.py): each option given replaces
# that value of the kind's starter (`setup`) or of the settings in force (`documents`).
DOCUMENT_OPTIONS = [
    click.option("--parent-body", help="The parent body above the unit's name in the header (a sở: UBND TỈNH LÂM ĐỒNG)."),
    click.option("--coordinator", help="The coordinating body that follows the plan up, e.g. Sở Nội vụ."),
    click.option("--coordinator-symbol", help="Its symbol in document numbers: SNV in …/BC-SNV."),
    click.option("--recipient", "recipients", multiple=True,
                 help="A recipient of the plan (Nơi nhận); repeat for each, in order."),
    click.option("--archive", help='The plan\'s archive line, e.g. "Lưu: VT, SNV".'),
    click.option("--signer-capacity", callback=_capacity, help="TM., KT. or none (the head signs in their own name)."),
    click.option("--signer-title", help="The signer's title: CHỦ TỊCH, or PHÓ CHỦ TỊCH with KT."),
    click.option("--signer-name", help="The signer's name, printed under the signature."),
    click.option("--report-from", "report_sender", type=click.Choice(["unit", "coordinator"]),
                 help="Who sends the periodic report: the unit to its superior, or the coordinating body "
                      "to the unit's leaders."),
    click.option("--report-to", "report_addressee", help="The report's addressee (Kính gửi), e.g. Bộ Nội vụ."),
    click.option("--report-recipient", "report_recipients", multiple=True,
                 help="A recipient of the report; repeat for each (“Như trên” comes first by itself)."),
    click.option("--report-archive", help="The report's archive line."),
    click.option("--coordinator-signer-capacity", callback=_capacity,
                 help="KT. or none: how the coordinating body's report is signed."),
    click.option("--coordinator-signer-title", help="Its signer's title, e.g. GIÁM ĐỐC."),
    click.option("--coordinator-signer-name", help="Its signer's name."),
]


def document_options(command):
    for option in reversed(DOCUMENT_OPTIONS):
        command = option(command)
    return command


def with_document_options(settings, options: dict):
    """`settings` with the document options that were given."""
    from dataclasses import replace

    from tracker.domain import documents
    from tracker.domain.starter import coordinator_head
    changes = {}
    for name in ("parent_body", "coordinator", "coordinator_symbol", "archive", "report_sender",
                 "report_addressee", "report_archive"):
        if options.get(name) is not None:
            changes[name] = options[name]
    for name in ("recipients", "report_recipients"):
        if options.get(name):
            changes[name] = tuple(documents.clean_line(r) for r in options[name] if documents.clean_line(r))
    if options.get("coordinator") and options.get("coordinator_signer_title") is None:
        # Another coordinating body: its head's title (CHÁNH VĂN PHÒNG of a Văn phòng…).
        head = coordinator_head(options["coordinator"])
        deputy = (options.get("coordinator_signer_capacity") or settings.coordinator_signer.capacity) == "KT."
        options = {**options, "coordinator_signer_title": f"PHÓ {head}" if deputy else head}
    for signer in ("signer", "coordinator_signer"):
        given = {part: options.get(f"{signer}_{part}") for part in ("capacity", "title", "name")}
        given = {part: value for part, value in given.items() if value is not None}
        if given:
            changes[signer] = replace(getattr(settings, signer), **given)
    return replace(settings, **changes)


def describe_documents(settings, unit) -> str:
    """The settings as the plan and the report will print them."""
    from tracker.services import documents
    body, place = documents.issuing_body(unit), documents.place(unit)
    plan, report = settings.plan_parties(body, place), settings.report_parties(body, place)
    return "\n".join([
        f"Coordinating body: {settings.coordinator} ({settings.coordinator_symbol})",
        f"Plan: {' / '.join(text for text, _bold in plan.header_lines)}; signed "
        f"{' / '.join(plan.signature_lines)}{' / ' + plan.signer.name if plan.signer.name else ''}",
        "  Nơi nhận: " + " ".join(plan.recipient_lines),
        f"Report: {' / '.join(text for text, _bold in report.header_lines)} (…/BC-{report.symbol}) to "
        f"{report.addressee}; signed {' / '.join(report.signature_lines)}"
        f"{' / ' + report.signer.name if report.signer.name else ''}",
        "  Nơi nhận: " + " ".join(report.recipient_lines),
    ])


@tracker_cli.command("setup")
@click.option("--unit", "unit_name", required=True, help="The unit's name, e.g. UBND tỉnh Lâm Đồng.")
@click.option("--kind", required=True, type=click.Choice(["province", "department", "commune", "ministry"]))
@click.option("--place", required=True, help='Where documents are signed: "Lâm Đồng" in "Lâm Đồng, ngày …".')
@click.option("--issuing-body", required=True, help="The issuing body on documents, e.g. UBND TỈNH LÂM ĐỒNG.")
@click.option("--starter", is_flag=True, help="Add the starter departments and ownership rules for that kind.")
@document_options
@with_appcontext
def setup_command(unit_name, kind, place, issuing_body, starter, **document_choices):
    """Set up the installation's own unit (once). Its document settings are the kind's usual ones,
    with any of the document options given instead."""
    from tracker.domain.starter import document_starter
    from tracker.domain.starter import starter as starter_for
    from tracker.services import setup
    departments, rules = starter_for(kind) if starter else ((), ())
    settings = with_document_options(document_starter(kind, unit_name.strip()), document_choices)
    try:
        unit = setup.set_up(name=unit_name, kind=kind, place=place, issuing_body=issuing_body,
                            starter_departments=departments, starter_rules=rules, document_settings=settings,
                            actor="cli")
        db.session.commit()
    except InputError as exc:
        db.session.rollback()
        raise BadInput(str(exc)) from exc
    click.echo(f"Set up {unit.name} ({kind}): {len(departments)} starter departments, "
               f"{len(rules)} ownership rules." if starter else f"Set up {unit.name} ({kind}).")
    from tracker.services import documents
    click.echo(describe_documents(documents.settings_of(unit), unit))


@tracker_cli.command("documents")
@document_options
@with_appcontext
def documents_command(**document_choices):
    """Show the own unit's document settings, or change those given (audited)."""
    from tracker.services import documents
    from tracker.services.setup import own_unit
    unit = own_unit()
    if unit is None:
        raise BadInput("the installation is not set up yet: run `tracker setup` first")
    settings = documents.settings_of(unit)
    if any(value not in (None, ()) for value in document_choices.values()):
        try:
            documents.save(unit, with_document_options(settings, document_choices), "cli")
            db.session.commit()
        except InputError as exc:
            db.session.rollback()
            raise BadInput(str(exc)) from exc
        settings = documents.settings_of(unit)
        click.echo("Saved.")
    click.echo(describe_documents(settings, unit))


@tracker_cli.command("create-user")
@click.argument("email")
@click.option("--name", required=True)
@click.option("--role", required=True, type=click.Choice(["admin", "leader", "department"]))
@click.option("--department", "department_code", help="Department code (required for role department).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
@in_chosen_workspace
def create_user_command(email, name, role, department_code, password_stdin):
    """Create a user."""
    if not password_stdin:
        raise BadInput("give the password on standard input with --password-stdin")
    password = sys.stdin.readline().rstrip("\r\n")
    try:
        user = user_service.create_user(email, name, role, password, department_code, actor="cli")
        db.session.commit()
    except user_service.InvalidUser as exc:
        db.session.rollback()
        raise BadInput(str(exc)) from exc
    click.echo(f"Created {user.role} {user.email}" +
               (f" ({user.department.code})" if user.department else ""))


@tracker_cli.command("create-token")
@click.argument("email")
@with_appcontext
def create_token_command(email):
    """Issue a new API token (printed once; the old one stops working)."""
    user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise BadInput(f"no user with email {email}")
    token = user.issue_api_token()
    audit.record("user.token", user, {"api_token": ("(old)", "(new)")}, actor="cli")
    db.session.commit()
    click.echo(token)


def run_import(action):
    """Run an import; on errors print each (with its row) to stderr and exit 2, nothing written."""
    from flask_babel import force_locale

    from tracker.i18n import error_text
    from tracker.services.imports import ImportRejected
    try:
        result = action()
        db.session.commit()
        return result
    except ImportRejected as exc:
        db.session.rollback()
        with force_locale("en"):  # the CLI speaks English throughout, for scripts and logs
            for error in exc.errors:
                click.echo(error_text(error), err=True)
        raise BadInput(f"{len(exc.errors)} error(s); nothing was imported") from exc


def read_file(path: str) -> bytes:
    """The whole file, refused (exit 2) when larger than UPLOAD_MAX_MB, as on the page."""
    import os
    maximum = current_app.config["UPLOAD_MAX_MB"]
    try:
        if os.path.getsize(path) > maximum * 1024 * 1024:
            raise BadInput(f"{path} is larger than {maximum} MB (UPLOAD_MAX_MB); nothing was imported")
        with open(path, "rb") as f:
            return f.read()
    except OSError as exc:
        raise BadInput(f"cannot read {path}: {exc.strerror}") from exc


def write_file(path: str, data: bytes) -> None:
    try:
        with open(path, "wb") as f:
            f.write(data)
    except OSError as exc:
        raise click.ClickException(f"cannot write {path}: {exc.strerror}") from exc


@tracker_cli.command("import-criteria")
@click.argument("file")
@click.option("--name", required=True, help="Name of the criteria set (bộ chỉ số).")
@click.option("--year", required=True, type=int, help="The year the set assesses.")
@click.option("--decision", help="The decision that issued it (Quyết định số …).")
@click.option("--no-classification", is_flag=True,
              help="The scoring body publishes score and rank only (the Ministry's index of provinces).")
@with_appcontext
def import_criteria_command(file, name, year, decision, no_classification):
    """Import a criteria set: the tree with maximum points."""
    from tracker.services import imports
    data = read_file(file)
    criteria_set = run_import(lambda: imports.import_criteria(
        data, file, name=name, year=year, decision=decision, actor="cli", classifies=not no_classification))
    leaves = sum(1 for c in criteria_set.criteria if c.is_leaf)
    click.echo(f"Imported criteria set {criteria_set.name!r} ({year}): {len(criteria_set.criteria)} "
               f"criteria, {leaves} scored, maximum {criteria_set.max_score:g}.")


@tracker_cli.command("import-results")
@click.argument("file")
@click.option("--unit", "unit_name", required=True, help="The assessed unit's name, exactly.")
@click.option("--year", required=True, type=int, help="The assessed year.")
@click.option("--criteria-set", "criteria_set_name", help="Check the file against this criteria set.")
@click.option("--replace", is_flag=True, help="Replace the unit's results for that year if they exist.")
@with_appcontext
def import_results_command(file, unit_name, year, criteria_set_name, replace):
    """Import one unit's scoring results for a year."""
    from tracker.services import imports
    data = read_file(file)
    try:
        assessment = run_import(lambda: imports.import_results(
            data, file, unit_name=unit_name, year=year, criteria_set_name=criteria_set_name,
            replace=replace, actor="cli"))
    except imports.ResultsExist as exc:
        db.session.rollback()
        a = exc.assessment
        raise BadInput(f"results for {a.unit.name} {a.year} already exist ({a.total:g}/{a.max_score:g}); "
                       "use --replace to replace them") from exc
    standing = ", ".join(filter(None, [assessment.classification, f"rank {assessment.rank}/{assessment.rank_of}"
                                                                    if assessment.rank else None]))
    click.echo(f"Imported {assessment.unit.name} {year}: {assessment.total:.2f}/{assessment.max_score:g}"
               + (f" ({standing})" if standing else "") + f", {assessment.lost:.2f} points lost; "
               f"criteria set {assessment.criteria_set.name!r}.")


@tracker_cli.command("import-ranking")
@click.argument("file")
@click.option("--year", required=True, type=int, help="The assessed year of the ranking.")
@click.option("--group", default="", help='The group of peers it ranks, when a province publishes several '
                                         '(e.g. "Sở, ban, ngành", "Xã, phường, đặc khu").')
@with_appcontext
def import_ranking_command(file, year, group):
    """Import the peer ranking table (unit, score, maximum)."""
    from tracker.services import imports
    data = read_file(file)
    count = run_import(lambda: imports.import_ranking(data, file, year=year, actor="cli", group=group))
    click.echo(f"Imported the {year} ranking{f' of {group.strip()}' if group.strip() else ''}: {count} units.")


@tracker_cli.command("import-unit-results")
@click.argument("file")
@click.option("--year", required=True, type=int, help="The assessed year.")
@click.option("--replace", is_flag=True, help="Replace the year's results of units that have them.")
@click.option("--plan-due", type=click.DateTime(["%Y-%m-%d"]),
              help="By when each unit must issue its plan, YYYY-MM-DD; their admins are told.")
@click.option("--group", default="", help="The group of a .csv file (a workbook names each group by its sheet).")
@with_appcontext
def import_unit_results_command(file, year, replace, plan_due, group):
    """Import the results of every unit the province scores: one sheet per group of peers (its
    sở, its communes and wards), the criteria as rows and one column of scores per unit. Creates
    each unit's assessment and each group's ranking. All or nothing."""
    from tracker.services import imports
    data = read_file(file)
    result = run_import(lambda: imports.import_unit_results(
        data, file, year=year, replace=replace, plan_due=plan_due.date() if plan_due else None, group=group,
        actor="cli"))
    click.echo(f"Imported the {year} results of {result.units} units in {len(result.groups)} group(s):")
    for imported in result.groups:
        click.echo(f"  {imported.group}: {len(imported.assessments)} units, criteria set "
                   f"{imported.criteria_set.name!r}, ranking saved")
    if result.skipped:
        click.echo(f"Sheets without the criteria columns, skipped: {', '.join(result.skipped)}.")
    if result.plan_due:
        click.echo(f"Plans due {result.plan_due:%d/%m/%Y}; {result.told} unit admin(s) told by email.")


@tracker_cli.command("import-departments")
@click.argument("file")
@with_appcontext
@in_chosen_workspace
def import_departments_command(file):
    """Import departments (code, name, contact emails, head's email): new codes are created,
    existing ones updated. All or nothing."""
    from tracker.services import departments
    data = read_file(file)
    summary = run_import(lambda: departments.import_departments(data, file, actor="cli"))
    click.echo(f"Imported departments from {file}: {len(summary.created)} created, "
               f"{len(summary.updated)} updated, {len(summary.unchanged)} unchanged.")


@tracker_cli.command("generate-plan")
@click.option("--unit", "unit_name", required=True, help="The assessed unit's name, exactly.")
@click.option("--year", required=True, type=int, help="The assessed year (the plan works in YEAR+1).")
@click.option("--number", required=True, help="The plan's number, e.g. 45/KH-UBND.")
@click.option("--issued", required=True, type=click.DateTime(["%Y-%m-%d"]), help="Issue date, YYYY-MM-DD.")
@click.option("--deadline", required=True, type=click.DateTime(["%Y-%m-%d"]),
              help="Default deadline of the tasks, YYYY-MM-DD.")
@click.option("--target-classification", help="The classification the plan aims at, e.g. Tốt.")
@click.option("--target-rank", type=click.IntRange(min=1), help="The rank the plan aims at.")
@with_appcontext
@in_named_unit_workspace
def generate_plan_command(unit_name, year, number, issued, deadline, target_classification, target_rank):
    """Create (or top up) the plan: one task per lost-point leaf criterion. Idempotent."""
    from tracker.domain.deadlines import deadline_warnings
    from tracker.services import plans
    try:
        assessment = plans.find_assessment(unit_name, year)
        existing = assessment_plan(assessment)
        plan, created, _new = plans.generate_committed(
            assessment.id, number, issued.date(), deadline.date(), actor="cli",
            target_classification=target_classification, target_rank=target_rank)
    except plans.PlanInputError as exc:
        db.session.rollback()
        raise BadInput(str(exc)) from exc
    if not existing and plan.default_deadline != deadline.date():
        click.echo(f"Note: {deadline.date():%d/%m/%Y} is not a working day: the deadline is "
                   f"{plan.default_deadline:%d/%m/%Y}, the working day before.", err=True)
    if existing and (existing.number, existing.issued_on) != (number, issued.date()):
        click.echo(f"Note: the plan already exists as {existing.number} of "
                   f"{existing.issued_on:%d/%m/%Y}; it was kept and only topped up.", err=True)
    for message, params in deadline_warnings(plan.default_deadline, year + 1, language="en_US"):
        click.echo("Warning: " + message % params, err=True)
    click.echo(f"Plan {plan.number} for {unit_name} {year}: {len(plan.tasks)} tasks "
               f"({len(created)} new), {sum(t.lost_points for t in created):.2f} lost points added.")
    ownerless = plans.ownerless_codes(plan)
    if ownerless:
        click.echo(f"Warning: {len(ownerless)} tasks have no lead department: {', '.join(ownerless)}. "
                   "Assign them on the task list (lead department: none), or add ownership rules "
                   "and departments first.", err=True)


def assessment_plan(assessment):
    from tracker.models import Plan
    return db.session.scalar(select(Plan).where(Plan.assessment_id == assessment.id))


@tracker_cli.command("export-plan")
@click.option("--unit", "unit_name", required=True, help="The assessed unit's name, exactly.")
@click.option("--year", required=True, type=int, help="The assessed year.")
@click.option("--format", "fmt", required=True, type=click.Choice(["docx", "xlsx"]))
@click.option("--out", required=True, type=click.Path(dir_okay=False, writable=True), help="File to write.")
@with_appcontext
@in_named_unit_workspace
def export_plan_command(unit_name, year, fmt, out):
    """Write the plan document with its task appendix."""
    from tracker.services import plan_export, plan_view, plans
    try:
        assessment = plans.find_assessment(unit_name, year)
    except plans.PlanInputError as exc:
        raise BadInput(str(exc)) from exc
    plan = assessment_plan(assessment)
    if plan is None:
        raise BadInput(f"there is no plan for {unit_name} {year} yet; run generate-plan first")
    data = plan_export.render(plan_view.load(plan.id), fmt)
    write_file(out, data)
    click.echo(f"Wrote {out}: plan {plan.number}, {len(plan.tasks)} tasks ({len(data) // 1024} KiB).")


@tracker_cli.command("export-self-assessment")
@click.option("--unit", "unit_name", required=True, help="The assessed unit's name, exactly.")
@click.option("--year", required=True, type=int, help="The assessed year (the plan works in, and is scored for, YEAR+1).")
@click.option("--out", required=True, type=click.Path(dir_okay=False, writable=True), help="The .xlsx to write.")
@click.option("--evidence-zip", type=click.Path(dir_okay=False, writable=True),
              help="Also write every evidence file, grouped by criterion, into this .zip.")
@with_appcontext
@in_named_unit_workspace
def export_self_assessment_command(unit_name, year, out, evidence_zip):
    """Write the self-assessment on next year's criteria set: the points proposed, the tasks and
    the evidence of each criterion (and the evidence files themselves with --evidence-zip)."""
    import os

    from tracker.services import plans, self_assessment, self_assessment_export
    if evidence_zip and os.path.abspath(evidence_zip) == os.path.abspath(out):
        raise BadInput("--out and --evidence-zip name the same file")
    try:
        plan = self_assessment.find_plan(unit_name, year)
        found = self_assessment.build(plan, lambda task: True,  # the command line reads everything
                                      current_app.config["TRACKER_BASE_URL"])
    except (plans.PlanInputError, self_assessment.SelfAssessmentError) as exc:
        raise BadInput(str(exc)) from exc
    data = self_assessment_export.xlsx(found)
    written = []
    try:  # both files, or neither: each is written beside its target, then moved into place
        written.append((write_beside(out, lambda f: f.write(data)), out))
        if evidence_zip:
            from tracker.exporters.evidence_zip import write
            entries = self_assessment.archive_entries(found, current_app.config["UPLOAD_DIR"])
            written.append((write_beside(evidence_zip, lambda f: write(entries, f, current_app.config["TRACKER_TIMEZONE"])),
                            evidence_zip))
        for temporary, target in written:
            os.replace(temporary, target)
    except OSError as exc:
        for temporary, _target in written:
            if os.path.exists(temporary):
                os.remove(temporary)
        raise click.ClickException(f"cannot write {exc.filename or out}: {exc.strerror}") from exc
    s, total = found.target.criteria_set, found.total
    how = {self_assessment.CARRIED: "carried over to it", self_assessment.NEXT_RESULTS: "the set of next year's results",
           self_assessment.NEXT_YEAR: "published for that year, matched by code"}[found.target.source]
    click.echo(f"Wrote {out}: plan {plan.number} scored on {s.name!r} ({how}), {len(found.leaves)} sub-criteria; "
               f"proposed {total.points:.2f} of {total.claimed_of:g} points, {found.survey_points:g} left to surveys"
               + (f", {found.no_result_points:g} on new criteria" if found.no_result_points else "") + ".")
    if evidence_zip:
        click.echo(f"Wrote {evidence_zip}: {len(found.files)} evidence files in "
                   f"{len({line.criterion.code for line, _t, _f in found.files})} criterion folders "
                   f"({os.path.getsize(evidence_zip) // 1024} KiB).")
    if found.unmatched:
        click.echo(f"Warning: {len(found.unmatched)} tasks are on criteria without a code in {s.name!r} and are "
                   "left out: " + ", ".join(t.criterion.code for t in found.unmatched), err=True)
    if found.title_changes:
        click.echo(f"Warning: {len(found.title_changes)} criteria have last year's code but another title: "
                   + ", ".join(line.criterion.code for line in found.title_changes), err=True)


def write_beside(target: str, fill) -> str:
    """A temporary file in `target`'s folder, written by `fill(file)`; returns its path."""
    import os
    import tempfile
    handle, path = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(target)), prefix=".", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as f:
            fill(f)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(path, 0o666 & ~umask)  # as open() would have made it, not mkstemp's 0600
    except BaseException:
        os.remove(path)
        raise
    return path


def report_messages(messages, queued, dry_run: bool) -> None:
    """One line per message: what was queued now (or would be, with --dry-run)."""
    from collections import Counter

    from tracker.notify import outbox
    if dry_run:
        done = outbox.already_queued([(m.key, m.recipient) for m in messages])
        shown = [m for m in messages if (m.key, m.recipient.lower()) not in done]
        verb = "Would queue"
    else:
        shown, verb = queued, "Queued"
    kinds = Counter(m.kind for m in shown)
    detail = f" ({', '.join(f'{n} {kind}' for kind, n in sorted(kinds.items()))})" if kinds else ""
    click.echo(f"{verb} {len(shown)} messages{detail}; {len(messages) - len(shown)} already queued before.")
    for m in shown:
        click.echo(f"  {m.kind:<11} {m.recipient:<34} {m.subject}")


def deliver_now() -> None:
    """Send what is pending (the scheduler would within a minute), so cron alone is enough."""
    from tracker.notify import outbox
    config = current_app.config
    if not config.get("SMTP_HOST"):
        click.echo("No SMTP_HOST: the messages wait in the outbox (/outbox).")
        return
    sent, failed = outbox.deliver_all(config)
    click.echo(f"Delivered {sent} messages" + (f"; {failed} failed and will be retried." if failed else "."))


@tracker_cli.command("send-reminders")
@click.option("--on", "day", type=click.DateTime(["%Y-%m-%d"]), help="The day, YYYY-MM-DD (default: today).")
@click.option("--dry-run", is_flag=True, help="Print what would be queued; write nothing.")
@with_appcontext
def send_reminders_command(day, dry_run):
    """Send the deadline reminders and escalations due on a day. Idempotent."""
    from tracker.notify import reminders
    day = day.date() if day else local_today()
    run, queued = reminders.send(day, current_app.config, actor="cli", dry_run=dry_run)
    if run.not_a_working_day:
        click.echo(f"{day:%d/%m/%Y} is not a working day (weekend or public holiday): "
                   "reminders go out on the next working day.")
        return
    escalated = run.escalations if dry_run else run.recorded
    db.session.commit()
    click.echo(f"Reminders for {day:%d/%m/%Y}:")
    report_messages(run.messages, queued, dry_run)
    if escalated:
        click.echo(f"{'Would escalate' if dry_run else 'Escalated'} {len(escalated)} overdue tasks: " +
                   ", ".join(f"task {e.task_id} to {e.level}" for e in escalated))
    if not dry_run:
        deliver_now()


@tracker_cli.command("send-digests")
@click.option("--week", help="The ISO week, YYYY-Www (default: this week).")
@click.option("--dry-run", is_flag=True, help="Print what would be queued; write nothing.")
@with_appcontext
def send_digests_command(week, dry_run):
    """Send the weekly digests of an ISO week. Idempotent."""
    from tracker.domain.periods import iso_week, parse_iso_week, week_monday
    from tracker.notify import digests
    try:
        monday = parse_iso_week(week) if week else week_monday(local_today())
    except ValueError as exc:
        raise BadInput(str(exc)) from exc
    built, queued = digests.send(monday, current_app.config, dry_run=dry_run)
    db.session.commit()
    click.echo(f"Weekly digests for {iso_week(monday)} (as of {monday:%d/%m/%Y}): "
               f"{len(built.departments)} departments" + ("" if built.leaders else "; no plan yet") + ".")
    report_messages(built.messages, queued, dry_run)
    if not dry_run:
        deliver_now()


@tracker_cli.command("report")
@click.option("--unit", "unit_name", required=True, help="The assessed unit's name, exactly.")
@click.option("--quarter", required=True,
              help="YYYY-Qn: Q1 quý I, Q2 six months, Q3 quý III, Q4 the year (YYYY: the year the plan works in).")
@click.option("--format", "fmt", required=True, type=click.Choice(["docx", "xlsx"]))
@click.option("--out", required=True, type=click.Path(dir_okay=False, writable=True), help="File to write.")
@with_appcontext
@in_named_unit_workspace
def report_command(unit_name, quarter, fmt, out):
    """Write a period's report on the plan: the issued one if issued, else the draft."""
    from tracker.domain.periods import parse_quarter
    from tracker.services import reports
    try:
        year, number = parse_quarter(quarter)
        plan = reports.find_plan(unit_name, year)
        report = reports.build(plan, reports.period(year, number))
    except (ValueError, reports.ReportError) as exc:
        raise BadInput(str(exc)) from exc
    write_file(out, reports.render(report, fmt))
    f = report.figures
    state = f"issued as {report.row.number} of {report.row.issued_on:%d/%m/%Y}" if report.is_issued else "draft"
    click.echo(f"Wrote {out}: {quarter} report on plan {plan.number} ({state}), figures as of "
               f"{f.as_of:%d/%m/%Y}: {f.counts.total} tasks, {f.counts.finished} finished, {f.counts.overdue} "
               f"overdue; expected {f.projection['expected']:.2f}/{f.projection['max_score']:g}.")


@tracker_cli.command("scheduler")
@with_appcontext
def scheduler_command():
    """Run the scheduler in the foreground (outbox, reminders daily, digests weekly)."""
    import logging

    from tracker.notify import scheduler
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = current_app._get_current_object()
    if not scheduler.holds_lock(app):
        raise click.ClickException("another scheduler holds the lock; not starting a second one")
    jobs = scheduler.build(app)
    click.echo(f"Scheduler running ({', '.join(job.id for job in jobs.get_jobs())}); "
               "Ctrl+C to stop.")
    try:
        jobs.start()
    except (KeyboardInterrupt, SystemExit):
        pass


@tracker_cli.command("projection")
@click.option("--unit", "unit_name", required=True, help="The assessed unit's name, exactly.")
@click.option("--year", required=True, type=int, help="The assessed year.")
@click.option("--json", "as_json", is_flag=True, help="Print exactly the API's projection object.")
@with_appcontext
@in_named_unit_workspace
def projection_command(unit_name, year, as_json):
    """Print the projected score, classification and rank from the plan's progress."""
    import json

    from tracker.services import plans, projection
    try:
        assessment = plans.find_assessment(unit_name, year)
    except plans.PlanInputError as exc:
        raise BadInput(str(exc)) from exc
    p = projection.for_assessment(assessment, local_today())
    if as_json:
        click.echo(json.dumps(p, ensure_ascii=False, indent=2))
        return
    rank = f", rank {p['projected_rank']}/{p['rank_of']}" if p["projected_rank"] else ""
    click.echo(f"{p['unit']}, results of {p['year']} (maximum {p['max_score']:g}):")
    for name, label in (("baseline", "Baseline"), ("secured", "Verified"), ("expected", "Expected"),
                        ("potential", "Potential")):
        extra = rank if name == "expected" else ""
        click.echo(f"  {label:<10} {p[name]:6.2f}  {p[name + '_pct']:6.2f}%  {p[name + '_classification'] or ''}{extra}")
    click.echo(f"  Lost {p['lost']:.2f} points, of which {p['survey_lost']:.2f} on survey criteria.")
    click.echo("  Tasks: " + ", ".join(f"{k} {v}" for k, v in p["tasks"].items()))
