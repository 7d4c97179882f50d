"""Departments report progress with evidence; Internal Affairs verifies or returns; the figures move."""
import io
import os
import threading

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from tests import factories
from tests.conftest import FreshContextClient, csrf_token
from tracker.extensions import db
from tracker.models import Evidence, Notification, ProgressUpdate, Task
from tracker.services import projection

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


@pytest.fixture
def setup(app, today):
    nv, tp = factories.department("NV", emails="nv-contact@example.gov.vn"), factories.department("TP")
    factories.user("admin@example.gov.vn", "admin")
    factories.user("nv@example.gov.vn", "department", "NV")
    factories.user("tp@example.gov.vn", "department", "TP")
    _plan, tasks = factories.plan_with_tasks(nv, tp, today)
    db.session.commit()
    return {code: t.id for code, t in tasks.items()}


def stored_files(app) -> list[str]:
    root = app.config["UPLOAD_DIR"]
    return [os.path.join(d, f) for d, _dirs, files in os.walk(root) for f in files] if os.path.isdir(root) else []


def post_progress(client, task_id, files=(), **changes):
    page = client.get(f"/tasks/{task_id}").get_data(as_text=True)
    version = page.split('name="version" type="hidden" value="')[1].split('"')[0]
    fields = {"status": "in_progress", "progress": "50", "note": "", "version": version,
              "csrf_token": csrf_token(page), **changes}
    # Encoded here, in memory: Werkzeug's test builder would spool a large body to a temp
    # file that nothing closes.
    body = MultiDict(list(fields.items()) + [
        ("evidence", FileStorage(io.BytesIO(d), filename=name)) for d, name in files])
    boundary, payload = encode_multipart(body)
    return client.post(f"/tasks/{task_id}/progress", data=payload,
                       content_type=f"multipart/form-data; boundary={boundary}")


def nothing_stored(app, task_id):
    assert stored_files(app) == []
    assert db.session.scalar(select(func.count(Evidence.id))) == 0
    assert db.session.scalar(select(func.count(ProgressUpdate.id)).where(ProgressUpdate.task_id == task_id)) == 0


def test_department_uploads_evidence_with_its_progress(app, client, auth, setup):
    auth.login("nv@example.gov.vn", factories.PASSWORD)
    response = post_progress(client, setup["1.1"], [(PDF, "Kế hoạch CCHC 2026.pdf"), (PNG, "anh.png")],
                             note="Đã ban hành kế hoạch")
    assert response.status_code == 302
    items = db.session.scalars(select(Evidence).order_by(Evidence.id)).all()
    assert [e.original_name for e in items] == ["Kế hoạch CCHC 2026.pdf", "anh.png"]
    assert all(e.update.note == "Đã ban hành kế hoạch" for e in items)
    files = stored_files(app)
    assert len(files) == 2 and not any("Kế hoạch" in f or f.endswith(".pdf") for f in files)
    assert all(os.path.basename(f) == e.stored_name for f, e in zip(sorted(files), sorted(items, key=lambda e: e.stored_name)))
    assert "static" not in app.config["UPLOAD_DIR"]
    with client.get(f"/tasks/evidence/{items[0].id}") as download:  # closes the file like a server
        assert download.status_code == 200 and download.data == PDF
        assert "attachment" in download.headers["Content-Disposition"]


def test_evidence_downloads_need_a_login(app, client, auth, setup):
    auth.login("nv@example.gov.vn", factories.PASSWORD)
    post_progress(client, setup["1.1"], [(PDF, "qd.pdf")])
    evidence_id = db.session.scalar(select(Evidence.id))
    auth.logout()
    response = client.get(f"/tasks/evidence/{evidence_id}")
    assert response.status_code == 302 and "/login" in response.location


def test_another_departments_officer_sees_the_name_but_may_not_download(app, client, auth, setup):
    auth.login("nv@example.gov.vn", factories.PASSWORD)
    post_progress(client, setup["1.1"], [(PDF, "qd-nv.pdf")])
    evidence_id = db.session.scalar(select(Evidence.id))
    auth.logout()
    auth.login("tp@example.gov.vn", factories.PASSWORD)  # Phòng Tư pháp leads 1.2, not 1.1
    assert client.get(f"/tasks/evidence/{evidence_id}").status_code == 403
    page = client.get(f"/tasks/{setup['1.1']}").get_data(as_text=True)
    assert "qd-nv.pdf" in page and f"/tasks/evidence/{evidence_id}" not in page
    auth.logout()
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    with client.get(f"/tasks/evidence/{evidence_id}") as download:
        assert download.status_code == 200 and download.data == PDF


