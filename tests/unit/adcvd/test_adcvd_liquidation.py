"""Liquidating a line: final duty against the deposit, a bill or a refund, the six months."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.domain.adcvd import (
    EntryDeposit,
    Instruction,
    InstructionKind,
    interest_cents,
    liquidate,
)
from tradeguard.domain.adcvd.entries import add_months, duty_cents, parse_rate
from tradeguard.domain.adcvd.liquidation import LateCause, Outcome
from tradeguard.domain.errors import InvalidInput
from tradeguard.reference.interest_rates import packaged_schedule

SCHEDULE = packaged_schedule()


def deposit(value_cents: int = 10_000_00, rate: int = 1_000_000) -> EntryDeposit:
    return EntryDeposit("ABC10000015", 1, date(2024, 3, 1), "IMP1", "A-570-967", value_cents,
                        rate, "continuous", 50_000_00)  # fmt: skip


def instruction(final: int | None, issued: date = date(2025, 6, 1)) -> Instruction:
    kind = InstructionKind.NO_REVIEW if final is None else InstructionKind.REVIEW
    return Instruction("M1", "A-570-967", kind, date(2023, 10, 1), date(2024, 9, 30), final,
                       issued)  # fmt: skip


def test_a_higher_final_rate_bills_the_difference_with_interest_from_the_deposit_day() -> None:
    done = liquidate(deposit(), instruction(1_500_000), date(2025, 7, 1), SCHEDULE)
    assert done.outcome is Outcome.BILL
    assert done.difference_cents == 5_000_00
    expected = interest_cents(5_000_00, date(2024, 3, 1), date(2025, 7, 1), SCHEDULE)
    assert done.interest_cents == expected > 0
    assert done.bill_cents == 5_000_00 + expected
    assert not done.late and done.cause is None


def test_a_lower_final_rate_refunds_the_excess_with_interest() -> None:
    done = liquidate(deposit(), instruction(400_000), date(2025, 7, 1), SCHEDULE)
    assert done.outcome is Outcome.REFUND
    assert done.refund_cents == 6_000_00 + done.interest_cents and done.bill_cents == 0


def test_no_review_liquidates_at_the_deposit_rate() -> None:
    done = liquidate(deposit(), instruction(None), date(2025, 7, 1), SCHEDULE)
    assert done.outcome is Outcome.EVEN and done.interest_cents == 0


def test_past_six_months_is_late_with_its_cause() -> None:
    ins = instruction(1_500_000, issued=date(2025, 8, 31))
    assert ins.liquidate_by == date(2026, 2, 28)
    on_time = liquidate(deposit(), ins, date(2026, 2, 28), SCHEDULE)
    late = liquidate(deposit(), ins, date(2026, 3, 1), SCHEDULE, LateCause.INJUNCTION)
    unexplained = liquidate(deposit(), ins, date(2026, 3, 1), SCHEDULE)
    assert not on_time.late
    assert late.late and late.cause is LateCause.INJUNCTION
    assert unexplained.cause is LateCause.NOT_RECORDED


def test_an_instruction_liquidates_only_its_case_and_period() -> None:
    other = EntryDeposit("ABC10000015", 1, date(2024, 10, 1), "IMP1", "A-570-967", 100, 0,
                         "single", 100)  # fmt: skip
    with pytest.raises(InvalidInput):
        liquidate(other, instruction(1), date(2025, 7, 1), SCHEDULE)
    with pytest.raises(InvalidInput):
        liquidate(deposit(), instruction(1), date(2025, 5, 1), SCHEDULE)  # before it was issued


def test_rates_below_zero_are_refused_naming_the_field() -> None:
    with pytest.raises(InvalidInput) as error:
        parse_rate("-0.1", "final_rate")
    assert error.value.field == "final_rate"
    with pytest.raises(InvalidInput) as error:
        instruction(-1)
    assert error.value.field == "final_rate"
    with pytest.raises(InvalidInput) as error:
        deposit(rate=-5)
    assert error.value.field == "adcvd_rate"
    assert parse_rate("1.25") == 1_250_000
    with pytest.raises(InvalidInput):
        parse_rate("0.1234567")


def test_add_months_keeps_the_day_or_the_month_end() -> None:
    assert add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert add_months(date(2024, 1, 15), 6) == date(2024, 7, 15)
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)


money = st.integers(min_value=0, max_value=10**11)
rates = st.integers(min_value=0, max_value=5_000_000)


@given(money, rates, rates)
def test_bill_or_refund_is_exactly_the_duty_difference(value: int, dep: int, final: int) -> None:
    done = liquidate(deposit(value, dep), instruction(final), date(2025, 7, 1), SCHEDULE)
    assert done.final_duty_cents == duty_cents(value, final)
    assert done.final_duty_cents - done.deposit_cents == done.difference_cents
    assert done.bill_cents - done.refund_cents == done.difference_cents + (
        done.interest_cents if done.difference_cents > 0 else -done.interest_cents
    )
    assert min(done.bill_cents, done.refund_cents) == 0
