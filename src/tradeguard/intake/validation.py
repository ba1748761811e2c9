"""Validate a frame of declaration text rows in one vectorised pass.

Every row either passes every check or is rejected with the first failing check's field and
reason, in column order, so a filer fixes problems one clear message at a time. Each column is
first checked for control characters and its maximum length, then for its format. The checks
mirror the single-declaration model in tradeguard.domain.declaration and add those that need
reference data or the lake (known HTS, known port, duplicates). The check against lines already
loaded is separate (`reject_loaded`) because it must run under the lake's writer lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl

from tradeguard.domain.declaration import (
    COLUMNS,
    CONTROL_CHARACTERS,
    ENTRY_TYPES,
    MAX_LENGTH,
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
MAX_FUTURE = timedelta(days=366)
KEY = "entry_no, line_no"
DUPLICATE_IN_FILE = "duplicate in this file"
DUPLICATE_LOADED = "duplicate of a line already loaded"


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
    checks.append(Check(KEY, DUPLICATE_IN_FILE, _c("_dup_in_batch")))
    return _plain_text_first(checks)


def _plain_text_first(checks: list[Check]) -> list[Check]:
    """Put each column's control-character and length checks before its other checks, keeping
    column order (checks on several columns, the duplicates, stay last)."""
    ordered: list[Check] = []
    for name in COLUMNS:
        ordered.append(
            Check(name, "contains a control character", _c(name).str.contains(CONTROL_CHARACTERS))
        )
        ordered.append(
            Check(
                name,
                f"longer than {MAX_LENGTH[name]} characters",
                _c(name).str.len_chars() > MAX_LENGTH[name],
            )
        )
        ordered.extend(c for c in checks if c.field == name)
    return ordered + [c for c in checks if c.field not in COLUMNS]


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

    `loaded_keys` holds (entry_no, line_no) already in the lake; pass an empty frame to leave
    that check to `reject_loaded` under the lake's lock.
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
    field_expr: pl.Expr = pl.lit(None, dtype=pl.String)
    reason_expr: pl.Expr = pl.lit(None, dtype=pl.String)
    for check in reversed(_checks(ref, today)):
        fails = check.fails.fill_null(False)
        field_expr = pl.when(fails).then(pl.lit(check.field)).otherwise(field_expr)
        reason_expr = (
            pl.when(fails).then(pl.lit(f"{check.field}: {check.reason}")).otherwise(reason_expr)
        )
    checked = (
        work.with_columns(field_expr.alias("_field"), reason_expr.alias("_reason"))
        .sort("_row")
        .drop(["_row", "_entry_no_ok", "_line_int", "_dup_in_batch"])
    )
    return reject_loaded(checked, loaded_keys)


def reject_loaded(checked: pl.DataFrame, loaded_keys: pl.DataFrame) -> pl.DataFrame:
    """Reject the still-accepted rows whose (entry_no, line_no) is already in the lake: the last
    check, run by ingest while it holds the lake's lock so that no other ingest loads it meanwhile.
    """
    if loaded_keys.is_empty() or checked.is_empty():
        return checked
    loaded = loaded_keys.select(
        _c("entry_no").cast(pl.String),
        _c("line_no").cast(pl.Int64).alias("_line_int"),
        pl.lit(True).alias("_dup_loaded"),
    ).unique()
    # A row still accepted has passed the line_no checks, so its whole-number text casts.
    joined = checked.with_columns(
        _c("line_no").str.strip_chars().cast(pl.Int64, strict=False).alias("_line_int")
    ).join(
        loaded, on=["entry_no", "_line_int"], how="left", nulls_equal=False, maintain_order="left"
    )
    dup = _c("_reason").is_null() & _c("_dup_loaded").fill_null(False)
    return joined.with_columns(
        pl.when(dup).then(pl.lit(KEY)).otherwise(_c("_field")).alias("_field"),
        pl.when(dup)
        .then(pl.lit(f"{KEY}: {DUPLICATE_LOADED}"))
        .otherwise(_c("_reason"))
        .alias("_reason"),
    ).drop(["_line_int", "_dup_loaded"])
