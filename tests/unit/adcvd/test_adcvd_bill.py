"""The bill: its states, and every cent billed ends paid, paid by the surety, or written off."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tradeguard.domain.adcvd import Bill, BillState
from tradeguard.domain.errors import Conflict, InvalidInput
from tradeguard.reference.interest_rates import packaged_schedule

SCHEDULE = packaged_schedule()
ISSUED = date(2025, 3, 1)


def bill(principal: int = 10_000_00, interest: int = 500_00) -> Bill:
    return Bill("ABC10000015", 1, "IMP1", "A-570-967", ISSUED, principal, interest)


def test_paid_on_time_owes_no_late_interest() -> None:
    b = bill()
    assert b.due_on == ISSUED + timedelta(days=30)
    assert b.amount_due(b.due_on, SCHEDULE) == 10_500_00
    b.pay(10_500_00, b.due_on, SCHEDULE)
    assert b.state is BillState.PAID and b.balance_cents == 0 and b.closed_on == b.due_on


def test_paid_late_owes_late_interest_first() -> None:
    b = bill()
    late = b.due_on + timedelta(days=60)
    due = b.amount_due(late, SCHEDULE)
    assert due > 10_500_00
    b.pay(10_500_00, late, SCHEDULE)
    assert b.state is BillState.OPEN and b.balance_cents == due - 10_500_00
    b.pay(b.balance_cents, late, SCHEDULE)
    assert b.state is BillState.PAID


def test_a_claim_is_capped_by_the_bond_and_the_rest_written_off() -> None:
    b = bill()
    day = b.due_on + timedelta(days=90)
    claimed = b.claim(day, 4_000_00, SCHEDULE)
    assert claimed == 4_000_00 and b.state is BillState.CLAIMED
    b.surety_pays(4_000_00, day + timedelta(days=30))
    assert b.state is BillState.CLAIMED
    gone = b.write_off(day + timedelta(days=180))
    assert gone == b.billed_cents - 4_000_00 and b.state is BillState.WRITTEN_OFF


def test_closed_bills_and_bad_amounts_are_refused() -> None:
    b = bill()
    with pytest.raises(InvalidInput) as error:
        b.pay(0, ISSUED, SCHEDULE)
    assert error.value.field == "amount"
    with pytest.raises(InvalidInput):
        b.pay(b.billed_cents + 1, ISSUED, SCHEDULE)
    with pytest.raises(Conflict):
        b.surety_pays(1, ISSUED)  # no claim yet
    b.write_off(ISSUED)
    with pytest.raises(Conflict):
        b.pay(1, ISSUED, SCHEDULE)
    with pytest.raises(InvalidInput):
        bill().pay(1, ISSUED - timedelta(days=1), SCHEDULE)


step = st.tuples(
    st.sampled_from(["pay", "claim", "surety", "write_off"]),
    st.integers(min_value=0, max_value=400),
    st.integers(min_value=1, max_value=20_000_00),
)


# found by hypothesis: the importer pays part of a claimed bill, then the surety pays the claim
@example(1, 1, [("claim", 0, 2), ("pay", 0, 1), ("surety", 0, 2)])
@given(st.integers(1, 50_000_00), st.integers(0, 5_000_00), st.lists(step, max_size=8))
def test_money_is_conserved_whatever_happens(principal: int, interest: int, steps) -> None:  # type: ignore[no-untyped-def]
    b = bill(principal, interest)
    day = ISSUED
    for action, wait, amount in steps:
        day += timedelta(days=wait)
        try:
            if action == "pay":
                b.pay(min(amount, max(b.amount_due(day, SCHEDULE), 1)), day, SCHEDULE)
            elif action == "claim":
                b.claim(day, amount, SCHEDULE)
            elif action == "surety":
                b.surety_pays(min(amount, max(b.claim_cents - b.surety_paid_cents, 1)), day)
            else:
                b.write_off(day)
        except (Conflict, InvalidInput):
            pass
        assert b.balance_cents >= 0
        assert b.billed_cents == (b.paid_cents + b.surety_paid_cents + b.written_off_cents
                                  + b.balance_cents)  # fmt: skip
        assert b.interest_cents >= interest and b.surety_paid_cents <= b.claim_cents
        assert (b.balance_cents == 0) == (b.state in (BillState.PAID, BillState.WRITTEN_OFF))


def test_a_date_a_century_on_is_refused_naming_it() -> None:
    with pytest.raises(InvalidInput) as error:
        bill().pay(1, date(2999, 1, 1), SCHEDULE)
    assert error.value.field == "on"
