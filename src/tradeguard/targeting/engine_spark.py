"""Batch targeting on Apache Spark: the DuckDB engine's query, transpiled, on a cluster.

Spark serves when one machine is not enough. The rule columns and the per-entry aggregation
(rule hits as the same BIT_OR masks) are the DuckDB engine's SQL transpiled with sqlglot, the
predicates are the validated sqlglot trees, and the random sample is sampling.sample_sql in the
Spark dialect, so both engines hand lanes.py the same entry rows.
pyspark is imported lazily: the default install has no Java and never needs it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel

from tradeguard.domain.errors import InvalidInput
from tradeguard.targeting.columns import (
    FINDINGS_COLUMNS,
    KEPT_TABLES,
    HistoryRelations,
    rule_lines_sql,
)
from tradeguard.targeting.compiler import CompiledRule, columns_used, line_masks_sql, mask_name
from tradeguard.targeting.engine_duckdb import ENTRY_CONTEXT
from tradeguard.targeting.sampling import SampleRates, sample_sql

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

NEEDS_EXTRA = "--engine spark needs the spark extra: pip install 'tradeguard[spark]'"
LAKE_VIEW, FINDINGS_VIEW, CENTERS_VIEW = "tg_lake", "tg_findings", "tg_hts_centers"
LINES_VIEW, ADVANCE_VIEW = "tg_rule_lines", "tg_advance"

# Money leaves both engines as exact decimals; DuckDB widens SUM(decimal(18,2)) to (38,2).
_EXACT_MONEY = pa.decimal128(38, 2)


def _pyspark() -> Any:
    try:
        import pyspark.sql
    except ImportError:
        raise InvalidInput(NEEDS_EXTRA, "engine") from None
    return pyspark.sql


def session(
    master: str, *, shuffle_partitions: int | None = None, driver_memory: str | None = None
) -> SparkSession:
    """A Spark session on `master`: local[*], spark://host:port, or sc://host for Spark Connect.

    The driver binds to SPARK_LOCAL_IP, 127.0.0.1 when unset (these machines have no resolvable
    hostname); on a cluster whose executors run elsewhere, set it to this machine's address.
    getOrCreate reuses a live session, so a long-lived process pays the ~10 s start once.
    """
    sql = _pyspark()
    builder = sql.SparkSession.builder.appName("tradeguard-targeting")
    if master.startswith("sc://"):
        return builder.remote(master).getOrCreate()
    # The driver listens where executors reach it: this machine's address on a cluster
    # (SPARK_LOCAL_IP, Spark's own variable), loopback by default.
    host = os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = (
        builder.master(master)
        .config("spark.driver.host", host)
        .config("spark.driver.bindAddress", host)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        # The lake is an explicit file list; listing it with a Spark job costs more than stat().
        .config("spark.sql.sources.parallelPartitionDiscovery.threshold", "100000")
    )
    if driver_memory is not None:  # only takes effect when this call starts the JVM
        builder = builder.config("spark.driver.memory", driver_memory)
    if shuffle_partitions is not None:
        builder = builder.config("spark.sql.shuffle.partitions", str(shuffle_partitions))
    return builder.getOrCreate()


def to_spark(duckdb_sql: str) -> str:
    """Transpile DuckDB SQL to Spark SQL, refusing anything sqlglot cannot carry over."""
    return sqlglot.transpile(
        duckdb_sql, read="duckdb", write="spark", unsupported_level=ErrorLevel.RAISE
    )[0]


def _skip_null_args(node: exp.Expr) -> exp.Expr:
    """DuckDB's ARG_MIN skips rows whose value is NULL; Spark's MIN_BY keeps them, unless the
    ordering is NULL too (an entry whose first line has no Center takes the next line's)."""
    if isinstance(node, exp.ArgMin):
        value = node.this.copy()
        order = exp.If(
            this=exp.Is(this=value.copy(), expression=exp.Null()),
            true=exp.Null(),
            false=node.expression.copy(),
        )
        return exp.ArgMin(this=value, expression=order)
    return node


def entry_hits_sql(
    rules: list[CompiledRule], seed: int, rates: SampleRates, lines_view: str
) -> str:
    """Spark SQL aggregating a rule-lines view to one row per entry (DuckDB's query, transpiled)."""
    hits = "".join(f", BIT_OR({sql}) AS {name}" for name, sql in line_masks_sql(rules, "duckdb"))
    entries = sqlglot.parse_one(
        f"SELECT entry_no, {ENTRY_CONTEXT}{hits} FROM {lines_view} GROUP BY entry_no",
        read="duckdb",
    ).transform(_skip_null_args)
    spark_sql = entries.sql(dialect="spark", unsupported_level=ErrorLevel.RAISE)
    sampled = sample_sql("entry_no", "center", seed, rates, "spark")
    return f"SELECT e.*, {sampled} AS sampled FROM ({spark_sql}) AS e"


def _side_views(
    spark: SparkSession, kept: Callable[[str], Path] | None, advance_files: Sequence[Path]
) -> tuple[HistoryRelations | None, str | None]:
    """Register the lake's kept history and the advance filings, when given, as views."""
    history = None
    if kept is not None:  # the lake's kept history: `files` may hold only a window's lines
        for table in KEPT_TABLES:
            spark.read.parquet(str(kept(table))).createOrReplaceTempView(f"tg_kept_{table}")
        history = HistoryRelations.from_view(lambda table: f"tg_kept_{table}")
    advance = None
    if advance_files:
        spark.read.parquet(*[str(f) for f in advance_files]).createOrReplaceTempView(ADVANCE_VIEW)
        advance = ADVANCE_VIEW
    return history, advance


def register_rule_lines(
    spark: SparkSession,
    files: Sequence[Path],
    *,
    findings_path: Path | None,
    center_map: dict[str, str] | None,
    keep: bool = False,
    view: str = LINES_VIEW,
    needed: frozenset[str] | None = None,
    kept: Callable[[str], Path] | None = None,
    advance_files: Sequence[Path] = (),
) -> str:
    """Register the rule-lines view (every rule column per line) and return its name.

    The lake is read once and persisted: the rule-lines query reads it five times (lines,
    importer and manufacturer first-seen, medians, history) and Spark would rescan each time.
    With `keep`, the rule-lines view itself is persisted too, for many rule sets over one lake.
    `needed` (compiler.columns_used) skips the history and median passes no rule reads, as the
    DuckDB engine does; None computes every column. `advance_files` (the advance lake's)
    feed the advance_* columns.
    """
    if not files:
        raise InvalidInput("the entry lake is empty; ingest declarations first", "lake")
    _pyspark()
    from pyspark import StorageLevel

    lake = spark.read.parquet(*[str(f) for f in files]).persist(StorageLevel.MEMORY_AND_DISK)
    lake.createOrReplaceTempView(LAKE_VIEW)
    findings = None
    if findings_path is not None and findings_path.exists():
        found = spark.read.parquet(str(findings_path))
        if "pti" not in found.columns:  # written before findings carried their PTI
            found = found.selectExpr("*", "CAST(NULL AS STRING) AS pti")
        found.select(*FINDINGS_COLUMNS).createOrReplaceTempView(FINDINGS_VIEW)
        findings = FINDINGS_VIEW
    centers = None
    if center_map is not None:
        rows = sorted(center_map.items())
        spark.createDataFrame(rows, "hts10 string, center string").createOrReplaceTempView(
            CENTERS_VIEW
        )
        centers = CENTERS_VIEW
    history, advance = _side_views(spark, kept, advance_files)
    lines_sql = rule_lines_sql(
        LAKE_VIEW,
        findings=findings,
        centers=centers,
        needed=needed,
        history=history,
        advance=advance,
    )
    lines = spark.sql(to_spark(lines_sql))
    if keep:
        lines = lines.persist(StorageLevel.MEMORY_AND_DISK)
    lines.createOrReplaceTempView(view)
    return view


def _duckdb_shape(table: pa.Table, rules: list[CompiledRule]) -> pa.Table:
    """Spark's result with the DuckDB engine's column types, so lanes.py sees one schema."""
    types = {"value_usd": _EXACT_MONEY, "duty_usd": _EXACT_MONEY, "entry_date": pa.date32()}
    types.update({mask_name(i): pa.int64() for i in range(len(rules))})
    types.update({r.column: pa.bool_() for r in rules})
    fields = [
        pa.field(name, types.get(name, table.schema.field(name).type))
        for name in table.column_names
    ]
    return table.cast(pa.schema(fields))


def entry_hits(
    spark: SparkSession,
    files: Sequence[Path],
    rules: list[CompiledRule],
    *,
    findings_path: Path | None,
    center_map: dict[str, str] | None,
    seed: int,
    rates: SampleRates,
    kept: Callable[[str], Path] | None = None,
    advance_files: Sequence[Path] = (),
) -> pa.Table:
    """One row per entry: context, the rule-hit masks (see lanes.hit_matrix), and `sampled`.

    The same columns, types and values as engine_duckdb.entry_hits on the same lake.
    """
    view = register_rule_lines(
        spark,
        files,
        findings_path=findings_path,
        center_map=center_map,
        needed=columns_used(rules),
        kept=kept,
        advance_files=advance_files,
    )
    try:
        table = spark.sql(entry_hits_sql(rules, seed, rates, view)).toArrow()
    finally:
        spark.catalog.dropTempView(view)
        spark.table(LAKE_VIEW).unpersist()
    return _duckdb_shape(table, rules)


def line_matches(spark: SparkSession, lines_view: str, rules: list[CompiledRule]) -> pa.Table:
    """Per line: entry_no, line_no and one boolean per rule (engine_duckdb.line_matches' twin)."""
    cols = "".join(f", {r.sql('spark')} AS {r.column}" for r in rules)
    table = spark.sql(f"SELECT entry_no, line_no{cols} FROM {lines_view}").toArrow()
    return _duckdb_shape(table, rules)
