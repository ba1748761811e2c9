"""Property: every predicate the rule grammar accepts means on Spark what it means in the
real-time interpreter (and so on DuckDB and Polars, tests/unit/targeting), row by row, NULLs
included. Fewer examples than the unit property: each one is a Spark job on the shared session."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from tests.unit.targeting.grammar_cases import by_interpreter, predicates, rows, table
from tradeguard.targeting.rendering import render
from tradeguard.targeting.validation import validate_where


def by_spark(spark: Any, where_sql: str, data: list[dict[str, Any]]) -> list[Any]:
    frame = spark.createDataFrame(table(data))  # collect() keeps the rows in order
    return [row["v"] for row in frame.selectExpr(f"({where_sql}) AS v").collect()]


@pytest.mark.spark
@pytest.mark.slow
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(where=predicates(), data=rows())
def test_spark_agrees_with_the_interpreter(
    spark: Any, where: str, data: list[dict[str, Any]]
) -> None:
    tree = validate_where("R-PROP-001", where)
    assert by_spark(spark, render(tree, "spark"), data) == by_interpreter(tree, data), where
