"""Ingest of advance filings: read ISF/manifest files, validate every row, load the good ones into
the advance lake, quarantine the rest with field and reason (accepted + rejected == rows).

The same shape as entry ingest (services/ingest.py): validation unlocked, then the check against
lines already filed, the quarantine and the append under the advance lake's writer lock, so any
number of concurrent ingests (other processes included) file every entry line once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import polars as pl

from tradeguard.config import Settings
from tradeguard.domain.advance import ADVANCE_COLUMNS, ADVANCE_REQUIRED
from tradeguard.domain.errors import InvalidInput
from tradeguard.intake.advance_validation import typed_advance, validate_advance
from tradeguard.intake.reader import read_declarations
from tradeguard.intake.validation import ReferenceSets, reject_loaded
from tradeguard.services.ingest import IngestReport, quarantine_rows, reference_sets, sha256_of
from tradeguard.store.advance_lake import advance_lake


def _read(paths: Sequence[Path], step: Callable[[str], None]) -> tuple[pl.DataFrame, list[str]]:
    if not paths:
        raise InvalidInput("no advance filing files given", "file")
    frames: list[pl.DataFrame] = []
    ignored: list[str] = []
    for path in paths:
        step(f"reading {path.name}")
        read = read_declarations(path, ADVANCE_COLUMNS, ADVANCE_REQUIRED)
        ignored.extend(c for c in read.ignored_columns if c not in ignored)
        frames.append(
            read.frame.with_columns(
                pl.lit(str(path)).alias("_source"),
                (pl.int_range(pl.len()) + 1).alias("_source_row"),
            )
        )
    return pl.concat(frames), ignored


def ingest_advance(
    paths: Sequence[Path],
    settings: Settings,
    *,
    refs: ReferenceSets | None = None,
    today: date | None = None,
    on_step: Callable[[str], None] | None = None,
) -> IngestReport:
    """Validate and load advance filing files as one batch; a file that cannot be read loads
    nothing at all."""
    step = on_step or (lambda _msg: None)
    refs = refs or reference_sets(settings.home)
    rows, ignored = _read(paths, step)
    step("validating")
    checked = validate_advance(
        rows.drop(["_source", "_source_row"]), refs, today or date.today()
    ).with_columns(rows.get_column("_source"), rows.get_column("_source_row"))
    report = IngestReport(rows=rows.height, ignored_columns=ignored)
    lake = advance_lake(settings.home)
    source, digest = ", ".join(str(p) for p in paths), sha256_of(paths)
    step("waiting for any other advance ingest to finish")
    with lake.writing() as writer:
        step("writing")
        checked = reject_loaded(checked, writer.snapshot.keys())
        good = checked.filter(pl.col("_reason").is_null())
        bad = checked.filter(pl.col("_reason").is_not_null())
        report.accepted, report.rejected = good.height, bad.height
        report.reasons = dict(sorted(bad.group_by("_reason").len().iter_rows()))
        if bad.height:
            report.quarantine = quarantine_rows(bad, settings, kind="advance")
        if good.height:
            accepted = typed_advance(good.drop(["_field", "_reason", "_source", "_source_row"]))
            batch = writer.append(accepted.to_arrow(), source=source, source_sha256=digest)
            report.batch_id = batch.batch_id
    return report
