"""People and trade FTE, and money in whole cents."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.workforce import (
    PositionCosts,
    TradeShare,
    dollars,
    people_behind,
    people_needed,
    to_cents,
    trade_fte,
)

OFFICERS = TradeShare.parse("6889/22000", "GAO-17-618")


def test_the_reports_officer_figures_round_trip_exactly() -> None:
    assert people_behind(6889, OFFICERS) == 22_000
    assert trade_fte(22_000, OFFICERS) == Decimal("6889.0")
    assert OFFICERS.as_decimal() == Decimal("0.3131")


def test_people_needed_round_up_so_the_fte_is_covered() -> None:
    half = TradeShare.parse("0.5", "assumption")
    assert people_needed(11, half) == 22
    assert people_needed(8658, OFFICERS) == 27_650
    assert trade_fte(27_649, OFFICERS) < 8658 <= trade_fte(27_650, OFFICERS)


@pytest.mark.parametrize("text", ["0", "1.5", "-1/2", "x", "1/0", ""])
def test_a_share_outside_zero_to_one_names_its_field(text: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        TradeShare.parse(text, "source", "positions.Chemist.trade_share")
    assert raised.value.field == "positions.Chemist.trade_share"


@given(
    fte=st.integers(0, 50_000),
    share=st.fractions(min_value=Fraction(1, 100), max_value=1, max_denominator=50_000),
)
def test_people_are_never_fewer_than_the_fte_they_give(fte: int, share: Fraction) -> None:
    trade = TradeShare(share, "hypothesis")
    people = people_needed(fte, trade)
    assert people >= fte
    if share < 1 and fte > 0:
        assert people > fte
    assert people * share >= fte > (people - 1) * share or fte == 0


@given(amount=st.decimals(min_value=0, max_value=Decimal("1e9"), places=2))
def test_dollars_to_cents_and_back_loses_nothing(amount: Decimal) -> None:
    assert Decimal(dollars(to_cents(amount, "cost"))) == amount


@pytest.mark.parametrize("amount", ["0.001", "-1", "NaN", "Infinity"])
def test_fractions_of_a_cent_and_negatives_are_refused(amount: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        to_cents(Decimal(amount), "cost_per_hire")
    assert raised.value.field == "cost_per_hire"


@given(
    start=st.integers(0, 100_000),
    end=st.integers(0, 100_000),
    cents=st.integers(0, 100_000_000),
)
def test_payroll_is_the_average_headcount_rounded_half_up_to_the_cent(
    start: int, end: int, cents: int
) -> None:
    payroll = PositionCosts(0, cents).payroll_cents(start, end)
    exact = Fraction((start + end) * cents, 2)
    assert payroll - Fraction(1, 2) <= exact < payroll + Fraction(1, 2)
