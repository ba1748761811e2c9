"""Validate a frame of advance filing text rows (ISF and manifest lines) in one vectorised pass.

The same contract as entry validation (intake/validation.py): every row passes every check or is
rejected with the first failing check's field and reason, column by column, control characters
and length first. An entry line has at most one advance filing line (entry_no, line_no): the
link to the entry is what pre-entry decisions and the mismatch columns rely on, so a second
filing for the same line is rejected (amendments are a later feature), in the file or against
what is loaded, the latter under the advance lake's lock (`reject_filed`).
"""

from __future__ import annotations

from datetime import date

import polars as pl

from tradeguard.domain.advance import (
    ADVANCE_COLUMNS,
    ADVANCE_MAX_LENGTH,
    ADVANCE_REQUIRED,
    BILL_OF_LADING_TEXT,
    CONTROL_CHARACTERS,
    HTS6_TEXT,
    LOCODE_TEXT,
    MAX_LEAD_DAYS,
)
from tradeguard.domain.declaration import MIN_ENTRY_DATE
from tradeguard.domain.entry_number import entry_no_problem
from tradeguard.intake.validation import (
    DUPLICATE_IN_FILE,
    KEY,
    MAX_FUTURE,
    Check,
    ReferenceSets,
)

PARTIES = ("shipper", "consignee", "seller", "buyer", "ship_to", "consolidator")


def _c(name: str) -> pl.Expr:
    return pl.col(name)


def _dates(checks: list[Check], name: str, latest: date) -> None:
    day = _c(name).str.to_date("%Y-%m-%d", strict=False)
    checks.append(Check(name, "not a date (YYYY-MM-DD)", day.is_null()))
    checks.append(
        Check(
            name,
            f"outside the sane range {MIN_ENTRY_DATE} to {latest}",
            (day < MIN_ENTRY_DATE) | (day > latest),
        )
    )


def _locode(checks: list[Check], name: str, ref: ReferenceSets) -> None:
    checks.append(Check(name, "not a UN/LOCODE (e.g. CNSHA)", ~_c(name).str.contains(LOCODE_TEXT)))
    checks.append(
        Check(
            name,
            "unknown country in the UN/LOCODE",
            ~_c(name).str.slice(0, 2).is_in(_countries(ref)),
        )
    )


def _countries(ref: ReferenceSets) -> list[str]:
    return sorted(ref.countries)


def _checks(ref: ReferenceSets, today: date) -> list[Check]:
    latest = today + MAX_FUTURE
    checks = [Check(name, "required", _c(name).is_null()) for name in sorted(ADVANCE_REQUIRED)]
    checks.append(
        Check(
            "bill_of_lading",
            "not a bill of lading (carrier SCAC and number, e.g. MAEU123456789)",
            ~_c("bill_of_lading").str.contains(BILL_OF_LADING_TEXT),
        )
    )
    line = _c("line_no").cast(pl.Int64, strict=False)
    checks.append(Check("line_no", "not a whole number", line.is_null()))
    checks.append(Check("line_no", "must be at least 1", line < 1))
    checks.append(Check("entry_no", "bad format or check digit", ~_c("_entry_no_ok")))
    _dates(checks, "filed_date", latest)
    _dates(checks, "arrival_date", latest)
    filed = _c("filed_date").str.to_date("%Y-%m-%d", strict=False)
    arrival = _c("arrival_date").str.to_date("%Y-%m-%d", strict=False)
    checks.append(Check("arrival_date", "before filed_date", arrival < filed))
    checks.append(
        Check(
            "arrival_date",
            f"more than {MAX_LEAD_DAYS} days after filed_date",
            (arrival - filed).dt.total_days() > MAX_LEAD_DAYS,
        )
    )
    checks.append(
        Check(
            "origin_country",
            "not an ISO 3166 alpha-2 country code",
            ~_c("origin_country").is_in(_countries(ref)),
        )
    )
    hs6 = sorted({h[:6] for h in ref.hts10})
    checks.append(Check("hts6", "not 6 digits", ~_c("hts6").str.contains(HTS6_TEXT)))
    checks.append(Check("hts6", "not a subheading of the tariff schedule", ~_c("hts6").is_in(hs6)))
    _locode(checks, "stuffing_location", ref)
    _locode(checks, "port_of_lading", ref)
    checks.append(
        Check(
            "port_of_unlading",
            "not a 4-digit Schedule D code",
            ~_c("port_of_unlading").str.contains(r"^[0-9]{4}$"),
        )
    )
    checks.append(
        Check("port_of_unlading", "unknown port", ~_c("port_of_unlading").is_in(sorted(ref.ports)))
    )
    checks.append(Check(KEY, DUPLICATE_IN_FILE, _c("_dup_in_batch")))
    return _plain_text_first(checks)


def _plain_text_first(checks: list[Check]) -> list[Check]:
    """Each column's control-character and length checks before its other checks, in column
    order; checks on several columns (the duplicates) stay last."""
    ordered: list[Check] = []
    for name in ADVANCE_COLUMNS:
        limit = ADVANCE_MAX_LENGTH[name]
        ordered.append(
            Check(name, "contains a control character", _c(name).str.contains(CONTROL_CHARACTERS))
        )
        ordered.append(
            Check(name, f"longer than {limit} characters", _c(name).str.len_chars() > limit)
        )
        ordered.extend(c for c in checks if c.field == name)
    return ordered + [c for c in checks if c.field not in ADVANCE_COLUMNS]


def validate_advance(frame: pl.DataFrame, ref: ReferenceSets, today: date) -> pl.DataFrame:
    """The frame trimmed, with `_field` and `_reason` (both null for an accepted row)."""
    trimmed = [
        pl.when(_c(n).str.strip_chars() == "")
        .then(None)
        .otherwise(_c(n).str.strip_chars())
        .alias(n)
        for n in ADVANCE_COLUMNS
    ]
    work = frame.with_columns(trimmed).with_row_index("_row")
    numbers = work.get_column("entry_no").drop_nulls().unique().to_list()
    ok = {e: entry_no_problem(e) is None for e in numbers}
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
    return (
        work.with_columns(field_expr.alias("_field"), reason_expr.alias("_reason"))
        .sort("_row")
        .drop(["_row", "_entry_no_ok", "_line_int", "_dup_in_batch"])
    )


def typed_advance(accepted: pl.DataFrame) -> pl.DataFrame:
    """Accepted text rows as the advance lake's types."""
    return accepted.select(
        *[
            _c(n).str.to_date("%Y-%m-%d")
            if n in ("filed_date", "arrival_date")
            else _c(n).cast(pl.Int32)
            if n == "line_no"
            else _c(n).fill_null("")
            if n == "consolidator"
            else _c(n)
            for n in ADVANCE_COLUMNS
        ]
    )


__all__ = ["PARTIES", "typed_advance", "validate_advance"]
