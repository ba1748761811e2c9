"""Workload drivers measured from the entry lake, passed in, or defaulted, and which it was."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow as pa

from tradeguard.reference.positions import load_staffing_parameters
from tradeguard.services.workload import driver_volumes, lake_counts
from tradeguard.store.lake import LAKE_SCHEMA, EntryLake


def load_lines(lake_dir: Path, entries: dict[str, int]) -> None:
    """Commit a batch with the given number of lines per entry number, over two entry dates."""
    rows = [
        {"entry_no": entry_no, "line_no": line, "entry_date": date(2026, 1, 1 + n % 2)}
        for n, (entry_no, lines) in enumerate(entries.items())
        for line in range(1, lines + 1)
    ]
    table = pa.Table.from_pylist(
        rows,
        schema=pa.schema(
            [f for f in LAKE_SCHEMA if f.name in ("entry_no", "line_no", "entry_date")]
        ),
    )
    for field in LAKE_SCHEMA:
        if field.name not in table.column_names:
            table = table.append_column(field, pa.nulls(table.num_rows, field.type))
    EntryLake(lake_dir).append(table, source="test", source_sha256="0" * 64)


def test_an_empty_lake_measures_nothing(tmp_path: Path) -> None:
    assert lake_counts(tmp_path / "lake") == {}
    volumes = driver_volumes(load_staffing_parameters(), lake_dir=tmp_path / "lake")
    assert volumes["entries"].measured is False
    assert volumes["entries"].units == 30_000_000


def test_entries_and_lines_are_counted_from_the_lake(tmp_path: Path) -> None:
    load_lines(tmp_path / "lake", {"ABC-1234567-1": 3, "ABC-1234568-9": 1, "ABC-1234569-7": 2})
    assert lake_counts(tmp_path / "lake") == {"entries": 3, "lines": 6}
    volumes = driver_volumes(
        load_staffing_parameters(), lake_dir=tmp_path / "lake", measured={"audits": 12}
    )
    assert (volumes["entries"].units, volumes["entries"].measured) == (3, True)
    assert (volumes["lines"].units, volumes["lines"].measured) == (6, True)
    assert (volumes["audits"].units, volumes["audits"].measured) == (12, True)
    assert volumes["seizures"].measured is False and volumes["seizures"].units == 28_865