@pytest.mark.parametrize("data, name, message", [
    (b"MZ\x90\x00 program", "virus.exe", "chỉ nhận tệp pdf"),
    (b"just text", "bao-cao.pdf", "không đúng là tệp .pdf"),
    (PDF, "../../etc/passwd.pdf", "không được phép"),
    (PDF, "..\\..\\boot.pdf", "không được phép"),
    (b"", "rong.pdf", "trống"),
    (PDF, "hoso\u202efdp.exe.pdf", "ký tự ẩn"),       # right-to-left override: reads "hosofdp…"
    (PDF, "bao\u2066cao\u2069.pdf", "ký tự ẩn"),       # bidi isolates
    (PDF, "a\u200b.pdf", "ký tự ẩn"),                   # zero-width space
    # Characters that show as nothing, refused by their Unicode properties, not by a list (issue 22):
    (PDF, "bao\u3164cao.pdf", "U+3164"),                # Hangul filler
    (PDF, "\u115fbaocao.pdf", "U+115F"),                # Hangul choseong filler
    (PDF, "bao\uffa0cao.pdf", "U+FFA0"),                # halfwidth Hangul filler
    (PDF, "bao\u034fcao.pdf", "U+034F"),                # combining grapheme joiner
    (PDF, "bao\u2028cao.pdf", "U+2028"),                # line separator
    (PDF, "bao\u2029cao.pdf", "U+2029"),                # paragraph separator
    (PDF, "bao\u2800cao.pdf", "U+2800"),                # braille pattern blank
    (PDF, "bao\ufe0fcao.pdf", "U+FE0F"),                # a variation selector
    (PDF, "bao\U000e0041cao.pdf", "U+E0041"),           # a tag character
])
def test_bad_files_are_refused_with_a_message_and_nothing_is_stored(app, client, auth, setup, data, name, message):
    auth.login("nv@example.gov.vn", factories.PASSWORD)
    response = post_progress(client, setup["1.1"], [(PDF, "tot.pdf"), (data, name)])
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    nothing_stored(app, setup["1.1"])
    assert db.session.get(Task, setup["1.1"]).progress == 0


def test_oversized_file_is_refused(app, client, auth, setup):
    app.config["UPLOAD_MAX_MB"] = 1
    auth.login("nv@example.gov.vn", factories.PASSWORD)
    big = PDF + b"0" * (1024 * 1024)
    response = post_progress(client, setup["1.1"], [(big, "lon.pdf")])
    assert response.status_code == 422 and "quá lớn" in response.get_data(as_text=True)
    nothing_stored(app, setup["1.1"])


def test_request_above_the_limit_gets_413_with_a_message(app, client, auth, setup):
    auth.login("nv@example.gov.vn", factories.PASSWORD)
    limit = app.config["MAX_CONTENT_LENGTH"]
    response = post_progress(client, setup["1.1"], [(PDF + b"0" * limit, "rat-lon.pdf")])
    assert response.status_code == 413 and "Tệp quá lớn" in response.get_data(as_text=True)
    nothing_stored(app, setup["1.1"])


def test_another_departments_task_is_refused_and_nothing_stored(app, client, auth, setup):
    auth.login("tp@example.gov.vn", factories.PASSWORD)
    page = client.get("/tasks/").get_data(as_text=True)
    response = client.post(f"/tasks/{setup['1.1']}/progress", data={
        "status": "done", "progress": "100", "version": "1", "csrf_token": csrf_token(page),
        "evidence": [(io.BytesIO(PDF), "qd.pdf")]}, content_type="multipart/form-data")
    assert response.status_code == 403
    nothing_stored(app, setup["1.1"])


