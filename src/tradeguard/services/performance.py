"""Priority Trade Issue performance: every plan in force, each measure's actual against target.

The report answers GAO-17-618's first recommendation: for every plan in force in a fiscal year
(by default the latest year with data, not the calendar's), every measure's target, the actual
tradeguard computes from its own data, and a status, beside the Table 11 inventory of the plans.
JSON leaves through `as_json`: counts and rates as numbers, dollars as exact decimal strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from tradeguard.config import Settings
from tradeguard.domain.fiscal import fiscal_year
from tradeguard.domain.measures import CATALOGUE, Filters, PerformanceFacts, compute
from tradeguard.domain.measures.value import MeasureValue
from tradeguard.domain.plan_inventory import Inventory, take_inventory
from tradeguard.domain.plans import Measure, Plan, Status, status
from tradeguard.domain.pti import PTI, parse_pti
from tradeguard.services.performance_facts import build_facts
from tradeguard.services.plan_files import default_plans_dir, load_plans
from tradeguard.store.database import Database


def json_number(value: Decimal | None, unit: str) -> int | float | str | None:
    if value is None:
        return None
    if unit == "USD":
        return str(value.quantize(Decimal("0.01")))
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass(frozen=True, slots=True)
class MeasureResult:
    id: str
    goal: str
    definition: str
    title: str
    unit: str
    direction: str
    target: Decimal | None
    on_track: Decimal | None
    actual: Decimal | None
    interval: tuple[Decimal, Decimal] | None
    status: Status
    filters: dict[str, str]
    reason: str

    def as_json(self) -> dict[str, Any]:
        number = self.unit
        return {
            "id": self.id, "goal": self.goal, "definition": self.definition, "title": self.title,
            "unit": self.unit, "direction": self.direction,
            "target": json_number(self.target, number),
            "on_track": json_number(self.on_track, number),
            "actual": json_number(self.actual, number),
            "interval": [json_number(v, number) for v in self.interval] if self.interval else None,
            "status": self.status.value, "filters": self.filters, "reason": self.reason,
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class PlanResult:
    pti: str
    plan: str
    period: str
    kind: str
    title: str
    measures: tuple[MeasureResult, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "pti": self.pti, "plan": self.plan, "period": self.period, "kind": self.kind,
            "title": self.title, "measures": [m.as_json() for m in self.measures],
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class HistoryPoint:
    fy: int
    actual: Decimal | None
    target: Decimal | None


@dataclass(frozen=True, slots=True)
class MeasureHistory:
    """One measure's actual and target over every fiscal year its plan targets."""

    plan: str
    measure: str
    direction: str
    unit: str
    points: tuple[HistoryPoint, ...]


@dataclass(frozen=True, slots=True)
class PerformanceReport:
    fy: int
    as_of: date
    plans: tuple[PlanResult, ...]
    inventory: Inventory
    # per PTI (full name), filled only when charts are wanted
    history: dict[str, tuple[MeasureHistory, ...]] = field(default_factory=dict)

    @property
    def statuses(self) -> dict[str, int]:
        counts = {s.value: 0 for s in (Status.MET, Status.ON_TRACK, Status.OFF_TRACK)}
        counts[Status.NO_TARGET.value] = 0
        for plan in self.plans:
            for m in plan.measures:
                counts[m.status.value] += 1
        return counts

    def as_json(self) -> dict[str, Any]:
        table = self.inventory.as_json()
        return {
            "fy": self.fy,
            "as_of": self.as_of.isoformat(),
            "plans": [p.as_json() for p in self.plans],
            "statuses": self.statuses,
            "ptis": table["ptis"],
            "problems": table["problems"],
        }


def _filters(plan: Plan, measure: Measure) -> Filters:
    f = plan.filters_for(measure)
    return Filters(pti=f.pti.value if f.pti else None, port=f.port, center=f.center)


