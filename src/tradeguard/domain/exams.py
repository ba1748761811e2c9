"""Exams: what each kind costs in officer-hours, how often it finds a violation that is there, and
how a port's holds share its staffed capacity.

Allocation is a pure function so the invariants the report asks for (mandatory always examined,
discretionary in order of expected yield, capacity respected) can be property-tested.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.finding import VIOLATION_TYPES
from tradeguard.domain.pti import PTI, parse_pti


class ExamType(StrEnum):
    DOCUMENT_REVIEW = "document_review"
    NII = "nii"
    PHYSICAL = "physical"


@dataclass(frozen=True, slots=True)
class ExamCost:
    """Officer-hours one exam takes and its chance of finding a violation that is present."""

    hours: Decimal
    detection: Decimal


# Planning figures (docs/exams.md): a review of the entry summary and its documents at a Center,
# a container scan with image review, and a devanning with sampling and paperwork.
EXAM_COSTS: dict[ExamType, ExamCost] = {
    ExamType.DOCUMENT_REVIEW: ExamCost(hours=Decimal("0.5"), detection=Decimal("0.55")),
    ExamType.NII: ExamCost(hours=Decimal("1.0"), detection=Decimal("0.65")),
    ExamType.PHYSICAL: ExamCost(hours=Decimal("4.0"), detection=Decimal("0.90")),
}

# Goods-visible issues need the goods opened; paper issues (value, duty, origin claims) a scan.
_PHYSICAL_PTIS = frozenset({PTI.IPR, PTI.IMPORT_SAFETY, PTI.AGRICULTURE, PTI.TEXTILES})

# Expected yield per dollar of entry value when no risk model scored the entry (by rule risk).
RISK_YIELD_WEIGHT: dict[str, Decimal] = {
    "mandatory": Decimal("0.40"),
    "high": Decimal("0.20"),
    "medium": Decimal("0.10"),
    "low": Decimal("0.03"),
}

MANDATORY, DISCRETIONARY, RANDOM = "mandatory", "discretionary", "random"


def exam_type_for(lane: str, stage: str, ptis: Iterable[PTI]) -> ExamType:
    """Post-entry holds are document reviews at a Center; at the port, mandatory and random
    (the measurement) get a physical exam, others a physical or a scan by what the rules suspect."""
    if stage == "post-entry":
        return ExamType.DOCUMENT_REVIEW
    if lane in (MANDATORY, RANDOM) or _PHYSICAL_PTIS & set(ptis):
        return ExamType.PHYSICAL
    return ExamType.NII


def fallback_yield(value_usd: Decimal, risks: Iterable[str]) -> Decimal:
    """Value at risk times the weight of the highest-risk rule: the order when no model scored."""
    weight = max((RISK_YIELD_WEIGHT.get(r, Decimal(0)) for r in risks), default=Decimal(0))
    return (value_usd * weight).quantize(Decimal("0.01"))


# When the risk model ranks the discretionary holds, this share of the hours left for them goes
# first to holds of importers never examined: without it the model learns only about importers it
# already knows (exploration; docs/model.md, "Exploration in targeting").
MODEL_EXPLORE_SHARE = Decimal("0.10")


@dataclass(frozen=True, slots=True)
class HoldToPlan:
    hold_id: int
    port: str
    lane: str
    expected_yield: Decimal
    hours: Decimal
    unseen: bool = False  # the importer has never been examined


@dataclass(slots=True)
class PortPlan:
    port: str
    capacity_hours: Decimal
    hours_used: Decimal = Decimal(0)
    mandatory: int = 0
    discretionary_examined: int = 0
    random_examined: int = 0
    missed: int = 0
    missed_expected_yield: Decimal = Decimal(0)
    backlog_hours: Decimal = Decimal(0)
    explored: int = 0  # discretionary exams of never-examined importers, given by exploration

    def document(self) -> dict[str, object]:
        return {
            "port": self.port,
            "capacity_hours": float(self.capacity_hours),
            "hours_used": float(self.hours_used),
            "mandatory": self.mandatory,
            "discretionary_examined": self.discretionary_examined,
            "random_examined": self.random_examined,
            "missed": self.missed,
            "missed_expected_yield": float(self.missed_expected_yield),
            "backlog_hours": float(self.backlog_hours),
            "explored": self.explored,
        }


@dataclass(slots=True)
class Allocation:
    examined: set[int] = field(default_factory=set)
    missed: set[int] = field(default_factory=set)
    ports: dict[str, PortPlan] = field(default_factory=dict)


def _greedy(
    plan: PortPlan, ranked: list[HoldToPlan], limit: Decimal, result: Allocation
) -> list[HoldToPlan]:
    """Examine holds in order while they fit under `limit` hours; the ones left from the first
    that does not fit."""
    for i, hold in enumerate(ranked):
        if plan.hours_used + hold.hours > limit:
            return ranked[i:]
        plan.hours_used += hold.hours
        plan.discretionary_examined += 1
        result.examined.add(hold.hold_id)
    return []


def _discretionary(
    plan: PortPlan, ranked: list[HoldToPlan], explore: Decimal, result: Allocation
) -> None:
    """Exploit (1 - explore) of the free hours by yield, give the explore share to the best
    holds of never-examined importers left, then go on by yield; the rest is missed."""
    free = max(Decimal(0), plan.capacity_hours - plan.hours_used)
    left = _greedy(plan, ranked, plan.hours_used + free * (1 - explore), result)
    if explore > 0:
        for hold in left:
            if hold.unseen and plan.hours_used + hold.hours <= plan.capacity_hours:
                plan.hours_used += hold.hours
                plan.discretionary_examined += 1
                plan.explored += 1
                result.examined.add(hold.hold_id)
        left = [h for h in left if h.hold_id not in result.examined]
        left = _greedy(plan, left, plan.capacity_hours, result)
    for hold in left:
        plan.missed += 1
        plan.missed_expected_yield += hold.expected_yield
        result.missed.add(hold.hold_id)


def allocate(
    holds: Iterable[HoldToPlan], capacity: Mapping[str, Decimal], explore: Decimal = Decimal(0)
) -> Allocation:
    """Mandatory first (beyond capacity if need be: the excess is backlog), then the random
    sample (it is the measurement, so it is never skipped), then discretionary holds by expected
    yield, highest first, stopping at the first that no longer fits so that no lower-yield hold is
    examined while a higher-yield one is missed. With `explore`, that share of the hours left
    for discretionary holds goes first to holds of never-examined importers (`unseen`), highest
    yield first. Ports absent from `capacity` have none."""
    by_port: dict[str, list[HoldToPlan]] = defaultdict(list)
    for hold in holds:
        by_port[hold.port].append(hold)
    result = Allocation()
    for port in sorted(by_port):
        plan = PortPlan(port=port, capacity_hours=capacity.get(port, Decimal(0)))
        result.ports[port] = plan
        port_holds = by_port[port]
        for hold in port_holds:
            if hold.lane == MANDATORY:
                plan.mandatory += 1
            elif hold.lane == RANDOM:
                plan.random_examined += 1
            else:
                continue
            plan.hours_used += hold.hours
            result.examined.add(hold.hold_id)
        plan.backlog_hours = max(Decimal(0), plan.hours_used - plan.capacity_hours)
        ranked = sorted(
            (h for h in port_holds if h.lane == DISCRETIONARY),
            key=lambda h: (-h.expected_yield, h.hold_id),
        )
        _discretionary(plan, ranked, explore, result)
    return result


# -- a finding as reported -----------------------------------------------------------------------
RESULTS = ("clean", "violation")


@dataclass(frozen=True, slots=True)
class FindingInput:
    """One validated result row: what the officer or import specialist found on one hold."""

    hold_id: int
    result: str
    line_no: int
    pti: PTI | None
    violation_type: str | None
    hts10: str | None
    origin: str | None
    value_usd: Decimal | None
    domestic_value_usd: Decimal | None
    counterfeit: bool
    unsafe: bool
    duty_shortfall_usd: Decimal | None
    recorded_by: str
    finding_date: date


def _field(row: dict[str, Any], name: str) -> str | None:
    value = row.get(name)
    text = "" if value is None else str(value).strip()
    return text or None


def _decimal(row: dict[str, Any], name: str) -> Decimal | None:
    text = _field(row, name)
    if text is None:
        return None
    try:
        value = Decimal(text)
    except ArithmeticError as error:
        raise InvalidInput(f"{name} must be a number, got {text!r}", name) from error
    if not value.is_finite() or value < 0:
        raise InvalidInput(f"{name} must be a number not below zero, got {text!r}", name)
    return value


def _flag(row: dict[str, Any], name: str) -> bool:
    text = (_field(row, name) or "false").lower()
    if text not in ("true", "false", "1", "0", "yes", "no"):
        raise InvalidInput(f"{name} must be true or false, got {text!r}", name)
    return text in ("true", "1", "yes")


def parse_finding(row: dict[str, Any], *, actor: str, today: date) -> FindingInput:
    """Validate one result row; every problem names its field."""
    hold_text = _field(row, "hold_id")
    if hold_text is None or not hold_text.isdigit():
        raise InvalidInput(f"hold_id must be a hold number, got {hold_text!r}", "hold_id")
    result = (_field(row, "result") or "").lower()
    if result not in RESULTS:
        raise InvalidInput(
            f"a hold is closed only with a finding: result must be clean or violation, "
            f"got {result or 'nothing'!r}",
            "result",
        )
    pti = violation_type = None
    if result == "violation":
        pti = parse_pti(_field(row, "pti") or "")
        violation_type = (_field(row, "violation_type") or "").lower()
        if violation_type not in VIOLATION_TYPES:
            raise InvalidInput(
                f"unknown violation type {violation_type!r}; expected one of: "
                + ", ".join(sorted(VIOLATION_TYPES)),
                "violation_type",
            )
    line_text = _field(row, "line_no") or "1"
    if not line_text.isdigit() or int(line_text) < 1:
        raise InvalidInput(f"line_no must be a line number, got {line_text!r}", "line_no")
    date_text = _field(row, "finding_date")
    try:
        found_on = date.fromisoformat(date_text) if date_text else today
    except ValueError as error:
        raise InvalidInput(
            f"finding_date must be YYYY-MM-DD, got {date_text!r}", "finding_date"
        ) from error
    hts10 = _field(row, "hts10")
    if hts10 is not None and not (hts10.isdigit() and len(hts10) == 10):
        raise InvalidInput(f"hts10 must be 10 digits, got {hts10!r}", "hts10")
    origin = _field(row, "origin")
    if origin is not None and not (origin.isalpha() and len(origin) == 2):
        raise InvalidInput(f"origin must be a two-letter country code, got {origin!r}", "origin")
    return FindingInput(
        hold_id=int(hold_text), result=result, line_no=int(line_text), pti=pti,
        violation_type=violation_type, hts10=hts10, origin=origin and origin.upper(),
        value_usd=_decimal(row, "value_usd"),
        domestic_value_usd=_decimal(row, "domestic_value_usd"),
        counterfeit=_flag(row, "counterfeit"), unsafe=_flag(row, "unsafe"),
        duty_shortfall_usd=_decimal(row, "duty_shortfall_usd"),
        recorded_by=_field(row, "recorded_by") or actor, finding_date=found_on,
    )  # fmt: skip
