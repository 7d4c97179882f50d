"""Document settings: who speaks to whom, set at set-up (page and `tracker setup` options), edited
later by an admin (page and `tracker documents`), audited; and the rules that turn them into the
lines of a document (domain/documents.py)."""
import pytest
from sqlalchemy import select

from tests import factories
from tests.conftest import csrf_token
from tracker.domain import documents
from tracker.domain.documents import Parties, Signer
from tracker.domain.starter import SETUP_KINDS, document_starter
from tracker.extensions import db
from tracker.models import AuditEvent, DocumentSettings, Unit
from tracker.services import documents as document_service
from tracker.services import setup

PROVINCE = ["tracker", "setup", "--unit", "UBND tỉnh Lâm Đồng", "--kind", "province", "--place", "Lâm Đồng",
            "--issuing-body", "UBND TỈNH LÂM ĐỒNG"]


# --- The rules ------------------------------------------------------------------------------

@pytest.mark.parametrize("body, lines", [
    ("UBND TỈNH LÂM ĐỒNG", ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"]),
    ("Ủy ban nhân dân phường Mũi Né", ["ỦY BAN NHÂN DÂN", "PHƯỜNG MŨI NÉ"]),
    ("UBND THÀNH PHỐ HỒ CHÍ MINH", ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"]),
    ("BỘ NỘI VỤ", ["BỘ NỘI VỤ"]),
    ("Sở Tư pháp\ntỉnh Lâm Đồng", ["SỞ TƯ PHÁP", "TỈNH LÂM ĐỒNG"]),  # typed over two lines: kept
])
def test_the_issuing_body_is_written_in_capitals_an_ubnd_over_two_lines(body, lines):
    assert documents.body_lines(body) == lines


def test_a_body_under_a_committee_names_it_shortly():
    assert documents.short_body("UBND TỈNH LÂM ĐỒNG") == "UBND TỈNH LÂM ĐỒNG"
    assert documents.short_body("Ủy ban nhân dân phường Mũi Né") == "UBND PHƯỜNG MŨI NÉ"


@pytest.mark.parametrize("signer, collective, lines", [
    (Signer("TM.", "CHỦ TỊCH"), "ỦY BAN NHÂN DÂN", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    (Signer("KT.", "PHÓ CHỦ TỊCH"), "ỦY BAN NHÂN DÂN", ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    (Signer("", "GIÁM ĐỐC"), "", ["GIÁM ĐỐC"]),
    (Signer("KT.", "Phó Giám đốc"), "", ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]),
    (Signer("KT.", "THỨ TRƯỞNG"), "", ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"]),
])
def test_the_signature_block_says_on_whose_behalf_and_for_whom(signer, collective, lines):
    assert signer.lines(collective) == lines


@pytest.mark.parametrize("signer, collective, problem", [
    (Signer("TM.", "GIÁM ĐỐC"), False, "TM. is for a body that decides collectively"),
    (Signer("KT.", "CHỦ TỊCH"), True, "With KT. the signer is a deputy"),
    (Signer("TM.", "PHÓ CHỦ TỊCH"), True, "A deputy (%(title)s) signs KT."),
    (Signer("", "PHÓ GIÁM ĐỐC"), False, "A deputy (%(title)s) signs KT."),
    (Signer("TM.", " "), True, "Give the signer's title"),
    (Signer("Q.", "GIÁM ĐỐC"), False, "The signer signs TM., KT. or in their own name."),
])
def test_a_signer_who_cannot_sign_so_is_refused_with_the_reason(signer, collective, problem):
    assert documents.signer_problem(signer, collective).startswith(problem)


def test_nơi_nhận_puts_như_trên_first_for_an_addressee_and_the_lưu_line_last():
    parties = Parties(issuing_body="UBND TỈNH LÂM ĐỒNG", place="Lâm Đồng", addressee="Bộ Nội vụ",
                      recipients=("- TT Tỉnh ủy (b/c);", "CT, các PCT UBND tỉnh."), archive="lưu: VT, SNV.")
    assert parties.recipient_lines == ["- Như trên;", "- TT Tỉnh ủy (b/c);", "- CT, các PCT UBND tỉnh;",
                                       "- Lưu: VT, SNV."]
    plan = Parties(issuing_body="UBND TỈNH LÂM ĐỒNG", place="Lâm Đồng", recipients=("Bộ Nội vụ (b/c)",),
                   archive="VT, SNV")
    assert plan.recipient_lines == ["- Bộ Nội vụ (b/c);", "- Lưu: VT, SNV."]


def test_the_number_of_a_draft_report_carries_the_issuers_symbol():
    assert documents.symbol_of("86/KH-UBND") == "UBND" and documents.symbol_of("12/KH-STP") == "STP"
    assert documents.symbol_of("86") == "UBND"


@pytest.mark.parametrize("kind, name, body", [
    ("province", "UBND tỉnh Lâm Đồng", "UBND TỈNH LÂM ĐỒNG"), ("commune", "UBND phường Mũi Né", "UBND PHƯỜNG MŨI NÉ"),
    ("department", "Sở Tư pháp tỉnh Lâm Đồng", "SỞ TƯ PHÁP"), ("ministry", "Bộ Tư pháp", "BỘ TƯ PHÁP"),
])
def test_every_kinds_starter_is_a_document_a_unit_of_that_kind_can_sign(kind, name, body):
    assert kind in SETUP_KINDS
    settings = document_service.cleaned(document_starter(kind, name))
    document_service.check(settings, body)  # raises on a problem
    assert settings.coordinator and settings.report_addressee and settings.recipients
    plan = settings.plan_parties(body, "Lâm Đồng", "1/KH-UBND")
    assert plan.recipient_lines[-1].startswith("- Lưu: VT, ")
    assert documents.SAME_AS_ABOVE not in " ".join(plan.recipient_lines)  # a plan has no addressee


def test_the_starter_speaks_of_the_units_own_level():
    ward = document_starter("commune", "UBND phường Mũi Né")
    assert "CT, các PCT UBND phường" in ward.recipients and "TT Đảng ủy, TT HĐND phường (b/c)" in ward.recipients
    city = document_starter("province", "UBND thành phố Hà Nội")
    assert "TT Thành ủy, TT HĐND thành phố (b/c)" in city.recipients
    assert document_starter("department", "Sở Tư pháp tỉnh Lâm Đồng").parent_body == "UBND TỈNH LÂM ĐỒNG"


# --- Set-up and the command line ------------------------------------------------------------

def stored() -> DocumentSettings:
    return db.session.scalar(select(DocumentSettings))


def test_setup_stores_the_kinds_starter(app, runner):
    result = runner.invoke(args=PROVINCE)
    assert result.exit_code == 0, result.output
    row = stored()
    assert (row.coordinator, row.coordinator_symbol, row.archive, row.report_addressee) == (
        "Sở Nội vụ", "SNV", "Lưu: VT, SNV", "Bộ Nội vụ")
    assert row.recipients.splitlines()[0] == "Bộ Nội vụ (b/c)"
    assert (row.signer_capacity, row.signer_title) == ("TM.", "CHỦ TỊCH")
    assert "Lưu: VT, SNV." in result.output  # it says how the documents will read
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "unit.documents.create")) is not None


def test_setup_options_replace_the_starters_values(app, runner):
    result = runner.invoke(args=[
        *PROVINCE, "--signer-capacity", "KT", "--signer-title", "Phó Chủ tịch", "--signer-name", "Trần Minh Đức",
        "--recipient", "Bộ Nội vụ (b/c)", "--recipient", "- Các sở, ban, ngành;", "--archive", "VT, SNV",
        "--report-from", "coordinator", "--report-to", "Ủy ban nhân dân tỉnh Lâm Đồng",
        "--report-recipient", "CT, các PCT UBND tỉnh (b/c)", "--report-archive", "Lưu: VT, CCHC",
        "--coordinator-signer-name", "Lê Văn Bình"])
    assert result.exit_code == 0, result.output
    settings = document_service.settings_of(setup.own_unit())
    assert settings.signer == Signer("KT.", "PHÓ CHỦ TỊCH", "Trần Minh Đức")
    assert settings.recipients == ("Bộ Nội vụ (b/c)", "Các sở, ban, ngành") and settings.archive == "Lưu: VT, SNV"
    assert (settings.report_sender, settings.report_addressee) == ("coordinator", "Ủy ban nhân dân tỉnh Lâm Đồng")
    assert settings.coordinator_signer == Signer("", "GIÁM ĐỐC", "Lê Văn Bình")
    assert "UBND TỈNH LÂM ĐỒNG / SỞ NỘI VỤ (…/BC-SNV)" in result.output


@pytest.mark.parametrize("args, message", [
    (["--signer-capacity", "KT"], "With KT. the signer is a deputy"),      # CHỦ TỊCH cannot sign KT.
    (["--signer-capacity", "QT"], "use TM., KT. or none"),
    (["--report-to", " "], "Name to whom the report is sent"),
    (["--coordinator-symbol", "S NV"], "no spaces or slashes"),
], ids=["kt-head", "unknown-capacity", "no-addressee", "symbol"])
def test_setup_with_settings_that_cannot_sign_exits_2_and_sets_nothing_up(app, runner, args, message):
    result = runner.invoke(args=[*PROVINCE, *args])
    assert result.exit_code == 2 and message in result.output
    assert db.session.scalar(select(Unit)) is None and stored() is None


def test_the_documents_command_shows_and_changes_the_settings_audited(app, runner):
    assert runner.invoke(args=PROVINCE).exit_code == 0
    shown = runner.invoke(args=["tracker", "documents"])
    assert shown.exit_code == 0 and "Coordinating body: Sở Nội vụ (SNV)" in shown.output
    changed = runner.invoke(args=["tracker", "documents", "--coordinator", "Văn phòng UBND tỉnh",
                                  "--coordinator-symbol", "VPUB", "--report-from", "coordinator",
                                  "--report-to", "Ủy ban nhân dân tỉnh Lâm Đồng"])
    assert changed.exit_code == 0, changed.output
    row = stored()
    assert (row.coordinator, row.coordinator_symbol, row.coordinator_signer_title) == (
        "Văn phòng UBND tỉnh", "VPUB", "CHÁNH VĂN PHÒNG")  # the head of an office
    edit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "unit.documents.edit"))
    assert edit.actor == "cli" and edit.changes["coordinator"] == ["Sở Nội vụ", "Văn phòng UBND tỉnh"]


