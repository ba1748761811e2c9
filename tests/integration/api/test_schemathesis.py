"""Schemathesis against the OpenAPI document: whatever it sends, the API never answers 5xx.

Bounded to a few examples per operation so the whole run stays within seconds; it runs once
signed in as an admin (so protected routes are exercised beyond their 401) and once anonymous.
The operations are walked by hand because schemathesis' pytest fixture loader does not work
with this pytest.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tradeguard.domain.roles import Role


@pytest.mark.slow
@pytest.mark.parametrize(("signed_in", "examples"), [(True, 12), (False, 5)], ids=["admin", "anon"])
def test_no_server_errors(app, tokens, signed_in: bool, examples: int) -> None:  # type: ignore[no-untyped-def]
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    headers = {"Authorization": f"Bearer {tokens[Role.ADMIN]}"} if signed_in else {}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 6

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=examples,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case) -> None:  # type: ignore[no-untyped-def]
            case.call_and_validate(headers=headers, checks=[not_a_server_error])

        check()
