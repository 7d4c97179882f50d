"""The production set-up for a province as deploy/systemd/ and the README give it, run here
without systemd (the container has none): the env file as systemd reads it, the web service's
ExecStartPre (the migrations) and ExecStart (gunicorn, four workers), the scheduler's
ExecStart, the README's first commands, a login over HTTP, and the README's backup and
restore commands on PostgreSQL, each with the env file's own DATABASE_URL."""
import http.client
import os
import re
import shlex
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import PG_ADMIN_URL, pg_unavailable_reason
from tests.test_outbox import free_port

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy" / "systemd"
PASSWORD = "mat-khau-tinh-1"


def env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines as systemd's EnvironmentFile reads them: comments skipped, a value in
    double quotes unquoted."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            found[key.strip()] = value[1:-1] if value.startswith('"') and value.endswith('"') else value
    return found


def service_commands(name: str) -> dict[str, list[str]]:
    """A unit file's ExecStartPre and ExecStart, pointed at this checkout instead of /opt."""
    found = {}
    for line in (DEPLOY / name).read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("=")
        if key in ("ExecStartPre", "ExecStart", "WorkingDirectory", "EnvironmentFile"):
            found[key] = shlex.split(value.replace("/opt/par-tracker", str(ROOT)))
    return found


@pytest.fixture
def database():
    """A PostgreSQL database of its own, as `createdb --owner tracker tracker` makes one."""
    reason = pg_unavailable_reason()
    if reason:
        pytest.skip(reason)
    name = f"deploy_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield name
    with admin.connect() as conn:
        for db in (name, f"{name}_restored"):
            conn.execute(text(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
    admin.dispose()


def with_database(url: str, name: str) -> str:
    """The env file's DATABASE_URL (its scheme kept) on this machine's server and database."""
    parts = urllib.parse.urlsplit(url)
    admin = urllib.parse.urlsplit(PG_ADMIN_URL)
    return urllib.parse.urlunsplit((parts.scheme, admin.netloc, f"/{name}", "", ""))


def wait_for(url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "the web service stopped"
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer")


class ThroughTheProxy:
    """Requests as the unit's reverse proxy passes them on, TLS ended there (the env file trusts
    one proxy): the session cookie is Secure, so it is kept and sent back by hand."""

    def __init__(self, port: int):
        self.port, self.cookies = port, {}

    def request(self, path: str, form: dict | None = None) -> tuple[int, str, str]:
        """(status, Location, body); redirects are not followed."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7",
                   "Referer": f"https://127.0.0.1:{self.port}/login",  # checked on HTTPS (WTF_CSRF_SSL_STRICT)
                   "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request("POST" if form is not None else "GET", path, body=body, headers=headers)
        response = connection.getresponse()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        answer = (response.status, response.headers.get("Location", ""), response.read().decode())
        connection.close()
        return answer


def test_the_systemd_services_and_the_readmes_commands_run_a_province(database, tmp_path):
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump and pg_restore are not installed")
    settings = env_file(DEPLOY / "par-tracker.env")
    assert settings["TRACKER_CONFIG"] == "production" and settings["UPLOAD_DIR"]
    settings.update(DATABASE_URL=with_database(settings["DATABASE_URL"], database), SECRET_KEY=uuid.uuid4().hex,
                    UPLOAD_DIR=str(tmp_path / "uploads"), SMTP_HOST="")
    (tmp_path / "uploads").mkdir()
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "LANG": "C.UTF-8", **settings}
    web, scheduler = service_commands("par-tracker-web.service"), service_commands("par-tracker-scheduler.service")
    assert web["EnvironmentFile"] == scheduler["EnvironmentFile"] == ["/etc/par-tracker/env"]
    assert Path(web["WorkingDirectory"][0]) == ROOT

    subprocess.run(web["ExecStartPre"], cwd=ROOT, env=env, check=True, capture_output=True)  # db upgrade
    port = free_port()
    command = web["ExecStart"]
    assert command[command.index("--workers") + 1] == "4"
    command[command.index("--bind") + 1] = f"127.0.0.1:{port}"
    processes = [subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)]
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/login", processes[0])
        processes.append(subprocess.Popen(scheduler["ExecStart"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                          stderr=subprocess.STDOUT, text=True))
        # The README's first commands, through the same env file.
        flask = [str(ROOT / ".venv" / "bin" / "flask"), "--app", "wsgi", "tracker"]
        subprocess.run(flask + ["setup", "--unit", "UBND tỉnh Lâm Đồng", "--kind", "province", "--place", "Lâm Đồng",
                                "--issuing-body", "UBND TỈNH LÂM ĐỒNG", "--starter"],
                       cwd=ROOT, env=env, check=True, capture_output=True)
        subprocess.run(flask + ["create-user", "nv@lamdong.gov.vn", "--name", "Quản trị", "--role", "admin",
                                "--password-stdin"], input=PASSWORD + "\n", text=True, cwd=ROOT, env=env, check=True,
                       capture_output=True)

        # The admin logs in through gunicorn and reads the dashboard and the units page.
        browser = ThroughTheProxy(port)
        _status, _location, page = browser.request("/login")
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        status, location, _body = browser.request("/login", {"csrf_token": token, "email": "nv@lamdong.gov.vn",
                                                             "password": PASSWORD})
        assert (status, urllib.parse.urlsplit(location).path) == (302, "/"), (status, location, _body[:500])
        status, _location, dashboard = browser.request("/")
        assert status == 200 and 'data-page="dashboard.index"' in dashboard
        assert browser.request("/units/")[0] == 200

        time.sleep(2)
        assert processes[1].poll() is None, processes[1].stdout.read()  # one scheduler, running
        second = subprocess.run(scheduler["ExecStart"], cwd=ROOT, env=env, capture_output=True, text=True,
                                timeout=60)
        assert second.returncode != 0 and "another scheduler holds the lock" in second.stderr

        # The README's backup, with the env file's DATABASE_URL as it is, and its restore.
        dump = tmp_path / "tracker.dump"
        subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", settings["DATABASE_URL"]], check=True,
                       capture_output=True)
        restored = with_database(settings["DATABASE_URL"], f"{database}_restored")
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{database}_restored"'))
        admin.dispose()
        subprocess.run(["pg_restore", "--clean", "--if-exists", "--dbname", restored, str(dump)], check=True,
                       capture_output=True)
        copy = create_engine(restored.replace("postgresql://", "postgresql+psycopg://", 1))
        with copy.connect() as conn:
            assert conn.execute(text("SELECT email FROM users")).scalars().all() == ["nv@lamdong.gov.vn"]
        copy.dispose()
    finally:
        for process in processes:
            process.terminate()
            process.communicate(timeout=20)  # and its pipes closed
