"""From per-entry rule hits to decisions: lanes, reasons and versions, for every engine.

Engines return one row per entry with a boolean per rule and the sample flag; this module turns
that into the decisions table with Polars expressions that mirror domain.rule.decide_lane.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pyarrow as pa

from tradeguard.domain.rule import Lane, Risk
from tradeguard.targeting.compiler import MASK_BITS, CompiledRule, mask_name

DECISION_COLUMNS = (
    "entry_no",
    "lane",
    "rule_ids",
    "rule_versions",
    "pti_hits",
    "risk_score",
    "expected_yield_usd",
    "sampled",
    "entry_date",
    "port_code",
    "importer_id",
    "center",
    "value_usd",
    "duty_usd",
    "ctpat",
    "isa",
    "stage",
    "model_reasons",
)

# The decisions file's types, also used for the empty file of a run over an empty lake.
DECISION_SCHEMA: dict[str, pl.DataType] = {
    "entry_no": pl.String(),
    "lane": pl.String(),
    "rule_ids": pl.List(pl.String()),
    "rule_versions": pl.List(pl.String()),
    "pti_hits": pl.List(pl.String()),
    "risk_score": pl.Float64(),
    "expected_yield_usd": pl.Float64(),
    "sampled": pl.Boolean(),
    "entry_date": pl.Date(),
    "port_code": pl.String(),
    "importer_id": pl.String(),
    "center": pl.String(),
    "value_usd": pl.Decimal(38, 2),
    "duty_usd": pl.Decimal(38, 2),
    "ctpat": pl.Boolean(),
    "isa": pl.Boolean(),
    "stage": pl.String(),
    "model_reasons": pl.List(pl.String()),
}
assert tuple(DECISION_SCHEMA) == DECISION_COLUMNS


def hit_matrix(hits: pl.DataFrame, rules: list[CompiledRule]) -> np.ndarray:
    """Entries × rules booleans, from per-rule boolean columns or from the engines' bit masks."""
    if rules and all(r.column in hits.columns for r in rules):
        return hits.select(pl.col(r.column).fill_null(False) for r in rules).to_numpy()
    matrix = np.zeros((hits.height, len(rules)), dtype=bool)
    for start in range(0, len(rules), MASK_BITS):
        width = min(MASK_BITS, len(rules) - start)
        mask = hits[mask_name(start)].fill_null(0).to_numpy().astype(np.int64)
        bits = (mask[:, None] >> np.arange(width, dtype=np.int64)) & 1
        matrix[:, start : start + width] = bits.astype(bool)
    return matrix


def _any(matrix: np.ndarray, rules: list[CompiledRule], risks: set[Risk]) -> pl.Series:
    chosen = [i for i, r in enumerate(rules) if r.rule.risk in risks]
    held = matrix[:, chosen].any(axis=1) if chosen else np.zeros(matrix.shape[0], dtype=bool)
    return pl.Series(held)


def _listed(matrix: np.ndarray, labels: list[str]) -> pl.Series:
    """Per row, the labels of its true cells in column order, built from the boolean matrix
    in one pass (a list expression per rule is far slower with hundreds of rules)."""
    rows, cols = np.nonzero(matrix)
    offsets = np.zeros(matrix.shape[0] + 1, dtype=np.int64)
    np.cumsum(matrix.sum(axis=1), out=offsets[1:])
    values = pa.array(np.asarray(labels, dtype=object)[cols] if len(labels) else [], pa.string())
    lists = pa.LargeListArray.from_arrays(pa.array(offsets), values)
    del rows
    series = pl.Series(lists)
    return series.cast(pl.List(pl.String))


def _hit_lists(matrix: np.ndarray, rules: list[CompiledRule]) -> dict[str, pl.Series]:
    ptis = sorted({r.rule.pti.value for r in rules})
    membership = np.zeros((len(rules), len(ptis)), dtype=np.int32)
    for i, r in enumerate(rules):
        membership[i, ptis.index(r.rule.pti.value)] = 1
    by_pti = (matrix.astype(np.int32) @ membership) > 0
    return {
        "rule_ids": _listed(matrix, [r.rule.id for r in rules]),
        "rule_versions": _listed(matrix, [r.published.ref for r in rules]),
        "pti_hits": _listed(by_pti, ptis),
    }


def decisions(
    hits: pl.DataFrame, rules: list[CompiledRule], *, stage: str, release_trusted_low: bool
) -> pl.DataFrame:
    """One row per entry in DECISION_COLUMNS order (risk_score and yield left null)."""
    matrix = hit_matrix(hits, rules)
    filled = hits.with_columns(
        _any(matrix, rules, {Risk.MANDATORY}).alias("_mandatory"),
        _any(matrix, rules, {Risk.HIGH, Risk.MEDIUM}).alias("_discretionary"),
        _any(matrix, rules, {Risk.LOW}).alias("_low"),
    )
    trusted = pl.col("ctpat").fill_null(False) | pl.col("isa").fill_null(False)
    low_holds = pl.col("_low") & ~(trusted & pl.lit(release_trusted_low))
    lane = (
        pl.when(pl.col("_mandatory"))
        .then(pl.lit(Lane.MANDATORY.value))
        .when(pl.col("_discretionary") | low_holds)
        .then(pl.lit(Lane.DISCRETIONARY.value))
        .when(pl.col("sampled"))
        .then(pl.lit(Lane.RANDOM.value))
        .otherwise(pl.lit(Lane.RELEASE.value))
    )
    lists = _hit_lists(matrix, rules)
    return filled.select(
        "entry_no",
        lane.alias("lane"),
        lists["rule_ids"].alias("rule_ids"),
        lists["rule_versions"].alias("rule_versions"),
        lists["pti_hits"].alias("pti_hits"),
        pl.lit(None, dtype=pl.Float64).alias("risk_score"),
        pl.lit(None, dtype=pl.Float64).alias("expected_yield_usd"),
        pl.col("sampled").fill_null(False),
        "entry_date",
        "port_code",
        "importer_id",
        "center",
        "value_usd",
        "duty_usd",
        pl.col("ctpat").fill_null(False),
        pl.col("isa").fill_null(False),
        pl.lit(stage).alias("stage"),
        pl.lit(None, dtype=pl.List(pl.String())).alias("model_reasons"),
    ).sort("entry_no")
