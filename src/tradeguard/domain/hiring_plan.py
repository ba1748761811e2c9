"""The long-term hiring plan: how a position's people reach the number its target needs.

A hire is *started* (announcement, selection, background investigation, polygraph for officers)
in one fiscal year, comes *on board* after the lead time and is *trained* (productive) after the
training time. Hiring actions are spread over the year, so a planning convention puts the average
one at mid-year (month 6): a hire started in FY y is on board in FY y + (6 + lead) // 12 and
trained in FY y + (6 + lead + training) // 12.

Each fiscal year, in people:

    separations = round_half_up(trained at start × attrition rate)
    trained     = trained at start − separations + hires trained this year
    on board    = on board at start − separations + hires on board this year
    trade FTE   = trained × the position's trade share

Trainees are not counted as separating: one who leaves is a hire that did not happen, which the
capacity already limits. Each year the plan starts just enough hires, never more than the
capacity, for the trained people to reach the number needed in the year those hires are trained;
hires that could only be trained after the target year are not started. `first_feasible_fy` is
the first year the trained people reach the number needed: within the plan when it is feasible;
when the target year falls short, the same policy is run on past it and the first later year
that reaches it is given (None when capacity never outruns attrition within MAX_HORIZON_YEARS).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.workforce import PositionCosts, TradeShare, people_needed, trade_fte

AVERAGE_START_MONTH = 6
MAX_HORIZON_YEARS = 50


@dataclass(frozen=True, slots=True)
class HiringParameters:
    attrition_rate: Decimal  # share of the trained people who separate during the year
    lead_time_months: int  # from starting a hire to the person on board
    hiring_capacity: int  # hires that can be started in a fiscal year
    training_months: int = 0  # from on board to productive

    def __post_init__(self) -> None:
        if not Decimal(0) <= self.attrition_rate < Decimal(1):
            raise InvalidInput(
                f"attrition rate must be at least 0 and below 1, got {self.attrition_rate}",
                field="attrition_rate",
            )
        for name in ("lead_time_months", "training_months"):
            months = getattr(self, name)
            if not 0 <= months <= 120:
                raise InvalidInput(f"{name} must be 0 to 120 months, got {months}", field=name)
        if self.hiring_capacity < 0:
            raise InvalidInput(
                f"hiring capacity must not be negative, got {self.hiring_capacity}",
                field="hiring_capacity",
            )

    @property
    def on_board_delay_years(self) -> int:
        return (AVERAGE_START_MONTH + self.lead_time_months) // 12

    @property
    def trained_delay_years(self) -> int:
        return (AVERAGE_START_MONTH + self.lead_time_months + self.training_months) // 12


@dataclass(frozen=True, slots=True)
class PlanYear:
    fiscal_year: int
    people_start: int  # on board at the start, trained or not
    separations: int
    hires_started: int
    hires_on_board: int
    hires_trained: int
    people_end: int  # on board at the end
    trained_end: int
    fte_end: Decimal  # trade FTE of the trained people
    hiring_cost_cents: int
    payroll_cents: int

    @property
    def in_training_end(self) -> int:
        return self.people_end - self.trained_end

    @property
    def cost_cents(self) -> int:
        return self.hiring_cost_cents + self.payroll_cents


@dataclass(frozen=True, slots=True)
class PositionPlan:
    position: str
    target_fte: int
    people_needed: int
    target_fy: int
    share: TradeShare
    parameters: HiringParameters
    costs: PositionCosts
    years: tuple[PlanYear, ...]
    first_feasible_fy: int | None

    @property
    def trained_end(self) -> int:
        return self.years[-1].trained_end if self.years else 0

    @property
    def feasible(self) -> bool:
        return self.trained_end >= self.people_needed

    @property
    def shortfall(self) -> int:
        """Trained people still missing at the end of the target year (0 when feasible)."""
        return max(0, self.people_needed - self.trained_end)

    @property
    def hires_needed(self) -> int:
        return sum(y.hires_started for y in self.years)

    @property
    def cost_cents(self) -> int:
        return sum(y.cost_cents for y in self.years)

    def statement(self) -> str:
        need = f"{self.people_needed:,} people ({self.target_fte:,} trade FTE)"
        if self.feasible and self.hires_needed == 0:
            return f"{self.position}: no hires needed to stay at or above {need}"
        if self.feasible:
            return (
                f"{self.position}: start {self.hires_needed:,} hires by FY{self.target_fy} "
                f"for {need}"
            )
        when = (
            f"not within {MAX_HORIZON_YEARS} years at this capacity"
            if self.first_feasible_fy is None
            else f"first reachable in FY{self.first_feasible_fy}"
        )
        return (
            f"{self.position}: infeasible within a hiring capacity of "
            f"{self.parameters.hiring_capacity:,} a year: FY{self.target_fy} ends with "
            f"{self.trained_end:,} trained, {self.shortfall:,} short of {need}; {when}"
        )


def separations_for(start: int, rate: Decimal) -> int:
    return int((Decimal(start) * rate).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _project_trained(
    start: int, first: int, last: int, trained: dict[int, int], rate: Decimal
) -> int:
    """Trained people at the end of `last` with only the hires already in the pipeline."""
    headcount = start
    for fy in range(first, last + 1):
        headcount = headcount - separations_for(headcount, rate) + trained.get(fy, 0)
    return headcount


def _run(
    current: int, first_fy: int, horizon_fy: int, need: int, parameters: HiringParameters
) -> list[tuple[int, int, int, int, int, int, int, int]]:
    """(fy, start, separations, started, on board, trained, people end, trained end) a year."""
    rate, cap = parameters.attrition_rate, parameters.hiring_capacity
    on_board_at: dict[int, int] = {}
    trained_at: dict[int, int] = {}
    rows = []
    people, trained = current, current
    for fy in range(first_fy, horizon_fy + 1):
        trained_fy = fy + parameters.trained_delay_years
        started = 0
        if trained_fy <= horizon_fy:
            projected = _project_trained(trained, fy, trained_fy, trained_at, rate)
            started = min(cap, max(0, need - projected))
            trained_at[trained_fy] = trained_at.get(trained_fy, 0) + started
            on_board_fy = fy + parameters.on_board_delay_years
            on_board_at[on_board_fy] = on_board_at.get(on_board_fy, 0) + started
        separations = separations_for(trained, rate)
        arrived, qualified = on_board_at.get(fy, 0), trained_at.get(fy, 0)
        end_people = people - separations + arrived
        end_trained = trained - separations + qualified
        rows.append((fy, people, separations, started, arrived, qualified, end_people, end_trained))
        people, trained = end_people, end_trained
    return rows


def plan_position(
    *,
    position: str,
    current_people: int,
    last_actual_fy: int,
    target_fte: int,
    target_fy: int,
    share: TradeShare,
    parameters: HiringParameters,
    costs: PositionCosts,
) -> PositionPlan:
    """Plan FY last_actual_fy+1 … target_fy from the people on board at the end of the last."""
    if target_fy <= last_actual_fy:
        raise InvalidInput(
            f"target fiscal year {target_fy} must come after the last actual year "
            f"{last_actual_fy} of {position}",
            field="target_fy",
        )
    if target_fy - last_actual_fy > MAX_HORIZON_YEARS:
        raise InvalidInput(
            f"target fiscal year {target_fy} is more than {MAX_HORIZON_YEARS} years out",
            field="target_fy",
        )
    if current_people < 0 or target_fte < 0:
        raise InvalidInput("headcounts must not be negative", field="headcount")
    need = people_needed(target_fte, share)
    first = last_actual_fy + 1
    years = tuple(
        PlanYear(
            fiscal_year=fy,
            people_start=start,
            separations=separations,
            hires_started=started,
            hires_on_board=arrived,
            hires_trained=qualified,
            people_end=end_people,
            trained_end=end_trained,
            fte_end=trade_fte(end_trained, share),
            hiring_cost_cents=costs.hiring_cents(started),
            payroll_cents=costs.payroll_cents(start, end_people),
        )
        for fy, start, separations, started, arrived, qualified, end_people, end_trained in _run(
            current_people, first, target_fy, need, parameters
        )
    )
    reached = [y.fiscal_year for y in years if y.trained_end >= need]
    if years[-1].trained_end < need:  # infeasible: when, after the target year, if ever
        further = _run(current_people, first, last_actual_fy + MAX_HORIZON_YEARS, need, parameters)
        reached = [row[0] for row in further if row[0] > target_fy and row[7] >= need]
    return PositionPlan(
        position=position,
        target_fte=target_fte,
        people_needed=need,
        target_fy=target_fy,
        share=share,
        parameters=parameters,
        costs=costs,
        years=years,
        first_feasible_fy=reached[0] if reached else None,
    )
