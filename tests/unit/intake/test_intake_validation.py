"""Every rejection reason, and the vectorised checks agreeing with the single-declaration model."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from tests.factories import TEST_REFS, declaration_row
from tradeguard.domain.declaration import COLUMNS, Declaration
from tradeguard.domain.entry_number import check_digit, entry_no_problem, make_entry_no
from tradeguard.intake.conversion import typed
from tradeguard.intake.validation import validate

TODAY = date(2026, 11, 28)
NO_KEYS = pl.DataFrame(schema={"entry_no": pl.String, "line_no": pl.Int32})


def run(rows: list[dict[str, str]], loaded: pl.DataFrame = NO_KEYS) -> pl.DataFrame:
    frame = pl.DataFrame(rows, schema={c: pl.String for c in COLUMNS})
    return validate(frame, TEST_REFS, loaded, TODAY)


def reason_of(**overrides: str) -> str | None:
    return run([declaration_row(**overrides)]).get_column("_reason")[0]


def test_issue_example_check_digit() -> None:
    assert check_digit("ABC1234567") == 5
    assert entry_no_problem("ABC12345675") is None
    assert entry_no_problem("ABC12345674") is not None


def test_valid_row_is_accepted() -> None:
    assert reason_of() is None


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"entry_no": ""}, "entry_no: required"),
        ({"entry_no": "ABC12345674"}, "entry_no: bad format or check digit"),
        ({"entry_no": "AB12345675"}, "entry_no: bad format or check digit"),
        ({"line_no": "x"}, "line_no: not a whole number"),
        ({"line_no": "0"}, "line_no: must be at least 1"),
        ({"entry_date": "02/03/2026"}, "entry_date: not a date (YYYY-MM-DD)"),
        (
            {"entry_date": "1985-01-01"},
            "entry_date: outside the sane range 1990-01-01 to 2027-11-29",
        ),
        ({"port_code": "27A4"}, "port_code: not a 4-digit Schedule D code"),
        ({"port_code": "9999"}, "port_code: unknown port"),
        ({"mode": "pigeon"}, "mode: unknown mode of transport"),
        ({"entry_type": "99"}, "entry_type: unknown entry type"),
        ({"filer_code": "AB"}, "filer_code: not 3 letters or digits"),
        ({"filer_code": "XYZ"}, "filer_code: differs from the entry number's filer code"),
        ({"importer_id": ""}, "importer_id: required"),
        ({"manufacturer_id": "M" * 33}, "manufacturer_id: longer than 32 characters"),
        ({"origin_country": "ZZ"}, "origin_country: not an ISO 3166 alpha-2 country code"),
        ({"export_country": "C1"}, "export_country: not an ISO 3166 alpha-2 country code"),
        ({"export_country": "china"}, "export_country: longer than 2 characters"),
        ({"hts10": "95030000"}, "hts10: not 10 digits"),
        ({"hts10": "0101210010"}, "hts10: not in the tariff schedule"),
        ({"quantity": "lots"}, "quantity: not a number"),
        ({"quantity": "-1"}, "quantity: must not be negative"),
        ({"unit": ""}, "unit: required"),
        ({"value_usd": "12.345"}, "value_usd: not an amount in dollars with at most 2 decimals"),
        # More integer digits than decimal(18,2) holds, though within the length limit.
        ({"value_usd": "1" * 17}, "value_usd: not an amount in dollars with at most 2 decimals"),
        ({"duty_rate": "1234567"}, "duty_rate: not a non-negative rate with at most 6 decimals"),
        ({"line_no": "1234567"}, "line_no: longer than 6 characters"),
        ({"description": "toys\x00"}, "description: contains a control character"),
        ({"description": "toys\x1b[31m"}, "description: contains a control character"),
        ({"description": "toys\nmore toys"}, "description: contains a control character"),
        ({"description": "x" * 501}, "description: longer than 500 characters"),
        ({"description": "x" * 1_000_000}, "description: longer than 500 characters"),
        ({"spi": "A\x7f"}, "spi: contains a control character"),
        ({"adcvd_case": "A-570-967\x9b"}, "adcvd_case: contains a control character"),
        ({"adcvd_case": "A-570-967-" + "0" * 11}, "adcvd_case: longer than 20 characters"),
        ({"hts10": "\x009503000073"}, "hts10: contains a control character"),
        ({"value_usd": "0"}, "value_usd: must be greater than 0"),
        ({"duty_usd": "-5"}, "duty_usd: not an amount in dollars with at most 2 decimals"),
        ({"duty_rate": "abc"}, "duty_rate: not a non-negative rate with at most 6 decimals"),
        ({"adcvd_rate": "-0.1"}, "adcvd_rate: not a non-negative rate with at most 6 decimals"),
        ({"ctpat": "maybe"}, "ctpat: not true or false"),
        ({"isa": ""}, "isa: required"),
        ({"bond_type": "none"}, "bond_type: must be continuous or single"),
        ({"bond_amount_usd": ""}, "bond_amount_usd: required"),
    ],
)
def test_every_rejection_reason(overrides: dict[str, str], expected: str) -> None:
    assert reason_of(**overrides) == expected


def test_duplicates_within_the_file_keep_the_first() -> None:
    result = run([declaration_row(), declaration_row(description="again")])
    assert result.get_column("_reason").to_list() == [
        None,
        "entry_no, line_no: duplicate in this file",
    ]


def test_duplicate_of_a_loaded_line() -> None:
    loaded = pl.DataFrame({"entry_no": [make_entry_no("ABC", 1)], "line_no": [1]})
    result = run([declaration_row(), declaration_row(line_no=2)], loaded)
    assert result.get_column("_reason").to_list() == [
        "entry_no, line_no: duplicate of a line already loaded",
        None,
    ]


def test_duty_disagreeing_with_rate_is_flagged_not_rejected() -> None:
    rows = [
        declaration_row(duty_rate="0.065", duty_usd="650.00"),
        declaration_row(line_no=2, duty_rate="0.065", duty_usd="600.00"),
    ]
    result = run(rows)
    assert result.get_column("_reason").null_count() == 2
    flags = typed(result.drop(["_field", "_reason"])).get_column("duty_mismatch").to_list()
    assert flags == [False, True]


TEXT_VALUES = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        ["", " ", "0", "-1", "1.5", "12.345", "1e3", "true", "2026-02-30", "CN", "9999"]
    ),
)


@settings(max_examples=150, deadline=None)
@given(column=st.sampled_from(COLUMNS), value=TEXT_VALUES)
def test_validation_never_crashes_and_agrees_with_the_model(column: str, value: str) -> None:
    """Whatever one cell holds, the row gets a verdict; an accepted row builds a Declaration."""
    row = declaration_row(**{column: value})
    result = run([row])
    assert result.height == 1
    if result.get_column("_reason")[0] is None:
        lake_row = (
            typed(result.drop(["_field", "_reason"])).drop("duty_mismatch").row(0, named=True)
        )
        Declaration(**lake_row)


@settings(max_examples=150, deadline=None)
@given(
    column=st.sampled_from(["line_no", "quantity", "value_usd", "entry_no", "origin_country"]),
    value=st.one_of(TEXT_VALUES, st.sampled_from(["1e3", "1.", ".5", "NaN", "12.345"])),
)
def test_model_rejects_what_validation_rejects(column: str, value: str) -> None:
    row = declaration_row(**{column: value})
    reason = run([row]).get_column("_reason")[0]
    needs_reference = ("not in the tariff", "unknown port", "ISO 3166")
    if reason is not None and not any(text in reason for text in needs_reference):
        with pytest.raises(ValidationError):
            Declaration(**{k: (v if v.strip() else None) for k, v in row.items()})


HOSTILE_TEXT = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.characters(max_codepoint=0x9F), max_size=15),
    st.text(alphabet="0123456789.-", min_size=1, max_size=25),
    st.sampled_from(["x" * 501, "1" * 17, "9" * 16 + ".99", "1234567", "\x00", " \x85 "]),
)


@settings(max_examples=120, deadline=None)
@given(
    edits=st.lists(
        st.tuples(st.integers(0, 3), st.sampled_from(COLUMNS), HOSTILE_TEXT), max_size=20
    )
)
def test_any_text_in_any_cells_gets_a_verdict_per_row_and_accepted_rows_are_sound(
    edits: list[tuple[int, str, str]],
) -> None:
    """A + R == N whatever the cells hold; an accepted row converts to lake types and builds a
    Declaration (whose limits are the same); a rejected row names a field its reason starts with."""
    rows = [declaration_row(serial, 1) for serial in range(1, 5)]
    for index, column, value in edits:
        rows[index][column] = value
    result = run(rows)
    reasons = result.get_column("_reason")
    assert result.height == len(rows)
    accepted = result.filter(reasons.is_null())
    for field, reason in result.filter(reasons.is_not_null()).select("_field", "_reason").rows():
        assert reason.startswith(f"{field}: ")
    lake_rows = typed(accepted.drop(["_field", "_reason"])).drop("duty_mismatch")
    for lake_row in lake_rows.iter_rows(named=True):
        Declaration(**lake_row)
