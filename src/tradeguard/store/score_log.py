"""The scores each model version gave each entry: the champion's, and its challengers' in shadow.

models_dir/scores/vNNNN/<time>-<random>.parquet, one file per scoring batch, append-only: every
writer makes a new uniquely named file and renames it into place, so two processes never
clash and a reader never sees half a file. Reading keeps each entry's latest score.
"""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

SCHEMA: dict[str, pl.DataType] = {
    "entry_no": pl.String(),
    "entry_date": pl.Date(),
    "risk_score": pl.Float64(),
    "scored_at": pl.Datetime("us", "UTC"),
}


class ScoreLog:
    def __init__(self, models_dir: Path) -> None:
        self.root = models_dir / "scores"

    def record(self, version: str, scores: pl.DataFrame) -> Path:
        """Append one batch (entry_no, entry_date, risk_score) of `version`'s scores."""
        folder = self.root / version
        folder.mkdir(parents=True, exist_ok=True)
        now = datetime.now(UTC)
        batch = scores.select(
            pl.col("entry_no").cast(pl.String),
            pl.col("entry_date").cast(pl.Date),
            pl.col("risk_score").cast(pl.Float64),
        ).with_columns(scored_at=pl.lit(now, dtype=SCHEMA["scored_at"]))
        name = f"{now:%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:8]}.parquet"
        tmp = folder / f".{name}.tmp"
        batch.write_parquet(tmp)
        os.replace(tmp, folder / name)
        return folder / name

    def versions(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir() if p.is_dir())

    def read(self, version: str) -> pl.DataFrame:
        """Each entry's latest score from `version` (empty when it never scored)."""
        files = sorted((self.root / version).glob("*.parquet"))
        if not files:
            return pl.DataFrame(schema=SCHEMA)
        return (
            pl.concat([pl.read_parquet(f) for f in files])
            .sort("scored_at")
            .unique("entry_no", keep="last", maintain_order=True)
            .sort("entry_date", "entry_no")
        )
