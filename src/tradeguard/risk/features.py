"""Turn declaration lines and past findings into the model's feature matrix.

History features (an importer's past violation rate, ...) are computed only from findings dated
strictly before each line's entry date, so a score never knows the future. Everything learned
from the training data (category codes, unit-value medians, first-seen dates) is kept in a
`FeatureState` that travels with the model, so one line scores the same alone or in a batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import polars as pl

# Prior strength (pseudo-findings) that pulls a key's past violation rate towards the overall rate.
RATE_PRIOR_STRENGTH = 5.0


@dataclass(frozen=True, slots=True)
class FeatureSpec:
    """Which columns of a line frame the model uses, and how.

    categorical: identifiers and codes given to LightGBM as native categories.
    numeric: float columns used as they are.
    history_keys: columns whose past violation rate and finding count become features.
    """

    categorical: tuple[str, ...]
    numeric: tuple[str, ...]
    history_keys: tuple[str, ...]
    # Key used for first-seen age; empty to skip.
    first_seen_key: str = "importer_id"
    # Columns (value, quantity, hts, origin) for the unit value against its HTS-origin median.
    value_col: str = "value"
    quantity_col: str = "quantity"
    hts_col: str = "hts6"
    origin_col: str = "origin_country"

    def feature_names(self) -> list[str]:
        names = list(self.categorical) + list(self.numeric)
        names += ["unit_value", "unit_value_vs_median"]
        if self.first_seen_key:
            names.append("first_seen_days")
        for key in self.history_keys:
            names += [f"{key}_past_rate", f"{key}_past_findings"]
        return names


@dataclass(slots=True)
class FeatureState:
    """What the builder learned from the training lines; saved beside the model."""

    codes: dict[str, dict[str, int]] = field(default_factory=dict)
    median_unit_value: dict[str, float] = field(default_factory=dict)
    first_seen: dict[str, str] = field(default_factory=dict)
    base_rate: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "codes": self.codes,
            "median_unit_value": self.median_unit_value,
            "first_seen": self.first_seen,
            "base_rate": self.base_rate,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FeatureState:
        return cls(
            codes=data["codes"],
            median_unit_value=data["median_unit_value"],
            first_seen=data["first_seen"],
            base_rate=float(data["base_rate"]),
        )


def _unit_value(lines: pl.DataFrame, spec: FeatureSpec) -> pl.Expr:
    value = pl.col(spec.value_col).cast(pl.Float64)
    quantity = pl.col(spec.quantity_col).cast(pl.Float64)
    return pl.when(quantity > 0).then(value / quantity).otherwise(None)


def _median_key(lines: pl.DataFrame, spec: FeatureSpec) -> pl.Expr:
    return pl.concat_str(
        [pl.col(spec.hts_col).cast(pl.String), pl.col(spec.origin_col).cast(pl.String)],
        separator="|",
        ignore_nulls=True,
    )


def fit_state(lines: pl.DataFrame, history: pl.DataFrame, spec: FeatureSpec) -> FeatureState:
    """Learn category codes, unit-value medians and first-seen dates from the training lines."""
    codes = {
        col: {v: i for i, v in enumerate(sorted(lines[col].cast(pl.String).drop_nulls().unique()))}
        for col in spec.categorical
    }
    medians = (
        lines.select(key=_median_key(lines, spec), uv=_unit_value(lines, spec))
        .drop_nulls()
        .group_by("key")
        .agg(pl.col("uv").median())
    )
    first_seen: dict[str, str] = {}
    if spec.first_seen_key:
        seen = lines.group_by(pl.col(spec.first_seen_key).cast(pl.String)).agg(
            pl.col("entry_date").min()
        )
        first_seen = {k: d.isoformat() for k, d in seen.iter_rows() if k is not None}
    mean = history["violation"].cast(pl.Float64).mean() if history.height else None
    base_rate = float(mean) if isinstance(mean, int | float) else 0.0
    return FeatureState(
        codes=codes,
        median_unit_value=dict(medians.iter_rows()),
        first_seen=first_seen,
        base_rate=base_rate,
    )


def history_rates(
    lines: pl.DataFrame, history: pl.DataFrame, key: str, base_rate: float
) -> pl.DataFrame:
    """Past violation rate and finding count of each line's `key`, from findings dated strictly
    before the line's entry date (an as-of join that excludes the same day)."""
    rows = lines.select(
        pl.int_range(pl.len()).alias("_row"),
        pl.col(key).cast(pl.String).alias("_key"),
        pl.col("entry_date").cast(pl.Date),
    )
    if history.height:
        daily = (
            history.select(
                pl.col(key).cast(pl.String).alias("_key"),
                pl.col("finding_date").cast(pl.Date),
                pl.col("violation").cast(pl.Float64),
            )
            .drop_nulls()
            .group_by("_key", "finding_date")
            .agg(n=pl.len().cast(pl.Float64), v=pl.col("violation").sum())
            .sort("_key", "finding_date")
            .with_columns(
                n=pl.col("n").cum_sum().over("_key"), v=pl.col("v").cum_sum().over("_key")
            )
            .sort("finding_date")
        )
    else:
        daily = pl.DataFrame(
            schema={"_key": pl.String, "finding_date": pl.Date, "n": pl.Float64, "v": pl.Float64}
        )
    joined = (
        rows.sort("entry_date")
        .join_asof(
            daily,
            left_on="entry_date",
            right_on="finding_date",
            by="_key",
            strategy="backward",
            allow_exact_matches=False,
            check_sortedness=False,
        )
        .sort("_row")
    )
    n = pl.col("n").fill_null(0.0)
    v = pl.col("v").fill_null(0.0)
    return joined.select(
        ((v + base_rate * RATE_PRIOR_STRENGTH) / (n + RATE_PRIOR_STRENGTH)).alias(
            f"{key}_past_rate"
        ),
        n.alias(f"{key}_past_findings"),
    )


