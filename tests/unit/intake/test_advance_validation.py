"""Advance filing validation: every bad row rejected with the field that is wrong, nothing
dropped; hostile text (control characters, oversized values) refused like entries'."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.factories import TEST_REFS, advance_row
from tradeguard.domain.advance import ADVANCE_COLUMNS, ADVANCE_MAX_LENGTH
from tradeguard.intake.advance_validation import typed_advance, validate_advance

TODAY = date(2026, 3, 1)


def _check(rows: list[dict[str, str]]) -> pl.DataFrame:
    frame = pl.DataFrame(rows, schema={c: pl.String for c in ADVANCE_COLUMNS})
    return validate_advance(frame, TEST_REFS, TODAY)


def test_a_valid_filing_is_accepted_and_typed() -> None:
    checked = _check([advance_row(1, 1), advance_row(1, 2, consolidator="")])
    assert checked.get_column("_reason").null_count() == 2
    typed = typed_advance(checked.drop("_field", "_reason"))
    assert typed.schema["arrival_date"] == pl.Date and typed.schema["line_no"] == pl.Int32
    assert typed.get_column("consolidator").to_list() == ["", ""]


@pytest.mark.parametrize(
    ("overrides", "field", "reason"),
    [
        ({"bill_of_lading": "12"}, "bill_of_lading", "not a bill of lading"),
        ({"line_no": "0"}, "line_no", "must be at least 1"),
        ({"entry_no": "ABC00000010"}, "entry_no", "bad format or check digit"),
        ({"filed_date": "2026-02-30"}, "filed_date", "not a date"),
        ({"arrival_date": "2026-02-01"}, "arrival_date", "before filed_date"),
        ({"filed_date": "2025-09-01"}, "arrival_date", "more than 120 days"),
        ({"shipper": ""}, "shipper", "required"),
        ({"origin_country": "XX"}, "origin_country", "not an ISO 3166"),
        ({"hts6": "9503"}, "hts6", "not 6 digits"),
        ({"hts6": "010101"}, "hts6", "not a subheading"),
        ({"stuffing_location": "CNSH1"}, "stuffing_location", "not a UN/LOCODE"),
        ({"port_of_lading": "FRLEH"}, "port_of_lading", "unknown country"),
        ({"port_of_unlading": "9999"}, "port_of_unlading", "unknown port"),
        ({"vessel": "EVER\x1b[2JGIVEN"}, "vessel", "control character"),
        ({"seller": "S" * 71}, "seller", "longer than 70 characters"),
    ],
)
def test_a_bad_row_is_rejected_naming_its_field(
    overrides: dict[str, str], field: str, reason: str
) -> None:
    checked = _check([advance_row(1, 1), {**advance_row(2, 1), **overrides}])
    assert checked.get_column("_reason")[0] is None
    assert checked.get_column("_field")[1] == field
    assert reason in checked.get_column("_reason")[1]


def test_a_second_filing_for_one_entry_line_is_rejected() -> None:
    checked = _check([advance_row(1, 1), advance_row(1, 1, bill_of_lading="MSCU1")])
    assert checked.get_column("_reason").to_list() == [
        None,
        "entry_no, line_no: duplicate in this file",
    ]


def test_every_column_has_a_length_limit() -> None:
    for name in ADVANCE_COLUMNS:
        checked = _check([{**advance_row(1, 1), name: "9" * (ADVANCE_MAX_LENGTH[name] + 1)}])
        assert checked.get_column("_field")[0] == name, name


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(ADVANCE_COLUMNS), st.text(max_size=30)), min_size=1, max_size=6
    )
)
def test_validation_never_crashes_and_accounts_for_every_row(
    edits: list[tuple[str, str]],
) -> None:
    rows = [{**advance_row(n, 1), name: value} for n, (name, value) in enumerate(edits, 1)]
    checked = _check(rows)
    assert checked.height == len(rows)
    rejected = checked.filter(pl.col("_reason").is_not_null())
    assert rejected.get_column("_field").null_count() == 0
    accepted = checked.filter(pl.col("_reason").is_null()).drop("_field", "_reason")
    typed_advance(accepted)  # every accepted row converts to the lake's types


def test_every_advance_column_has_its_documented_maximum_length() -> None:
    docs = Path(__file__).resolve().parents[3] / "docs" / "declarations.md"
    section = docs.read_text().split("## Advance filings", 1)[1]
    rows = re.findall(r"^\| `([a-z0-9_]+)` \| (?:yes|no) \| (\d+) \|", section, re.M)
    assert {name: int(limit) for name, limit in rows} == ADVANCE_MAX_LENGTH
