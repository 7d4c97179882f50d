"""Vietnamese by default, English on request; dd/mm/yyyy dates and decimal commas."""
from datetime import date

from tests import factories
from tracker.extensions import db
from tracker.i18n import format_date, format_number


def test_ui_is_vietnamese_by_default(client):
    page = client.get("/login").get_data(as_text=True)
    assert 'lang="vi"' in page and "Đăng nhập" in page


def test_user_can_switch_to_english_and_back(client):
    client.get("/lang/en")
    page = client.get("/login").get_data(as_text=True)
    assert 'lang="en"' in page and "Log in" in page
    client.get("/lang/vi")
    assert "Đăng nhập" in client.get("/login").get_data(as_text=True)


def test_unknown_language_is_ignored(client):
    assert client.get("/lang/xx").status_code == 302
    assert 'lang="vi"' in client.get("/login").get_data(as_text=True)


def test_formats_in_vietnamese(app):
    with app.test_request_context():
        assert format_number(71.11) == "71,11"
        assert format_number(1234.5) == "1.234,5"
        assert format_number(97.0) == "97"
        assert format_date(date(2026, 3, 5)) == "05/03/2026"


def test_numbers_read_as_babel_writes_them_in_each_language(app):
    """format_number formats in Python and swaps in the locale's symbols (Babel's own formatter
    cost a fifth of a page): the same text as Babel's "#,##0.##" for every language, except
    that a value that rounds to zero never shows as "-0"."""
    import random
    from flask_babel import force_locale, format_decimal
    rng = random.Random(7)
    values = [0, 5, -5, 1234, 1234567.891, 0.005, 2.675, 0.125, 999.995, 1e14, -1e14, 0.1 + 0.2, 92.5]
    values += [rng.uniform(-1e6, 1e6) for _ in range(300)] + [round(rng.uniform(-100, 100), 3) for _ in range(300)]
    with app.test_request_context():
        for language in app.config["LANGUAGES"]:
            with force_locale(language):
                for value in values:
                    for decimals in (0, 1, 2):
                        babel = format_decimal(round(value, decimals), format="#,##0" + ("." + "#" * decimals if decimals else ""))
                        assert format_number(value, decimals) == ("0" if babel == "-0" else babel), (value, decimals)
                assert format_number(-0.004) == "0"


def test_dashboard_shows_the_score_with_a_decimal_comma_in_vietnamese_only(client, auth, demo):
    auth.login()
    page = client.get("/").get_data(as_text=True)
    assert '<span class="value">80,91</span>' in page and "80,9% · 23/34" in page
    client.get("/lang/en")
    page = client.get("/").get_data(as_text=True)
    assert '<span class="value">80.91</span>' in page and "Dashboard" in page


def extracted_msgids(root) -> set[str]:
    """The msgids `make extract-messages` finds in the code and templates now (babel.cfg and the
    Makefile's keywords), so a message added without extracting it is caught here."""
    import re

    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
    from babel.messages.frontend import parse_keywords, parse_mapping_cfg
    makefile = (root / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    options = re.search(r"^BABEL_KEYWORDS := (.+)$", makefile, re.M).group(1)
    keywords = {**DEFAULT_KEYWORDS, **parse_keywords(re.findall(r"-k (\S+)", options))}
    with open(root / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(root), method_map, options_map, keywords=keywords):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_message_has_a_vietnamese_translation():
    """Every msgid the templates and code use is in the catalog with a translation (after a
    change of UI text: `make extract-messages`, translate, `make translations`)."""
    from pathlib import Path

    from babel.messages.pofile import read_po
    root = Path(__file__).resolve().parents[1]
    with open(root / "tracker/translations/vi/LC_MESSAGES/messages.po", "rb") as f:
        catalog = read_po(f)
    translated = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id and m.string and not m.fuzzy}
    used = extracted_msgids(root)
    assert len(used) > 500
    assert sorted(used - translated) == []
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert fuzzy == []


def test_user_language_choice_is_remembered_on_the_account(app, client, auth):
    factories.user("a@example.gov.vn")
    db.session.commit()
    auth.login("a@example.gov.vn", factories.PASSWORD)
    client.get("/lang/en")
    from tracker.models import User
    assert db.session.scalar(db.select(User.locale)) == "en"
