"""Staffing use cases: gaps against the law and the model, and the hiring plan in people.

(Required FTE from workload is services/workload.py.) Each use case returns typed results whose
`as_json` is the document the CLI prints and the API serves.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from tradeguard.domain.errors import InvalidInput, NotFound
from tradeguard.domain.hiring_plan import HiringParameters, PlanYear, PositionPlan, plan_position
from tradeguard.domain.staffing_gaps import PositionGap, analyse_gaps
from tradeguard.domain.workforce import (
    PositionCosts,
    dollars,
    people_behind,
    people_needed,
    to_cents,
)
from tradeguard.domain.workload import exam_officer_hours_per_day
from tradeguard.reference.positions import (
    StaffingParameters,
    load_positions,
    load_staffing_parameters,
)
from tradeguard.services.staffing_chart import write_plan_chart

__all__ = [
    "GapsReport",
    "HiringFlags",
    "HiringPlanReport",
    "hiring_plan",
    "officer_trade_fte",
    "plan_report",
    "port_exam_officer_hours_per_day",
    "staffing_gaps",
    "write_plan_chart",
]

CBP_OFFICER = "CBP officer"


# -- gaps ----------------------------------------------------------------------------------------
def staffing_gaps() -> list[PositionGap]:
    return analyse_gaps(load_positions())


@dataclass(frozen=True, slots=True)
class GapsReport:
    """Each position's actual staff against the mandated minimum and the optimal range."""

    gaps: list[PositionGap]

    def as_json(self) -> dict[str, Any]:
        return {
            "positions": [
                {
                    "position": g.position.name,
                    "mandated": g.position.mandated_minimum,
                    "optimal_low": g.position.optimal_low,
                    "optimal_high": g.position.optimal_high,
                    "years": {
                        str(fy): {
                            "actual": y.actual,
                            "below_mandated": y.below_mandated,
                            "below_optimal": y.below_optimal,
                        }
                        for fy, y in g.years.items()
                    },
                    "years_below_mandated": g.years_below_mandated,
                    "generally_below_mandated": g.generally_below_mandated,
                    "years_below_optimal": g.years_below_optimal,
                    "generally_below_optimal": g.generally_below_optimal,
                }
                for g in self.gaps
            ]
        }


# -- the hiring plan -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class HiringFlags:
    """The `plan` command's what-ifs; each one, when given, applies to every position."""

    attrition_rate: Decimal | None = None
    lead_time_months: int | None = None
    training_months: int | None = None
    hiring_capacity: int | None = None


def _capacity(chosen: dict[str, Any], people: int) -> int:
    if "hiring_capacity" in chosen:
        return int(chosen["hiring_capacity"])
    share = chosen.get("capacity_share", Decimal(0))
    return max(1, int((share * people).quantize(Decimal(1), rounding=ROUND_HALF_UP)))


def hiring_parameters_for(
    position: str,
    parameters: StaffingParameters,
    people: int,
    flags: HiringFlags | None = None,
) -> tuple[HiringParameters, PositionCosts]:
    """YAML defaults, then the position's own YAML values, then the command's flags."""
    chosen: dict[str, Any] = dict(parameters.hiring)
    chosen.update(parameters.position_overrides.get(position, {}))
    given = flags or HiringFlags()
    chosen.update({f.name: v for f in fields(given) if (v := getattr(given, f.name)) is not None})
    hiring = HiringParameters(
        attrition_rate=chosen.get("attrition_rate", Decimal(0)),
        lead_time_months=chosen.get("lead_time_months", 0),
        hiring_capacity=_capacity(chosen, people),
        training_months=chosen.get("training_months", 0),
    )
    costs = PositionCosts(
        per_hire_cents=to_cents(chosen.get("cost_per_hire", Decimal(0)), "cost_per_hire"),
        per_person_year_cents=to_cents(
            chosen.get("cost_per_person_year", Decimal(0)), "cost_per_person_year"
        ),
    )
    return hiring, costs


def hiring_plan(
    target_fy: int,
    *,
    flags: HiringFlags | None = None,
    params_file: Path | None = None,
) -> list[PositionPlan]:
    """One plan per position, in people, from its last actual year to the target fiscal year."""
    parameters = load_staffing_parameters(params_file)
    plans = []
    for position in load_positions():
        last = position.last_actual_fy
        if target_fy <= last:
            raise InvalidInput(
                f"target fiscal year must be after FY{last}, the last year with actual "
                f"staffing, got {target_fy}",
                field="target_fy",
            )
        share = parameters.trade_shares[position.name]
        hiring, costs = hiring_parameters_for(
            position.name, parameters, people_needed(position.target, share), flags
        )
        plans.append(
            plan_position(
                position=position.name,
                current_people=people_behind(position.actuals[last], share),
                last_actual_fy=last,
                target_fte=position.target,
                target_fy=target_fy,
                share=share,
                parameters=hiring,
                costs=costs,
            )
        )
    return plans


