"""Pre-entry: decide every announced entry from its advance filing before the goods arrive, and
link each decision to its entry once the entry is filed.

A run evaluates the rules on advance filings (declaration: advance) over the advance lake and
replaces the pre-entry decisions file (written atomically, so a reader sees one whole run). The
link is read, not stored: a decision's entry_no is looked up in the entry lake, so an entry
ingested after the run is linked the next time anyone looks, together with what its lines
declare differently from the advance filing (the advance_* rule columns, advance_sql.py).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from tradeguard.config import Settings
from tradeguard.domain.rule import Lane
from tradeguard.services.rules import active_rules
from tradeguard.store.advance_lake import advance_lake
from tradeguard.store.database import Database
from tradeguard.store.lake import EntryLake
from tradeguard.targeting.advance_sql import ADVANCE_JOIN, advance_columns_sql, advance_cte
from tradeguard.targeting.compiler import compile_advance_rules
from tradeguard.targeting.pre_entry import PRE_ENTRY_SCHEMA, pre_entry_decisions

HELD = (Lane.MANDATORY.value, Lane.DISCRETIONARY.value)


def decisions_path(settings: Settings) -> Path:
    return settings.home / "pre_entry" / "decisions.parquet"


@dataclass(frozen=True, slots=True)
class PreEntryResult:
    """One pre-entry run: entries announced, how many held, by lane and by rule."""

    filed_entries: int
    held: int
    lanes: dict[str, int]
    rule_hits: dict[str, int]
    rules: int
    seconds: float

    def as_json(self) -> dict[str, object]:
        return {
            "filed_entries": self.filed_entries,
            "held": self.held,
            "lanes": self.lanes,
            "rule_hits": self.rule_hits,
            "rules": self.rules,
            "seconds": self.seconds,
        }


def run_pre_entry(db: Database, settings: Settings) -> PreEntryResult:
    """Decide every entry announced by the advance lake; replace the pre-entry decisions."""
    started = time.perf_counter()
    rules = compile_advance_rules(active_rules(db))
    filed = advance_lake(settings.home).snapshot()
    if filed.is_empty():
        frame = pl.DataFrame(schema=PRE_ENTRY_SCHEMA)
    else:
        frame = pre_entry_decisions(filed.duckdb_relation_sql(), rules)
    path = decisions_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{time.time_ns()}.partial")
    frame.write_parquet(partial)
    partial.replace(path)  # atomic: readers see the previous run or this one
    lanes = {lane.value: 0 for lane in (Lane.MANDATORY, Lane.DISCRETIONARY, Lane.RELEASE)}
    lanes.update(dict(frame.group_by("lane").len().iter_rows()))
    hits = frame.select(pl.col("rule_ids").explode().drop_nulls()).group_by("rule_ids").len()
    return PreEntryResult(
        filed_entries=frame.height,
        held=int(frame.filter(pl.col("lane").is_in(HELD)).height),
        lanes=lanes,
        rule_hits=dict(sorted(hits.iter_rows())),
        rules=len(rules),
        seconds=round(time.perf_counter() - started, 3),
    )


@dataclass(frozen=True, slots=True)
class PreEntryHold:
    """A shipment held before arrival, and its entry once filed (None fields until then)."""

    entry_no: str
    bill_of_lading: str
    importer_id: str
    arrival_date: date
    port_of_unlading: str
    lane: str
    rule_ids: tuple[str, ...]
    entry_date: date | None
    origin_mismatch: bool | None
    manufacturer_mismatch: bool | None
    hts6_mismatch: bool | None

    @property
    def arrived(self) -> bool:
        return self.entry_date is not None

    def as_json(self) -> dict[str, object]:
        return {
            "entry_no": self.entry_no,
            "bill_of_lading": self.bill_of_lading,
            "importer_id": self.importer_id,
            "arrival_date": self.arrival_date.isoformat(),
            "port_of_unlading": self.port_of_unlading,
            "lane": self.lane,
            "rule_ids": list(self.rule_ids),
            "arrived": self.arrived,
            "entry_date": None if self.entry_date is None else self.entry_date.isoformat(),
            "origin_mismatch": self.origin_mismatch,
            "manufacturer_mismatch": self.manufacturer_mismatch,
            "hts6_mismatch": self.hts6_mismatch,
        }


def _linked_sql(decisions: str, entries: str | None, filed: str) -> str:
    if entries is None:
        link = (
            "SELECT NULL::VARCHAR AS entry_no, NULL::DATE AS entry_date, NULL::BOOLEAN AS o,"
            " NULL::BOOLEAN AS m, NULL::BOOLEAN AS h WHERE FALSE"
        )
    else:
        link = (
            f"WITH {advance_cte(filed)}, lines AS (SELECT s.entry_no, s.entry_date, "
            f"{advance_columns_sql(True)} FROM {entries} AS s{ADVANCE_JOIN}) "
            "SELECT entry_no, MIN(entry_date) AS entry_date, BOOL_OR(advance_origin_mismatch) AS o,"
            " BOOL_OR(advance_manufacturer_mismatch) AS m, BOOL_OR(advance_hts6_mismatch) AS h"
            " FROM lines GROUP BY entry_no"
        )
    return (
        f"SELECT d.*, e.entry_date, e.o, e.m, e.h FROM {decisions} AS d "
        f"LEFT JOIN ({link}) AS e ON e.entry_no = d.entry_no "
        f"WHERE d.lane IN {HELD!r} ORDER BY d.arrival_date, d.entry_no"
    )


def pre_entry_holds(settings: Settings, *, limit: int | None = None) -> list[PreEntryHold]:
    """The latest run's pre-entry holds, each linked to its entry when the entry is filed."""
    path = decisions_path(settings)
    filed = advance_lake(settings.home).snapshot()
    if not path.exists() or filed.is_empty():
        return []
    lake = EntryLake(settings.lake_dir).snapshot()
    entries = None if lake.is_empty() else lake.duckdb_relation_sql()
    decisions = "read_parquet('" + str(path).replace("'", "''") + "')"
    sql = _linked_sql(decisions, entries, filed.duckdb_relation_sql())
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    con = duckdb.connect()
    try:
        relation = con.sql(sql)
        names, rows = relation.columns, relation.fetchall()
    finally:
        con.close()
    holds = []
    for values in rows:
        row = dict(zip(names, values, strict=True))
        holds.append(
            PreEntryHold(
                entry_no=row["entry_no"],
                bill_of_lading=row["bill_of_lading"],
                importer_id=row["importer_id"],
                arrival_date=row["arrival_date"],
                port_of_unlading=row["port_of_unlading"],
                lane=row["lane"],
                rule_ids=tuple(row["rule_ids"]),
                entry_date=row["entry_date"],
                origin_mismatch=row["o"],
                manufacturer_mismatch=row["m"],
                hts6_mismatch=row["h"],
            )
        )
    return holds