def build_features(
    lines: pl.DataFrame,
    history: pl.DataFrame,
    spec: FeatureSpec,
    state: FeatureState,
    first_seen: dict[str, date] | None = None,
) -> pl.DataFrame:
    """The feature frame (float64 columns named by spec.feature_names()), one row per line.

    `history` holds findings with `finding_date`, `violation` and the spec's history keys;
    `first_seen` the lake's first sighting of each first_seen_key when `lines` are only a
    window of it (a day's run), so the age is the one the whole lake would give.
    """
    columns: list[pl.Series | pl.Expr] = []
    for col in spec.categorical:
        codes = state.codes.get(col, {})
        columns.append(
            pl.col(col)
            .cast(pl.String)
            .replace_strict(codes, default=None, return_dtype=pl.Float64)
            .alias(col)
        )
    columns += [pl.col(c).cast(pl.Float64).alias(c) for c in spec.numeric]
    uv = _unit_value(lines, spec)
    median = _median_key(lines, spec).replace_strict(
        state.median_unit_value, default=None, return_dtype=pl.Float64
    )
    columns += [uv.alias("unit_value"), (uv / median).alias("unit_value_vs_median")]
    if spec.first_seen_key:
        stored = (
            pl.col(spec.first_seen_key)
            .cast(pl.String)
            .replace_strict(state.first_seen, default=None, return_dtype=pl.String)
            .str.to_date()
        )
        in_frame = pl.col("entry_date").min().over(spec.first_seen_key)
        first = pl.min_horizontal(stored, in_frame)
        if first_seen is not None:
            lake = (
                pl.col(spec.first_seen_key)
                .cast(pl.String)
                .replace_strict(first_seen, default=None, return_dtype=pl.Date)
            )
            first = pl.min_horizontal(first, lake)
        columns.append(
            (pl.col("entry_date") - first).dt.total_days().cast(pl.Float64).alias("first_seen_days")
        )
    frame = lines.select(columns)
    parts = [frame]
    for key in spec.history_keys:
        parts.append(history_rates(lines, history, key, state.base_rate))
    out = pl.concat(parts, how="horizontal")
    # A zero median or quantity gives inf or NaN; both mean "unknown" to the model.
    return out.select(
        pl.when(pl.col(c).is_finite()).then(pl.col(c)).otherwise(None).alias(c)
        for c in spec.feature_names()
    )


def to_matrix(features: pl.DataFrame) -> np.ndarray:
    """Float64 matrix with NaN for missing, the form LightGBM and XGBoost take."""
    return features.to_numpy().astype(np.float64, copy=False)
