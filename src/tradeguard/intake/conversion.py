"""Convert validated text rows to the lake's types, and flag what ingest notices but accepts."""

from __future__ import annotations

import polars as pl

from tradeguard.intake.validation import TRUE_TEXT

DUTY_TOLERANCE_CENTS = 1


def _c(name: str) -> pl.Expr:
    return pl.col(name)


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
