"""The long-term hiring plan: how a position's headcount reaches its target, year by year.

The recurrence for each fiscal year is

    separations    = round_half_up(start × attrition rate)
    end            = start − separations + hires_on_board
    next year's start = end

Hires are *started* (announcement, selection, background investigation, polygraph for officers)
in one year and come *on board* after the lead time. Hiring actions are spread over the year, so
a planning convention puts the average one at mid-year (month 6 of the fiscal year): a hire
started in FY y arrives in FY y + (6 + lead_time_months) // 12. A six-month lead time therefore
already moves a cohort into the next fiscal year; a zero lead time keeps it in the same one.

Each year the plan starts just enough hires (never more than the hiring capacity) for the
headcount to reach the target in the year those hires arrive, so gaps close as early as capacity
allows and attrition is replaced after that. Hires that could only arrive after the target year
belong to the next plan and are not started here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from tradeguard.domain.errors import InvalidInput

AVERAGE_START_MONTH = 6
MAX_HORIZON_YEARS = 50


@dataclass(frozen=True, slots=True)
class HiringParameters:
    attrition_rate: Decimal  # share of the starting headcount that separates during the year
    lead_time_months: int  # from starting a hire to the person on board
    hiring_capacity: int | None  # hires that can be started per fiscal year; None: no limit

    def __post_init__(self) -> None:
        if not Decimal(0) <= self.attrition_rate < Decimal(1):
            raise InvalidInput(
                f"attrition rate must be at least 0 and below 1, got {self.attrition_rate}",
                field="attrition_rate",
            )
        if not 0 <= self.lead_time_months <= 120:
            raise InvalidInput(
                f"lead time must be 0 to 120 months, got {self.lead_time_months}",
                field="lead_time_months",
            )
        if self.hiring_capacity is not None and self.hiring_capacity < 0:
            raise InvalidInput(
                f"hiring capacity must not be negative, got {self.hiring_capacity}",
                field="hiring_capacity",
            )

    @property
    def arrival_delay_years(self) -> int:
        return (AVERAGE_START_MONTH + self.lead_time_months) // 12


@dataclass(frozen=True, slots=True)
class PlanYear:
    fiscal_year: int
    start: int
    separations: int
    hires_started: int
    hires_on_board: int
    end: int


@dataclass(frozen=True, slots=True)
class PositionPlan:
    position: str
    target: int
    target_fy: int
    parameters: HiringParameters
    years: tuple[PlanYear, ...]

    @property
    def projected_end(self) -> int:
        return self.years[-1].end if self.years else 0

    @property
    def feasible(self) -> bool:
        return self.projected_end >= self.target

    @property
    def shortfall(self) -> int:
        """Headcount still missing at the end of the target year (0 when the plan is feasible)."""
        return max(0, self.target - self.projected_end)

    @property
    def hires_needed(self) -> int:
        return sum(y.hires_started for y in self.years)

    def statement(self) -> str:
        cap = self.parameters.hiring_capacity
        if self.feasible and self.hires_needed == 0:
            return f"{self.position}: no hires needed to stay at or above {self.target}"
        if self.feasible:
            return (
                f"{self.position}: start {self.hires_needed} hires by FY{self.target_fy} "
                f"to reach {self.target}"
            )
        within = "" if cap is None else f" within a hiring capacity of {cap} a year"
        return (
            f"{self.position}: infeasible{within}: FY{self.target_fy} ends at "
            f"{self.projected_end}, {self.shortfall} short of {self.target}"
        )


def separations_for(start: int, rate: Decimal) -> int:
    return int((Decimal(start) * rate).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _project_end(
    start: int, first_fy: int, last_fy: int, arrivals: dict[int, int], rate: Decimal
) -> int:
    """Headcount at the end of last_fy with only the hires already in the pipeline."""
    headcount = start
    for fy in range(first_fy, last_fy + 1):
        headcount = headcount - separations_for(headcount, rate) + arrivals.get(fy, 0)
    return headcount


def plan_position(
    *,
    position: str,
    current: int,
    last_actual_fy: int,
    target: int,
    target_fy: int,
    parameters: HiringParameters,
) -> PositionPlan:
    """Plan FY last_actual_fy+1 … target_fy from the headcount at the end of last_actual_fy."""
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
    if current < 0 or target < 0:
        raise InvalidInput("headcounts must not be negative", field="headcount")
    rate = parameters.attrition_rate
    delay = parameters.arrival_delay_years
    arrivals: dict[int, int] = {}
    years: list[PlanYear] = []
    start = current
    for fy in range(last_actual_fy + 1, target_fy + 1):
        arrival_fy = fy + delay
        started = 0
        if arrival_fy <= target_fy:
            projected = _project_end(start, fy, arrival_fy, arrivals, rate)
            started = max(0, target - projected)
            if parameters.hiring_capacity is not None:
                started = min(started, parameters.hiring_capacity)
            arrivals[arrival_fy] = arrivals.get(arrival_fy, 0) + started
        separations = separations_for(start, rate)
        on_board = arrivals.get(fy, 0)
        end = start - separations + on_board
        years.append(PlanYear(fy, start, separations, started, on_board, end))
        start = end
    return PositionPlan(position, target, target_fy, parameters, tuple(years))
