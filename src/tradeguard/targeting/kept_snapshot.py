"""The real-time scorer's history read from the lake's kept history, not from the whole lake.

take_snapshot (realtime.py) reads years of lines to build a scorer; the kept history
(store/history.py) holds the same first sightings, medians and keyed findings, so a scorer's
build costs the history's size, not the lake's, and sees exactly the same books.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from tradeguard.targeting.realtime import SNAPSHOT_THREADS, HistorySnapshot, add_findings


def snapshot_from_kept(path: Callable[[str], Path]) -> HistorySnapshot:
    """The same snapshot as take_snapshot, read from the lake's kept history (store/history.py,
    `path(table)`) instead of the whole lake: a scorer's build no longer grows with the years."""
    snap = HistorySnapshot()
    with duckdb.connect(config={"threads": SNAPSHOT_THREADS}) as con:

        def rows(table: str, columns: str, order: str = "") -> list[tuple[Any, ...]]:
            source = "'" + str(path(table)).replace("'", "''") + "'"
            return con.sql(f"SELECT {columns} FROM read_parquet({source}) {order}").fetchall()

        snap.importer_first_seen = dict(rows("importers", "importer_id, first_seen"))  # type: ignore[arg-type]
        snap.manufacturer_first_seen = dict(rows("manufacturers", "manufacturer_id, first_seen"))  # type: ignore[arg-type]
        medians = rows("medians", "hts10, origin_country, median_uv")
        snap.median_unit_value = {(h, o): m for h, o, m in medians if m is not None}
        found = rows(
            "findings",
            "importer_id, manufacturer_id, finding_date, entry_no, violation, pti",
            "ORDER BY finding_date, entry_no, violation, pti",
        )
    add_findings(snap, found)
    return snap
