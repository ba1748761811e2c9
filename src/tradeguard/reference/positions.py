"""Loaders for the staffing reference data: the 15 trade positions and the staffing parameters.

positions.csv carries GAO-17-618's Tables 5 and 6; staffing_parameters.yaml carries the model's
documented parameters. A user's parameter file (`--params`) is laid over the packaged one: its
`hiring` keys replace single defaults, its `positions` entries are laid over the packaged ones
key by key, and any other section it names replaces that whole section.
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
from tradeguard.domain.workforce import TradeShare, to_cents
from tradeguard.domain.workload import StandardHours

DATA_DIR = Path(__file__).parent / "data"
POSITIONS_CSV = DATA_DIR / "positions.csv"
PARAMETERS_YAML = DATA_DIR / "staffing_parameters.yaml"
DECIMAL_KEYS = {"attrition_rate", "capacity_share", "cost_per_hire", "cost_per_person_year"}
WHOLE_KEYS = {"lead_time_months", "training_months", "hiring_capacity"}
HIRING_KEYS = DECIMAL_KEYS | WHOLE_KEYS
SHARE_KEYS = {"trade_share", "trade_share_source"}


@dataclass(frozen=True, slots=True)
class DriverDefault:
    default_units: int
    measured_from: str
    note: str


@dataclass(frozen=True, slots=True)
class StaffingParameters:
    productive_hours_per_fte: Decimal
    operating_days_per_year: int
    hiring: dict[str, Any]  # HIRING_KEYS: Decimal for DECIMAL_KEYS, int for WHOLE_KEYS
    position_overrides: dict[str, dict[str, Any]]
    trade_shares: dict[str, TradeShare]
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
    for key in sorted(DECIMAL_KEYS & set(raw)):
        out[key] = _decimal(raw[key], f"{where}.{key}")
        if key.startswith("cost_"):
            to_cents(out[key], f"{where}.{key}")  # whole cents, or the file is refused
    for key in sorted(WHOLE_KEYS & set(raw)):
        out[key] = _whole(raw[key], f"{where}.{key}")
    return out


def _trade_share(name: str, raw: dict[str, Any]) -> TradeShare:
    where = f"positions.{name}"
    if "trade_share" not in raw or not raw.get("trade_share_source"):
        raise InvalidInput(
            f"{where} needs trade_share and trade_share_source (where the share comes from)",
            field=f"{where}.trade_share",
        )
    return TradeShare.parse(
        str(raw["trade_share"]), str(raw["trade_share_source"]), f"{where}.trade_share"
    )


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


def _merged(raw: dict[str, Any], overlay: Path) -> dict[str, Any]:
    """The packaged parameters with an overlay file on top, position by position."""
    extra = _read_yaml(overlay)
    hiring = {**raw.get("hiring", {}), **(extra.pop("hiring", None) or {})}
    positions = dict(raw.get("positions") or {})
    for name, values in (extra.pop("positions", None) or {}).items():
        if not isinstance(values, dict):
            raise InvalidInput(f"positions.{name} must be a mapping", field="positions")
        positions[name] = {**(positions.get(name) or {}), **values}
    return {**raw, **extra, "hiring": hiring, "positions": positions}


def _position_parts(
    raw: dict[str, Any], known: set[str]
) -> tuple[dict[str, dict[str, Any]], dict[str, TradeShare]]:
    """Each position's hiring overrides and its trade share; every position needs a share."""
    overrides: dict[str, dict[str, Any]] = {}
    shares: dict[str, TradeShare] = {}
    for name, values in (raw.get("positions") or {}).items():
        if name not in known:
            raise InvalidInput(f"positions: unknown position {name!r}", field="positions")
        hiring_part = {k: v for k, v in (values or {}).items() if k not in SHARE_KEYS}
        overrides[name] = _hiring(hiring_part, f"positions.{name}")
        shares[name] = _trade_share(name, values or {})
    missing = sorted(known - set(shares))
    if missing:
        raise InvalidInput(
            f"positions: every position needs its trade share; missing {missing}",
            field="positions",
        )
    return overrides, shares


def _standard_hours(
    raw: dict[str, Any], known: set[str], drivers: dict[str, DriverDefault]
) -> dict[str, list[StandardHours]]:
    """Hours per unit of each workload driver, per position, named by known drivers only."""
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
    return hours


def load_staffing_parameters(overlay: Path | None = None) -> StaffingParameters:
    raw = _read_yaml(PARAMETERS_YAML)
    if overlay is not None:
        raw = _merged(raw, overlay)
    known = {p.name for p in load_positions()}
    overrides, shares = _position_parts(raw, known)
    drivers = {
        name: DriverDefault(
            default_units=_whole(spec.get("default_units"), f"drivers.{name}.default_units"),
            measured_from=str(spec.get("measured_from", "")),
            note=str(spec.get("note", "")),
        )
        for name, spec in (raw.get("drivers") or {}).items()
    }
    hours = _standard_hours(raw, known, drivers)
    return StaffingParameters(
        productive_hours_per_fte=_decimal(
            raw.get("productive_hours_per_fte"), "productive_hours_per_fte"
        ),
        operating_days_per_year=_whole(
            raw.get("operating_days_per_year"), "operating_days_per_year"
        ),
        hiring=_hiring(raw.get("hiring") or {}, "hiring"),
        position_overrides=overrides,
        trade_shares=shares,
        drivers=drivers,
        standard_hours=hours,
    )
