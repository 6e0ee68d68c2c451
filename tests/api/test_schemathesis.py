"""Property-based check of the whole API against its own committed schema (docs/openapi.yaml),
through WSGI (no server), as a township org admin with a personal token: no 5xx, and every answer
(status code, content type, headers, body) is one the schema documents; invalid input is refused.

Every built-in check runs except ``positive_data_acceptance``: a schema-valid id of a row that does
not exist or lies outside the user's scope (``?within=0``, ``"registered_org": 5``) is refused with
a documented 400 by design, which that check counts as a failure.

Bounded to a few minutes on two cores: every operation gets its schema examples and
``MAX_EXAMPLES`` generated cases (valid and invalid, deterministic); the reads (GET) also get
schemathesis' coverage phase (boundary values of every parameter), which for the writes' large
bodies would take minutes."""

from pathlib import Path

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from orgwork.accounts.tokens import issue_token
from tests.factories import make_person, make_seat, make_term

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"
MAX_EXAMPLES = 5


def load(phases, **filters):
    loaded = schemathesis.openapi.from_path(SCHEMA)
    loaded.app = WSGIHandler()
    loaded.config.generation.update(max_examples=MAX_EXAMPLES, deterministic=True, database="none")
    loaded.config.phases.update(phases=phases)
    # The coverage phase would also send every other HTTP method to each path; one (TRACE) checks
    # the 405 answer, the rest only multiply the run.
    loaded.config.phases.coverage.unexpected_methods = {"trace"}
    return loaded.include(**filters) if filters else loaded


every_operation = load(["examples", "fuzzing"])
reads = load(["coverage"], method="GET")


@pytest.fixture
def keep_test_connection():
    """A WSGI request closes the database connection when it ends (which would end the test's
    transaction); Django's own test client turns that off the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token_key(tree, admin_a, keep_test_connection):
    person = make_person("张三", tree["village_a"])
    make_seat(tree["village_a"], person, role="secretary")
    make_term(tree["village_a"])
    _token, key = issue_token(admin_a, name="schemathesis", session_verified=False)
    return key


def check(case, key):
    case.call_and_validate(
        headers={"Authorization": "Token " + key}, excluded_checks=[positive_data_acceptance]
    )


@pytest.mark.django_db
@every_operation.parametrize()
@settings(suppress_health_check=list(HealthCheck), deadline=None)
def test_api_conforms_to_its_schema(case, token_key):
    check(case, token_key)


@pytest.mark.django_db
@reads.parametrize()
@settings(suppress_health_check=list(HealthCheck), deadline=None)
def test_reads_at_the_boundaries(case, token_key):
    check(case, token_key)
