"""Named finders over the entry lake for the custody and refund controls: the import lines a
drawback claim designates, and what one entry puts at risk for its single transaction bond.

What was paid on a line starts from its declared duty (`duty_usd`; services/drawback.py adds
what duty demands have collected on it); the lake holds no separate taxes or fees, so those are
not counted (docs/drawback.md says so).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import polars as pl

from tradeguard.domain.bonds import EntryExposure
from tradeguard.domain.drawback.filing import ImportLine
from tradeguard.store.lake import EntryLake


def _cents(column: str) -> pl.Expr:
    return (pl.col(column).cast(pl.Decimal(18, 2)) * 100).cast(pl.Int64)


def import_lines(
    lake_dir: Path, keys: Iterable[tuple[str, int]]
) -> dict[tuple[str, int], ImportLine]:
    """The lake's lines among `keys`; a key the lake does not hold is absent from the answer."""
    wanted = pl.DataFrame(
        list(set(keys)), schema={"entry_no": pl.String, "line_no": pl.Int32}, orient="row"
    )
    if wanted.is_empty():
        return {}
    frame = (
        EntryLake(lake_dir)
        .scan()
        .join(wanted.lazy(), on=["entry_no", "line_no"], how="inner")
        .select(
            "entry_no",
            "line_no",
            "entry_date",
            "importer_id",
            "hts10",
            _cents("duty_usd").alias("paid_cents"),
        )
        .unique(subset=["entry_no", "line_no"], keep="first")
        .collect()
    )
    return {
        (r["entry_no"], r["line_no"]): ImportLine(
            r["entry_no"],
            r["line_no"],
            r["entry_date"],
            r["importer_id"],
            r["hts10"],
            int(r["paid_cents"]),
        )
        for r in frame.iter_rows(named=True)
    }


def entry_exposures(lake_dir: Path, entry_nos: Iterable[str]) -> dict[str, EntryExposure]:
    """Per entry: value and duties summed over its lines, and its HTS numbers."""
    wanted = pl.DataFrame({"entry_no": sorted(set(entry_nos))}, schema={"entry_no": pl.String})
    if wanted.is_empty():
        return {}
    frame = (
        EntryLake(lake_dir)
        .scan()
        .join(wanted.lazy(), on="entry_no", how="inner")
        .group_by("entry_no")
        .agg(
            _cents("value_usd").sum().alias("value_cents"),
            _cents("duty_usd").sum().alias("duty_cents"),
            pl.col("hts10").unique().sort().alias("hts10"),
        )
        .collect()
    )
    return {
        r["entry_no"]: EntryExposure(
            r["entry_no"], int(r["value_cents"]), int(r["duty_cents"]), tuple(r["hts10"])
        )
        for r in frame.iter_rows(named=True)
    }
