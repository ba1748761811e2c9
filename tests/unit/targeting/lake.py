"""Build typed lake tables from factory rows, for targeting tests (no ingest needed)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa

from tests.factories import declaration_row
from tradeguard.domain.declaration import COLUMNS, Declaration
from tradeguard.domain.entry_number import make_entry_no
from tradeguard.store.advance_lake import ADVANCE_LAKE_SCHEMA
from tradeguard.store.lake import LAKE_SCHEMA, EntryLake


def line(serial: int = 1, line_no: int = 1, **overrides: Any) -> Declaration:
    """A valid declaration line; entry number derived from `serial` (filer ABC)."""
    row: dict[str, Any] = declaration_row(serial, line_no, **overrides)
    if row["adcvd_rate"] == "":
        row["adcvd_rate"] = None
    return Declaration.model_validate(row)


def entry_no(serial: int) -> str:
    return make_entry_no("ABC", serial)


def lake_table(lines: list[Declaration]) -> pa.Table:
    rows = []
    for d in lines:
        row = {name: getattr(d, name) for name in COLUMNS}
        row["mode"], row["bond_type"] = d.mode.value, d.bond_type.value
        row["quantity"] = float(d.quantity)
        row["duty_mismatch"], row["batch_id"] = d.duty_mismatch, "test"
        rows.append(row)
    return pa.Table.from_pylist(rows, schema=LAKE_SCHEMA)


def fill_lake(home: Path, lines: list[Declaration]) -> EntryLake:
    lake = EntryLake(home / "lake")
    lake.append(lake_table(lines), source="test", source_sha256=str(len(lines)))
    return lake


def advance_table(filed: dict[tuple[str, int], tuple[str, str, str]]) -> pa.Table:
    """Advance lake rows for entry lines: (entry_no, line_no) -> (origin, manufacturer, hts6)."""
    rows = []
    for (number, line_no), (origin, manufacturer, hts6) in sorted(filed.items()):
        row: dict[str, Any] = {name: "x" for name in ADVANCE_LAKE_SCHEMA.names}
        row.update(
            entry_no=number,
            line_no=line_no,
            filed_date=date(2026, 2, 10),
            arrival_date=date(2026, 3, 2),
            origin_country=origin,
            manufacturer_id=manufacturer,
            hts6=hts6,
        )
        rows.append(row)
    return pa.Table.from_pylist(rows, schema=ADVANCE_LAKE_SCHEMA)
