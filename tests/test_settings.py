"""Each user's mail settings and language (their own page, and the admin's user page), and
department heads: one per department."""
from datetime import date

import pytest
from sqlalchemy import select

from tests import factories, mail_world
from tests.conftest import csrf_token
from tests.mail_world import ADMIN, HEAD, LEADER, OFFICER, QUIET
from tracker.extensions import db
from tracker.models import AuditEvent, Notification, User


@pytest.fixture
def world(app):
    w = mail_world.build()
    db.session.commit()
    return w


def user(email: str) -> User:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.email == email))


def test_settings_are_reachable_from_the_user_menu_and_saved(client, auth, world):
    auth.login(OFFICER, factories.PASSWORD)
    home = client.get("/", follow_redirects=True).get_data(as_text=True)
    assert 'href="/settings"' in home
    page = client.get("/settings").get_data(as_text=True)
    assert "Nhận thư tổng hợp tuần" in page and "Nhận thư nhắc hạn" in page
    response = client.post("/settings", data={"locale": "en", "csrf_token": csrf_token(page)})  # both off
    assert response.status_code == 302
    saved = user(OFFICER)
    assert (saved.digest_enabled, saved.reminders_enabled, saved.locale) == (False, False, "en")
    assert "Settings saved." in client.get("/settings").get_data(as_text=True)  # the screens follow
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.settings"))
    assert event.changes["digest_enabled"] == [True, False] and event.actor == OFFICER


def test_an_unknown_language_is_refused_and_nothing_changes(client, auth, world):
    auth.login(OFFICER, factories.PASSWORD)
    page = client.get("/settings").get_data(as_text=True)
    response = client.post("/settings", data={"locale": "xx", "digest_enabled": "", "csrf_token": csrf_token(page)})
    assert response.status_code == 422 and "xx" in response.get_data(as_text=True)
    assert user(OFFICER).digest_enabled is True


def test_settings_need_a_login(client, world):
    assert client.get("/settings").status_code == 302


def test_admins_see_who_opted_out(client, auth, world):
    auth.login(ADMIN, factories.PASSWORD)
    page = client.get("/admin/users").get_data(as_text=True)
    row = page.split(f">{QUIET}<")[1].split("</tr>")[0]
    assert row.count("đã tắt") == 2
    assert page.split(f">{OFFICER}<")[1].split("</tr>")[0].count("đã tắt") == 0


def edit_form(client, user_id: int, **changes) -> dict:
    page = client.get(f"/admin/users/{user_id}").get_data(as_text=True)
    target = db.session.get(User, user_id)
    data = {"name": target.name, "role": target.role, "department": target.department.code if target.department else "",
            "active": "y", "locale": target.locale or "vi", "csrf_token": csrf_token(page)}
    if target.digest_enabled:
        data["digest_enabled"] = "y"
    if target.reminders_enabled:
        data["reminders_enabled"] = "y"
    if target.is_head:
        data["is_head"] = "y"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_admin_marks_a_new_head_and_the_previous_one_is_unmarked(client, auth, world):
    auth.login(ADMIN, factories.PASSWORD)
    officer = user(OFFICER)
    response = client.post(f"/admin/users/{officer.id}", data=edit_form(client, officer.id, is_head="y"))
    assert response.status_code == 302
    assert user(OFFICER).is_head and not user(HEAD).is_head
    page = client.get("/admin/departments").get_data(as_text=True)
    assert officer.name in page.split("NV</a>")[1].split("</tr>")[0]
    assert "chưa có" in page.split("TP</a>")[1].split("</tr>")[0]  # TP has no head: said so


def test_admin_changes_a_users_mail_settings(client, auth, world):
    auth.login(ADMIN, factories.PASSWORD)
    quiet = user(QUIET)
    response = client.post(f"/admin/users/{quiet.id}", data=edit_form(
        client, quiet.id, digest_enabled="y", reminders_enabled="y", locale="en"))
    assert response.status_code == 302
    saved = user(QUIET)
    assert (saved.digest_enabled, saved.reminders_enabled, saved.locale) == (True, True, "en")


def test_only_a_department_officer_can_be_a_head(client, auth, world):
    auth.login(ADMIN, factories.PASSWORD)
    leader = user(LEADER)
    response = client.post(f"/admin/users/{leader.id}", data=edit_form(client, leader.id, is_head="y"))
    assert response.status_code == 422
    assert "Chỉ cán bộ của cơ quan mới có thể là người đứng đầu" in response.get_data(as_text=True)
    assert not user(LEADER).is_head


def test_the_database_allows_one_head_per_department(app, world):
    from sqlalchemy.exc import IntegrityError
    world.users[OFFICER].is_head = True
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_a_department_user_gets_403_on_another_users_settings_in_the_admin(client, auth, world):
    auth.login(OFFICER, factories.PASSWORD)
    assert client.get(f"/admin/users/{user(HEAD).id}").status_code == 403


def test_outbox_filters_by_kind_and_recipient(client, auth, world, app):
    from tracker.notify import outbox
    outbox.queue("digest:NV:2026-W49", "digest", [OFFICER, HEAD], "Tổng hợp tuần", "…")
    outbox.queue("reminder:2026-12-02", "reminder", [OFFICER], "Nhắc hạn", "…")
    db.session.commit()
    auth.login(ADMIN, factories.PASSWORD)
    page = client.get("/outbox?kind=digest").get_data(as_text=True)
    assert page.count("Tổng hợp tuần</a>") == 2 and "Nhắc hạn</a>" not in page
    page = client.get(f"/outbox?recipient={HEAD.upper()}").get_data(as_text=True)
    assert page.count("Tổng hợp tuần</a>") == 1 and "Nhắc hạn</a>" not in page
    page = client.get("/outbox?kind=bogus&recipient=%25").get_data(as_text=True)
    assert "Không có thư nào khớp bộ lọc." in page  # "%" is a character, not a wildcard


def test_admins_preview_what_would_go_out_without_queueing_anything(client, auth, world):
    world.task("1.1", date(2026, 11, 20))
    db.session.commit()
    auth.login(ADMIN, factories.PASSWORD)
    page = client.get("/outbox/preview?job=digests&week=2026-W49").get_data(as_text=True)
    assert "Thư tổng hợp tuần 2026-W49" in page and page.count("&amp;show=") == 5  # NV: 3, admin, leader
    shown = client.get("/outbox/preview?job=digests&week=2026-W49&show=0").get_data(as_text=True)
    assert "<iframe" in shown and "srcdoc=" in shown and "Quá hạn (1)" in shown
    page = client.get("/outbox/preview?job=reminders&on=02/12/2026").get_data(as_text=True)
    assert "Nhắc hạn ngày 02/12/2026" in page
    bad = client.get("/outbox/preview?job=digests&week=2026-W99")
    assert bad.status_code == 200 and "YYYY-Www" in bad.get_data(as_text=True)
    assert db.session.scalars(select(Notification)).all() == []
    auth.logout()
    auth.login(OFFICER, factories.PASSWORD)
    assert client.get("/outbox/preview").status_code == 403
