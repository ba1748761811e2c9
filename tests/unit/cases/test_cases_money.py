"""Money never loses or gains a cent: Decimal in, integer cents stored, Decimal out."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.domain.cases.duty_demand import duty_owed, recomputed_duty
from tradeguard.domain.cases.money import (
    from_cents,
    parse_money,
    round_up_to,
    to_cents,
    total,
)
from tradeguard.domain.errors import InvalidInput

amounts = st.decimals(min_value=Decimal("0"), max_value=Decimal("1e12"), places=2, allow_nan=False)
rates = st.decimals(min_value=Decimal("0"), max_value=Decimal("4"), places=4, allow_nan=False)


@given(amounts)
def test_cents_round_trip_exactly(amount: Decimal) -> None:
    assert from_cents(to_cents(amount)) == amount


@given(st.lists(amounts, max_size=200))
def test_sums_never_drift(parts: list[Decimal]) -> None:
    in_cents = sum(to_cents(p) for p in parts)
    assert total(parts) == from_cents(in_cents) == sum(parts, Decimal("0"))


@given(amounts)
def test_parse_accepts_what_it_prints(amount: Decimal) -> None:
    assert parse_money(str(amount)) == amount
    assert parse_money(f"${amount:,}") == amount


@pytest.mark.parametrize("text", ["12.345", "-1", "abc", "NaN", "Infinity", ""])
def test_parse_refuses_bad_amounts_naming_the_field(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_money(text, "amount")
    assert caught.value.field == "amount"


def test_fractions_of_a_cent_are_refused_not_lost() -> None:
    with pytest.raises(InvalidInput):
        to_cents(Decimal("0.005"))


def test_round_up_to_step() -> None:
    assert round_up_to(Decimal("50000.01"), Decimal("10000")) == Decimal("60000.00")
    assert round_up_to(Decimal("60000"), Decimal("10000")) == Decimal("60000.00")


@given(amounts, rates, st.one_of(st.none(), rates), amounts)
def test_duty_owed_is_the_recomputed_duty_less_paid_never_negative(value, rate, adcvd, paid):
    owed = duty_owed(value, rate, adcvd, paid)
    assert owed >= 0
    assert owed == max(Decimal("0.00"), recomputed_duty(value, rate, adcvd) - paid)
    assert owed == owed.quantize(Decimal("0.01"))


def test_duty_owed_example_with_adcvd() -> None:
    # $10,000 of garlic at 0% duty plus a 376.67% antidumping rate; $0 paid.
    assert duty_owed(Decimal("10000"), Decimal("0"), Decimal("3.7667"), Decimal("0")) == Decimal(
        "37667.00"
    )
