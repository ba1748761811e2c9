"""The `where` whitelist: what an analyst may write, and every way a rule is refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.domain.errors import InvalidInput
from tradeguard.targeting.grammar import MAX_NESTING, MAX_WHERE_CHARS
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


@pytest.mark.parametrize(
    "where",
    [
        "(" * 43 + "ctpat" + ")" * 43,
        "(" * 2000 + "ctpat" + ")" * 2000,
        "NOT " * 100 + "ctpat",
        "- " * 60 + "value_usd > 1",
        "CASE WHEN " * 30 + "ctpat" + " THEN TRUE END" * 30,
        "coalesce(" * 30 + "ctpat" + ")" * 30,
    ],
)
def test_deep_nesting_is_refused_before_parsing_not_a_recursion_error(where: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        validate_where("R-DEEP-001", where)
    message = str(caught.value)
    assert message.startswith("rule R-DEEP-001:")
    assert f"{MAX_NESTING} levels" in message or "longer than" in message


def test_the_nesting_limit_is_exact() -> None:
    inside = "(" * MAX_NESTING + "ctpat" + ")" * MAX_NESTING
    assert validate_where("R-DEEP-002", inside) is not None
    with pytest.raises(InvalidInput, match="nested deeper"):
        validate_where("R-DEEP-002", "(" + inside + ")")
    assert validate_where("R-DEEP-003", "NOT " * MAX_NESTING + "ctpat") is not None
    with pytest.raises(InvalidInput, match="nested deeper"):
        validate_where("R-DEEP-003", "NOT " * (MAX_NESTING + 1) + "ctpat")


def test_long_lists_of_conditions_are_not_nesting() -> None:
    many = " AND ".join(f"value_usd <> {i}" for i in range(150))
    assert len(many) < MAX_WHERE_CHARS
    assert validate_where("R-LONG-001", many) is not None


def test_text_beyond_the_size_limit_is_refused_unread() -> None:
    where = "value_usd > 1 OR " * 300 + "ctpat"
    with pytest.raises(InvalidInput, match=f"longer than {MAX_WHERE_CHARS} characters"):
        validate_where("R-LONG-002", where)


@given(st.text(alphabet="()NOT ctpat-+*CASEWHNDL", max_size=3000))
def test_validation_never_crashes(where: str) -> None:
    try:
        validate_where("R-FUZZ-001", where)
    except InvalidInput as error:
        assert str(error).startswith("rule R-FUZZ-001:")


OUTSIDE_THE_GRAMMAR = [
    ("if(value_usd > 1, true, false)", "if is not allowed", "IF(value_usd > 1, TRUE, FALSE)"),
    ("CASE spi WHEN 'A' THEN TRUE END", "CASE WHEN column = value", "CASE spi"),
    ("adcvd_rate = NULL", "IS NULL", "NULL"),
    ("NOT value_usd", "NOT of a non-boolean", "NOT value_usd"),
    ("-hts10 = 1", "minus of a non-number", "hts10"),
    ("value_usd IN (1, value_usd)", "IN options", "IN"),
    ("ctpat IN (TRUE)", "IN compares text or numbers", "ctpat"),
    ("hts10 LIKE lower(hts10)", "LIKE pattern", "LIKE"),
    ("hts10 LIKE 'a\\%'", "without backslashes", "LIKE"),
    ("starts_with(hts10, spi)", "text literal prefix", "starts_with"),
    ("CASE WHEN ctpat THEN 1 ELSE 'a' END = 1", "CASE mixes", "CASE"),
    ("coalesce(spi, 0) = 0", "coalesce mixes", "COALESCE"),
    ("lower(value_usd) = 'a'", "lower of a non-text", "LOWER"),
    ("value_usd > 1e16", "between 1e-15 and 1e15", "1e16"),
    ("value_usd > 1.0000000000000001", "significant digits", "1.0000000000000001"),
    ("value_usd * 2 * 2 * 2 * 2 * 2 * 2 * 2 * 2 * 2 > 1", "multiplications", "value_usd"),
    ("TRY_CAST(hts10 AS DATE) IS NULL", "DATE 'YYYY-MM-DD'", "TRY_CAST"),
]


@pytest.mark.parametrize(("where", "problem", "fragment"), OUTSIDE_THE_GRAMMAR)
def test_what_an_engine_would_read_differently_is_refused(
    where: str, problem: str, fragment: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        validate_where("R-GRAM-001", where)
    message = str(caught.value)
    assert message.startswith("rule R-GRAM-001:")
    assert problem.lower() in message.lower()
    assert fragment.lower() in message.lower()


def test_not_like_is_a_negation_every_engine_sees() -> None:
    tree = validate_where("R-GRAM-002", "hts10 NOT LIKE '95%'")
    assert tree.sql() == "NOT hts10 LIKE '95%'"