def test_done_notifies_admins_and_verification_secures_the_points(app, client, auth, setup, today):
    task = db.session.get(Task, setup["1.1"])
    assessment = task.plan.assessment
    before = projection.for_assessment(assessment, today)
    auth.login("nv@example.gov.vn", factories.PASSWORD)
    assert post_progress(client, setup["1.1"], [(PDF, "qd.pdf")], status="done").status_code == 302
    notes = db.session.scalars(select(Notification).where(Notification.kind == "task_done")).all()
    assert [n.recipient for n in notes] == ["admin@example.gov.vn"] and "1.1" in notes[0].subject
    after_done = projection.for_assessment(assessment, today)
    assert after_done["expected"] == round(before["expected"] + 1.0, 2)  # 1.1 lost 1 point
    assert after_done["secured"] == before["secured"]
    auth.logout()

    auth.login("admin@example.gov.vn", factories.PASSWORD)
    page = client.get(f"/tasks/{setup['1.1']}").get_data(as_text=True)
    assert "Xác nhận đạt" in page and "qd.pdf" in page
    version = page.split('action="/tasks/%d/verify"' % setup["1.1"])[1].split('name="version" type="hidden" value="')[1].split('"')[0]
    response = client.post(f"/tasks/{setup['1.1']}/verify", data={"version": version, "csrf_token": csrf_token(page)})
    assert response.status_code == 302
    assert db.session.get(Task, setup["1.1"]).status == "verified"
    verified = projection.for_assessment(assessment, today)
    assert verified["secured"] == round(before["secured"] + 1.0, 2)
    assert verified["tasks"]["verified"] == 1


def test_admin_returns_a_task_with_a_reason_and_the_department_is_told(app, client, auth, setup):
    auth.login("nv@example.gov.vn", factories.PASSWORD)
    post_progress(client, setup["1.1"], [(PDF, "qd.pdf")], status="done")
    auth.logout()
    auth.login("admin@example.gov.vn", factories.PASSWORD)
    page = client.get(f"/tasks/{setup['1.1']}").get_data(as_text=True)
    version = page.split('action="/tasks/%d/return"' % setup["1.1"])[1].split('name="version" type="hidden" value="')[1].split('"')[0]
    empty = client.post(f"/tasks/{setup['1.1']}/return", data={"reason": "", "version": version,
                                                                "csrf_token": csrf_token(page)})
    assert empty.status_code == 422 and db.session.get(Task, setup["1.1"]).status == "done"
    response = client.post(f"/tasks/{setup['1.1']}/return", data={
        "reason": "Thiếu quyết định ban hành kèm theo", "version": version, "csrf_token": csrf_token(page)})
    assert response.status_code == 302
    task = db.session.get(Task, setup["1.1"])
    assert (task.status, task.progress) == ("in_progress", 90)
    assert task.updates[0].note == "Thiếu quyết định ban hành kèm theo"
    mails = db.session.scalars(select(Notification).where(Notification.kind == "task_returned")
                               .order_by(Notification.recipient)).all()
    assert [m.recipient for m in mails] == ["nv-contact@example.gov.vn", "nv@example.gov.vn"]
    for mail in mails:  # one message per recipient, each with the reason and the link
        assert "Thiếu quyết định ban hành kèm theo" in mail.body_text and f"/tasks/{task.id}" in mail.body_text


def test_only_admins_verify_or_return(app, client, auth, setup):
    auth.login("nv@example.gov.vn", factories.PASSWORD)
    token = csrf_token(client.get("/tasks/").get_data(as_text=True))
    for action in ("verify", "return"):
        response = client.post(f"/tasks/{setup['1.1']}/{action}", data={"version": "1", "reason": "x",
                                                                        "csrf_token": token})
        assert response.status_code == 403
    assert db.session.get(Task, setup["1.1"]).status == "not_started"


