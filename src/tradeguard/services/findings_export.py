"""The findings file the risk model and targeting history read: one row per recorded finding.

Rewritten whole after each recording (findings are few next to entries), through a uniquely named
temporary file so a reader never sees half of it. Writers take turns under a file lock and read the
database inside it, so the last file written holds every finding committed before it.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
from filelock import FileLock

from tradeguard.atomic_write import replace_atomically
from tradeguard.store.database import Database
from tradeguard.store.unit_of_work import UnitOfWork

SCHEMA: dict[str, pl.DataType] = {
    "entry_no": pl.String(),
    "line_no": pl.Int32(),
    "finding_date": pl.Date(),
    "violation": pl.Boolean(),
    "pti": pl.String(),
    "violation_type": pl.String(),
    "duty_shortfall_usd": pl.Float64(),
    "source": pl.String(),
}


def findings_path(home: Path) -> Path:
    return home / "findings" / "findings.parquet"


def findings_frame(db: Database) -> pl.DataFrame:
    """Every finding; a clean finding speaks for the whole entry and is filed on its line 1."""
    with UnitOfWork(db) as uow:
        records = [
            {
                "entry_no": hold.entry_no,
                "line_no": finding.line_no,
                "finding_date": finding.finding_date,
                "violation": finding.result == "violation",
                "pti": finding.pti,
                "violation_type": finding.violation_type,
                "duty_shortfall_usd": float(finding.duty_shortfall_usd),
                "source": "random" if hold.sampled or hold.lane == "random" else "targeted",
            }
            for finding, hold in uow.findings.with_holds()
        ]
    return pl.DataFrame(records, schema=SCHEMA)


def write_findings(db: Database, home: Path) -> Path:
    path = findings_path(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(path.with_name("findings.lock")):
        frame = findings_frame(db)
        return replace_atomically(path, frame.write_parquet)
