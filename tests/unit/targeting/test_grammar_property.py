"""Property: every predicate the grammar accepts means the same on DuckDB, Polars and the
real-time interpreter, row by row, NULL (unknown) included. Spark: tests/integration/spark."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, note, settings

from tests.unit.targeting.grammar_cases import (
    by_duckdb,
    by_interpreter,
    by_polars,
    predicates,
    rows,
)
from tradeguard.targeting.validation import validate_where


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(predicates(), rows())
def test_duckdb_polars_and_interpreter_agree(where: str, data: list[dict[str, Any]]) -> None:
    note(f"where: {where}")
    note(f"rows: {data}")
    tree = validate_where("R-PROP-001", where)  # generated from the grammar: always accepted
    expected = by_interpreter(tree, data)
    assert all(v is None or isinstance(v, bool) for v in expected)
    assert by_duckdb(tree, data) == expected, where
    assert by_polars(tree, data) == expected, where


def test_a_constant_compared_with_a_case_over_an_all_null_flag_keeps_every_row() -> None:
    """Found by the property: Polars answered one row for this when `ctpat` was NULL throughout."""
    tree = validate_where("R-PROP-002", "('') = (CASE WHEN ctpat THEN origin_country END)")
    data: list[dict[str, Any]] = [{"ctpat": None, "origin_country": None}] * 2
    assert by_polars(tree, data) == by_interpreter(tree, data) == [None, None]
