"""The lock files (`make install` installs requirements-dev.lock with --require-hashes) pin exactly
what pyproject.toml pins, every package with its hashes: `make lock` was run after the last change
to pyproject.toml, and the runtime lock is the dev lock's runtime part."""
import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
ENTRY = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+?)(?: ; (.+?))? \\$")


def locked(name: str) -> dict[tuple[str, str, str], set[str]]:
    """{(package, version, marker): hashes} of a lock file (a package may be pinned once per range
    of Python versions: numpy's newest releases need 3.12)."""
    entries, current = {}, None
    for line in (ROOT / name).read_text().splitlines():
        if match := ENTRY.match(line):
            package, version, marker = match.groups()
            current = (canonicalize_name(package), version, marker or "")
            entries[current] = set()
        elif line.strip().startswith("--hash=sha256:") and current:
            entries[current].add(line.strip().removesuffix(" \\"))
        elif not line.startswith(" "):
            current = None
    return entries


def versions(entries) -> dict[str, set[str]]:
    found = {}
    for package, version, _marker in entries:
        found.setdefault(package, set()).add(version)
    return found


def pins(requirements: list[str]) -> dict[str, str]:
    result = {}
    for text in requirements:
        requirement = Requirement(text)
        (specifier,) = requirement.specifier  # pyproject.toml pins every direct dependency
        assert specifier.operator == "==", text
        result[canonicalize_name(requirement.name)] = specifier.version
    return result


PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
RUNTIME, DEV = locked("requirements.lock"), locked("requirements-dev.lock")


def test_every_locked_package_has_its_hashes():
    for entries in (RUNTIME, DEV):
        assert entries
        for entry, hashes in entries.items():
            assert hashes, entry


def test_the_locks_pin_what_pyproject_pins():
    runtime, dev = versions(RUNTIME), versions(DEV)
    for package, version in pins(PROJECT["dependencies"]).items():
        assert runtime.get(package) == {version}, (package, version, "run `make lock`")
        assert dev.get(package) == {version}, (package, version, "run `make lock`")
    for package, version in pins(PROJECT["optional-dependencies"]["dev"]).items():
        assert dev.get(package) == {version}, (package, version, "run `make lock`")


def test_the_runtime_lock_is_the_dev_locks_runtime_part():
    """The same versions with the same hashes (a marker may be wider in the dev lock: playwright
    needs greenlet wherever it runs, SQLAlchemy only on some machines)."""
    dev = {(package, version): hashes for (package, version, _marker), hashes in DEV.items()}
    for (package, version, _marker), hashes in RUNTIME.items():
        assert dev.get((package, version)) == hashes, (package, version)


def test_the_lock_serves_every_python_the_project_supports():
    assert PROJECT["requires-python"] == ">=3.11,<3.14"
    header = (ROOT / "requirements-dev.lock").read_text().splitlines()[:2]
    assert header[1].strip() == "#    make lock"
