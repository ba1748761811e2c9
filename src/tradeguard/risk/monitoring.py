"""Is the active model still seeing the world it learnt from, and are its probabilities true?

Drift: the population stability index (PSI) of each week's scores against the scores of the
training window, over the reference's score deciles. Calibration: predicted against observed
violation rate by score decile among examined entries, summarised as the expected calibration
error (ECE, the count-weighted mean gap). Thresholds are the usual ones (docs/model.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl

# PSI below 0.10: stable; 0.10-0.25: watch; above 0.25: the population has shifted (alert).
PSI_WATCH = 0.10
PSI_ALERT = 0.25
# Predicted and observed violation rates more than 10 points apart on average: alert.
ECE_ALERT = 0.10
# Fewer examined entries than this, and the calibration figure is noise: no alert from it.
MIN_CALIBRATION_ENTRIES = 50
BINS = 10
# A share of zero in a bin would make PSI infinite; floor every share at this.
_FLOOR = 1e-4


def decile_edges(reference: np.ndarray, bins: int = BINS) -> np.ndarray:
    """Inner cut points of the reference's quantiles (duplicates dropped for tied scores)."""
    qs = np.quantile(reference, np.linspace(0, 1, bins + 1)[1:-1])
    return np.unique(qs)


def shares(values: np.ndarray, edges: np.ndarray) -> np.ndarray:
    counts = np.bincount(np.searchsorted(edges, values, side="right"), minlength=len(edges) + 1)
    return np.maximum(counts / max(len(values), 1), _FLOOR)


def psi(reference: np.ndarray, current: np.ndarray, bins: int = BINS) -> float:
    """sum over bins of (current - reference) x ln(current / reference), bins by reference
    deciles; 0 when the two distributions agree."""
    edges = decile_edges(reference, bins)
    ref, cur = shares(reference, edges), shares(current, edges)
    return float(np.sum((cur - ref) * np.log(cur / ref)))


@dataclass(frozen=True, slots=True)
class WeekDrift:
    week: date
    entries: int
    psi: float

    @property
    def state(self) -> str:
        return "alert" if self.psi > PSI_ALERT else "watch" if self.psi > PSI_WATCH else "stable"


def weekly_psi(scores: pl.DataFrame, reference: np.ndarray) -> list[WeekDrift]:
    """PSI of each week's scores (columns entry_date, risk_score) against the reference."""
    if scores.height == 0 or len(reference) == 0:
        return []
    weekly = (
        scores.with_columns(week=pl.col("entry_date").dt.truncate("1w"))
        .group_by("week")
        .agg(pl.col("risk_score"))
        .sort("week")
    )
    return [
        WeekDrift(week=w, entries=len(s), psi=round(psi(reference, np.asarray(s)), 4))
        for w, s in weekly.iter_rows()
    ]


@dataclass(frozen=True, slots=True)
class Decile:
    decile: int
    entries: int
    predicted: float
    observed: float


def calibration(predicted: np.ndarray, observed: np.ndarray, bins: int = BINS) -> list[Decile]:
    """Examined entries split into score deciles (equal counts): mean score against the share
    found violating."""
    order = np.argsort(predicted, kind="stable")
    out = []
    for i, part in enumerate(np.array_split(order, bins)):
        if len(part):
            out.append(
                Decile(
                    decile=i + 1,
                    entries=len(part),
                    predicted=round(float(predicted[part].mean()), 4),
                    observed=round(float(observed[part].mean()), 4),
                )
            )
    return out


def expected_calibration_error(deciles: list[Decile]) -> float:
    total = sum(d.entries for d in deciles)
    if total == 0:
        return 0.0
    gap = sum(d.entries * abs(d.predicted - d.observed) for d in deciles)
    return round(gap / total, 4)


@dataclass(frozen=True, slots=True)
class WeekPrecision:
    week: date
    examined: int
    violations: int

    @property
    def precision(self) -> float | None:
        return round(self.violations / self.examined, 4) if self.examined else None


def held_precision(findings: pl.DataFrame) -> list[WeekPrecision]:
    """Share of targeted (held) entries found violating, by week of the finding."""
    held = findings.filter(pl.col("source") == "targeted")
    if held.height == 0:
        return []
    by_entry = held.group_by("entry_no").agg(
        pl.col("finding_date").max(), pl.col("violation").any()
    )
    weekly = (
        by_entry.with_columns(week=pl.col("finding_date").dt.truncate("1w"))
        .group_by("week")
        .agg(examined=pl.len(), violations=pl.col("violation").sum())
        .sort("week")
    )
    return [WeekPrecision(w, int(n), int(v)) for w, n, v in weekly.iter_rows()]
