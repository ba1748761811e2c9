"""Recordations, exclusion orders, trade alert timeliness, rescission reasons and liquidated
damages arithmetic (integer cents, property-tested)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.domain import admissibility_csv as rows
from tradeguard.domain.admissibility import (
    ALERT_TARGET_DAYS,
    AlertStatus,
    ExclusionOrder,
    OrderKind,
    alert_status,
    parse_scope,
    rescission_reasons,
)
from tradeguard.domain.cases import CaseKind
from tradeguard.domain.cases.actions import actions_for
from tradeguard.domain.cases.money import to_cents
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.measures.enforcement import DENIED_ENTRY
from tradeguard.domain.pti import PTI
from tradeguard.domain.redelivery import Breach, claim_amount, mitigated_amount

DAY = date(2026, 1, 1)


def _order(**changes: object) -> ExclusionOrder:
    fields: dict[str, object] = {
        "order_no": "337-1", "investigation": "337-TA-1", "kind": OrderKind.LIMITED,
        "product": "x", "hts_scope": ("8507",), "respondents": ("MFR-A",), "effective_on": DAY,
    }  # fmt: skip
    return ExclusionOrder(**{**fields, **changes})  # type: ignore[arg-type]


def test_a_limited_order_bars_only_its_respondents_while_in_force() -> None:
    order = _order(expires_on=DAY + timedelta(days=10))
    assert order.covers("8507600020", "MFR-A", DAY)
    assert not order.covers("8507600020", "MFR-B", DAY)
    assert not order.covers("8507600020", "MFR-A", DAY + timedelta(days=11))
    assert not order.covers("9503000073", "MFR-A", DAY)
    assert _order(kind=OrderKind.GENERAL, respondents=()).covers("8507600020", "ANY", DAY)


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ({"hts_scope": ""}, "hts_scope"),
        ({"hts_scope": "85x7"}, "hts_scope"),
        ({"respondents": ""}, "respondents"),
        ({"kind": "partial"}, "kind"),
        ({"effective_on": "2026-02-30"}, "effective_on"),
        ({"expires_on": "2025-01-01"}, "expires_on"),
    ],
)
def test_a_bad_order_row_names_its_field(row: dict[str, str], field: str) -> None:
    good = {
        "order_no": "337-1", "investigation": "337-TA-1", "kind": "limited", "product": "x",
        "hts_scope": "8507.60", "respondents": "MFR-A", "effective_on": "2026-01-01",
    }  # fmt: skip
    assert rows.exclusion_order(good).hts_scope == ("850760",)
    with pytest.raises(InvalidInput) as caught:
        rows.exclusion_order({**good, **row})
    assert caught.value.field == field


def test_alert_timeliness_against_the_target() -> None:
    on_time = DAY + timedelta(days=ALERT_TARGET_DAYS)
    assert alert_status(DAY, on_time, DAY) is AlertStatus.ON_TIME
    assert alert_status(DAY, on_time + timedelta(days=1), DAY) is AlertStatus.LATE
    assert alert_status(DAY, None, on_time) is AlertStatus.PENDING
    assert alert_status(DAY, None, on_time + timedelta(days=1)) is AlertStatus.OVERDUE


def test_rescission_reasons() -> None:
    later = DAY + timedelta(days=400)
    assert rescission_reasons(_order(), later, covered_entries=3) == []
    assert rescission_reasons(_order(), later, covered_entries=0) == [
        "no covered entries in more than a year in force"
    ]
    expired = _order(expires_on=DAY + timedelta(days=5))
    assert rescission_reasons(expired, later, 3) == [f"patent expired on {expired.expires_on}"]
    assert rescission_reasons(_order(rescinded_on=DAY), later, 0) == []
    with pytest.raises(InvalidInput):
        parse_scope(" ; ")


def test_an_excluded_finding_denies_entry_and_feeds_the_measure() -> None:
    assert actions_for(PTI.IPR, "excluded", "negligence") == (CaseKind.DENIED_ENTRY,)
    assert CaseKind.DENIED_ENTRY.value == DENIED_ENTRY  # admissibility.denied_entries counts it


cents = st.integers(0, 10**12).map(lambda c: Decimal(c) / 100)


@given(cents, st.booleans(), st.integers(0, 100))
def test_claims_and_mitigation_never_lose_a_cent(
    value: Decimal, restricted: bool, share: int
) -> None:
    claimed = claim_amount(Breach.FAILURE_TO_REDELIVER, value, restricted=restricted)
    assert to_cents(claimed) == to_cents(value) * (3 if restricted else 1)
    lesser = mitigated_amount(claimed, share)
    assert 0 <= lesser <= claimed
    assert abs(to_cents(lesser) * 100 - to_cents(claimed) * share) <= 50  # half a cent, rounded
