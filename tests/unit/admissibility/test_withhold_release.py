"""The detention state machine under a withhold release order, as a property: whatever moves
are tried on whatever dates, a detention only ever follows the table, never leaves a closed
state, never takes proof after the window, and is seized before the window ends only after
proof was submitted (and rejected)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.domain.errors import Conflict, InvalidInput
from tradeguard.domain.withhold_release import (
    CLOSED,
    MOVES,
    Detention,
    DetentionState,
    WithholdReleaseOrder,
    parse_state,
)

DETAINED_ON = date(2026, 1, 10)
tries = st.lists(st.tuples(st.sampled_from(list(DetentionState)), st.integers(-5, 200)), max_size=8)


@given(tries)
def test_a_detention_follows_the_table_and_the_window(moves) -> None:
    d = Detention(entry_no="ABC00000019", wro_no="WRO-1", detained_on=DETAINED_ON)
    for to, offset in moves:
        on = DETAINED_ON + timedelta(days=offset)
        before = d
        try:
            d = d.move(to, on)
        except InvalidInput:
            assert on < DETAINED_ON
            continue
        except Conflict:
            allowed = to in MOVES.get(before.state, frozenset())
            late_proof = to is DetentionState.PROOF_SUBMITTED and on > before.window_ends
            early_seizure = (
                to is DetentionState.SEIZED
                and before.state is DetentionState.DETAINED
                and on <= before.window_ends
            )
            assert not allowed or late_proof or early_seizure
            continue
        assert before.state not in CLOSED and to in MOVES[before.state]
        assert d.state is to
        assert (d.closed_on == on) == (to in CLOSED)
        assert d.days_left(on) is None or d.state is DetentionState.DETAINED


def test_window_days_left_and_state_names() -> None:
    d = Detention(entry_no="E", wro_no="W", detained_on=DETAINED_ON)
    assert d.window_ends == DETAINED_ON + timedelta(days=90)
    assert d.days_left(DETAINED_ON + timedelta(days=30)) == 60
    assert parse_state(" Seized ") is DetentionState.SEIZED
    with pytest.raises(InvalidInput) as caught:
        parse_state("paroled")
    assert caught.value.field == "to"


def test_an_order_names_a_producer_or_a_region_with_goods() -> None:
    with pytest.raises(InvalidInput) as caught:
        WithholdReleaseOrder(wro_no="W", merchandise="x", issued_on=DETAINED_ON)
    assert caught.value.field == "producer"
    with pytest.raises(InvalidInput) as caught:
        WithholdReleaseOrder(wro_no="W", merchandise="x", issued_on=DETAINED_ON, region="CN")
    assert caught.value.field == "hts_scope"
    order = WithholdReleaseOrder(
        wro_no="W", merchandise="cotton", issued_on=DETAINED_ON, region="CN", hts_scope=("5201",)
    )
    assert order.covers("5201000500", "ANY", "CN", DETAINED_ON)
    assert not order.covers("5201000500", "ANY", "VN", DETAINED_ON)
    assert not order.covers("5201000500", "ANY", "CN", DETAINED_ON - timedelta(days=1))
