"""Several `tradeguard advance ingest` processes on one home at once file every entry line once.

The advance lake is written like the entry lake, under its own inter-process lock; real processes
started together (tests/integration/intake/test_concurrent_ingest.py's launcher) overlap their
reads, duplicate checks and commits, while this test reads the advance lake's snapshots.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

from tests.factories import advance_row, write_csv
from tests.integration.intake.test_concurrent_ingest import STARTED, finish, start_together
from tradeguard.store.advance_lake import advance_lake

pytestmark = pytest.mark.slow
WRITERS = 4


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "home"
    path.mkdir()
    yield path
    for proc in STARTED:  # a failed assertion must not leave writers running
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
    STARTED.clear()


def _view(home: Path) -> pl.DataFrame:
    snapshot = advance_lake(home).snapshot()
    frame = snapshot.scan().collect()
    counts = dict(frame.group_by("batch_id").len().iter_rows())
    assert counts == {b.batch_id: b.rows for b in snapshot.batches if b.rows}, "a half batch"
    assert frame.select("entry_no", "line_no").is_duplicated().sum() == 0
    return frame


def test_overlapping_advance_files_at_once_file_every_line_once(home: Path, tmp_path: Path) -> None:
    files, keys = [], set()
    for n in range(WRITERS):  # file n: entries 300n+1 … 300n+400, sharing 100 with the next
        rows = []
        for serial in range(300 * n + 1, 300 * n + 401):
            arrival = f"2026-03-0{1 + serial % 4}"
            rows.append(advance_row(serial, 1, arrival_date=arrival))
            bad = serial % 9 == 0  # a bad second line: rejected, never loaded
            rows.append(
                advance_row(serial, 2, arrival_date=arrival, hts6="12" if bad else "950300")
            )
            keys |= {(r["entry_no"], int(r["line_no"])) for r in rows[-2:] if r["hts6"] != "12"}
        files.append(write_csv(tmp_path / f"isf{n}.csv", rows))
    procs = start_together(home, tmp_path, [["advance", "ingest", str(f), "--json"] for f in files])
    while any(p.poll() is None for p in procs):
        _view(home)
    reports = finish(procs)
    assert sum(r["accepted"] for r in reports) == len(keys)
    frame = _view(home)
    assert set(frame.select("entry_no", pl.col("line_no").cast(pl.Int64)).iter_rows()) == keys
    lake = advance_lake(home)
    on_disk = {p.resolve() for p in lake.declarations_dir.rglob("*.parquet")}
    assert on_disk == {p.resolve() for p in lake.files()}, "files that no batch names"
