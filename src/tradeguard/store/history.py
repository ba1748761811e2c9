"""The lake's history, kept beside it: what rules and the model need to know about the past.

A daily run decides one day's entries, but their rule columns and model features read the whole
past: when each importer and manufacturer was first seen, the median unit value of each HTS and
origin, and every finding with the parties and keys of the line it was made on. Computing those
from the whole lake makes the day cost what the history costs (issue 18), so they are kept here,
updated at each ingest (under the lake's writer lock, with the batch) and at each recording of
findings, and read by a windowed run together with the window's lines only.

Layout: `<lake>/history/v-<id>/{importers,manufacturers,medians,findings}.parquet` and
`<lake>/history/current.json`, replaced atomically, naming the version, the lake batches it
covers and the fingerprint of the findings file it keyed. A reader uses the kept version only when
both match what it reads; otherwise it catches up (from the kept version: the new batches and the
new findings only) and stores the result if the lock is free. So the history a run reads is
always the one a full evaluation of the same lake and findings would compute.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pyarrow.parquet as pq
from filelock import FileLock, Timeout

from tradeguard.atomic_write import replace_text
from tradeguard.store.lake import POLARS_SCHEMA, EntryLake, LakeSnapshot

TABLES = ("importers", "manufacturers", "medians", "findings")
# A reader's catch-up that could not be stored lives this long (no run takes an hour).
PRIVATE_SECONDS = 3600.0
_UNIT_VALUE = "CAST(value_usd AS DOUBLE) / NULLIF(quantity, 0)"
# The model's history keys (risk/lines.py) besides the two parties.
_LINE_KEYS = "importer_id, manufacturer_id, SUBSTR(hts10, 1, 6) AS hts6, origin_country, port_code"


def _files_sql(files: list[Path]) -> str:
    listed = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
    return f"read_parquet([{listed}], hive_partitioning = false)"


def _read(path: Path) -> str:
    return "read_parquet('" + str(path).replace("'", "''") + "')"


def findings_fingerprint(findings_path: Path | None) -> str:
    """The findings file's content hash ('' when there is none): findings are few, so cheap."""
    if findings_path is None or not findings_path.exists():
        return ""
    return hashlib.sha256(findings_path.read_bytes()).hexdigest()


@dataclass(frozen=True, slots=True)
class KeptHistory:
    """One version of the kept history: its folder and what it covers."""

    folder: Path
    batches: tuple[str, ...]
    findings: str

    def path(self, table: str) -> Path:
        return self.folder / f"{table}.parquet"


