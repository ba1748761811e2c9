"""Single transaction bonds: the amount an entry requires and the bond's life, as properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.domain.bonds import (
    MOVES,
    EntryExposure,
    Requirement,
    StbStatus,
    check_bond,
    move,
    required_cents,
)
from tradeguard.domain.errors import Conflict

cents = st.integers(0, 10**12)
hts = st.from_regex(r"^[0-9]{10}$", fullmatch=True)


@given(cents, cents, st.lists(hts, min_size=1, max_size=5), cents)
def test_the_requirement_covers_value_and_duties_and_three_times_value_for_agencies(
    value: int, duties: int, lines: list[str], amount: int
) -> None:
    exposure = EntryExposure("E", value, duties, tuple(lines))
    required = required_cents(exposure)
    assert required >= value + duties
    check = check_bond(amount, exposure)
    if check.requirement is Requirement.OTHER_AGENCY:
        assert required >= 3 * value and check.agencies
    else:
        assert required == value + duties and not check.agencies
    assert (check.shortfall_cents == 0) == (amount >= required)
    assert amount + check.shortfall_cents >= required


def test_toys_need_three_times_their_value() -> None:
    toys = EntryExposure("E", 1_000_000, 0, ("9503000073",))
    assert required_cents(toys) == 3_000_000


@given(st.lists(st.sampled_from(list(StbStatus)), max_size=6))
def test_a_bond_is_used_once_and_closed_once(path: list[StbStatus]) -> None:
    status = StbStatus.REGISTERED
    for to in path:
        if to in MOVES[status]:
            status = move(status, to, "B")
        else:
            with pytest.raises(Conflict):
                move(status, to, "B")
    assert StbStatus.REGISTERED not in MOVES[status]
