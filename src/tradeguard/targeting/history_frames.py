"""The history columns (history_columns.py) in Polars: the twin of their SQL, for engine_polars.

Findings are few next to lines, so each party's distinct (party, entry date) pairs are joined to
that party's findings and aggregated over those dated strictly before the entry date; the
columns are then joined back onto the lines. Counts and days are Int64, as DuckDB's BIGINT.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from tradeguard.targeting.history_columns import (
    COUNT,
    HISTORY_COLUMNS,
    PARTIES,
    HistoryColumn,
)

KEYED_SCHEMA: dict[str, pl.DataType] = {
    "importer_id": pl.String(),
    "manufacturer_id": pl.String(),
    "entry_no": pl.String(),
    "finding_date": pl.Date(),
    "violation": pl.Boolean(),
    "pti": pl.String(),
}


def read_findings(path: Path | None) -> pl.DataFrame | None:
    """The findings file's columns the history reads (a file without `pti`: findings of no PTI)."""
    if path is None or not path.exists():
        return None
    frame = pl.read_parquet(path)
    if "pti" not in frame.columns:
        frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias("pti"))
    return frame.select(
        pl.col("entry_no").cast(pl.String),
        pl.col("line_no").cast(pl.Int64),
        pl.col("finding_date").cast(pl.Date),
        pl.col("violation").cast(pl.Boolean),
        pl.col("pti").cast(pl.String),
    )


def keyed_findings(lines: pl.LazyFrame, findings: pl.DataFrame) -> pl.LazyFrame:
    """Findings with the importer and manufacturer of the line each was made on (inner join:
    a finding on a line not among `lines` is nobody's history), as columns.keyed_findings_sql."""
    parties = lines.select(
        pl.col("entry_no").cast(pl.String),
        pl.col("line_no").cast(pl.Int64),
        pl.col("importer_id").cast(pl.String),
        pl.col("manufacturer_id").cast(pl.String),
    )
    return (
        findings.lazy()
        .join(parties, on=["entry_no", "line_no"], how="inner")
        .select(*[pl.col(n).cast(t) for n, t in KEYED_SCHEMA.items()])
    )


def _aggregate(column: HistoryColumn) -> pl.Expr:
    condition: pl.Expr | None = pl.col("violation") if column.violation else None
    if column.pti is not None:
        same = pl.col("pti") == column.pti.value
        condition = same if condition is None else condition & same
    if column.measure == COUNT:
        entries = pl.col("entry_no") if condition is None else pl.col("entry_no").filter(condition)
        return entries.drop_nulls().n_unique().alias(column.name)
    assert condition is not None
    return pl.col("finding_date").filter(condition).max().alias(column.name)


def _value(column: HistoryColumn) -> pl.Expr:
    if column.measure == COUNT:
        return pl.col(column.name).fill_null(0).cast(pl.Int64).alias(column.name)
    days = (pl.col("entry_date") - pl.col(column.name)).dt.total_days()
    return days.cast(pl.Int64).alias(column.name)


def with_history(
    lines: pl.LazyFrame, keyed: pl.LazyFrame | None, wanted: frozenset[str]
) -> pl.LazyFrame:
    """`lines` with the `wanted` history columns added (0 and NULL when `keyed` is None)."""
    chosen = [c for c in HISTORY_COLUMNS if c.name in wanted]
    if keyed is None:
        return lines.with_columns(
            pl.lit(0 if c.measure == COUNT else None, dtype=pl.Int64).alias(c.name) for c in chosen
        )
    for party in PARTIES:
        columns = [c for c in chosen if c.party == party]
        if not columns:
            continue
        key = f"{party}_id"
        days = lines.select(key, pl.col("entry_date")).unique()
        earlier = (
            days.join(keyed.select(key, "entry_no", "finding_date", "violation", "pti"), on=key)
            .filter(pl.col("finding_date") < pl.col("entry_date"))
            .group_by(key, "entry_date")
            .agg(_aggregate(c) for c in columns)
        )
        lines = lines.join(
            earlier, on=[key, "entry_date"], how="left", maintain_order="left"
        ).with_columns(_value(c) for c in columns)
    return lines
