"""The hiring recurrence: hand-made cases and its invariants over many parameter sets."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.hiring_plan import HiringParameters, plan_position, separations_for


def _plan(
    current: int,
    target: int,
    *,
    rate: str = "0",
    lead: int = 0,
    cap: int | None = None,
    last: int = 2016,
    target_fy: int = 2020,
):
    return plan_position(
        position="Import specialist",
        current=current,
        last_actual_fy=last,
        target=target,
        target_fy=target_fy,
        parameters=HiringParameters(Decimal(rate), lead, cap),
    )


def test_without_attrition_the_gap_is_hired_once_in_the_first_year() -> None:
    plan = _plan(917, 984)
    first = plan.years[0]
    assert (first.fiscal_year, first.start, first.separations) == (2017, 917, 0)
    assert first.hires_started == first.hires_on_board == 67
    assert first.end == 984
    assert all(y.hires_started == 0 and y.end == 984 for y in plan.years[1:])
    assert plan.feasible and plan.shortfall == 0 and plan.hires_needed == 67


def test_a_lead_time_of_a_year_moves_the_hires_into_the_next_fiscal_year() -> None:
    plan = _plan(917, 984, lead=12)
    fy2017, fy2018 = plan.years[0], plan.years[1]
    assert fy2017.hires_started == 67 and fy2017.hires_on_board == 0 and fy2017.end == 917
    assert fy2018.hires_on_board == 67 and fy2018.end == 984
    assert plan.feasible


def test_six_months_of_lead_time_from_the_average_mid_year_start_crosses_the_year() -> None:
    plan = _plan(100, 110, lead=6)
    assert plan.years[0].hires_on_board == 0
    assert plan.years[1].hires_on_board == 10


def test_hires_that_would_arrive_after_the_target_year_are_not_started() -> None:
    plan = _plan(917, 984, lead=24, target_fy=2018)
    assert [y.hires_started for y in plan.years] == [0, 0]
    assert not plan.feasible and plan.shortfall == 67


def test_capacity_too_small_is_infeasible_with_the_shortfall() -> None:
    plan = _plan(900, 1000, cap=20, target_fy=2019)
    assert [y.hires_started for y in plan.years] == [20, 20, 20]
    assert plan.projected_end == 960
    assert not plan.feasible
    assert plan.shortfall == 40
    assert "infeasible within a hiring capacity of 20 a year" in plan.statement()
    assert "40 short of 1000" in plan.statement()


def test_attrition_is_replaced_after_the_target_is_reached() -> None:
    plan = _plan(1000, 1000, rate="0.05")
    assert [y.separations for y in plan.years] == [50, 50, 50, 50]
    assert all(y.end == 1000 for y in plan.years)
    assert plan.hires_needed == 200


def test_separations_round_half_up() -> None:
    assert separations_for(10, Decimal("0.05")) == 1  # 0.5 rounds up
    assert separations_for(9, Decimal("0.05")) == 0  # 0.45 rounds down


@pytest.mark.parametrize(
    ("rate", "lead", "cap", "field"),
    [
        ("1", 0, None, "attrition_rate"),
        ("-0.1", 0, None, "attrition_rate"),
        ("0.1", -1, None, "lead_time_months"),
        ("0.1", 0, -5, "hiring_capacity"),
    ],
)
def test_bad_parameters_name_their_field(rate: str, lead: int, cap: int | None, field: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        HiringParameters(Decimal(rate), lead, cap)
    assert raised.value.field == field


def test_a_target_year_not_after_the_last_actual_is_refused() -> None:
    with pytest.raises(InvalidInput) as raised:
        _plan(10, 20, target_fy=2016)
    assert raised.value.field == "target_fy"


@given(
    current=st.integers(0, 20_000),
    target=st.integers(0, 20_000),
    rate=st.decimals(min_value=0, max_value=Decimal("0.3"), places=3),
    lead=st.integers(0, 48),
    cap=st.none() | st.integers(0, 3_000),
    horizon=st.integers(1, 12),
)
def test_the_recurrence_holds_for_any_parameters(
    current: int, target: int, rate: Decimal, lead: int, cap: int | None, horizon: int
) -> None:
    plan = _plan(current, target, rate=str(rate), lead=lead, cap=cap, target_fy=2016 + horizon)
    assert [y.fiscal_year for y in plan.years] == list(range(2017, 2017 + horizon))
    assert plan.years[0].start == current
    for year, following in zip(plan.years, plan.years[1:], strict=False):
        assert following.start == year.end
    for year in plan.years:
        assert year.end == year.start - year.separations + year.hires_on_board
        assert year.separations == separations_for(year.start, rate)
        assert year.hires_started >= 0
        if cap is not None:
            assert year.hires_started <= cap
    assert sum(y.hires_on_board for y in plan.years) == plan.hires_needed
    assert plan.feasible == (plan.years[-1].end >= target)
    assert plan.shortfall == max(0, target - plan.years[-1].end)
    if cap is None and lead <= 5:  # every hire can arrive in the year it starts
        assert plan.feasible


def test_a_position_above_target_without_attrition_needs_no_hires() -> None:
    plan = _plan(296, 203)
    assert plan.hires_needed == 0 and plan.feasible
    assert plan.statement() == "Import specialist: no hires needed to stay at or above 203"
