"""The hiring recurrence in people: hand-made cases and its invariants over many parameter sets."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.hiring_plan import (
    HiringParameters,
    PositionPlan,
    plan_position,
    separations_for,
)
from tradeguard.domain.workforce import PositionCosts, TradeShare

ALL_TRADE = TradeShare(Fraction(1), "test: every hour is trade")
NO_COST = PositionCosts(0, 0)


def _plan(
    current: int,
    target: int,
    *,
    rate: str = "0",
    lead: int = 0,
    cap: int = 100_000,
    training: int = 0,
    share: TradeShare = ALL_TRADE,
    costs: PositionCosts = NO_COST,
    last: int = 2016,
    target_fy: int = 2020,
) -> PositionPlan:
    return plan_position(
        position="Import specialist",
        current_people=current,
        last_actual_fy=last,
        target_fte=target,
        target_fy=target_fy,
        share=share,
        parameters=HiringParameters(Decimal(rate), lead, cap, training),
        costs=costs,
    )


def test_without_attrition_the_gap_is_hired_once_in_the_first_year() -> None:
    plan = _plan(917, 984)
    first = plan.years[0]
    assert (first.fiscal_year, first.people_start, first.separations) == (2017, 917, 0)
    assert first.hires_started == first.hires_on_board == first.hires_trained == 67
    assert first.people_end == first.trained_end == 984
    assert all(y.hires_started == 0 and y.trained_end == 984 for y in plan.years[1:])
    assert plan.feasible and plan.shortfall == 0 and plan.hires_needed == 67
    assert plan.first_feasible_fy == 2017


def test_a_lead_time_of_a_year_moves_the_hires_into_the_next_fiscal_year() -> None:
    plan = _plan(917, 984, lead=12)
    fy2017, fy2018 = plan.years[0], plan.years[1]
    assert fy2017.hires_started == 67 and fy2017.hires_on_board == 0
    assert fy2017.trained_end == 917
    assert fy2018.hires_on_board == 67 and fy2018.trained_end == 984
    assert plan.first_feasible_fy == 2018


def test_training_keeps_new_people_on_board_but_not_yet_counted_as_trade_fte() -> None:
    # on board after (6 + 6) // 12 = 1 year, trained after (6 + 6 + 12) // 12 = 2 years
    plan = _plan(100, 110, lead=6, training=12)
    fy2018, fy2019 = plan.years[1], plan.years[2]
    assert fy2018.hires_on_board == 10 and fy2018.people_end == 110
    assert fy2018.trained_end == 100 and fy2018.in_training_end == 10
    assert fy2018.fte_end == Decimal("100.0")
    assert fy2019.hires_trained == 10 and fy2019.trained_end == 110
    assert fy2019.in_training_end == 0


def test_people_needed_come_from_the_trade_share() -> None:
    officers = TradeShare(Fraction(6889, 22000), "GAO-17-618")
    plan = _plan(22_000, 8_658, share=officers, target_fy=2018)
    assert plan.people_needed == 27_650  # 8,658 x 22,000 / 6,889 = 27,649.3, rounded up
    assert plan.years[0].fte_end == Decimal("8658.2")  # 27,650 x 6,889 / 22,000 = 8,658.2
    assert plan.feasible


def test_hires_that_would_be_trained_after_the_target_year_are_not_started() -> None:
    plan = _plan(917, 984, lead=24, target_fy=2018)
    assert [y.hires_started for y in plan.years] == [0, 0]
    assert not plan.feasible and plan.shortfall == 67
    assert plan.first_feasible_fy == 2019  # started in FY2017, on board (6 + 24) // 12 later


def test_capacity_too_small_is_infeasible_with_the_first_year_it_can_be_met() -> None:
    plan = _plan(900, 1000, cap=20, target_fy=2019)
    assert [y.hires_started for y in plan.years] == [20, 20, 20]
    assert plan.trained_end == 960
    assert not plan.feasible and plan.shortfall == 40
    assert plan.first_feasible_fy == 2021
    assert "infeasible within a hiring capacity of 20 a year" in plan.statement()
    assert "40 short of 1,000 people" in plan.statement()
    assert "first reachable in FY2021" in plan.statement()


def test_capacity_below_attrition_never_reaches_the_target() -> None:
    plan = _plan(900, 1000, rate="0.1", cap=50)
    assert not plan.feasible and plan.first_feasible_fy is None
    assert "not within 50 years" in plan.statement()


def test_attrition_is_replaced_after_the_target_is_reached() -> None:
    plan = _plan(1000, 1000, rate="0.05")
    assert [y.separations for y in plan.years] == [50, 50, 50, 50]
    assert all(y.trained_end == 1000 for y in plan.years)
    assert plan.hires_needed == 200


def test_costs_are_hires_and_the_average_people_on_board_in_cents() -> None:
    costs = PositionCosts(per_hire_cents=500_000, per_person_year_cents=13_000_000)
    plan = _plan(917, 984, costs=costs, target_fy=2017)
    year = plan.years[0]
    assert year.hiring_cost_cents == 67 * 500_000
    assert year.payroll_cents == (917 + 984) * 13_000_000 // 2
    assert plan.cost_cents == year.hiring_cost_cents + year.payroll_cents


def test_separations_round_half_up() -> None:
    assert separations_for(10, Decimal("0.05")) == 1  # 0.5 rounds up
    assert separations_for(9, Decimal("0.05")) == 0  # 0.45 rounds down


@pytest.mark.parametrize(
    ("rate", "lead", "cap", "training", "field"),
    [
        ("1", 0, 1, 0, "attrition_rate"),
        ("-0.1", 0, 1, 0, "attrition_rate"),
        ("0.1", -1, 1, 0, "lead_time_months"),
        ("0.1", 0, -5, 0, "hiring_capacity"),
        ("0.1", 0, 5, 121, "training_months"),
    ],
)
def test_bad_parameters_name_their_field(
    rate: str, lead: int, cap: int, training: int, field: str
) -> None:
    with pytest.raises(InvalidInput) as raised:
        HiringParameters(Decimal(rate), lead, cap, training)
    assert raised.value.field == field


def test_a_target_year_not_after_the_last_actual_is_refused() -> None:
    with pytest.raises(InvalidInput) as raised:
        _plan(10, 20, target_fy=2016)
    assert raised.value.field == "target_fy"


@given(
    current=st.integers(0, 20_000),
    target=st.integers(0, 10_000),
    rate=st.decimals(min_value=0, max_value=Decimal("0.3"), places=3),
    lead=st.integers(0, 48),
    training=st.integers(0, 24),
    cap=st.integers(0, 3_000),
    share=st.fractions(min_value=Fraction(1, 20), max_value=1, max_denominator=25_000),
    per_hire=st.integers(0, 10_000_000),
    per_year=st.integers(0, 50_000_000),
    horizon=st.integers(1, 12),
)
def test_the_recurrence_holds_for_any_parameters(
    current: int,
    target: int,
    rate: Decimal,
    lead: int,
    training: int,
    cap: int,
    share: Fraction,
    per_hire: int,
    per_year: int,
    horizon: int,
) -> None:
    plan = _plan(
        current,
        target,
        rate=str(rate),
        lead=lead,
        cap=cap,
        training=training,
        share=TradeShare(share, "hypothesis"),
        costs=PositionCosts(per_hire, per_year),
        target_fy=2016 + horizon,
    )
    assert [y.fiscal_year for y in plan.years] == list(range(2017, 2017 + horizon))
    assert plan.years[0].people_start == current
    for year, following in zip(plan.years, plan.years[1:], strict=False):
        assert following.people_start == year.people_end
    for year in plan.years:
        assert year.people_end == year.people_start - year.separations + year.hires_on_board
        assert 0 <= year.hires_started <= cap  # hires never exceed capacity
        assert 0 <= year.in_training_end
        # people are never fewer than the FTE they give (strictly, before rounding, when share < 1)
        assert year.people_end >= year.trained_end >= year.fte_end
        if share < 1 and year.trained_end > 0:
            assert year.trained_end * share < year.trained_end
        assert isinstance(year.cost_cents, int)  # money stays whole cents
        assert year.cost_cents == year.hires_started * per_hire + year.payroll_cents
    assert plan.people_needed >= target and plan.people_needed * share >= target
    assert (plan.people_needed - 1) * share < target or target == 0
    assert plan.cost_cents == sum(y.hiring_cost_cents + y.payroll_cents for y in plan.years)
    assert plan.feasible == (plan.years[-1].trained_end >= plan.people_needed)
    assert plan.shortfall == max(0, plan.people_needed - plan.years[-1].trained_end)
    if plan.feasible:
        assert plan.first_feasible_fy is not None and plan.first_feasible_fy <= plan.target_fy
    else:
        assert plan.first_feasible_fy is None or plan.first_feasible_fy > plan.target_fy


@given(
    current=st.integers(0, 2_000),
    target=st.integers(1, 3_000),
    rate=st.decimals(min_value=0, max_value=Decimal("0.2"), places=2),
    cap=st.integers(1, 500),
    lead=st.integers(0, 30),
)
def test_planning_to_the_first_feasible_year_is_feasible(
    current: int, target: int, rate: Decimal, cap: int, lead: int
) -> None:
    plan = _plan(current, target, rate=str(rate), cap=cap, lead=lead, target_fy=2018)
    if plan.feasible or plan.first_feasible_fy is None:
        return
    again = _plan(
        current, target, rate=str(rate), cap=cap, lead=lead, target_fy=plan.first_feasible_fy
    )
    assert again.feasible
    assert again.first_feasible_fy is not None
    assert again.first_feasible_fy <= plan.first_feasible_fy  # it may touch the need earlier


def test_a_position_above_target_without_attrition_needs_no_hires() -> None:
    plan = _plan(296, 203)
    assert plan.hires_needed == 0 and plan.feasible
    assert plan.statement() == (
        "Import specialist: no hires needed to stay at or above 203 people (203 trade FTE)"
    )
