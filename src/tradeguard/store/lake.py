"""The entry lake: accepted declaration lines as Parquet, partitioned by entry date.

Layout: `<lake>/declarations/entry_date=YYYY-MM-DD/batch-<id>.parquet`, plus `<lake>/batches.json`,
the manifest of committed batches, and `<lake>/writer.lock`.

Readers take a `snapshot()`: one read of the manifest, whose files are all complete and are never
deleted, so a reader sees whole batches or none. Writers hold the inter-process lock while they
check for lines already loaded, write their files and commit (`writing()`), so any number of
concurrent ingests load every line once. The manifest is replaced through a uniquely named
temporary file (write, fsync, rename), so a crash mid-batch leaves files that no reader sees; the
next writer removes them. Always read through a snapshot, never by globbing the folder yourself.
"""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
from filelock import FileLock, Timeout

from tradeguard.atomic_write import is_leftover, replace_text, sync_file, sync_folder
from tradeguard.domain.declaration import COLUMNS
from tradeguard.domain.errors import Conflict

MONEY = pa.decimal128(18, 2)
RATE = pa.decimal128(12, 6)

DECLARATION_SCHEMA = pa.schema(
    [
        ("entry_no", pa.string()),
        ("line_no", pa.int32()),
        ("entry_date", pa.date32()),
        ("port_code", pa.string()),
        ("mode", pa.string()),
        ("entry_type", pa.string()),
        ("filer_code", pa.string()),
        ("importer_id", pa.string()),
        ("manufacturer_id", pa.string()),
        ("origin_country", pa.string()),
        ("export_country", pa.string()),
        ("hts10", pa.string()),
        ("description", pa.string()),
        ("quantity", pa.float64()),
        ("unit", pa.string()),
        ("value_usd", MONEY),
        ("duty_rate", RATE),
        ("duty_usd", MONEY),
        ("spi", pa.string()),
        ("adcvd_case", pa.string()),
        ("adcvd_rate", RATE),
        ("ctpat", pa.bool_()),
        ("isa", pa.bool_()),
        ("bond_type", pa.string()),
        ("bond_amount_usd", MONEY),
    ]
)
assert tuple(DECLARATION_SCHEMA.names) == COLUMNS

# What the lake adds to each declared line: where it came from and what ingest noticed.
LAKE_EXTRA = pa.schema([("duty_mismatch", pa.bool_()), ("batch_id", pa.string())])
LAKE_SCHEMA = pa.schema(list(DECLARATION_SCHEMA) + list(LAKE_EXTRA))
POLARS_SCHEMA: dict[str, pl.DataType] = dict(pl.from_arrow(LAKE_SCHEMA.empty_table()).schema)  # type: ignore[union-attr]

# How long a writer waits for another to finish before giving up with a clear error.
LOCK_WAIT_SECONDS = 600.0


@dataclass(frozen=True, slots=True)
class Batch:
    batch_id: str
    source: str
    source_sha256: str
    rows: int
    committed_at: str
    files: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        return {
            "batch_id": self.batch_id,
            "source": self.source,
            "source_sha256": self.source_sha256,
            "rows": self.rows,
            "committed_at": self.committed_at,
            "files": list(self.files),
        }


@dataclass(frozen=True, slots=True)
class LakeSnapshot:
    """The committed batches as one read of the manifest named them: what one reader works from,
    so that everything it computes agrees (a batch committed meanwhile is not half in it)."""

    root: Path
    batches: tuple[Batch, ...]
    schema: pa.Schema = LAKE_SCHEMA  # what an empty lake scans as

    def files(self) -> list[Path]:
        return [self.root / f for b in self.batches for f in b.files]

    def is_empty(self) -> bool:
        return not self.files()

    def scan(self) -> pl.LazyFrame:
        """All committed lines, typed as LAKE_SCHEMA (an empty frame when nothing is loaded)."""
        files = self.files()
        if not files:
            empty = pl.from_arrow(self.schema.empty_table())
            assert isinstance(empty, pl.DataFrame)
            return empty.lazy()
        return pl.scan_parquet([str(f) for f in files], hive_partitioning=False)

    def duckdb_relation_sql(self) -> str:
        """A FROM-clause expression DuckDB can read: read_parquet over the committed files."""
        files = self.files()
        if not files:
            raise FileNotFoundError("the entry lake is empty; ingest declarations first")
        listed = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
        return f"read_parquet([{listed}], hive_partitioning = false)"

    def keys(self) -> pl.DataFrame:
        """(entry_no, line_no) of every committed line: what a new line must not repeat."""
        return self.scan().select("entry_no", "line_no").collect()