def test_the_documents_command_before_setup_exits_2(app, runner):
    result = runner.invoke(args=["tracker", "documents"])
    assert result.exit_code == 2 and "not set up" in result.output


# --- The pages ------------------------------------------------------------------------------

def admin(auth, runner):
    assert runner.invoke(args=PROVINCE).exit_code == 0
    factories.user("admin@example.gov.vn", "admin", password="demo1234")
    db.session.commit()
    auth.login()


def form_data(page_html: str, **changes) -> dict:
    """The settings as the page shows them (inputs, textareas, selected options), with changes."""
    import html
    import re
    data = {name: html.unescape(value) for name, value in
            re.findall(r'<input[^>]*name="(documents-[^"]+)"[^>]*value="([^"]*)"', page_html)}
    data |= {name: html.unescape(value.lstrip("\r\n")) for name, value in
             re.findall(r'<textarea[^>]*name="(documents-[^"]+)"[^>]*>([^<]*)</textarea>', page_html)}
    for name, body in re.findall(r'<select[^>]*name="(documents-[^"]+)"[^>]*>(.*?)</select>', page_html, re.S):
        chosen = re.search(r'<option selected value="([^"]*)"|<option value="([^"]*)" selected', body)
        data[name] = chosen.group(1) if chosen.group(1) is not None else chosen.group(2)
    data |= {f"documents-{k}": v for k, v in changes.items()}
    data["csrf_token"] = csrf_token(page_html)
    return data


