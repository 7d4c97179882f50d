"""Schemathesis reads the API's own OpenAPI description and throws generated requests at every
operation (valid and invalid): no answer may be a 500, and every answer must keep to the schema."""
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (content_type_conformance, not_a_server_error, response_schema_conformance,
                                 status_code_conformance)

from tracker.extensions import db
from tracker.models import User

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)
def test_no_generated_request_gets_a_500_or_an_answer_outside_the_schema(app, demo):
    admin = db.session.scalar(db.select(User).where(User.email == "admin@example.gov.vn"))
    headers = {"Authorization": f"Bearer {admin.issue_api_token()}"}
    db.session.commit()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 7
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=30, deadline=None, derandomize=True, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
        def run(case):
            case.call_and_validate(headers=headers, checks=CHECKS)
            db.session.rollback()  # the test's own session must not hold what a request changed
        run()
