"""The staffing model's workload, in national units, and the FTE it requires per position.

The Resource Optimization Model's standard hours turn *national yearly* units into FTE, and most
drivers fall back to national defaults (staffing_parameters.yaml). Entries and lines counted in
the entry lake are a sample: a month, a port, or the demo's 100,000 generated entries. So they
are annualised over the days they cover and divided by the share of national trade they stand
for, recorded beside the lake (`national_share.json`, written by `staffing scope` or the demo).
Without a recorded share the lake's counts are not used at all, and the result says why: a
position's FTE is never summed from sample counts beside national defaults.

Callers that count other drivers (exams, audits, penalty cases) pass them in `measured`, already
in national yearly units. Counts that come from the same sample as the lake (drawback claims on
its imports: `services/drawback_reports.py:claims_on_record`) are passed in `sample_counts` and
scaled with the lake's.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import duckdb

from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.workload import DriverVolume, RequiredStaff, WorkloadScope, required_fte
from tradeguard.reference.positions import (
    StaffingParameters,
    load_positions,
    load_staffing_parameters,
)
from tradeguard.store.lake import EntryLake

SHARE_FILE = "national_share.json"
LAKE_DRIVERS = ("entries", "lines")


@dataclass(frozen=True, slots=True)
class NationalShare:
    """The recorded share of national trade that the loaded data represents, and who said so."""

    share: Decimal
    source: str
    recorded_at: str


@dataclass(frozen=True, slots=True)
class LakeSample:
    entries: int
    lines: int
    first_date: date
    last_date: date

    @property
    def days_covered(self) -> int:
        return (self.last_date - self.first_date).days + 1


@dataclass(frozen=True, slots=True)
class WorkloadVolumes:
    """Every driver's national yearly units, and how the lake's sample was (or was not) used."""

    volumes: dict[str, DriverVolume]
    sample: LakeSample | None
    share: NationalShare | None
    scope: WorkloadScope | None
    note: str


def parse_share(text: str | Decimal, field: str = "national_share") -> Decimal:
    try:
        share = Decimal(str(text).strip())
    except InvalidOperation as error:
        raise InvalidInput(
            f"{field} must be a decimal such as 0.0033, got {text!r}", field
        ) from error
    if not share.is_finite() or not Decimal(0) < share <= Decimal(1):
        raise InvalidInput(f"{field} must be above 0 and at most 1, got {text}", field)
    return share


def record_national_share(lake_dir: Path, share: Decimal, source: str) -> NationalShare:
    """Say what share of national trade the lake's data is; the next model run scales by it."""
    recorded = NationalShare(
        share=parse_share(share),
        source=source.strip() or "not given",
        recorded_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    lake_dir.mkdir(parents=True, exist_ok=True)
    path = lake_dir / SHARE_FILE
    partial = path.with_suffix(".tmp")
    partial.write_text(
        json.dumps(
            {
                "national_share": str(recorded.share),
                "source": recorded.source,
                "recorded_at": recorded.recorded_at,
            },
            indent=2,
        )
    )
    partial.replace(path)  # atomic: a reader sees the old share or the new one, never half
    return recorded


def recorded_national_share(lake_dir: Path) -> NationalShare | None:
    path = lake_dir / SHARE_FILE
    if not path.exists():
        return None
    try:
        raw = json.loads(path.read_text())
        return NationalShare(
            share=parse_share(raw["national_share"]),
            source=str(raw.get("source", "")),
            recorded_at=str(raw.get("recorded_at", "")),
        )
    except (ValueError, KeyError, TypeError) as error:
        raise InvalidInput(
            f"{path} is not a national share record; record it again with "
            "`tradeguard staffing scope --national-share`",
            field="national_share",
        ) from error


def lake_sample(lake_dir: Path) -> LakeSample | None:
    """Distinct entries, lines and the entry dates they span; None when nothing is ingested."""
    lake = EntryLake(lake_dir)
    if lake.is_empty():
        return None
    with duckdb.connect() as con:
        row = con.execute(
            "SELECT count(DISTINCT entry_no), count(*), min(entry_date), max(entry_date) "
            f"FROM {lake.duckdb_relation_sql()}"
        ).fetchone()
    if row is None or row[2] is None:
        return None
    return LakeSample(int(row[0]), int(row[1]), row[2], row[3])


def lake_counts(lake_dir: Path) -> dict[str, int]:
    """Distinct entries and declared lines in the lake; empty when nothing has been ingested."""
    sample = lake_sample(lake_dir)
    return {} if sample is None else {"entries": sample.entries, "lines": sample.lines}


def _checked(parameters: StaffingParameters, measured: Mapping[str, int]) -> dict[str, int]:
    for driver, units in measured.items():
        if driver not in parameters.drivers:
            raise InvalidInput(f"unknown workload driver {driver!r}", field="measured")
        if isinstance(units, bool) or not isinstance(units, int) or units < 0:
            raise InvalidInput(
                f"workload {driver} must be a whole number of units, got {units!r}",
                field="measured",
            )
    return dict(measured)


def driver_volumes(
    parameters: StaffingParameters,
    *,
    lake_dir: Path | None = None,
    measured: Mapping[str, int] | None = None,
    national_share: Decimal | None = None,
    sample_counts: Mapping[str, int] | None = None,
) -> WorkloadVolumes:
    """National yearly units per driver: counts passed in win, then the lake's scaled sample
    (with `sample_counts`, drawn from the same sample), then the YAML default.
    `national_share` overrides the share recorded beside the lake."""
    found = _checked(parameters, measured or {})
    extra = _checked(parameters, sample_counts or {})
    sample = lake_sample(lake_dir) if lake_dir is not None else None
    share = recorded_national_share(lake_dir) if lake_dir is not None else None
    if national_share is not None:
        share = NationalShare(parse_share(national_share), "given on the command line", "")
    scope, note = None, "no loaded data: every driver not passed in is its national default"
    if sample is not None and share is None:
        note = (
            f"the lake holds {sample.entries:,} entries but no national share is recorded, so "
            "they are not used; record one with `tradeguard staffing scope --national-share`"
        )
    elif sample is not None and share is not None:
        scope = WorkloadScope(sample.days_covered, share.share)
        counts = {"entries": sample.entries, "lines": sample.lines}
        counts.update(extra)
        for driver in (*LAKE_DRIVERS, *extra):
            found.setdefault(driver, scope.national_units(counts[driver]))
        note = (
            f"{sample.entries:,} entries over {sample.days_covered} days at a national share of "
            f"{share.share:.6g}: x {scope.factor.quantize(Decimal('0.01')):,} to a national year"
        )
    volumes = {
        driver: (
            DriverVolume(driver, found[driver], measured=True)
            if driver in found
            else DriverVolume(driver, default.default_units, measured=False)
        )
        for driver, default in parameters.drivers.items()
    }
    return WorkloadVolumes(volumes, sample, share, scope, note)


# -- the model -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class StaffingModel:
    """Required FTE per position, and the workload volumes it was computed from."""

    required: list[RequiredStaff]
    workload: WorkloadVolumes

    def as_json(self) -> dict[str, Any]:
        return _model_document(self)


def staffing_model(
    *,
    lake_dir: Path | None = None,
    measured: Mapping[str, int] | None = None,
    params_file: Path | None = None,
    national_share: Decimal | None = None,
    sample_counts: Mapping[str, int] | None = None,
) -> StaffingModel:
    """Required FTE per position at tradeguard's workload, every driver in national yearly units."""
    parameters = load_staffing_parameters(params_file)
    workload = driver_volumes(
        parameters,
        lake_dir=lake_dir,
        measured=measured,
        national_share=national_share,
        sample_counts=sample_counts,
    )
    required = [
        required_fte(
            p.name,
            parameters.standard_hours.get(p.name, []),
            workload.volumes,
            parameters.productive_hours_per_fte,
        )
        for p in load_positions()
    ]
    return StaffingModel(required, workload)


def _scope_document(workload: WorkloadVolumes) -> dict[str, Any]:
    sample, share, scope = workload.sample, workload.share, workload.scope
    return {
        "lake_entries": None if sample is None else sample.entries,
        "lake_lines": None if sample is None else sample.lines,
        "days_covered": None if sample is None else sample.days_covered,
        "national_share": None if share is None else str(share.share),
        "national_share_source": None if share is None else share.source,
        "scale_factor": None if scope is None else str(scope.factor.quantize(Decimal("0.0001"))),
        "lake_used": scope is not None,
        "note": workload.note,
    }


def _model_document(model: StaffingModel) -> dict[str, Any]:
    """Required FTE beside the report's optimal range, and the workload behind it."""
    positions = {p.name: p for p in load_positions()}
    rows = []
    for r in model.required:
        optimal = positions[r.position]
        rows.append(
            {
                "position": r.position,
                "fte_low": r.fte_low,
                "fte_high": r.fte_high,
                "optimal_low": optimal.optimal_low,
                "optimal_high": optimal.optimal_high,
                "overlaps_optimal": r.fte_low <= optimal.optimal_high
                and optimal.optimal_low <= r.fte_high,
                "workload": [
                    {
                        "driver": w.driver,
                        "units": w.units,
                        "source": "measured" if w.measured else "default",
                        "hours_per_unit_low": str(w.hours_low),
                        "hours_per_unit_high": str(w.hours_high),
                        "fte_low": str(w.fte_low),
                        "fte_high": str(w.fte_high),
                    }
                    for w in r.workload
                ],
            }
        )
    return {"scope": _scope_document(model.workload), "positions": rows}
