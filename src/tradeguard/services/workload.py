"""Measure the staffing model's workload drivers from tradeguard's own data.

Entries and lines come from the entry lake (DuckDB over the committed Parquet files). Exams,
document reviews, audits, penalty cases, seizures, drawback claims and EAPA investigations live in
other tables; callers that have them pass their counts in `measured`. Every other driver falls
back to the documented default in staffing_parameters.yaml, and each volume says which it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import duckdb

from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.workload import DriverVolume
from tradeguard.reference.positions import StaffingParameters
from tradeguard.store.lake import EntryLake


def lake_counts(lake_dir: Path) -> dict[str, int]:
    """Distinct entries and declared lines in the lake; empty when nothing has been ingested."""
    lake = EntryLake(lake_dir)
    if lake.is_empty():
        return {}
    with duckdb.connect() as con:
        row = con.execute(
            f"SELECT count(DISTINCT entry_no), count(*) FROM {lake.duckdb_relation_sql()}"
        ).fetchone()
    if row is None:
        return {}
    return {"entries": int(row[0]), "lines": int(row[1])}


def driver_volumes(
    parameters: StaffingParameters,
    *,
    lake_dir: Path | None = None,
    measured: Mapping[str, int] | None = None,
) -> dict[str, DriverVolume]:
    """Each driver's units: counts passed in win, then the lake's, then the YAML default."""
    found: dict[str, int] = {}
    if lake_dir is not None:
        found.update(lake_counts(lake_dir))
    for driver, units in (measured or {}).items():
        if driver not in parameters.drivers:
            raise InvalidInput(f"unknown workload driver {driver!r}", field="measured")
        if isinstance(units, bool) or not isinstance(units, int) or units < 0:
            raise InvalidInput(
                f"workload {driver} must be a whole number of units, got {units!r}",
                field="measured",
            )
        found[driver] = units
    return {
        driver: (
            DriverVolume(driver, found[driver], measured=True)
            if driver in found
            else DriverVolume(driver, default.default_units, measured=False)
        )
        for driver, default in parameters.drivers.items()
    }