RECRUITMENT = (
    "below its mandated minimum in most years of Table 5: needs a recruitment strategy "
    "(continuous announcements, incentives, hard-to-fill locations), not ad hoc hiring"
)


def _year_document(year: PlanYear, people_needed: int) -> dict[str, Any]:
    return {
        "people_start": year.people_start,
        "separations": year.separations,
        "hires_started": year.hires_started,
        "hires_on_board": year.hires_on_board,
        "hires_trained": year.hires_trained,
        "people_end": year.people_end,
        "in_training": year.in_training_end,
        "trained": year.trained_end,
        "fte": str(year.fte_end),
        "target_met": year.trained_end >= people_needed,
        "hiring_cost_usd": dollars(year.hiring_cost_cents),
        "payroll_usd": dollars(year.payroll_cents),
        "cost_usd": dollars(year.cost_cents),
    }


@dataclass(frozen=True, slots=True)
class HiringPlanReport:
    """The plan per position and year, in people and trade FTE, with its cost and feasibility;
    a position generally below its mandated minimum is hard to fill (a recruitment strategy)."""

    target_fy: int
    plans: list[PositionPlan]
    hard_to_fill: frozenset[str]

    def as_json(self) -> dict[str, Any]:
        return {
            "target_fy": self.target_fy,
            "positions": [
                {
                    "position": p.position,
                    "trade_share": str(p.share.as_decimal()),
                    "trade_share_source": p.share.source,
                    "target_fte": p.target_fte,
                    "people_needed": p.people_needed,
                    "current_people": p.years[0].people_start,
                    "feasible": p.feasible,
                    "first_feasible_fy": p.first_feasible_fy,
                    "shortfall_people": p.shortfall,
                    "hires_needed": p.hires_needed,
                    "cost_usd": dollars(p.cost_cents),
                    "hard_to_fill": p.position in self.hard_to_fill,
                    "recruitment_strategy": RECRUITMENT
                    if p.position in self.hard_to_fill
                    else None,
                    "statement": p.statement(),
                    "parameters": {
                        "attrition_rate": str(p.parameters.attrition_rate),
                        "lead_time_months": p.parameters.lead_time_months,
                        "training_months": p.parameters.training_months,
                        "hiring_capacity": p.parameters.hiring_capacity,
                        "cost_per_hire_usd": dollars(p.costs.per_hire_cents),
                        "cost_per_person_year_usd": dollars(p.costs.per_person_year_cents),
                    },
                    "years": {
                        str(y.fiscal_year): _year_document(y, p.people_needed) for y in p.years
                    },
                }
                for p in self.plans
            ],
        }


def plan_report(target_fy: int, plans: list[PositionPlan]) -> HiringPlanReport:
    hard = frozenset(g.position.name for g in staffing_gaps() if g.generally_below_mandated)
    return HiringPlanReport(target_fy, plans, hard)


# -- for exam capacity ---------------------------------------------------------------------------
def officer_trade_fte() -> int:
    """CBP officers' full-time equivalent spent on trade: 6,889 (October 2014, GAO-17-618 Table 6).

    Of about 22,000 officers, this is the share the exams allocation may treat as trade capacity.
    """
    for position in load_positions():
        if position.name == CBP_OFFICER:
            return position.actuals[position.last_actual_fy]
    raise NotFound(f"{CBP_OFFICER} is missing from the positions reference data")


def port_exam_officer_hours_per_day(
    port_share: Decimal, *, params_file: Path | None = None
) -> Decimal:
    """Officer-hours a day a port can give to trade exams, given its share of national entries.

    trade FTE × port_share × productive hours per FTE ÷ operating days per year (YAML).
    """
    parameters = load_staffing_parameters(params_file)
    return exam_officer_hours_per_day(
        officer_trade_fte=officer_trade_fte(),
        port_share=port_share,
        productive_hours_per_fte=parameters.productive_hours_per_fte,
        operating_days_per_year=parameters.operating_days_per_year,
    )
