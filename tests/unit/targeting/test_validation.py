"""The `where` whitelist: what an analyst may write, and every way a rule is refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.domain.errors import InvalidInput
from tradeguard.targeting.validation import validate_where

ACCEPTED = [
    "hts6 IN ('760421', '760429') AND origin_country = 'CN'",
    "unit_value_ratio < 0.4 AND NOT ctpat",
    "value_usd BETWEEN 1000 AND 5000 OR quantity * 2 > 10",
    "description LIKE '%toy%' OR lower(description) ILIKE '%BATTERY%'",
    "adcvd_case IS NULL OR adcvd_rate IS NOT NULL",
    "CASE WHEN spi = 'A' THEN duty_rate = 0 ELSE FALSE END",
    "substr(hts10, 1, 4) = '9503' AND starts_with(hts10, '95') AND length(spi) > 0",
    "abs(coalesce(adcvd_rate, 0) - duty_rate) > 0.1 AND upper(mode) = 'AIR'",
    "entry_date >= DATE '2026-01-01' AND importer_days_known = 0",
    "value_usd % 1000 = 0 AND -quantity < 0",
]

REFUSED = [
    ("value_usd > (SELECT max(value_usd) FROM lake)", "subqueries", "SELECT"),
    ("origin_country = 'CN'; DROP TABLE rule_versions", "exactly one", "DROP"),
    ("origin_country = 'CN' -- skip importer checks", "comments", "skip importer checks"),
    ("origin_country = 'CN' /* hidden */", "comments", "hidden"),
    ("shipper_name = 'ACME'", "unknown column", "shipper_name"),
    ("l.origin_country = 'CN'", "unknown column", "l.origin_country"),
    ("read_csv('/etc/passwd') IS NULL", "function", "read_csv"),
    ("sum(value_usd) > 1000000", "function sum", "SUM(value_usd)"),
    ("regexp_matches(hts10, '^95')", "function", "regexp_matches"),
    ("CAST(value_usd AS VARCHAR) = '1'", "cast", "CAST"),
    ("origin_country > 5", "compares", "origin_country > 5"),
    ("entry_date > '2026-01-01'", "compares", "entry_date"),
    ("value_usd", "not true/false", "value_usd"),
    ("substr(hts10, 0, 2) = '9'", "counts from 1", "SUBSTRING"),
    ("origin_country = 'CN' AND", "cannot parse", "AND"),
    ("adcvd_case IS TRUE", "IS NULL", "IS TRUE"),
    ("entry_date > DATE '2026-13-45'", "not a valid date", "2026-13-45"),
]


@pytest.mark.parametrize("where", ACCEPTED)
def test_the_whitelist_accepts_screening_predicates(where: str) -> None:
    assert validate_where("R-TEST-001", where) is not None


@pytest.mark.parametrize(("where", "problem", "fragment"), REFUSED)
def test_refusal_names_rule_problem_and_fragment(where: str, problem: str, fragment: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        validate_where("R-TEST-042", where)
    message = str(caught.value)
    assert message.startswith("rule R-TEST-042:")
    assert problem.lower() in message.lower()
    assert fragment.lower() in message.lower()


def test_division_is_made_null_safe() -> None:
    sql = validate_where("R-T-1", "value_usd / quantity > 3").sql(dialect="duckdb")
    assert "NULLIF(quantity, 0)" in sql


@given(st.text(max_size=60))
def test_validation_never_crashes_on_arbitrary_text(where: str) -> None:
    try:
        validate_where("R-FUZZ-1", where)
    except InvalidInput as error:
        assert "R-FUZZ-1" in str(error)