def test_an_admin_reaches_the_settings_from_the_menu_and_saves_them_audited(app, client, auth, runner):
    admin(auth, runner)
    home = client.get("/admin/users").get_data(as_text=True)
    assert 'href="/admin/documents">Văn bản</a>' in home
    page = client.get("/admin/documents").get_data(as_text=True)
    assert "Thiết lập văn bản" in page and 'value="Sở Nội vụ"' in page
    data = form_data(page, signer_capacity="KT.", signer_title="PHÓ CHỦ TỊCH", signer_name="Trần Minh Đức",
                     recipients="Bộ Nội vụ (b/c)\r\n\r\n- Các sở, ban, ngành;\r\n")
    saved = client.post("/admin/documents", data=data)
    assert saved.status_code == 302, saved.get_data(as_text=True)
    assert "Đã lưu thiết lập văn bản." in client.get("/admin/documents").get_data(as_text=True)
    row = stored()
    assert (row.signer_capacity, row.signer_title, row.signer_name) == ("KT.", "PHÓ CHỦ TỊCH", "Trần Minh Đức")
    assert row.recipients == "Bộ Nội vụ (b/c)\nCác sở, ban, ngành"
    edit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "unit.documents.edit"))
    assert edit.actor == "admin@example.gov.vn"
    assert edit.changes["signer_name"] == ["", "Trần Minh Đức"] and "coordinator" not in edit.changes


