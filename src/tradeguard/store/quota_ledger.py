"""The quota ledger: every quota charge of one lake state, as Parquet beside the lake.

`<lake>/quotas/charges-<batch_id>.parquet` holds the charges of the lake as it stood once batch
`batch_id` was committed (the last batch its manifest names). A reader with a lake snapshot
reads the ledger of that snapshot's last batch, so the charges it sees are those of exactly the
lines it sees. Ingest writes it while holding the lake's writer lock, through a uniquely named
temporary file and a rename (atomic_write), so two ingests never charge the same line twice and
no reader sees half a ledger. Older ledgers are kept: they are small, and a reader holding an
older snapshot may still want one.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tradeguard.atomic_write import replace_atomically
from tradeguard.domain.quotas import Charge

SCHEMA = pa.schema(
    [
        ("quota_id", pa.string()),
        ("period", pa.string()),
        ("entry_no", pa.string()),
        ("line_no", pa.int32()),
        ("entry_date", pa.date32()),
        ("in_quota", pa.int64()),
        ("over_quota", pa.int64()),
    ]
)


class QuotaLedger:
    def __init__(self, lake_dir: Path) -> None:
        self.folder = lake_dir / "quotas"

    def path(self, batch_id: str) -> Path:
        return self.folder / f"charges-{batch_id}.parquet"

    def write(self, batch_id: str, charges: list[Charge]) -> Path:
        columns = {name: [getattr(c, name) for c in charges] for name in SCHEMA.names}
        table = pa.table(columns, schema=SCHEMA)

        def write(partial: Path) -> None:
            pq.write_table(table, partial)

        return replace_atomically(self.path(batch_id), write)

    def read(self, batch_id: str) -> list[Charge] | None:
        """The charges recorded after `batch_id`, or None when that ledger was never written."""
        path = self.path(batch_id)
        if not path.exists():
            return None
        rows = pq.read_table(path, schema=SCHEMA).to_pylist()
        return [_charge(r) for r in rows]


def _charge(row: dict[str, object]) -> Charge:
    day = row["entry_date"]
    assert isinstance(day, date)
    return Charge(
        str(row["quota_id"]), str(row["period"]), str(row["entry_no"]), int(row["line_no"]),  # type: ignore[call-overload]
        day, int(row["in_quota"]), int(row["over_quota"]),  # type: ignore[call-overload]
    )  # fmt: skip
