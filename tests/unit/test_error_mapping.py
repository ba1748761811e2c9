"""Each domain error maps to its exit code; subclasses keep their parent's mapping."""

from __future__ import annotations

import pytest

from tradeguard.cli.output import exit_code_for
from tradeguard.domain import errors


@pytest.mark.parametrize(
    "error",
    [
        errors.InvalidInput("bad", "field"),
        errors.NotFound("gone"),
        errors.Conflict("stale"),
        errors.Collision("two findings for one hold"),
        errors.RateLimited("slow down", 60),
        errors.Forbidden("no"),
        errors.Unauthenticated("who"),
        errors.Unavailable("the database is busy", 5),
    ],
)
def test_bad_input_and_usage_exit_2(error: errors.TradeguardError) -> None:
    assert exit_code_for(error) == 2


def test_a_subclass_defined_later_keeps_its_parents_code() -> None:
    class StaleCase(errors.Conflict):
        pass

    assert exit_code_for(StaleCase("stale")) == 2
