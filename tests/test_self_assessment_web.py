"""The self-assessment page, its downloads and the evidence downloads, role by role over HTTP."""
from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from sqlalchemy import select

from tests import factories
from tests.conftest import count_statements
from tests.self_assessment_world import (ADMIN, LEADER, NV_OFFICER, PDF, TP_OFFICER, attach,  # noqa: F401 (fixtures)
                                         by_code_world, carried)
from tracker.exporters.self_assessment_xlsx import FILES_SHEET, HEADER_ROW, SHEET
from tracker.extensions import db
from tracker.models import Plan, Task, User

READERS = [ADMIN, LEADER]
OFFICERS = [NV_OFFICER, TP_OFFICER]


def urls(plan_id):
    base = f"/plans/{plan_id}/self-assessment"
    return {"page": base, "xlsx": base + ".xlsx", "zip": base + "/evidence.zip"}


@pytest.mark.parametrize("email", READERS)
def test_admins_and_leaders_open_the_page_and_download_both_files(client, auth, carried, email):
    auth.login(email, factories.PASSWORD)
    plan_id = carried["plan_id"]
    assert urls(plan_id)["page"] in client.get(f"/plans/{plan_id}").get_data(as_text=True)  # reachable from the plan
    page = client.get(urls(plan_id)["page"])
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Bộ chỉ số: Bộ chỉ số cấp xã 2026" in text and "Bộ chỉ số kế hoạch đã được chuyển sang" in text
    assert 'data-code="1.3" data-basis="claimed"' in text and 'data-code="2.1" data-basis="survey"' in text
    assert 'data-code="1.5" data-basis="new"' in text
    assert f'href="/tasks/evidence/{carried["files"]["minutes"]}"' in text  # every file, with its link

    sheet = client.get(urls(plan_id)["xlsx"])
    assert sheet.status_code == 200 and sheet.mimetype.endswith("spreadsheetml.sheet")
    assert 'filename=tu-danh-gia-2026-ke-hoach-12-kh-ubnd.xlsx' in sheet.headers["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(sheet.data))
    claims = {r[0]: r[5] for r in book[SHEET].iter_rows(min_row=HEADER_ROW + 1, values_only=True)}
    assert (claims["1.1"], claims["1.3"], claims["1.4"], claims["2.1"], claims["Tổng cộng"]) == (2, 4, 3, None, 11)
    assert len(list(book[FILES_SHEET].iter_rows(min_row=HEADER_ROW + 1))) == 5

    archive = client.get(urls(plan_id)["zip"])
    assert archive.status_code == 200 and archive.mimetype == "application/zip" and archive.is_streamed
    assert "tai-lieu-kiem-chung-2026-ke-hoach-12-kh-ubnd.zip" in archive.headers["Content-Disposition"]
    assert archive.headers["Cache-Control"] == "no-store"
    names = zipfile.ZipFile(io.BytesIO(archive.data)).namelist()
    assert len(names) == 5 and "1.3 - Báo cáo CCHC định kỳ/x.pdf" in names


@pytest.mark.parametrize("email", OFFICERS)
def test_department_officers_get_neither_the_page_nor_the_files(client, auth, carried, email):
    auth.login(email, factories.PASSWORD)
    plan_id = carried["plan_id"]
    assert "self-assessment" not in client.get(f"/plans/{plan_id}").get_data(as_text=True)
    for what, url in urls(plan_id).items():
        assert client.get(url).status_code == 403, what


def test_anonymous_visitors_are_sent_to_the_login(client, carried):
    for url in urls(carried["plan_id"]).values():
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.location


@pytest.mark.parametrize("email, allowed", [
    (ADMIN, {"plan", "report", "minutes"}), (LEADER, {"plan", "report", "minutes"}),
    (NV_OFFICER, {"plan", "report"}),   # Phòng Nội vụ leads 1.1 and 1.2, not the second half of 1.4
    (TP_OFFICER, {"minutes"}),          # Phòng Tư pháp leads only that half
])
def test_each_role_downloads_only_the_evidence_it_may(client, auth, carried, email, allowed):
    auth.login(email, factories.PASSWORD)
    for key in ("plan", "report", "minutes"):
        with client.get(f"/tasks/evidence/{carried['files'][key]}") as response:
            assert response.status_code == (200 if key in allowed else 403), key
            if key in allowed:
                assert response.data.startswith(PDF)


def test_a_task_page_names_other_departments_evidence_without_a_link(client, auth, carried):
    auth.login(TP_OFFICER, factories.PASSWORD)
    page = client.get(f"/tasks/{carried['tasks']['1.1']}").get_data(as_text=True)
    assert "Kế hoạch CCHC 2026.pdf" in page and f"/tasks/evidence/{carried['files']['plan']}" not in page
    own = client.get(f"/tasks/{carried['tasks']['1.4b']}").get_data(as_text=True)
    assert f'href="/tasks/evidence/{carried["files"]["minutes"]}"' in own


def test_without_a_set_for_next_year_the_page_says_what_to_import(client, auth, app, today):
    factories.plan_with_tasks(factories.department("NV"), factories.department("TP"), today)
    factories.user(ADMIN, "admin")
    db.session.commit()
    plan_id = db.session.scalar(select(Plan.id))
    auth.login(ADMIN, factories.PASSWORD)
    page = client.get(urls(plan_id)["page"])
    assert page.status_code == 200 and "Chưa có bộ chỉ số năm 2026" in page.get_data(as_text=True)
    for what in ("xlsx", "zip"):
        response = client.get(urls(plan_id)[what])
        assert response.status_code == 302 and response.location.endswith(urls(plan_id)["page"])
    assert client.get("/plans/9999/self-assessment").status_code == 404


def test_the_page_says_the_set_is_matched_by_code_and_what_to_check(client, auth, by_code_world):
    auth.login(ADMIN, factories.PASSWORD)  # mail_world's admin
    text = client.get(urls(by_code_world.plan.id)["page"]).get_data(as_text=True)
    assert "Bộ chỉ số công bố cho năm 2026" in text and "đối chiếu theo mã" in text
    assert f"/plans/{by_code_world.plan.id}/carry-over" in text  # an admin may carry the plan over first
    check = text.split('id="check"')[1]
    assert "1.6" in check and "1.2" in check
    response = client.get(urls(by_code_world.plan.id)["zip"], follow_redirects=True)
    assert "Không có tài liệu kiểm chứng" in response.get_data(as_text=True)  # its one file is on 1.6, left out


def test_the_list_is_paginated_and_the_pager_keeps_the_plan(client, auth, carried):
    auth.login(LEADER, factories.PASSWORD)
    url = urls(carried["plan_id"])["page"]
    first = client.get(url + "?per_page=4").get_data(as_text=True)
    assert 'data-code="1.4"' in first and 'data-code="1.5"' not in first
    assert f'href="{url}?per_page=4&amp;page=2"' in first or f'href="{url}?page=2&amp;per_page=4"' in first
    second = client.get(url + "?per_page=4&page=2").get_data(as_text=True)
    assert 'data-code="1.5"' in second and 'data-code="2.1"' in second and 'data-code="1.1"' not in second


def test_the_page_runs_as_many_queries_whatever_the_tasks_and_files(app, client, auth, carried):
    auth.login(ADMIN, factories.PASSWORD)
    url = urls(carried["plan_id"])["page"]
    before, _page = count_statements(client, url)
    nv = db.session.scalar(select(User).where(User.email == NV_OFFICER))
    for task in db.session.scalars(select(Task).where(Task.plan_id == carried["plan_id"])):
        for n in range(3):
            attach(app, task, f"them-{n}.pdf", nv)
    db.session.commit()
    after, page = count_statements(client, url)
    assert after == before and "them-2.pdf" in page.get_data(as_text=True)
