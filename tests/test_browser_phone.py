"""The tracker on a phone (390 × 844 CSS pixels) in a real browser: no page is wider than the
screen, task lists become one card per task, and a department officer updates an overdue task
with a photo as evidence from the phone.

Like tests/test_browser.py: Debian's Chromium driven by Playwright on the demo, skipped with the
reason shown when Chromium is not installed. People and tasks are found in the database, not by
the demo's names."""
import struct
import zlib
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.test_browser import live_server, log_in  # noqa: F401 (fixtures)
from tracker.extensions import db
from tracker.models import Evidence, Role, Task, User
from tracker.models.plans import CLOSED_STATUSES
from tracker.services.plans import current_plan_ids

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.parametrize("backend", ["sqlite"], indirect=True),
]
PHONE = {"width": 390, "height": 844}
PASSWORD = "demo1234"  # every demo login's


@pytest.fixture
def phone(browser, live_server):  # noqa: F811
    context = browser.new_context(viewport=PHONE, base_url=live_server, locale="vi-VN", has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def first_user(role: str) -> User:
    return db.session.scalar(select(User).where(User.role == role, User.active.is_(True)).order_by(User.id))


def officer_with_an_overdue_task(today) -> tuple[str, int]:
    """A department officer whose department leads an open, overdue task of a current plan (the
    task's deadline is moved into the past if the demo has none)."""
    officers = select(User.department_id).where(User.role == Role.DEPARTMENT.value, User.active.is_(True))
    open_tasks = (select(Task).where(Task.plan_id.in_(current_plan_ids()), Task.status.not_in(CLOSED_STATUSES),
                                     Task.lead_department_id.in_(officers))
                  .order_by(Task.deadline, Task.id))
    task = db.session.scalar(open_tasks.where(Task.deadline < today).limit(1))
    if task is None:
        task = db.session.scalar(open_tasks.limit(1))
        task.deadline = today - timedelta(days=3)
        db.session.commit()
    officer = db.session.scalar(select(User).where(
        User.role == Role.DEPARTMENT.value, User.active.is_(True), User.department_id == task.lead_department_id)
        .order_by(User.id))
    return officer.email, task.id


def png(path, width=24, height=16):
    """A small, real PNG (a red and white stripe pattern), as a phone camera's photo stands in."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + b"".join(b"\xcc\x22\x22" if (x // 4 + y // 4) % 2 else b"\xff\xff\xff"
                                       for x in range(width)) for y in range(height))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    return path


WIDER_THAN_SCREEN = """() => {
  const width = window.innerWidth;
  const wide = [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > width + 0.5
      && !e.closest(".scroll"))  // a wrapped table scrolls inside its container, as it should
    .map(e => e.tagName.toLowerCase() + (e.className ? "." + String(e.className).split(" ").join(".") : ""));
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width, wide: wide.slice(0, 8)};
}"""


def assert_fits_the_screen(page, what):
    # A page just navigated to may be measured before its stylesheet applies (CI once saw a setup
    # page 787 px wide, its tables unwrapped); the load event waits for the stylesheet.
    page.wait_for_load_state("load")
    found = page.evaluate(WIDER_THAN_SCREEN)
    assert found["scrollWidth"] <= found["innerWidth"] == PHONE["width"], f"{what} is wider than the phone: {found}"


def test_no_page_is_wider_than_the_phone(phone, app, today, tmp_path):
    phone.goto("/login")
    assert_fits_the_screen(phone, "the login page")
    admin = first_user(Role.ADMIN.value)
    email, task_id = officer_with_an_overdue_task(today)
    task = db.session.get(Task, task_id)
    plan_id = task.plan_id
    done = db.session.scalar(select(Task.id).where(Task.status == "done").limit(1))

    log_in(phone, admin.email, PASSWORD)
    phone.wait_for_url("**/")
    pages = {"the admin's dashboard": "/", "the task list": "/tasks/", "the plan": f"/plans/{plan_id}",
             "a task with its history": f"/tasks/{task_id}", "its criterion": f"/criteria/{task.criterion_id}",
             "carrying the plan over": f"/plans/{plan_id}/carry-over",
             "the self-assessment": f"/plans/{plan_id}/self-assessment", "the units and their plans": "/units/"}
    if done:
        pages["a task waiting for verification"] = f"/tasks/{done}"
    for what, path in pages.items():
        phone.goto(path)
        assert_fits_the_screen(phone, what)
    phone.goto("/")
    phone.screenshot(path=str(tmp_path / "dashboard-admin.png"), full_page=True)
    phone.click("button:has-text('Đăng xuất')")

    log_in(phone, email, PASSWORD)
    phone.wait_for_url("**/work/")
    for what, path in {"my department's work": "/work/", "the officer's dashboard": "/dashboard",
                       "the task list": "/tasks/", "the task and its progress form": f"/tasks/{task_id}"}.items():
        phone.goto(path)
        assert_fits_the_screen(phone, what)


def test_task_lists_are_one_card_per_task_on_a_phone(phone, app, today, tmp_path):
    email, _task_id = officer_with_an_overdue_task(today)
    log_in(phone, email, PASSWORD)
    phone.wait_for_url("**/work/")
    for path in ("/work/", "/tasks/"):
        phone.goto(path)
        phone.screenshot(path=str(tmp_path / f"{path.strip('/')}.png"), full_page=True)
        assert not phone.locator("table.cards thead").is_visible()  # no column headings: cards
        card = phone.locator("table.cards tbody tr").first
        box = card.bounding_box()
        assert box["width"] <= PHONE["width"] and box["x"] >= 0
        # The card shows its code, title, deadline, status and progress, each on the screen.
        for part in ("td.code", "td.title a", "td.deadline", "td.status .badge", "td.progress"):
            assert card.locator(part).is_visible(), (path, part)
            inner = card.locator(part).bounding_box()
            assert box["x"] <= inner["x"] and inner["x"] + inner["width"] <= box["x"] + box["width"] + 1, (path, part)


def test_an_officer_updates_an_overdue_task_with_a_photo_from_the_phone(phone, app, today, tmp_path):
    email, task_id = officer_with_an_overdue_task(today)
    task = db.session.get(Task, task_id)
    progress = 70 if task.progress != 70 else 75
    photo = png(tmp_path / "anh-hien-truong.png")

    log_in(phone, email, PASSWORD)
    phone.wait_for_url("**/work/")  # lands on the department's work
    row = phone.locator(f"tr[data-task-id='{task_id}']")
    assert row.get_attribute("data-urgency") == "overdue"  # overdue tasks come first, marked so
    assert row.locator("[data-reason=overdue]").is_visible()
    assert "overdue" in row.get_attribute("class")
    row.locator("td.title a").click()
    phone.wait_for_url(f"**/tasks/{task_id}")
    assert phone.locator("dl.facts .badge", has_text="Quá hạn").is_visible()  # the task page says so too

    form = phone.locator(f"form[action$='/tasks/{task_id}/progress']")
    form.locator("select[name=status]").select_option("in_progress")
    form.locator("input[name=progress]").fill(str(progress))
    form.locator("textarea[name=note]").fill("Đã chụp ảnh hiện trạng bộ phận một cửa")
    form.locator("input[name=evidence]").set_input_files(str(photo))
    assert_fits_the_screen(phone, "the filled-in progress form")
    form.locator("input[type=submit]").click()

    phone.wait_for_url(f"**/tasks/{task_id}")
    assert phone.locator(".flash-success").count() == 2  # progress saved, one evidence file stored
    facts = phone.locator("dl.facts")
    assert facts.locator(".badge.status-in_progress").is_visible() and f"{progress}%" in facts.inner_text()
    evidence = phone.locator("main a", has_text="anh-hien-truong.png")
    assert evidence.first.is_visible()
    assert "Đã chụp ảnh hiện trạng bộ phận một cửa" in phone.locator(".history").first.inner_text()
    assert_fits_the_screen(phone, "the updated task")
    phone.screenshot(path=str(tmp_path / "task-phone.png"), full_page=True)

    db.session.expire_all()
    task = db.session.get(Task, task_id)
    stored = db.session.scalars(select(Evidence).where(Evidence.task_id == task_id)).all()
    assert (task.status, task.progress) == ("in_progress", progress)
    assert [(e.original_name, e.content_type) for e in stored if e.original_name == "anh-hien-truong.png"] \
        == [("anh-hien-truong.png", "image/png")]

    phone.goto("/work/")  # back on the list: still overdue, now at its new progress
    row = phone.locator(f"tr[data-task-id='{task_id}']")
    assert row.get_attribute("data-urgency") == "overdue" and row.locator("td.progress").inner_text().endswith(
        f"{progress}%")
