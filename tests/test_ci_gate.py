"""A PostgreSQL or browser test that cannot run is skipped with its reason on a developer's machine,
and fails under CI=true (.ci/run): CI runs every test or says which one it could not.

Runs pytest itself on one PostgreSQL test and one browser test, with no server at the address
given and no Chromium on the PATH."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
TESTS = ["tests/test_outbox.py::test_a_key_is_queued_only_once_per_recipient[postgresql]",
         "tests/test_browser.py::test_wrong_password_shows_a_message_and_stays_on_login[sqlite]"]
NO_SERVER = "postgresql+psycopg://postgres@127.0.0.1:1/test"  # port 1: nothing answers


def run_without_postgresql_or_chromium(ci: str) -> subprocess.CompletedProcess:
    env = {name: value for name, value in os.environ.items() if not name.startswith("PYTEST_")}  # not an xdist worker
    env.update(CI=ci, TEST_POSTGRES_URL=NO_SERVER, PATH=str(Path(sys.executable).parent))
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", "0", *TESTS],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_a_developer_sees_both_skipped_with_the_reason():
    done = run_without_postgresql_or_chromium("")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 skipped" in done.stdout.splitlines()[-1]
    assert f"PostgreSQL not reachable at {NO_SERVER}" in done.stdout
    assert "Debian's chromium is not installed (.ci/run installs it)" in done.stdout


def test_under_ci_both_fail_and_say_why():
    done = run_without_postgresql_or_chromium("true")
    assert done.returncode == 1, done.stdout + done.stderr
    summary = done.stdout.splitlines()[-1]
    assert "2 errors" in summary and "skipped" not in summary and "SKIPPED" not in done.stdout
    assert f"PostgreSQL not reachable at {NO_SERVER}" in done.stdout
    assert "Debian's chromium is not installed (.ci/run installs it)" in done.stdout
    assert "CI=true, so this fails instead of being skipped" in done.stdout
