"""Loaders for the staffing reference data: the 15 trade positions and the staffing parameters.

positions.csv carries GAO-17-618's Tables 5 and 6; staffing_parameters.yaml carries the model's
documented parameters. A user's parameter file (`--params`) is laid over the packaged one: its
`hiring` keys replace single defaults, any other section it names replaces that whole section.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.staffing_gaps import Position
from tradeguard.domain.workload import StandardHours

DATA_DIR = Path(__file__).parent / "data"
POSITIONS_CSV = DATA_DIR / "positions.csv"
PARAMETERS_YAML = DATA_DIR / "staffing_parameters.yaml"
HIRING_KEYS = {"attrition_rate", "lead_time_months", "hiring_capacity"}


@dataclass(frozen=True, slots=True)
class DriverDefault:
    default_units: int
    measured_from: str
    note: str


@dataclass(frozen=True, slots=True)
class StaffingParameters:
    productive_hours_per_fte: Decimal
    operating_days_per_year: int
    hiring: dict[str, Any]  # attrition_rate (Decimal), lead_time_months, hiring_capacity
    position_overrides: dict[str, dict[str, Any]]
    drivers: dict[str, DriverDefault]
    standard_hours: dict[str, list[StandardHours]]


def load_positions(path: Path = POSITIONS_CSV) -> list[Position]:
    """The positions in the report's order: the nine mandated ones, then the six others."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    positions = []
    for row in rows:
        actuals = {
            int(key[2:]): int(value)
            for key, value in row.items()
            if key.startswith("fy") and value not in ("", None)
        }
        minimum = row["mandated_minimum"]
        positions.append(
            Position(
                name=row["position"],
                office=row["office"],
                mandated_minimum=int(minimum) if minimum else None,
                optimal_low=int(row["optimal_low"]),
                optimal_high=int(row["optimal_high"]),
                actuals=actuals,
            )
        )
    return positions


def _decimal(value: Any, field: str) -> Decimal:
    if isinstance(value, float):
        raise InvalidInput(f"{field} must be a quoted decimal string, not a float", field=field)
    try:
        return Decimal(str(value))
    except InvalidOperation as error:
        raise InvalidInput(f"{field} is not a number: {value!r}", field=field) from error


def _whole(value: Any, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(f"{field} must be a whole number, got {value!r}", field=field)
    return value


def _hiring(raw: dict[str, Any], where: str) -> dict[str, Any]:
    unknown = set(raw) - HIRING_KEYS
    if unknown:
        raise InvalidInput(f"{where}: unknown keys {sorted(unknown)}", field=where)
    out: dict[str, Any] = {}
    if "attrition_rate" in raw:
        out["attrition_rate"] = _decimal(raw["attrition_rate"], f"{where}.attrition_rate")
    if "lead_time_months" in raw:
        out["lead_time_months"] = _whole(raw["lead_time_months"], f"{where}.lead_time_months")
    if "hiring_capacity" in raw:
        cap = raw["hiring_capacity"]
        out["hiring_capacity"] = None if cap is None else _whole(cap, f"{where}.hiring_capacity")
    return out


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InvalidInput(f"cannot read {path}: {error.strerror}", field="params") from error
    except yaml.YAMLError as error:
        raise InvalidInput(f"{path} is not valid YAML: {error}", field="params") from error
    if document is None:
        return {}
    if not isinstance(document, dict):
        raise InvalidInput(f"{path} must hold a mapping of sections", field="params")
    return document


def load_staffing_parameters(overlay: Path | None = None) -> StaffingParameters:
    raw = _read_yaml(PARAMETERS_YAML)
    if overlay is not None:
        extra = _read_yaml(overlay)
        hiring = {**raw.get("hiring", {}), **(extra.pop("hiring", None) or {})}
        raw = {**raw, **extra, "hiring": hiring}
    known = {p.name for p in load_positions()}
    overrides = {}
    for name, values in (raw.get("positions") or {}).items():
        if name not in known:
            raise InvalidInput(f"positions: unknown position {name!r}", field="positions")
        overrides[name] = _hiring(values or {}, f"positions.{name}")
    drivers = {
        name: DriverDefault(
            default_units=_whole(spec.get("default_units"), f"drivers.{name}.default_units"),
            measured_from=str(spec.get("measured_from", "")),
            note=str(spec.get("note", "")),
        )
        for name, spec in (raw.get("drivers") or {}).items()
    }
    hours: dict[str, list[StandardHours]] = {}
    for name, per_driver in (raw.get("standard_hours") or {}).items():
        if name not in known:
            raise InvalidInput(f"standard_hours: unknown position {name!r}", field="standard_hours")
        hours[name] = []
        for driver, spec in per_driver.items():
            if driver not in drivers:
                raise InvalidInput(
                    f"standard_hours.{name}: unknown driver {driver!r}", field="standard_hours"
                )
            where = f"standard_hours.{name}.{driver}"
            hours[name].append(
                StandardHours(
                    driver=driver,
                    hours_low=_decimal(spec.get("low"), f"{where}.low"),
                    hours_high=_decimal(spec.get("high"), f"{where}.high"),
                )
            )
    return StaffingParameters(
        productive_hours_per_fte=_decimal(
            raw.get("productive_hours_per_fte"), "productive_hours_per_fte"
        ),
        operating_days_per_year=_whole(
            raw.get("operating_days_per_year"), "operating_days_per_year"
        ),
        hiring=_hiring(raw.get("hiring") or {}, "hiring"),
        position_overrides=overrides,
        drivers=drivers,
        standard_hours=hours,
    )
