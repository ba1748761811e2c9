"""The entry lake: accepted declaration lines as Parquet, partitioned by entry date.

Layout: `<lake>/declarations/entry_date=YYYY-MM-DD/batch-<id>.parquet`, plus `<lake>/batches.json`,
the manifest of committed batches. A batch becomes visible only when the manifest names it, and
the manifest is replaced atomically (write, fsync, rename), so a crash mid-batch leaves files that
no reader sees; the next writer removes them. Always read through `files()` or `scan()`, never by
globbing the folder yourself.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from tradeguard.domain.declaration import COLUMNS

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


@dataclass(frozen=True, slots=True)
class Batch:
    batch_id: str
    source: str
    source_sha256: str
    rows: int
    committed_at: str
    files: tuple[str, ...]


class EntryLake:
    def __init__(self, lake_dir: Path) -> None:
        self.root = lake_dir
        self.declarations_dir = lake_dir / "declarations"
        self.manifest_path = lake_dir / "batches.json"

    # -- reading ---------------------------------------------------------------------------
    def batches(self) -> list[Batch]:
        if not self.manifest_path.exists():
            return []
        raw = json.loads(self.manifest_path.read_text())
        return [Batch(**{**b, "files": tuple(b["files"])}) for b in raw]

    def files(self) -> list[Path]:
        return [self.root / f for b in self.batches() for f in b.files]

    def is_empty(self) -> bool:
        return not self.files()

    def scan(self) -> pl.LazyFrame:
        """All committed lines, typed as LAKE_SCHEMA (an empty frame when nothing is loaded)."""
        files = self.files()
        if not files:
            return pl.LazyFrame(schema=POLARS_SCHEMA)
        return pl.scan_parquet([str(f) for f in files], hive_partitioning=False)

    def duckdb_relation_sql(self) -> str:
        """A FROM-clause expression DuckDB can read: read_parquet over the committed files."""
        files = self.files()
        if not files:
            raise FileNotFoundError("the entry lake is empty; ingest declarations first")
        listed = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
        return f"read_parquet([{listed}], hive_partitioning = false)"

    # -- writing ---------------------------------------------------------------------------
    def remove_uncommitted(self) -> int:
        """Delete files a crashed writer left behind (present on disk, absent from the manifest)."""
        committed = {str(p) for p in self.files()}
        removed = 0
        if self.declarations_dir.exists():
            for path in self.declarations_dir.rglob("*.parquet"):
                if str(path) not in committed:
                    path.unlink()
                    removed += 1
        staging = self.root / "_staging"
        if staging.exists():
            shutil.rmtree(staging)
        return removed

    def append(self, table: pa.Table, *, source: str, source_sha256: str) -> Batch:
        """Write one batch (already validated, typed as LAKE_SCHEMA) and commit it atomically."""
        self.remove_uncommitted()
        batch_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
        table = table.drop_columns([c for c in ("batch_id",) if c in table.column_names])
        table = table.append_column("batch_id", pa.array([batch_id] * table.num_rows, pa.string()))
        table = table.select(LAKE_SCHEMA.names).cast(LAKE_SCHEMA)
        written: list[str] = []
        if table.num_rows:
            dates = table.column("entry_date").unique().to_pylist()
            frame = pl.from_arrow(table)
            assert isinstance(frame, pl.DataFrame)
            for day in sorted(dates):
                part = frame.filter(pl.col("entry_date") == day).to_arrow().cast(LAKE_SCHEMA)
                relative = Path("declarations") / f"entry_date={day.isoformat()}"
                (self.root / relative).mkdir(parents=True, exist_ok=True)
                name = relative / f"batch-{batch_id}.parquet"
                pq.write_table(part, self.root / name, compression="zstd")
                written.append(str(name))
        batch = Batch(
            batch_id=batch_id,
            source=source,
            source_sha256=source_sha256,
            rows=table.num_rows,
            committed_at=datetime.now(UTC).isoformat(),
            files=tuple(written),
        )
        self._commit([*self.batches(), batch])
        return batch

    def _commit(self, batches: Iterable[Batch]) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.manifest_path.with_suffix(".json.tmp")
        payload = [
            {
                "batch_id": b.batch_id,
                "source": b.source,
                "source_sha256": b.source_sha256,
                "rows": b.rows,
                "committed_at": b.committed_at,
                "files": list(b.files),
            }
            for b in batches
        ]
        with tmp.open("w") as handle:
            json.dump(payload, handle, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.manifest_path)
