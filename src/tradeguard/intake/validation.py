"""Validate a frame of declaration text rows in one vectorised pass.

Every row either passes every check or is rejected with the first failing check's field and
reason, in column order, so a filer fixes problems one clear message at a time. The checks mirror
the single-declaration model in tradeguard.domain.declaration and add those that need reference
data or the lake (known HTS, known port, duplicates).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl

from tradeguard.domain.declaration import (
    COLUMNS,
    ENTRY_TYPES,
    MIN_ENTRY_DATE,
    MONEY_TEXT,
    NUMBER_TEXT,
    RATE_TEXT,
    BondType,
    Mode,
)
from tradeguard.domain.entry_number import entry_no_problem

TRUE_TEXT = ["true", "t", "yes", "y", "1"]
FALSE_TEXT = ["false", "f", "no", "n", "0"]
DUTY_TOLERANCE_CENTS = 1
MAX_FUTURE = timedelta(days=366)


@dataclass(frozen=True, slots=True)
class ReferenceSets:
    """What validation needs from reference data: the values a column may take."""

    hts10: frozenset[str]
    ports: frozenset[str]
    countries: frozenset[str]


@dataclass(frozen=True, slots=True)
class Check:
    field: str
    reason: str
    fails: pl.Expr


def _c(name: str) -> pl.Expr:
    return pl.col(name)


def _missing(name: str) -> pl.Expr:
    return _c(name).is_null()


def _checks(ref: ReferenceSets, today: date) -> list[Check]:
    latest = today + MAX_FUTURE
    entry_date = _c("entry_date").str.to_date("%Y-%m-%d", strict=False)
    checks: list[Check] = []

    def required(name: str) -> None:
        checks.append(Check(name, "required", _missing(name)))

    required("entry_no")
    checks.append(Check("entry_no", "bad format or check digit", ~_c("_entry_no_ok")))
    required("line_no")
    checks.append(
        Check("line_no", "not a whole number", _c("line_no").cast(pl.Int64, strict=False).is_null())
    )
    checks.append(
        Check("line_no", "must be at least 1", _c("line_no").cast(pl.Int64, strict=False) < 1)
    )
    required("entry_date")
    checks.append(Check("entry_date", "not a date (YYYY-MM-DD)", entry_date.is_null()))
    checks.append(
        Check(
            "entry_date",
            f"outside the sane range {MIN_ENTRY_DATE} to {latest}",
            (entry_date < MIN_ENTRY_DATE) | (entry_date > latest),
        )
    )
    required("port_code")
    checks.append(
        Check(
            "port_code",
            "not a 4-digit Schedule D code",
            ~_c("port_code").str.contains(r"^[0-9]{4}$"),
        )
    )
    checks.append(Check("port_code", "unknown port", ~_c("port_code").is_in(list(ref.ports))))
    required("mode")
    checks.append(
        Check(
            "mode",
            "unknown mode of transport",
            ~_c("mode").str.to_lowercase().is_in([m.value for m in Mode]),
        )
    )
    required("entry_type")
    checks.append(
        Check("entry_type", "unknown entry type", ~_c("entry_type").is_in(list(ENTRY_TYPES)))
    )
    required("filer_code")
    checks.append(
        Check(
            "filer_code",
            "not 3 letters or digits",
            ~_c("filer_code").str.contains(r"^[A-Z0-9]{3}$"),
        )
    )
    checks.append(
        Check(
            "filer_code",
            "differs from the entry number's filer code",
            _c("filer_code") != _c("entry_no").str.slice(0, 3),
        )
    )
    for name in ("importer_id", "manufacturer_id"):
        required(name)
        checks.append(Check(name, "longer than 32 characters", _c(name).str.len_chars() > 32))
    for name in ("origin_country", "export_country"):
        required(name)
        checks.append(
            Check(
                name, "not an ISO 3166 alpha-2 country code", ~_c(name).is_in(list(ref.countries))
            )
        )
    required("hts10")
    checks.append(Check("hts10", "not 10 digits", ~_c("hts10").str.contains(r"^[0-9]{10}$")))
    checks.append(Check("hts10", "not in the tariff schedule", ~_c("hts10").is_in(list(ref.hts10))))
    required("quantity")
    checks.append(Check("quantity", "not a number", ~_c("quantity").str.contains(NUMBER_TEXT)))
    checks.append(
        Check("quantity", "must not be negative", _c("quantity").cast(pl.Float64, strict=False) < 0)
    )
    required("unit")
    checks.append(Check("unit", "longer than 8 characters", _c("unit").str.len_chars() > 8))
    for name in ("value_usd", "duty_usd", "bond_amount_usd"):
        required(name)
        checks.append(
            Check(
                name,
                "not an amount in dollars with at most 2 decimals",
                ~_c(name).str.contains(MONEY_TEXT),
            )
        )
    checks.append(
        Check(
            "value_usd",
            "must be greater than 0",
            _c("value_usd").cast(pl.Float64, strict=False) <= 0,
        )
    )
    required("duty_rate")
    checks.append(
        Check(
            "duty_rate",
            "not a non-negative rate with at most 6 decimals",
            ~_c("duty_rate").str.contains(RATE_TEXT),
        )
    )
    checks.append(
        Check(
            "adcvd_rate",
            "not a non-negative rate with at most 6 decimals",
            _c("adcvd_rate").is_not_null() & ~_c("adcvd_rate").str.contains(RATE_TEXT),
        )
    )
    for name in ("ctpat", "isa"):
        required(name)
        checks.append(
            Check(
                name,
                "not true or false",
                ~_c(name).str.to_lowercase().is_in(TRUE_TEXT + FALSE_TEXT),
            )
        )
    required("bond_type")
    checks.append(
        Check(
            "bond_type",
            "must be continuous or single",
            ~_c("bond_type").str.to_lowercase().is_in([b.value for b in BondType]),
        )
    )
    checks.append(Check("entry_no, line_no", "duplicate in this file", _c("_dup_in_batch")))
    checks.append(
        Check("entry_no, line_no", "duplicate of a line already loaded", _c("_dup_loaded"))
    )
    return checks


def _normalise(frame: pl.DataFrame) -> pl.DataFrame:
    """Trim whitespace; an empty cell is a missing value, except in free-text optional columns."""
    exprs = []
    for name in COLUMNS:
        trimmed = _c(name).str.strip_chars()
        exprs.append(pl.when(trimmed == "").then(None).otherwise(trimmed).alias(name))
    return frame.with_columns(exprs)


def validate(
    frame: pl.DataFrame, ref: ReferenceSets, loaded_keys: pl.DataFrame, today: date
) -> pl.DataFrame:
    """Return the frame with `_field` and `_reason` (both null for an accepted row).

    `loaded_keys` holds (entry_no, line_no as Int64) already in the lake.
    """
    work = _normalise(frame).with_row_index("_row")
    entry_numbers = work.get_column("entry_no").drop_nulls().unique()
    ok = {e: entry_no_problem(e) is None for e in entry_numbers.to_list()}
    work = work.with_columns(
        _c("entry_no")
        .replace_strict(ok, default=False, return_dtype=pl.Boolean)
        .alias("_entry_no_ok"),
        _c("line_no").cast(pl.Int64, strict=False).alias("_line_int"),
    )
    work = work.with_columns(
        (pl.int_range(pl.len()).over(["entry_no", "_line_int"]) > 0)
        .fill_null(False)
        .alias("_dup_in_batch")
    )
    loaded = loaded_keys.select(
        _c("entry_no").cast(pl.String),
        _c("line_no").cast(pl.Int64).alias("_line_int"),
        pl.lit(True).alias("_dup_loaded"),
    ).unique()
    work = work.join(
        loaded, on=["entry_no", "_line_int"], how="left", nulls_equal=False
    ).with_columns(_c("_dup_loaded").fill_null(False))
    checks = _checks(ref, today)
    field_expr: pl.Expr = pl.lit(None, dtype=pl.String)
    reason_expr: pl.Expr = pl.lit(None, dtype=pl.String)
    for check in reversed(checks):
        fails = check.fails.fill_null(False)
        field_expr = pl.when(fails).then(pl.lit(check.field)).otherwise(field_expr)
        reason_expr = (
            pl.when(fails).then(pl.lit(f"{check.field}: {check.reason}")).otherwise(reason_expr)
        )
    return (
        work.with_columns(field_expr.alias("_field"), reason_expr.alias("_reason"))
        .sort("_row")
        .drop(["_row", "_entry_no_ok", "_line_int", "_dup_in_batch", "_dup_loaded"])
    )


def typed(accepted: pl.DataFrame) -> pl.DataFrame:
    """Convert validated text rows to lake types; flag duty that disagrees with rate × value."""
    money = pl.Decimal(18, 2)
    rate = pl.Decimal(12, 6)
    frame = accepted.select(
        _c("entry_no"),
        _c("line_no").cast(pl.Int32),
        _c("entry_date").str.to_date("%Y-%m-%d"),
        _c("port_code"),
        _c("mode").str.to_lowercase(),
        _c("entry_type"),
        _c("filer_code"),
        _c("importer_id"),
        _c("manufacturer_id"),
        _c("origin_country"),
        _c("export_country"),
        _c("hts10"),
        _c("description").fill_null(""),
        _c("quantity").cast(pl.Float64),
        _c("unit"),
        _c("value_usd").cast(money),
        _c("duty_rate").cast(rate),
        _c("duty_usd").cast(money),
        _c("spi").fill_null(""),
        _c("adcvd_case").fill_null(""),
        _c("adcvd_rate").cast(rate),
        _c("ctpat").str.to_lowercase().is_in(TRUE_TEXT),
        _c("isa").str.to_lowercase().is_in(TRUE_TEXT),
        _c("bond_type").str.to_lowercase(),
        _c("bond_amount_usd").cast(money),
    )
    # Integer cents keep the comparison exact: |round(value × rate) − duty| > 1 cent.
    value_cents = (_c("value_usd") * 100).cast(pl.Int64)
    rate_millionths = (_c("duty_rate") * 1_000_000).cast(pl.Int64)
    expected_cents = (value_cents * rate_millionths + 500_000) // 1_000_000
    duty_cents = (_c("duty_usd") * 100).cast(pl.Int64)
    return frame.with_columns(
        ((expected_cents - duty_cents).abs() > DUTY_TOLERANCE_CENTS).alias("duty_mismatch")
    )
