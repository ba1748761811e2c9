"""Ingest: read declaration files, validate every row, load the good ones, quarantine the rest.

Nothing is dropped silently: every row read is either accepted into the entry lake or written to
the quarantine file with its field and reason, so accepted + rejected == rows, always; columns
tradeguard does not know are reported as ignored. Validation runs first, unlocked; the check
against lines already loaded, the quarantine and the append run while holding the lake's writer
lock, so that concurrent ingests (other processes included) load every line exactly once; the
lake's kept history (store/history.py) is brought up to the new batch and the import quotas are
charged (services/quota_charging.py) under the same lock.
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
from tradeguard.domain.errors import InvalidInput
from tradeguard.intake.conversion import typed
from tradeguard.intake.reader import read_declarations
from tradeguard.intake.validation import ReferenceSets, reject_loaded, validate
from tradeguard.services.findings_export import findings_path
from tradeguard.services.quota_charging import charge_under_lock
from tradeguard.store.history import LakeHistory
from tradeguard.store.lake import EntryLake

# No lines loaded yet, as validate() takes them: the real check runs later, under the lock.
NO_KEYS = pl.DataFrame(schema={"entry_no": pl.String, "line_no": pl.Int32})


@dataclass(slots=True)
class IngestReport:
    rows: int = 0
    accepted: int = 0
    rejected: int = 0
    quarantine: str | None = None
    reasons: dict[str, int] = field(default_factory=dict)
    flagged: dict[str, int] = field(default_factory=dict)
    batch_id: str | None = None
    ignored_columns: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "rows": self.rows,
            "accepted": self.accepted,
            "rejected": self.rejected,
            "quarantine": self.quarantine,
            "reasons": self.reasons,
            "flagged": self.flagged,
            "batch_id": self.batch_id,
            "ignored_columns": self.ignored_columns,
        }


def reference_sets(home: Path) -> ReferenceSets:
    from tradeguard.reference import load_reference

    ref = load_reference(home)
    return ReferenceSets(
        hts10=frozenset(ref.hts), ports=frozenset(ref.ports), countries=frozenset(ref.countries)
    )


def sha256_of(paths: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


def _read(paths: Sequence[Path], step: Callable[[str], None]) -> tuple[pl.DataFrame, list[str]]:
    """Every file's rows, tagged with file and row; and the unknown columns, first seen first."""
    if not paths:
        raise InvalidInput("no declaration files given", "file")
    frames: list[pl.DataFrame] = []
    ignored: list[str] = []
    for path in paths:
        step(f"reading {path.name}")
        read = read_declarations(path)
        ignored.extend(c for c in read.ignored_columns if c not in ignored)
        frames.append(
            read.frame.with_columns(
                pl.lit(str(path)).alias("_source"),
                (pl.int_range(pl.len()) + 1).alias("_source_row"),
            )
        )
    return pl.concat(frames), ignored


def quarantine_rows(bad: pl.DataFrame, settings: Settings, kind: str = "quarantine") -> str:
    settings.quarantine_dir.mkdir(parents=True, exist_ok=True)
    # A new file every call: a second ingest of the same file must not overwrite the first's.
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    path = settings.quarantine_dir / f"{kind}-{stamp}-{uuid.uuid4().hex[:8]}.csv"
    columns = [c for c in bad.columns if not c.startswith("_")]
    bad.select("_source", "_source_row", "_field", "_reason", *columns).write_csv(path)
    return str(path)


def ingest(
    paths: Sequence[Path],
    settings: Settings,
    *,
    refs: ReferenceSets | None = None,
    today: date | None = None,
    on_step: Callable[[str], None] | None = None,
) -> IngestReport:
    """Validate and load `paths` as one batch. A file that cannot be read loads nothing at all;
    files with no rows load no batch."""
    step = on_step or (lambda _msg: None)
    refs = refs or reference_sets(settings.home)
    rows, ignored = _read(paths, step)
    step("validating")
    checked = validate(
        rows.drop(["_source", "_source_row"]), refs, NO_KEYS, today or date.today()
    ).with_columns(rows.get_column("_source"), rows.get_column("_source_row"))
    report = IngestReport(rows=rows.height, ignored_columns=ignored)
    lake = EntryLake(settings.lake_dir)
    source, source_sha256 = ", ".join(str(p) for p in paths), sha256_of(paths)
    step("waiting for any other ingest to finish")
    with lake.writing() as writer:
        step("writing")
        checked = reject_loaded(checked, writer.snapshot.keys())
        good = checked.filter(pl.col("_reason").is_null())
        bad = checked.filter(pl.col("_reason").is_not_null())
        accepted = typed(good.drop(["_field", "_reason", "_source", "_source_row"]))
        report.accepted, report.rejected = good.height, bad.height
        report.flagged = {"duty_mismatch": int(accepted.get_column("duty_mismatch").sum() or 0)}
        report.reasons = dict(sorted(bad.group_by("_reason").len().iter_rows()))
        if bad.height:
            report.quarantine = quarantine_rows(bad, settings)
        if good.height:
            batch = writer.append(accepted.to_arrow(), source=source, source_sha256=source_sha256)
            report.batch_id = batch.batch_id
            # still under the lock: the quotas are charged for exactly this lake state
            charge_under_lock(writer)
            step("updating the lake's history")
            LakeHistory(lake).update(writer.snapshot, findings_path(settings.home))
    return report
