"""The kept history catches up with what its hooks did not see, and equals a fresh build.

Batches appended without ingest (no hook), and a findings file written by hand, leave the kept
history behind; the next reader catches up from it (the new batch, the new findings) and stores
the result, which must hold exactly what a build from nothing holds.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from tests.unit.targeting.lake import entry_no, fill_lake, lake_table, line
from tradeguard.store.history import TABLES, LakeHistory, LakeWindow

FIRST = [
    line(1, 1, entry_date="2026-03-02", value_usd="100.00"),
    line(1, 2, entry_date="2026-03-02", hts10="8507600020", importer_id="IMP-0001"),
    line(2, 1, entry_date="2026-03-05", importer_id="IMP-0002", value_usd="300.00"),
]
LATER = [
    line(3, 1, entry_date="2026-02-20", importer_id="IMP-0002", value_usd="200.00"),
    line(4, 1, entry_date="2026-03-09", manufacturer_id="VNNAIMAK456HAN"),
]


def _tables(folder: Path) -> dict[str, pl.DataFrame]:
    return {t: pl.read_parquet(folder / f"{t}.parquet") for t in TABLES}


def test_a_reader_catches_up_and_matches_a_fresh_build(tmp_path: Path) -> None:
    lake = fill_lake(tmp_path, FIRST)
    history = LakeHistory(lake)
    found = tmp_path / "findings.parquet"
    first = history.for_snapshot(lake.snapshot(), found)
    assert history.kept() == first  # stored: no writer held the lock

    pl.DataFrame(
        {
            "entry_no": [entry_no(1), entry_no(2)],
            "line_no": [2, 1],
            "finding_date": [date(2026, 3, 10), date(2026, 3, 12)],
            "violation": [True, False],
            "pti": ["Import Safety", None],
        }
    ).write_parquet(found)
    lake.append(lake_table(LATER), source="test", source_sha256="later")
    caught = history.for_snapshot(lake.snapshot(), found)
    assert caught.batches == tuple(b.batch_id for b in lake.snapshot().batches)
    assert history.kept() == caught and caught.folder != first.folder

    tables = _tables(caught.folder)
    seen = dict(tables["importers"].iter_rows())
    assert seen["IMP-0002"] == date(2026, 2, 20)  # a later batch with an earlier date
    assert tables["findings"].get_column("pti").to_list() == ["Import Safety", None]
    medians = {(h, o): m for h, o, m in tables["medians"].iter_rows()}
    # unit values 100, 300, 200 and 10000 per 1200: the median of the four, new batch included
    assert medians[("9503000073", "CN")] == pytest.approx(250.0 / 1200)

    shutil.rmtree(history.root)
    fresh = history.for_snapshot(lake.snapshot(), found)
    assert all(_tables(fresh.folder)[t].equals(tables[t]) for t in TABLES)


def test_a_window_reads_only_its_date_partitions(tmp_path: Path) -> None:
    lake = fill_lake(tmp_path, FIRST + LATER)
    window = LakeWindow(lake.snapshot(), date(2026, 3, 2), date(2026, 3, 5))
    assert len(window.files()) == 2 and len(lake.files()) == 4
    entries = set(window.scan().collect().get_column("entry_no").to_list())
    assert entries == {entry_no(1), entry_no(2)}