def actual(plan: Plan, measure: Measure, facts: PerformanceFacts, fy: int) -> MeasureValue:
    """The measure's actual; nothing when its definition is not in the catalogue (lint says so)."""
    if measure.definition not in CATALOGUE:
        return MeasureValue(None)
    return compute(measure.definition, facts, fy, _filters(plan, measure))


def measure_result(
    plan: Plan, goal: str, measure: Measure, facts: PerformanceFacts, fy: int
) -> MeasureResult:
    direction = measure.effective_direction()
    value = actual(plan, measure, facts, fy)
    target, on_track = measure.targets.get(fy), measure.on_track.get(fy)
    known = CATALOGUE.get(measure.definition)
    f = plan.filters_for(measure)
    return MeasureResult(
        id=measure.id, goal=goal, definition=measure.definition,
        title=known.title if known else measure.definition, unit=measure.effective_unit(),
        direction=direction.value, target=target, on_track=on_track, actual=value.value,
        interval=value.interval, status=status(value.value, target, direction, on_track),
        filters={k: v for k, v in (("port", f.port), ("center", f.center)) if v},
        reason=measure.reason,
    )  # fmt: skip


def evaluate(plan: Plan, facts: PerformanceFacts, fy: int) -> PlanResult:
    return PlanResult(
        plan.pti.value, plan.id, plan.period, plan.kind.value, plan.title,
        tuple(measure_result(plan, g.id, m, facts, fy) for g in plan.goals for m in g.measures),
    )  # fmt: skip


def history(plans: list[Plan], facts: PerformanceFacts, pti: PTI) -> tuple[MeasureHistory, ...]:
    """Actual and target of each of a PTI's in-force measures over every year its plans target."""
    series = []
    today = fiscal_year(facts.as_of)
    for plan in (p for p in plans if p.pti == pti and p.in_force_on(facts.as_of)):
        for measure in plan.measures():
            years = sorted(set(measure.targets) | set(range(plan.first_fy, plan.last_fy + 1)))
            points = tuple(
                # a year that has not started has no actual yet
                HistoryPoint(fy, actual(plan, measure, facts, fy).value if fy <= today else None,
                             measure.targets.get(fy))
                for fy in years
            )  # fmt: skip
            series.append(
                MeasureHistory(
                    plan.id, measure.id, measure.effective_direction().value,
                    measure.effective_unit(), points,
                )
            )  # fmt: skip
    return tuple(series)


def report(
    plans: list[Plan],
    facts: PerformanceFacts,
    fy: int | None = None,
    pti: PTI | None = None,
    *,
    with_history: bool = False,
) -> PerformanceReport:
    """Every plan in force in `fy` (default: the latest fiscal year with data), of one PTI when
    given, with the Table 11 inventory of the plans as of the snapshot's day."""
    year = fy or facts.latest_fiscal_year()
    chosen = [p for p in plans if pti is None or p.pti == pti]
    ptis = [pti] if pti else list(PTI)
    in_force = sorted(
        (p for p in chosen if p.in_force(year, facts.as_of)),
        key=lambda p: (list(PTI).index(p.pti), p.id),
    )
    charts = {p.value: history(chosen, facts, p) for p in ptis} if with_history else {}
    return PerformanceReport(
        fy=year,
        as_of=facts.as_of,
        plans=tuple(evaluate(p, facts, year) for p in in_force),
        inventory=take_inventory(chosen, year, facts.as_of, ptis),
        history=charts,
    )


def performance_report(
    db: Database,
    settings: Settings,
    fy: int | None = None,
    *,
    pti: str | None = None,
    plans_dir: Path | None = None,
    as_of: date | None = None,
    with_history: bool = False,
) -> PerformanceReport:
    """The report from the stores' current data and the deployment's plans (or `plans_dir`)."""
    plans = load_plans([plans_dir or default_plans_dir(settings)])
    chosen = parse_pti(pti) if pti else None
    facts = build_facts(db, settings, as_of=as_of)
    return report(plans, facts, fy, chosen, with_history=with_history)
