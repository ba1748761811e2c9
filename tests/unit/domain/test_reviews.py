"""A review's moves and the liquidation clock, without a database."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.domain import reviews as flow
from tradeguard.domain.errors import Conflict, InvalidInput
from tradeguard.domain.pti import PTI
from tradeguard.domain.reviews import (
    Liquidation,
    LiquidationClock,
    ReviewKind,
    ReviewState,
    review_kind_for,
)

DAY = date(2026, 1, 5)


def test_a_request_is_reminded_then_escalated_only_after_its_dates() -> None:
    state, due = flow.send_rfi(ReviewState.QUEUED, "1", DAY)
    assert state is ReviewState.RFI_SENT and due == DAY + timedelta(30)
    with pytest.raises(Conflict):
        flow.remind(state, "1", due, due)
    state, grace = flow.remind(state, "1", due + timedelta(1), due)
    with pytest.raises(Conflict):
        flow.escalate(state, "1", grace, grace)
    assert flow.escalate(state, "1", grace + timedelta(1), grace) is ReviewState.ESCALATED
    with pytest.raises(Conflict):
        flow.respond(ReviewState.ESCALATED, "1")


def test_a_violation_closes_only_after_the_notice_is_taken() -> None:
    with pytest.raises(Conflict):
        flow.close(ReviewState.RESPONDED, "1", "violation")
    proposed = flow.propose_notice(ReviewState.RESPONDED, "1")
    with pytest.raises(Conflict):
        flow.close(proposed, "1", "clean")
    taken = flow.take_notice(proposed, "1")
    assert flow.close(taken, "1", "violation") is ReviewState.CLOSED
    with pytest.raises(Conflict):
        flow.send_rfi(ReviewState.MISSED, "1", DAY)


def test_review_kind_prefers_the_most_specific_question() -> None:
    assert review_kind_for([PTI.REVENUE, PTI.ADCVD]) is ReviewKind.ADCVD_SCOPE
    assert review_kind_for([PTI.TRADE_AGREEMENTS, PTI.REVENUE]) is ReviewKind.ORIGIN_PREFERENCE
    assert review_kind_for([PTI.IPR]) is ReviewKind.CLASSIFICATION
    assert review_kind_for([]) is ReviewKind.CLASSIFICATION
    with pytest.raises(InvalidInput) as raised:
        flow.parse_notice_kind("fine")
    assert raised.value.field == "notice"


def test_liquidation_is_314_days_unless_extended_or_suspended() -> None:
    clock = LiquidationClock(DAY)
    assert clock.due == DAY + timedelta(314)
    assert clock.status(DAY + timedelta(313)) is Liquidation.SCHEDULED
    assert clock.status(DAY + timedelta(314)) is Liquidation.LIQUIDATED
    longer = clock.extend("1", DAY + timedelta(300))
    assert longer.due == DAY + timedelta(314 + 365)
    assert longer.status(DAY + timedelta(320)) is Liquidation.EXTENDED
    with pytest.raises(Conflict):
        clock.extend("1", DAY + timedelta(314))
    suspended = LiquidationClock(DAY, suspended=True)
    assert suspended.due is None and suspended.status(DAY + timedelta(900)) is Liquidation.SUSPENDED
    with pytest.raises(Conflict):
        suspended.extend("1", DAY)


@given(
    closed_after=st.integers(min_value=0, max_value=2000),
    cents=st.integers(min_value=0, max_value=10**12),
    extensions=st.integers(min_value=0, max_value=3),
)
def test_duty_is_foregone_exactly_when_the_review_closes_on_or_after_liquidation(
    closed_after: int, cents: int, extensions: int
) -> None:
    clock = LiquidationClock(DAY, extensions)
    duty = Decimal(cents) / 100
    lost = clock.duty_foregone(DAY + timedelta(closed_after), duty)
    assert clock.due is not None
    assert lost == (duty if DAY + timedelta(closed_after) >= clock.due else Decimal(0))