class LakeHistory:
    def __init__(self, lake: EntryLake) -> None:
        self.lake = lake
        self.root = lake.root / "history"
        self.pointer = self.root / "current.json"

    def kept(self) -> KeptHistory | None:
        if not self.pointer.exists():
            return None
        doc = json.loads(self.pointer.read_text())
        folder = self.root / doc["version"]
        if not folder.exists():
            return None
        return KeptHistory(folder, tuple(doc["batches"]), doc["findings"])

    def for_snapshot(self, snapshot: LakeSnapshot, findings_path: Path | None) -> KeptHistory:
        """The history of exactly `snapshot` and the findings file now; caught up and stored
        (when no writer holds the lake) if the kept one is behind."""
        batches = tuple(b.batch_id for b in snapshot.batches)
        fingerprint = findings_fingerprint(findings_path)
        kept = self.kept()
        if kept is not None and kept.batches == batches and kept.findings == fingerprint:
            return kept
        lock = FileLock(self.lake.lock_path)
        try:
            lock.acquire(timeout=0)
        except Timeout:  # a writer is busy: catch up in a private folder, not stored
            return self._build(snapshot, findings_path, kept, store=False)
        try:
            if tuple(b.batch_id for b in self.lake.snapshot().batches) != batches:
                return self._build(snapshot, findings_path, kept, store=False)
            return self._build(snapshot, findings_path, self.kept(), store=True)
        finally:
            lock.release()

    def update(self, snapshot: LakeSnapshot, findings_path: Path | None) -> KeptHistory:
        """Bring the kept history up to `snapshot` and the findings file: call holding the
        lake's writer lock (LakeWriter), right after a commit or a findings rewrite."""
        return self._build(snapshot, findings_path, self.kept(), store=True)

    def _build(
        self,
        snapshot: LakeSnapshot,
        findings_path: Path | None,
        base: KeptHistory | None,
        *,
        store: bool,
    ) -> KeptHistory:
        batches = tuple(b.batch_id for b in snapshot.batches)
        fingerprint = findings_fingerprint(findings_path)
        if base is not None and not set(base.batches) <= set(batches):
            base = None  # the lake was rebuilt: start over
        version = "v-" + uuid.uuid4().hex[:12]
        folder = (self.root if store else self.root / "_private") / version
        folder.mkdir(parents=True)
        new_files = [
            snapshot.root / f
            for b in snapshot.batches
            if base is None or b.batch_id not in base.batches
            for f in b.files
        ]
        with duckdb.connect() as con:
            _write_tables(con, folder, snapshot, new_files, base, findings_path)
        kept = KeptHistory(folder, batches, fingerprint)
        if store:
            doc = {"version": version, "batches": list(batches), "findings": fingerprint}
            replace_text(self.pointer, json.dumps(doc))
            self._remove_old(keep={version, base.folder.name if base else ""})
        return kept

    def _remove_old(self, keep: set[str]) -> None:
        """Versions but the current and the one before (a reader may still be on it) go, and
        readers' private catch-ups once they are an hour old."""
        for path in self.root.iterdir():
            if path.is_dir() and path.name.startswith("v-") and path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)
        private = self.root / "_private"
        if private.exists():
            for path in private.iterdir():
                if time.time() - path.stat().st_mtime > PRIVATE_SECONDS:
                    shutil.rmtree(path, ignore_errors=True)


def _write_tables(
    con: duckdb.DuckDBPyConnection,
    folder: Path,
    snapshot: LakeSnapshot,
    new_files: list[Path],
    base: KeptHistory | None,
    findings_path: Path | None,
) -> None:
    """Each table from the base version plus the new batches (or from the whole lake)."""
    every = snapshot.files()
    new = _files_sql(new_files) if new_files else None
    for party in ("importer", "manufacturer"):
        key, table = f"{party}_id", f"{party}s"
        parts = [f"SELECT {key}, first_seen FROM {_read(base.path(table))}"] if base else []
        if new:
            parts.append(f"SELECT {key}, MIN(entry_date) AS first_seen FROM {new} GROUP BY 1")
        union = (
            " UNION ALL ".join(parts) or f"SELECT NULL::VARCHAR AS {key}, NULL::DATE AS first_seen"
        )
        _copy(con, f"SELECT {key}, MIN(first_seen) AS first_seen FROM ({union}) GROUP BY 1 "
              f"HAVING {key} IS NOT NULL ORDER BY 1", folder / f"{table}.parquet")  # fmt: skip
    _copy(con, _medians_sql(every, new, base), folder / "medians.parquet")
    _copy(con, _findings_sql(every, findings_path), folder / "findings.parquet")