def test_simultaneous_updates_with_the_same_version_exactly_one_wins(app, auth, client, setup):
    """Two officers press Save at the same moment on the same version of the task."""
    auth.login("nv@example.gov.vn", factories.PASSWORD)
    admin = FreshContextClient(app, app.response_class, use_cookies=True)
    page = admin.get("/login").get_data(as_text=True)
    admin.post("/login", data={"email": "admin@example.gov.vn", "password": factories.PASSWORD,
                               "csrf_token": csrf_token(page)})
    forms = []
    for c in (client, admin):
        page = c.get(f"/tasks/{setup['1.1']}").get_data(as_text=True)
        version = page.split('name="version" type="hidden" value="')[1].split('"')[0]
        forms.append({"status": "in_progress", "progress": "40", "version": version, "csrf_token": csrf_token(page)})
    forms[1]["progress"] = "70"
    barrier, codes = threading.Barrier(2), {}

    def save(name, c, form):
        barrier.wait()
        codes[name] = c.post(f"/tasks/{setup['1.1']}/progress", data=form).status_code

    threads = [threading.Thread(target=save, args=(n, c, f)) for n, c, f in (("nv", client, forms[0]), ("admin", admin, forms[1]))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(codes.values()) == [302, 409], codes
    task = db.session.get(Task, setup["1.1"])
    db.session.refresh(task)
    assert task.version == int(forms[0]["version"]) + 1 and len(task.updates) == 1
    assert task.progress == (40 if codes["nv"] == 302 else 70)


def test_too_many_files_in_one_update_are_refused_and_say_so(app, client, auth, setup):
    auth.login("nv@example.gov.vn", factories.PASSWORD)
    limit = app.config["MAX_EVIDENCE_FILES"]
    response = post_progress(client, setup["1.1"], [(PDF, f"{n}.pdf") for n in range(limit + 1)])
    assert response.status_code == 422
    assert f"Quá nhiều tệp trong một lần cập nhật: tối đa {limit} tệp." in response.get_data(as_text=True)
    nothing_stored(app, setup["1.1"])


# Werkzeug stops parsing at the limit and leaves the file parts it read to the garbage collector.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_more_parts_than_werkzeug_parses_is_a_413_that_says_too_many_files(app, client, auth, setup):
    auth.login("nv@example.gov.vn", factories.PASSWORD)
    response = post_progress(client, setup["1.1"], [(PDF, f"{n}.pdf") for n in range(app.config["MAX_FORM_PARTS"] + 1)])
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "Quá nhiều tệp hoặc trường trong một yêu cầu" in html and "quá lớn" not in html
    nothing_stored(app, setup["1.1"])


CRASH = """
import os, sys
sys.path.insert(0, {root!r})
from tracker import create_app
from tracker.domain.filetypes import check_evidence
from tracker.extensions import db
from tracker.models import Task, User
from tracker.services import evidence
app = create_app("testing", {{"SQLALCHEMY_DATABASE_URI": {url!r}, "UPLOAD_DIR": {uploads!r}}})
with app.app_context():
    task, user = db.session.get(Task, {task_id}), db.session.scalar(db.select(User).limit(1))
    pdf = {pdf!r}
    evidence.store(app.config["UPLOAD_DIR"], task, None, user, [(pdf, check_evidence(pdf, "qd.pdf", 10**6))], [])
    os._exit(9)  # killed after writing the file, before the commit
"""


@pytest.mark.slow
def test_a_worker_killed_mid_upload_leaves_a_file_the_scheduler_sweeps(app, setup, database_url):
    import subprocess
    import sys
    import time
    from pathlib import Path

    from tracker.notify import scheduler
    from tracker.services import evidence
    root = str(Path(__file__).resolve().parents[1])
    script = CRASH.format(root=root, url=database_url, uploads=app.config["UPLOAD_DIR"], task_id=setup["1.1"], pdf=PDF)
    assert subprocess.run([sys.executable, "-c", script], capture_output=True).returncode == 9
    [orphan] = stored_files(app)
    assert db.session.scalar(select(func.count(Evidence.id))) == 0
    assert scheduler.sweep_uploads(app) == 0            # an upload may still be in flight: kept
    os.utime(orphan, (time.time() - 7200, time.time() - 7200))
    kept = stored_files(app)
    client = app.test_client()  # a real upload that committed is never swept, however old
    app.test_client_class = FreshContextClient
    client = app.test_client()
    client.post("/login", data={"email": "nv@example.gov.vn", "password": factories.PASSWORD,
                                "csrf_token": csrf_token(client.get("/login").get_data(as_text=True))})
    post_progress(client, setup["1.1"], [(PDF, "that.pdf")])
    for path in stored_files(app):
        os.utime(path, (time.time() - 7200, time.time() - 7200))
    assert scheduler.sweep_uploads(app) == 1
    assert not os.path.exists(orphan) and kept == [orphan]
    [remaining] = stored_files(app)
    assert os.path.basename(remaining) == db.session.scalar(select(Evidence.stored_name))
    assert evidence.sweep_orphans(app.config["UPLOAD_DIR"]) == []
