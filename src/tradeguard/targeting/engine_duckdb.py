"""Batch targeting on DuckDB: every active rule over every loaded line in one vectorised query.

The query builds the rule columns (columns.rule_lines_sql), evaluates each compiled predicate as
a boolean, and aggregates to one row per entry (a rule hits an entry when it matches any line),
with the random-sample flag computed in SQL. Lanes are assigned afterwards by lanes.py, which
every engine shares.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from tradeguard.targeting.columns import EXACT_DUTY, EXACT_VALUE, HistoryRelations, rule_lines_sql
from tradeguard.targeting.compiler import CompiledRule, columns_used, line_masks_sql
from tradeguard.targeting.sampling import SampleRates, sample_sql

ENTRY_CONTEXT = (
    "MIN(entry_date) AS entry_date, MIN(port_code) AS port_code, "
    "MIN(importer_id) AS importer_id, ARG_MIN(center, line_no) AS center, "
    f"SUM({EXACT_VALUE}) AS value_usd, SUM({EXACT_DUTY}) AS duty_usd, "
    "BOOL_OR(ctpat) AS ctpat, BOOL_OR(isa) AS isa"
)


def entry_hits_sql(lines_sql: str, rules: list[CompiledRule], seed: int, rates: SampleRates) -> str:
    hits = "".join(f", BIT_OR({sql}) AS {name}" for name, sql in line_masks_sql(rules, "duckdb"))
    sampled = sample_sql("entry_no", "center", seed, rates, "duckdb")
    return (
        f"WITH lines AS ({lines_sql}), "
        f"entries AS (SELECT entry_no, {ENTRY_CONTEXT}{hits} FROM lines GROUP BY entry_no) "
        f"SELECT *, {sampled} AS sampled FROM entries"
    )


def connect(center_map: dict[str, str] | None = None) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    if center_map is not None:
        table = pa.table(
            {"hts10": list(center_map), "center": list(center_map.values())},
            schema=pa.schema([("hts10", pa.string()), ("center", pa.string())]),
        )
        con.register("hts_centers", table)
    return con


def findings_relation(findings_path: Path | None) -> str | None:
    """The findings file as a FROM expression, or None when there is none. A file written
    before findings carried their PTI reads as findings of no PTI."""
    if findings_path is None or not findings_path.exists():
        return None
    read = "read_parquet('" + str(findings_path).replace("'", "''") + "')"
    if "pti" in pq.read_schema(findings_path).names:
        return read
    return f"(SELECT *, CAST(NULL AS VARCHAR) AS pti FROM {read})"


def entry_hits(
    con: duckdb.DuckDBPyConnection,
    source: str,
    rules: list[CompiledRule],
    *,
    findings_path: Path | None,
    with_centers: bool,
    seed: int,
    rates: SampleRates,
    history: HistoryRelations | None = None,
    advance: str | None = None,
) -> pa.Table:
    """One row per entry: context, the rule-hit masks (see lanes.hit_matrix), and `sampled`.
    With `history` (the lake's kept history) `source` may hold only a window's lines;
    `advance` is a FROM expression over the advance lake, for the advance_* columns."""
    lines = rule_lines_sql(
        source,
        findings=findings_relation(findings_path),
        centers="hts_centers" if with_centers else None,
        needed=columns_used(rules),
        history=history,
        advance=advance,
    )
    return con.sql(entry_hits_sql(lines, rules, seed, rates)).to_arrow_table()


def line_matches(
    con: duckdb.DuckDBPyConnection,
    source: str,
    rules: list[CompiledRule],
    with_centers: bool,
    findings_path: Path | None = None,
) -> pa.Table:
    """Per line: entry_no, line_no and one boolean per rule (used by backtests and tests)."""
    lines = rule_lines_sql(
        source,
        findings=findings_relation(findings_path),
        centers="hts_centers" if with_centers else None,
    )
    cols = "".join(f", {r.sql('duckdb')} AS {r.column}" for r in rules)
    return con.sql(f"SELECT entry_no, line_no{cols} FROM ({lines}) AS l").to_arrow_table()
