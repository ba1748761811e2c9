"""The engine registry: every engine that can decide entries, and the one place that picks one.

Each engine computes the same per-entry frame (context, one hit mask per rule, `sampled`) from the
lake's lines. DuckDB and Spark run each rule's SQL, so a published rule must render for both
(`SQL_ENGINES`, checked by portability); Polars translates rules itself and hands a run it cannot
match exactly to DuckDB.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Protocol

import polars as pl

from tradeguard.domain.errors import InvalidInput
from tradeguard.targeting import engine_duckdb, engine_polars, engine_spark
from tradeguard.targeting.columns import HistoryRelations
from tradeguard.targeting.compiler import CompiledRule
from tradeguard.targeting.history_frames import read_findings
from tradeguard.targeting.sampling import SampleRates


class Engine(StrEnum):
    DUCKDB = "duckdb"
    POLARS = "polars"
    SPARK = "spark"


@dataclass(frozen=True, slots=True)
class EngineInfo:
    engine: Engine
    summary: str
    # Reads each rule's SQL itself, so every published rule must render for it.
    runs_rule_sql: bool


ENGINES: tuple[EngineInfo, ...] = (
    EngineInfo(Engine.POLARS, "the default, fastest; runs DuckDB where it would differ", False),
    EngineInfo(Engine.DUCKDB, "in process; every rule column (medians, history)", True),
    EngineInfo(Engine.SPARK, "a Spark session (needs the spark extra)", runs_rule_sql=True),
)
SQL_ENGINES: tuple[str, ...] = tuple(e.engine.value for e in ENGINES if e.runs_rule_sql)
# The fastest exact engine (bench/target_floor.py): Polars when it can give DuckDB's hits
# exactly, DuckDB itself otherwise, so the default never changes a decision.
DEFAULT_ENGINE = Engine.POLARS


def pick_engine(name: str | Engine) -> Engine:
    """The engine called `name`, or InvalidInput naming the field and the choices."""
    try:
        return Engine(name)
    except ValueError:
        names = ", ".join(e.engine.value for e in ENGINES)
        raise InvalidInput(f"unknown engine {name!r}; expected one of: {names}", "engine") from None


class LinesSource(Protocol):
    """The lake's lines as each engine reads them (store.lake.EntryLake is one)."""

    def scan(self) -> pl.LazyFrame: ...

    def files(self) -> list[Path]: ...

    def duckdb_relation_sql(self) -> str: ...


def entry_hits(
    engine: Engine,
    lines: LinesSource,
    rules: list[CompiledRule],
    *,
    center: Callable[[str], str | None],
    findings_path: Path,
    seed: int,
    rates: SampleRates,
    spark_master: str,
    kept: Callable[[str], Path] | None = None,
    advance: LinesSource | None = None,
) -> pl.DataFrame:
    """Per entry: context, rule-hit masks and `sampled`, computed by `engine`; `advance` (the
    advance lake) feeds the advance_* columns; with `kept` history `lines` may be a window."""
    codes = lines.scan().select("hts10").unique().collect().get_column("hts10").to_list()
    mapping = {h: c for h in codes if h is not None and (c := center(h)) is not None}
    hits = engine_polars.translations(rules, findings_path) if engine is Engine.POLARS else None
    if hits is not None:
        # Same hits as DuckDB, faster here; otherwise DuckDB below does the run.
        return engine_polars.entry_hits(
            lines.scan(),
            rules,
            center_map=mapping,
            seed=seed,
            rates=rates,
            findings=read_findings(findings_path),
            kept=kept,
            hits=hits,
            advance=None if advance is None else advance.scan(),
        )
    if engine is Engine.SPARK:
        table = engine_spark.entry_hits(
            engine_spark.session(spark_master),
            lines.files(),
            rules,
            findings_path=findings_path,
            center_map=mapping,
            seed=seed,
            rates=rates,
            kept=kept,
            advance_files=[] if advance is None else advance.files(),
        )
    else:
        with engine_duckdb.connect(mapping) as con:
            table = engine_duckdb.entry_hits(
                con,
                lines.duckdb_relation_sql(),
                rules,
                findings_path=findings_path,
                with_centers=True,
                seed=seed,
                rates=rates,
                history=None if kept is None else HistoryRelations.from_files(kept),
                advance=None if advance is None else advance.duckdb_relation_sql(),
            )
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    return frame
