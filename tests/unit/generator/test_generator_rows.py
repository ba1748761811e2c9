"""Generated declarations are valid rows, deterministic, and carry findable, noisy violations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pytest

from tradeguard.domain.declaration import COLUMNS, Declaration
from tradeguard.domain.entry_number import entry_no_problem
from tradeguard.domain.finding import VIOLATION_TYPES
from tradeguard.domain.pti import PTI
from tradeguard.generator import GeneratedData, generate, write
from tradeguard.reference import load_reference

TYPES = {
    "entry_no": pa.string(),
    "line_no": pa.int32(),
    "entry_date": pa.date32(),
    "quantity": pa.float64(),
    "value_usd": pa.decimal128(18, 2),
    "duty_usd": pa.decimal128(18, 2),
    "bond_amount_usd": pa.decimal128(18, 2),
    "duty_rate": pa.decimal128(12, 6),
    "adcvd_rate": pa.decimal128(12, 6),
    "ctpat": pa.bool_(),
    "isa": pa.bool_(),
}


@pytest.fixture(scope="module")
def data() -> GeneratedData:
    return generate(entries=4000, seed=11)


@pytest.fixture(scope="module")
def rows(data: GeneratedData) -> list[dict]:
    return data.declarations.to_pylist()


@pytest.fixture(scope="module")
def truth(data: GeneratedData) -> list[dict]:
    return data.truth.to_pylist()


def test_columns_and_types_are_the_declaration_schema(data: GeneratedData) -> None:
    assert tuple(data.declarations.column_names) == COLUMNS
    for name, kind in TYPES.items():
        assert data.declarations.schema.field(name).type == kind, name
    assert data.truth.column_names == [
        "entry_no",
        "line_no",
        "violation",
        "pti",
        "violation_type",
        "scheme",
        "true_hts10",
        "true_origin",
        "true_value_usd",
    ]
    assert data.truth.num_rows == data.declarations.num_rows


def test_every_row_is_a_valid_declaration_with_known_references(rows: list[dict]) -> None:
    ref = load_reference()
    for row in rows[::7]:
        Declaration(**row)
    for row in rows:
        assert row["hts10"] in ref.hts
        assert row["port_code"] in ref.ports
        assert row["origin_country"] in ref.countries and row["export_country"] in ref.countries
        assert entry_no_problem(row["entry_no"]) is None
        assert row["filer_code"] == row["entry_no"][:3]
        assert date(2025, 10, 1) <= row["entry_date"] <= date(2026, 9, 30)
        assert (row["adcvd_case"] == "") == (row["adcvd_rate"] is None)
        assert row["mode"] in ref.ports[row["port_code"]].modes


def test_duty_is_rate_times_value_on_every_line(rows: list[dict]) -> None:
    for row in rows:
        assert row["duty_usd"] == (row["value_usd"] * row["duty_rate"]).quantize(Decimal("0.01"))


def test_entries_have_one_to_twenty_numbered_lines_and_one_header(rows: list[dict]) -> None:
    lines: dict[str, list[int]] = {}
    headers: dict[str, tuple] = {}
    for row in rows:
        lines.setdefault(row["entry_no"], []).append(row["line_no"])
        header = (
            row["entry_date"],
            row["port_code"],
            row["mode"],
            row["importer_id"],
            row["entry_type"],
        )
        assert headers.setdefault(row["entry_no"], header) == header
    assert len(lines) == 4000
    for numbers in lines.values():
        assert sorted(numbers) == list(range(1, len(numbers) + 1)) and len(numbers) <= 20


def test_dates_spread_across_the_fiscal_year(rows: list[dict]) -> None:
    months = {row["entry_date"].month for row in rows}
    assert months == set(range(1, 13))


def test_all_seven_ptis_are_planted_and_truth_is_consistent(
    rows: list[dict], truth: list[dict]
) -> None:
    assert {t["pti"] for t in truth if t["violation"]} == {p.value for p in PTI}
    for row, t in zip(rows, truth, strict=True):
        assert (row["entry_no"], row["line_no"]) == (t["entry_no"], t["line_no"])
        assert t["violation"] == (t["pti"] is not None) == (t["violation_type"] != "")
        assert (t["scheme"] != "") == t["violation"]
        assert t["violation_type"] in VIOLATION_TYPES or not t["violation"]
        kind = t["scheme"]
        if kind == "adcvd_transshipment":
            assert t["true_origin"] != row["origin_country"] == row["export_country"]
            assert row["adcvd_case"] == ""
            assert load_reference().adcvd_for(row["hts10"], t["true_origin"]) is not None
        elif kind == "adcvd_misclassification":
            assert t["true_hts10"] != row["hts10"]
            assert load_reference().adcvd_for(row["hts10"], row["origin_country"]) is None
            assert load_reference().adcvd_for(t["true_hts10"], row["origin_country"]) is not None
        elif kind == "undervaluation":
            assert row["value_usd"] < t["true_value_usd"] * Decimal("0.61")
        elif kind == "false_preference":
            assert row["spi"] and row["duty_rate"] == 0
        elif kind in ("textile_origin_fraud", "agriculture_false_origin"):
            assert t["true_origin"] == "CN" != row["origin_country"]
        elif kind == "agriculture_quota_evasion":
            assert t["true_hts10"].startswith("1701") and not row["hts10"].startswith("1701")
        elif not t["violation"]:
            assert (t["true_hts10"], t["true_origin"], t["true_value_usd"]) == (
                row["hts10"],
                row["origin_country"],
                row["value_usd"],
            )


def test_violations_are_findable_but_noisy(rows: list[dict], truth: list[dict]) -> None:
    """Signals raise the odds of a violation, yet most lines showing them are honest."""
    first_seen: dict[str, date] = {}
    for row in rows:
        first_seen[row["importer_id"]] = min(
            first_seen.get(row["importer_id"], row["entry_date"]), row["entry_date"]
        )
    late = [
        t["violation"]
        for r, t in zip(rows, truth, strict=True)
        if first_seen[r["importer_id"]] > date(2025, 12, 31)
    ]
    early = [
        t["violation"]
        for r, t in zip(rows, truth, strict=True)
        if first_seen[r["importer_id"]] <= date(2025, 10, 15)
    ]
    assert sum(late) / len(late) > 1.5 * sum(early) / len(early)
    toys_cn = [
        t
        for r, t in zip(rows, truth, strict=True)
        if r["hts10"].startswith("9503") and r["origin_country"] == "CN"
    ]
    unsafe = sum(t["scheme"] == "unsafe_goods" for t in toys_cn)
    assert 0 < unsafe < len(toys_cn)
    vn_scope = [
        t
        for r, t in zip(rows, truth, strict=True)
        if r["origin_country"] in ("VN", "MY", "TH")
        and r["hts10"].startswith(("7604", "7608", "7317", "940350", "854142", "854143"))
    ]
    assert 0 < sum(t["violation"] for t in vn_scope) < len(vn_scope)


def test_same_seed_same_bytes_and_other_seed_differs(tmp_path: Path, data: GeneratedData) -> None:
    again = generate(entries=4000, seed=11)
    first = write(data, tmp_path / "a")
    second = write(again, tmp_path / "b")
    for key in ("declarations", "truth"):
        assert first[key].read_bytes() == second[key].read_bytes()
    other = write(generate(entries=4000, seed=12), tmp_path / "c")
    assert other["declarations"].read_bytes() != first["declarations"].read_bytes()
