"""How well the model ranked entries it had never seen, read off the generator's truth.

Demo only: a real service knows the truth only for what it examined, which is why the random
sample exists.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl


def ranking_against_truth(decisions_path: Path, truth_path: Path) -> dict[str, str]:
    """Base violation rate of a targeting run's entries and the precision of its top 1% and 5%
    by risk score."""
    violating = (
        pl.scan_parquet(truth_path)
        .group_by("entry_no")
        .agg(pl.col("violation").any().alias("violation"))
    )
    ranked = (
        pl.scan_parquet(decisions_path)
        .select("entry_no", "risk_score")
        .join(violating, on="entry_no", how="left")
        .sort("risk_score", descending=True, nulls_last=True)
        .collect()
    )
    base = float(ranked.select(pl.col("violation").cast(pl.Float64).mean()).item() or 0.0)
    out = {"base_rate": f"{base:.1%}"}
    if base == 0:
        return {**out, "precision": "no violations among these entries to rank"}
    for share in (0.01, 0.05):
        top = ranked.head(max(1, round(share * ranked.height)))
        rate = float(top.select(pl.col("violation").cast(pl.Float64).mean()).item() or 0.0)
        out[f"precision_top_{share:.0%}"] = f"{rate:.1%} ({rate / base:.1f}× the base rate)"
    return out