def _medians_sql(every: list[Path], new: str | None, base: KeptHistory | None) -> str:
    """Medians of every (hts10, origin): kept ones for keys no new line touched, recomputed over
    the whole lake (that key's lines only) for the others. A median cannot be updated from the
    old median and the new values, so the touched keys' values are read again."""
    empty = (
        "SELECT NULL::VARCHAR AS hts10, NULL::VARCHAR AS origin_country, NULL::DOUBLE AS median_uv"
    )
    if not every:
        return f"SELECT * FROM ({empty}) WHERE hts10 IS NOT NULL"
    lake = _files_sql(every)
    if base is None or new is None:
        touched = f"SELECT DISTINCT hts10, origin_country FROM {lake}" if base is None else None
    else:
        touched = f"SELECT DISTINCT hts10, origin_country FROM {new}"
    kept = _read(base.path("medians")) if base else f"({empty})"
    if touched is None:
        return f"SELECT * FROM {kept} ORDER BY 1, 2"
    return (
        f"WITH t AS ({touched}), "
        f"fresh AS (SELECT l.hts10, l.origin_country, MEDIAN({_UNIT_VALUE}) AS median_uv "
        f"FROM {lake} AS l SEMI JOIN t USING (hts10, origin_country) GROUP BY 1, 2) "
        f"SELECT * FROM fresh UNION ALL SELECT k.* FROM {kept} AS k "
        "ANTI JOIN t USING (hts10, origin_country) WHERE k.hts10 IS NOT NULL ORDER BY 1, 2"
    )


def _findings_sql(every: list[Path], findings_path: Path | None) -> str:
    """Every finding with its line's keys, in the findings file's order (a finding whose line is
    not in the lake is nobody's history yet)."""
    columns = (
        "entry_no VARCHAR, line_no BIGINT, importer_id VARCHAR, manufacturer_id VARCHAR, "
        "hts6 VARCHAR, origin_country VARCHAR, port_code VARCHAR, finding_date DATE, "
        "violation BOOLEAN, pti VARCHAR"
    )
    if findings_path is None or not findings_path.exists() or not every:
        names = ", ".join(f"NULL::{c.split()[1]} AS {c.split()[0]}" for c in columns.split(", "))
        return f"SELECT * FROM (SELECT {names}) WHERE entry_no IS NOT NULL"
    found = _read(findings_path)
    if "pti" not in pq.read_schema(findings_path).names:  # written before findings had a PTI
        found = f"(SELECT *, NULL::VARCHAR AS pti FROM {found})"
    return (
        f"WITH f AS (SELECT *, ROW_NUMBER() OVER () AS _n FROM {found}), "
        f"l AS (SELECT entry_no, CAST(line_no AS BIGINT) AS line_no, {_LINE_KEYS} "
        f"FROM {_files_sql(every)} WHERE entry_no IN (SELECT entry_no FROM f)) "
        "SELECT f.entry_no, CAST(f.line_no AS BIGINT) AS line_no, l.importer_id, "
        "l.manufacturer_id, l.hts6, l.origin_country, l.port_code, f.finding_date, f.violation, "
        "f.pti FROM f JOIN l ON l.entry_no = f.entry_no AND l.line_no = f.line_no ORDER BY f._n"
    )


def _copy(con: duckdb.DuckDBPyConnection, query: str, path: Path) -> None:
    con.sql(f"COPY ({query}) TO '{path}' (FORMAT parquet)")


@dataclass(frozen=True, slots=True)
class LakeWindow:
    """The lines of a lake snapshot entered between two dates (either open), read from the date
    partitions only: a day's run reads the day's files, not the lake (an entry's lines carry the
    entry's date, so a partition holds whole entries)."""

    snapshot: LakeSnapshot
    first: date | None
    last: date | None

    def files(self) -> list[Path]:
        return [f for f in self.snapshot.files() if self._inside(f)]

    def _inside(self, path: Path) -> bool:
        day = date.fromisoformat(path.parent.name.removeprefix("entry_date="))
        return (self.first is None or day >= self.first) and (self.last is None or day <= self.last)

    def is_empty(self) -> bool:
        return not self.files()

    def scan(self) -> pl.LazyFrame:
        files = self.files()
        if not files:
            return pl.LazyFrame(schema=POLARS_SCHEMA)
        return pl.scan_parquet([str(f) for f in files], hive_partitioning=False)

    def duckdb_relation_sql(self) -> str:
        files = self.files()
        if not files:
            raise FileNotFoundError("no entries in the window")
        return _files_sql(files)
