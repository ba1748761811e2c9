"""The advance lake: accepted advance filing lines (ISF and manifest) as Parquet, partitioned by
estimated arrival date, beside the entry lake and built the same way (store/lake.py): one
manifest of committed batches, readers on snapshots, writers under an inter-process file lock.
It has its own lock: advance filings and entries are ingested independently.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from tradeguard.domain.advance import ADVANCE_COLUMNS
from tradeguard.store.lake import EntryLake

_TYPES = {"line_no": pa.int32(), "filed_date": pa.date32(), "arrival_date": pa.date32()}
ADVANCE_SCHEMA = pa.schema([(name, _TYPES.get(name, pa.string())) for name in ADVANCE_COLUMNS])
ADVANCE_LAKE_SCHEMA = pa.schema([*ADVANCE_SCHEMA, ("batch_id", pa.string())])


class AdvanceLake(EntryLake):
    SCHEMA = ADVANCE_LAKE_SCHEMA
    PARTITION = "arrival_date"
    FOLDER = "filings"


def advance_lake(home: Path) -> AdvanceLake:
    """The advance lake of a tradeguard home (TRADEGUARD_HOME)."""
    return AdvanceLake(home / "advance")