class EntryLake:
    # What a lake holds, partitioned by which date, in which folder: advance filings are a lake
    # of their own with the same lock and manifest (store/advance_lake.py).
    SCHEMA: pa.Schema = LAKE_SCHEMA
    PARTITION = "entry_date"
    FOLDER = "declarations"

    def __init__(self, lake_dir: Path) -> None:
        self.root = lake_dir
        self.declarations_dir = lake_dir / self.FOLDER
        self.manifest_path = lake_dir / "batches.json"
        self.lock_path = lake_dir / "writer.lock"

    # -- reading ---------------------------------------------------------------------------
    def snapshot(self) -> LakeSnapshot:
        """The committed batches now. Take one per use case and read everything from it."""
        if not self.manifest_path.exists():
            return LakeSnapshot(self.root, (), self.SCHEMA)
        raw = json.loads(self.manifest_path.read_text())
        return LakeSnapshot(
            self.root, tuple(Batch(**{**b, "files": tuple(b["files"])}) for b in raw), self.SCHEMA
        )

    def batches(self) -> list[Batch]:
        return list(self.snapshot().batches)

    def files(self) -> list[Path]:
        return self.snapshot().files()

    def is_empty(self) -> bool:
        return self.snapshot().is_empty()

    def scan(self) -> pl.LazyFrame:
        return self.snapshot().scan()

    def duckdb_relation_sql(self) -> str:
        return self.snapshot().duckdb_relation_sql()

    # -- writing ---------------------------------------------------------------------------
    @contextmanager
    def writing(self) -> Iterator[LakeWriter]:
        """Hold the lake's inter-process lock for one writer's check, append and commit.

        The lock is the operating system's (flock), so a writer killed mid-batch releases it.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        lock = FileLock(self.lock_path, timeout=LOCK_WAIT_SECONDS)
        try:
            lock.acquire()
        except Timeout:
            raise Conflict(
                f"the entry lake {self.root} is busy: another ingest has held it for more than"
                f" {LOCK_WAIT_SECONDS:.0f} s"
            ) from None
        try:
            writer = LakeWriter(self, self.snapshot())
            writer.remove_uncommitted()
            yield writer
        finally:
            lock.release()

    def append(self, table: pa.Table, *, source: str, source_sha256: str) -> Batch:
        """Write and commit one batch under the lock (no duplicate check: see writing())."""
        with self.writing() as writer:
            return writer.append(table, source=source, source_sha256=source_sha256)


class LakeWriter:
    """The one writer holding the lock: its snapshot is the lake's current state."""

    def __init__(self, lake: EntryLake, snapshot: LakeSnapshot) -> None:
        self.lake = lake
        self.snapshot = snapshot
        self.removed = 0

    def remove_uncommitted(self) -> None:
        """Delete files a crashed writer left behind (present on disk, absent from the manifest)."""
        committed = {str(p) for p in self.snapshot.files()}
        root = self.lake.root
        if self.lake.declarations_dir.exists():
            for path in self.lake.declarations_dir.rglob("*"):
                if path.is_file() and str(path) not in committed:
                    path.unlink()
                    self.removed += 1
        for path in root.iterdir():
            if path.is_file() and is_leftover(path):
                path.unlink()
        staging = root / "_staging"
        if staging.exists():
            shutil.rmtree(staging)

    def append(self, table: pa.Table, *, source: str, source_sha256: str) -> Batch:
        """Write one batch (already validated, typed as the lake's SCHEMA) and commit it
        atomically."""
        root, schema, partition = self.lake.root, self.lake.SCHEMA, self.lake.PARTITION
        batch_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
        table = table.drop_columns([c for c in ("batch_id",) if c in table.column_names])
        table = table.append_column("batch_id", pa.array([batch_id] * table.num_rows, pa.string()))
        table = table.select(schema.names).cast(schema)
        written: list[str] = []
        if table.num_rows:
            frame = pl.from_arrow(table)
            assert isinstance(frame, pl.DataFrame)
            for day in sorted(table.column(partition).unique().to_pylist()):
                part = frame.filter(pl.col(partition) == day).to_arrow().cast(schema)
                relative = Path(self.lake.FOLDER) / f"{partition}={day.isoformat()}"
                (root / relative).mkdir(parents=True, exist_ok=True)
                name = relative / f"batch-{batch_id}.parquet"
                pq.write_table(part, root / name, compression="zstd")
                sync_file(root / name)
                sync_folder(root / relative)
                written.append(str(name))
        batch = Batch(
            batch_id=batch_id,
            source=source,
            source_sha256=source_sha256,
            rows=table.num_rows,
            committed_at=datetime.now(UTC).isoformat(),
            files=tuple(written),
        )
        self._commit([*self.snapshot.batches, batch])
        return batch

    def _commit(self, batches: Iterable[Batch]) -> None:
        committed = tuple(batches)
        replace_text(
            self.lake.manifest_path, json.dumps([b.as_json() for b in committed], indent=1)
        )
        self.snapshot = LakeSnapshot(self.lake.root, committed, self.lake.SCHEMA)
