"""Drawback arithmetic and the claim's life, as properties: integer cents, never a cent lost."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.domain.drawback.claim import (
    MOVES,
    ClaimKind,
    ClaimStatus,
    add_years,
    bond_shortfall_cents,
    check_goods,
    check_refund,
    check_window,
    move,
    parse_kind,
    refund_limit_cents,
)
from tradeguard.domain.drawback.filing import designate
from tradeguard.domain.errors import Conflict, InvalidInput

cents = st.integers(min_value=0, max_value=10**13)


@given(cents)
def test_the_refund_limit_is_the_largest_whole_cent_within_99_percent(designated: int) -> None:
    limit = refund_limit_cents(designated)
    assert 100 * limit <= 99 * designated < 100 * (limit + 1)
    check_refund(limit, designated)
    with pytest.raises(InvalidInput) as caught:
        check_refund(limit + 1, designated)
    assert caught.value.field == "refund_requested"


@given(st.lists(st.integers(min_value=1, max_value=10**9), max_size=30), cents)
def test_the_ledger_never_designates_beyond_what_was_paid(asks: list[int], paid: int) -> None:
    """Whatever order claims arrive in, the designated total stays within the paid duty and
    equals the sum of the claims that were let through."""
    total, accepted = 0, 0
    for ask in asks:
        try:
            total = designate(paid, total, ask, "line", "duty_usd")
            accepted += ask
        except InvalidInput as refusal:
            assert refusal.field == "duty_usd"
            assert total + ask > paid
    assert total == accepted <= paid


@given(st.lists(st.sampled_from(list(ClaimStatus)), max_size=8))
def test_a_claim_moves_only_along_the_table_and_never_leaves_an_end(
    path: list[ClaimStatus],
) -> None:
    status = ClaimStatus.FILED
    for to in path:
        if to in MOVES[status]:
            status = move(status, to, "C")
        else:
            with pytest.raises(Conflict):
                move(status, to, "C")
    if status in (ClaimStatus.LIQUIDATED, ClaimStatus.DENIED):
        assert not MOVES[status]


@given(st.dates(min_value=date(1995, 1, 1), max_value=date(2090, 1, 1)), st.integers(0, 2000))
def test_the_five_year_window(imported: date, days_later: int) -> None:
    filed = imported + timedelta(days=days_later)
    if filed <= add_years(imported, 5):
        check_window(imported, filed, "f")
    else:
        with pytest.raises(InvalidInput):
            check_window(imported, filed, "f")


@given(st.from_regex(r"^[0-9]{10}$", fullmatch=True), st.from_regex(r"^[0-9]{10}$", fullmatch=True))
def test_substitution_stays_within_the_8_digit_subheading(imported: str, exported: str) -> None:
    for kind in ClaimKind:
        same = exported[:8] == imported[:8] if kind.substitution else exported == imported
        if same:
            check_goods(kind, imported, {exported}, "f")
        else:
            with pytest.raises(InvalidInput):
                check_goods(kind, imported, {exported}, "f")


@given(st.none() | cents, cents, cents)
def test_a_bond_suffices_exactly_when_it_covers_the_exposure(
    bond: int | None, outstanding: int, requested: int
) -> None:
    short = bond_shortfall_cents(bond, outstanding, requested)
    assert (short == 0) == ((bond or 0) >= outstanding + requested)
    assert (bond or 0) + short >= outstanding + requested


def test_claim_kinds_parse_as_the_statute_writes_them() -> None:
    assert parse_kind("1313(j)(2)") is ClaimKind.UNUSED_SUBSTITUTION
    with pytest.raises(InvalidInput) as caught:
        parse_kind("1313(q)")
    assert caught.value.field == "kind"
