"""Priority Trade Issue plans: goals, measures, and a target for every fiscal year.

GAO-17-618's first recommendation is that PTI plans carry performance targets, not only measures,
so that actual performance can be compared with planned performance. A plan is annual (one fiscal
year) or strategic (several, "a multiyear plan that covers all goals and activities across the
Priority Trade Issue"), in force or a draft; each measure names a catalogue definition, which
tradeguard computes from its own data, and sets a target per fiscal year with a reason.
domain/plan_inventory.py turns the report's Table 11 into a check over a set of plans.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.measures.catalogue import CATALOGUE
from tradeguard.domain.pti import PTI, parse_pti

# Without an explicit on-track threshold, within 10% of the target is on track.
DEFAULT_BAND = Decimal("0.10")
PERIOD = re.compile(r"^FY\s?(\d{4})(?:\s*[-–]\s*(?:FY\s?)?(\d{4}))?$", re.IGNORECASE)


class Direction(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


class PlanKind(StrEnum):
    ANNUAL = "annual"
    STRATEGIC = "strategic"


class PlanStatus(StrEnum):
    IN_FORCE = "in force"
    DRAFT = "draft"


class Status(StrEnum):
    MET = "met"
    ON_TRACK = "on track"
    OFF_TRACK = "off track"
    NO_TARGET = "no target"


class MeasureFilters(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    pti: PTI | None = None
    port: str | None = None
    center: str | None = None

    @field_validator("pti", mode="before")
    @classmethod
    def _pti(cls, value: Any) -> Any:
        return parse_pti(value) if isinstance(value, str) else value

    @field_validator("port", "center", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) else value


class Measure(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    id: str = Field(min_length=1)
    definition: str = Field(min_length=1)
    # unit and direction default to the catalogue definition's
    unit: str | None = None
    direction: Direction | None = None
    targets: dict[int, Decimal] = Field(default_factory=dict)
    on_track: dict[int, Decimal] = Field(default_factory=dict)
    filters: MeasureFilters = MeasureFilters()
    # why the target is what it is, in one line
    reason: str = ""

    @field_validator("targets", "on_track", mode="before")
    @classmethod
    def _years(cls, value: Any) -> Any:
        """Keys may be written 2026 or FY2026; values must be exact numbers."""
        if not isinstance(value, Mapping):
            return value
        out = {}
        for year, target in value.items():
            key = str(year).upper().removeprefix("FY").strip()
            out[key] = str(target) if isinstance(target, int | float) else target
        return out

    def effective_direction(self) -> Direction:
        if self.direction is not None:
            return self.direction
        known = CATALOGUE.get(self.definition)
        return Direction(known.direction) if known else Direction.HIGHER

    def effective_unit(self) -> str:
        known = CATALOGUE.get(self.definition)
        return self.unit or (known.unit if known else "")


class Goal(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    id: str = Field(min_length=1)
    title: str = ""
    measures: list[Measure] = Field(default_factory=list)


class Plan(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    id: str = Field(min_length=1)
    pti: PTI
    period: str
    first_fy: int
    last_fy: int
    kind: PlanKind
    status: PlanStatus = PlanStatus.IN_FORCE
    # the day the plan came into force; before it, the plan was still a draft
    adopted_on: date | None = None
    title: str = ""
    goals: list[Goal] = Field(default_factory=list)

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, value: Any) -> Any:
        """`in force`, `in_force` and `in-force` all mean in force."""
        return (
            value.strip().lower().replace("_", " ").replace("-", " ")
            if isinstance(value, str)
            else value
        )

    def covers(self, fy: int) -> bool:
        return self.first_fy <= fy <= self.last_fy

    def in_force_on(self, day: date) -> bool:
        """In force (not a draft) on `day`: adopted, and adopted by then."""
        if self.status is PlanStatus.DRAFT:
            return False
        return self.adopted_on is None or self.adopted_on <= day

    def in_force(self, fy: int, day: date | None = None) -> bool:
        """In force and covering fiscal year `fy` (on `day`, when given)."""
        return self.covers(fy) and (
            self.in_force_on(day) if day else self.status is PlanStatus.IN_FORCE
        )

    def measures(self) -> list[Measure]:
        return [m for g in self.goals for m in g.measures]

    def filters_for(self, measure: Measure) -> MeasureFilters:
        """A measure counts its plan's PTI unless it names another."""
        if measure.filters.pti is None:
            return measure.filters.model_copy(update={"pti": self.pti})
        return measure.filters


def parse_period(text: str) -> tuple[int, int]:
    """`FY2026` (annual) or `FY2026-FY2030` / `FY2026-2030` (strategic)."""
    match = PERIOD.match(str(text).strip())
    if match is None:
        raise InvalidInput(f"period {text!r} is not FY2026 or FY2026-FY2030", "period")
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if last < first:
        raise InvalidInput(f"period {text!r} ends before it starts", "period")
    return first, last


def parse_plan(data: Any, default_id: str) -> Plan:
    """A plan from its YAML mapping; InvalidInput names the field that is wrong."""
    if not isinstance(data, Mapping):
        raise InvalidInput("a plan file must hold a mapping with pti, period and goals", "plan")
    raw = dict(data)
    if "period" not in raw:
        raise InvalidInput("period is missing: write FY2026 or FY2026-FY2030", "period")
    if "pti" in raw and isinstance(raw["pti"], str):
        raw["pti"] = parse_pti(raw["pti"])
    first, last = parse_period(raw["period"])
    raw.setdefault("id", default_id)
    raw["period"] = f"FY{first}" if first == last else f"FY{first}-FY{last}"
    implied = PlanKind.ANNUAL if first == last else PlanKind.STRATEGIC
    if str(raw.setdefault("kind", implied.value)).strip().lower() != implied.value:
        raise InvalidInput(
            f"kind {raw['kind']!r} does not fit period {raw['period']}: an annual plan covers one "
            "fiscal year, a strategic plan several",
            "kind",
        )
    raw["kind"] = implied
    try:
        plan = Plan.model_validate({**raw, "first_fy": first, "last_fy": last})
    except ValidationError as error:
        first_error = error.errors()[0]
        where = ".".join(str(part) for part in first_error["loc"])
        raise InvalidInput(f"{where}: {first_error['msg']}", where) from None
    seen: set[str] = set()
    for measure in plan.measures():
        if measure.id in seen:
            raise InvalidInput(f"measure id {measure.id!r} appears twice", "goals.measures.id")
        seen.add(measure.id)
    return plan


def status(
    actual: Decimal | None,
    target: Decimal | None,
    direction: Direction,
    on_track: Decimal | None = None,
) -> Status:
    """Met when the target is reached; on track within the threshold (default 10% short of it);
    off track otherwise, and when nothing was measured against a target."""
    if target is None:
        return Status.NO_TARGET
    if actual is None:
        return Status.OFF_TRACK
    if direction is Direction.HIGHER:
        threshold = on_track if on_track is not None else target * (1 - DEFAULT_BAND)
        if actual >= target:
            return Status.MET
        return Status.ON_TRACK if actual >= threshold else Status.OFF_TRACK
    threshold = on_track if on_track is not None else target * (1 + DEFAULT_BAND)
    if actual <= target:
        return Status.MET
    return Status.ON_TRACK if actual <= threshold else Status.OFF_TRACK
