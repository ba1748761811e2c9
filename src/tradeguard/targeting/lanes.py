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


def _has_masks(hits: pl.DataFrame, rules: list[CompiledRule]) -> bool:
    return not (rules and all(r.column in hits.columns for r in rules))


def _mask(hits: pl.DataFrame, start: int) -> np.ndarray:
    """One mask column as little-endian int64 (so its bytes unpack in rule order)."""
    return np.ascontiguousarray(hits[mask_name(start)].fill_null(0).to_numpy(), dtype="<i8")


def hit_matrix(hits: pl.DataFrame, rules: list[CompiledRule]) -> np.ndarray:
    """Entries × rules booleans, from per-rule boolean columns or from the engines' bit masks."""
    if not _has_masks(hits, rules):
        return hits.select(pl.col(r.column).fill_null(False) for r in rules).to_numpy()
    matrix = np.zeros((hits.height, len(rules)), dtype=bool)
    for start in range(0, len(rules), MASK_BITS):
        width = min(MASK_BITS, len(rules) - start)
        # unpackbits over the 8 bytes of each mask is one vectorised pass, not 62 shifts.
        bits = np.unpackbits(
            _mask(hits, start).view(np.uint8).reshape(-1, 8), axis=1, bitorder="little"
        )
        matrix[:, start : start + width] = bits[:, :width].view(bool)
    return matrix


def _any(
    hits: pl.DataFrame, matrix: np.ndarray | None, rules: list[CompiledRule], chosen: list[int]
) -> np.ndarray:
    """Per entry: did any of the `chosen` rules hit? On masks (matrix None), one AND per mask."""
    held = np.zeros(hits.height, dtype=bool)
    if not chosen:
        return held
    if matrix is not None:
        return np.asarray(matrix[:, chosen].any(axis=1), dtype=bool)
    for start in range(0, len(rules), MASK_BITS):
        wanted = sum(1 << (i - start) for i in chosen if start <= i < start + MASK_BITS)
        if wanted:
            held |= (_mask(hits, start) & wanted) != 0
    return held


def _risk(
    hits: pl.DataFrame, matrix: np.ndarray | None, rules: list[CompiledRule], risks: set[Risk]
) -> pl.Series:
    return pl.Series(
        _any(hits, matrix, rules, [i for i, r in enumerate(rules) if r.rule.risk in risks])
    )


def _true_cells(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """np.nonzero(matrix) in row-major order, reading 8 cells per step: most rows hit few rules,
    so only the 8-byte words that hold a hit are looked at one by one (several times faster)."""
    height, width = matrix.shape
    padded_width = -(-width // 8) * 8
    if height == 0 or width == 0:
        return np.nonzero(matrix)  # type: ignore[return-value]
    if padded_width == width and matrix.flags.c_contiguous:
        padded = matrix
    else:
        padded = np.zeros((height, padded_width), dtype=bool)
        padded[:, :width] = matrix
    words = np.flatnonzero(padded.view(np.uint64))
    cells = words[:, None] * 8 + np.arange(8)
    word_rows, offsets = np.nonzero(padded.reshape(-1)[cells])
    flat = cells[word_rows, offsets]
    return flat // padded_width, flat % padded_width


def _mask_cells(hits: pl.DataFrame, rules: list[CompiledRule]) -> tuple[np.ndarray, np.ndarray]:
    """(entry, rule) of every hit, row-major, straight from the masks: only nonzero masks are
    unpacked, and a mask is already a 62-rule word."""
    parts_rows, parts_cols = [], []
    for start in range(0, len(rules), MASK_BITS):
        mask = _mask(hits, start)
        rows = np.flatnonzero(mask)
        bits = np.unpackbits(mask[rows].view(np.uint8).reshape(-1, 8), axis=1, bitorder="little")
        at, bit = _true_cells(bits.view(bool))
        parts_rows.append(rows[at])
        parts_cols.append(bit + start)
    if not parts_rows:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    rows, cols = np.concatenate(parts_rows), np.concatenate(parts_cols)
    if len(parts_rows) > 1:
        order = np.argsort(rows * len(rules) + cols, kind="stable")
        rows, cols = rows[order], cols[order]
    return rows, cols


def _listed(rows: np.ndarray, cols: np.ndarray, height: int, labels: list[str]) -> pl.Series:
    """Per row, the labels of its true cells in column order, from np.nonzero's (rows, cols)
    (a list expression per rule is far slower with hundreds of rules)."""
    offsets = np.zeros(height + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=height), out=offsets[1:])
    values = pl.Series(labels, dtype=pl.String).gather(cols).to_arrow().cast(pa.large_string())
    lists = pa.LargeListArray.from_arrays(pa.array(offsets), values)
    series = pl.Series(lists)
    return series.cast(pl.List(pl.String))


def _hit_lists(
    hits: pl.DataFrame, matrix: np.ndarray | None, rules: list[CompiledRule]
) -> dict[str, pl.Series]:
    ptis = sorted({r.rule.pti.value for r in rules})
    by_pti = np.column_stack(
        [
            _any(hits, matrix, rules, [i for i, r in enumerate(rules) if r.rule.pti.value == p])
            for p in ptis
        ]
        or [np.zeros(hits.height, dtype=bool)]
    )[:, : len(ptis)]
    rows, cols = _mask_cells(hits, rules) if matrix is None else _true_cells(matrix)
    pti_rows, pti_cols = _true_cells(by_pti)
    height = hits.height
    return {
        "rule_ids": _listed(rows, cols, height, [r.rule.id for r in rules]),
        "rule_versions": _listed(rows, cols, height, [r.published.ref for r in rules]),
        "pti_hits": _listed(pti_rows, pti_cols, height, ptis),
    }


def decisions(
    hits: pl.DataFrame, rules: list[CompiledRule], *, stage: str, release_trusted_low: bool
) -> pl.DataFrame:
    """One row per entry in DECISION_COLUMNS order (risk_score and yield left null)."""
    matrix = None if _has_masks(hits, rules) else hit_matrix(hits, rules)
    filled = hits.with_columns(
        _risk(hits, matrix, rules, {Risk.MANDATORY}).alias("_mandatory"),
        _risk(hits, matrix, rules, {Risk.HIGH, Risk.MEDIUM}).alias("_discretionary"),
        _risk(hits, matrix, rules, {Risk.LOW}).alias("_low"),
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
    lists = _hit_lists(hits, matrix, rules)
    out = filled.select(
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
    )
    # Engines that keep the lake's entry order hand over sorted entries: no second sort then.
    return out if out.get_column("entry_no").is_sorted() else out.sort("entry_no")