def test_settings_that_cannot_sign_are_refused_with_the_reason_and_nothing_changes(app, client, auth, runner):
    admin(auth, runner)
    page = client.get("/admin/documents").get_data(as_text=True)
    refused = client.post("/admin/documents", data=form_data(page, signer_capacity="KT.", signer_title="CHỦ TỊCH"))
    assert refused.status_code == 422
    assert "Ký KT. là cấp phó ký thay" in refused.get_data(as_text=True)
    assert stored().signer_capacity == "TM."
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "unit.documents.edit")) is None


def test_only_admins_reach_the_document_settings(app, client, auth, runner):
    assert runner.invoke(args=PROVINCE).exit_code == 0
    factories.user("leader@example.gov.vn", "leader", password="demo1234")
    db.session.commit()
    assert client.get("/admin/documents").status_code == 302
    auth.login("leader@example.gov.vn")
    assert client.get("/admin/documents").status_code == 403


def test_before_setup_the_page_sends_the_admin_to_the_setup(app, client, auth):
    factories.user("admin@example.gov.vn", "admin", password="demo1234")
    db.session.commit()
    auth.login()
    assert client.get("/admin/documents").headers["Location"].endswith("/setup")


def test_the_setup_page_offers_the_kinds_document_settings_and_saves_them(app, client, auth):
    factories.user("admin@example.gov.vn", "admin", password="demo1234")
    db.session.commit()
    auth.login()
    unit = {"name": "UBND phường Mũi Né", "kind": "commune", "place": "Mũi Né", "issuing_body": "UBND PHƯỜNG MŨI NÉ"}
    first = client.get("/setup").get_data(as_text=True)
    review = client.post("/setup", data={**unit, "csrf_token": csrf_token(first), "review": "1"})
    html = review.get_data(as_text=True)
    assert 'name="documents-coordinator"' in html and "CT, các PCT UBND phường" in html
    data = form_data(html, signer_name="Nguyễn Thị Mai", report_addressee="Sở Nội vụ tỉnh Lâm Đồng")
    data |= {**unit, "save": "1", "departments-0-code": "VP", "departments-0-name": "Văn phòng HĐND và UBND",
             "departments-0-keep": "y"}
    saved = client.post("/setup", data=data)
    assert saved.status_code == 302, saved.get_data(as_text=True)
    settings = document_service.settings_of(setup.own_unit())
    assert settings.coordinator == "Văn phòng HĐND và UBND" and settings.archive == "Lưu: VT, VP"
    assert settings.signer == Signer("TM.", "CHỦ TỊCH", "Nguyễn Thị Mai")
    assert settings.report_addressee == "Sở Nội vụ tỉnh Lâm Đồng"
