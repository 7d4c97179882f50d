"""The command line: exit codes, stdin passwords and API tokens (CONTRACT §3)."""
from sqlalchemy import func, select

from tests import factories
from tracker.extensions import db
from tracker.models import User


def user_count():
    return db.session.scalar(select(func.count(User.id)))


def test_create_user_reads_the_password_from_stdin(app, runner, client, auth):
    factories.department("NV")
    db.session.commit()
    result = runner.invoke(args=["tracker", "create-user", "nv@example.gov.vn", "--name", "Cán bộ NV",
                                 "--role", "department", "--department", "NV", "--password-stdin"],
                           input="a-long-password\n")
    assert result.exit_code == 0, result.output
    assert "nv@example.gov.vn" in result.output
    assert auth.login("nv@example.gov.vn", "a-long-password").status_code == 302


def test_create_user_bad_input_exits_2_and_writes_nothing(app, runner):
    factories.department("NV")
    db.session.commit()
    cases = [
        (["x@example.gov.vn", "--name", "X", "--role", "department", "--password-stdin"], "needs a department"),
        (["x@example.gov.vn", "--name", "X", "--role", "department", "--department", "ZZ", "--password-stdin"], "ZZ"),
        (["not-an-email", "--name", "X", "--role", "admin", "--password-stdin"], "not a valid email"),
        (["x@example.gov.vn", "--name", "X", "--role", "admin", "--password-stdin"], "at least 8"),
        (["x@example.gov.vn", "--name", "X", "--role", "boss", "--password-stdin"], "boss"),
        (["x@example.gov.vn", "--name", "X", "--role", "admin"], "--password-stdin"),
    ]
    for args, message in cases:
        password = "short\n" if "at least 8" in message else "long-enough-pw\n"
        result = runner.invoke(args=["tracker", "create-user", *args], input=password)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output, (message, result.output)
    assert user_count() == 0


def test_duplicate_user_is_refused(app, runner):
    factories.user("a@example.gov.vn")
    db.session.commit()
    result = runner.invoke(args=["tracker", "create-user", "a@example.gov.vn", "--name", "A", "--role",
                                 "admin", "--password-stdin"], input="long-enough-pw\n")
    assert result.exit_code == 2 and "already exists" in result.output
    assert user_count() == 1


def test_create_token_prints_a_token_that_replaces_the_old_one(app, runner, client):
    factories.user("a@example.gov.vn", "leader")
    db.session.commit()
    first = runner.invoke(args=["tracker", "create-token", "a@example.gov.vn"]).output.strip()
    assert client.get("/tasks/", headers={"Authorization": f"Bearer {first}"}).status_code == 200
    second = runner.invoke(args=["tracker", "create-token", "a@example.gov.vn"]).output.strip()
    assert second != first
    assert client.get("/tasks/", headers={"Authorization": f"Bearer {first}"}).status_code == 302
    assert client.get("/tasks/", headers={"Authorization": f"Bearer {second}"}).status_code == 200
    stored = db.session.scalar(select(User.api_token_hash))
    assert second not in stored  # only a hash is kept


def test_create_token_for_unknown_user_exits_2(app, runner):
    result = runner.invoke(args=["tracker", "create-token", "nobody@example.gov.vn"])
    assert result.exit_code == 2 and "nobody@example.gov.vn" in result.output
