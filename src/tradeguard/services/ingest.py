"""Ingest: read declaration files, validate every row, load the good ones, quarantine the rest.

Nothing is dropped silently: every row read is either accepted into the entry lake or written to
the quarantine file with its field and reason, so accepted + rejected == rows, always.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl

from tradeguard.config import Settings
from tradeguard.intake.reader import read_declarations
from tradeguard.intake.validation import ReferenceSets, typed, validate
from tradeguard.store.lake import EntryLake


@dataclass(slots=True)
class IngestReport:
    rows: int = 0
    accepted: int = 0
    rejected: int = 0
    quarantine: str | None = None
    reasons: dict[str, int] = field(default_factory=dict)
    flagged: dict[str, int] = field(default_factory=dict)
    batch_id: str | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "rows": self.rows,
            "accepted": self.accepted,
            "rejected": self.rejected,
            "quarantine": self.quarantine,
            "reasons": self.reasons,
            "flagged": self.flagged,
            "batch_id": self.batch_id,
        }


def reference_sets(home: Path) -> ReferenceSets:
    from tradeguard.reference import load_reference

    ref = load_reference(home)
    return ReferenceSets(
        hts10=frozenset(ref.hts), ports=frozenset(ref.ports), countries=frozenset(ref.countries)
    )


def _sha256(paths: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


def ingest(
    paths: Sequence[Path],
    settings: Settings,
    *,
    refs: ReferenceSets | None = None,
    today: date | None = None,
    on_step: Callable[[str], None] | None = None,
) -> IngestReport:
    """Validate and load `paths` as one batch. A file that cannot be read loads nothing at all."""
    step = on_step or (lambda _msg: None)
    refs = refs or reference_sets(settings.home)
    today = today or date.today()
    frames = []
    for path in paths:
        step(f"reading {path.name}")
        frame = read_declarations(path)
        frames.append(
            frame.with_columns(
                pl.lit(str(path)).alias("_source"),
                (pl.int_range(pl.len()) + 1).alias("_source_row"),
            )
        )
    rows = pl.concat(frames) if frames else pl.DataFrame()
    lake = EntryLake(settings.lake_dir)
    step("validating")
    loaded = lake.scan().select("entry_no", "line_no").collect()
    checked = validate(rows.drop(["_source", "_source_row"]), refs, loaded, today).with_columns(
        rows.get_column("_source"), rows.get_column("_source_row")
    )
    good = checked.filter(pl.col("_reason").is_null())
    bad = checked.filter(pl.col("_reason").is_not_null())

    step("writing")
    accepted = typed(good.drop(["_field", "_reason", "_source", "_source_row"]))
    report = IngestReport(rows=rows.height, accepted=good.height, rejected=bad.height)
    report.flagged = {"duty_mismatch": int(accepted.get_column("duty_mismatch").sum() or 0)}
    report.reasons = dict(sorted(bad.group_by("_reason").len().iter_rows()))
    source = ", ".join(str(p) for p in paths)
    batch_id_hint = _sha256(paths)
    settings.quarantine_dir.mkdir(parents=True, exist_ok=True)
    # A new file every call: a second ingest of the same file must not overwrite the first's.
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    quarantine = settings.quarantine_dir / f"quarantine-{stamp}-{uuid.uuid4().hex[:8]}.csv"
    if bad.height:
        bad.select(
            "_source",
            "_source_row",
            "_field",
            "_reason",
            *[c for c in rows.columns if not c.startswith("_")],
        ).write_csv(quarantine)
        report.quarantine = str(quarantine)
    batch = lake.append(accepted.to_arrow(), source=source, source_sha256=batch_id_hint)
    report.batch_id = batch.batch_id
    return report
