"""Facilities without a database: risk levels only from reviews with evidence, the latest
review deciding (hypothesis), goods never withdrawn beyond what remains (hypothesis), the
registry's state machine, and the five-year limit."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tradeguard.domain.errors import Conflict, InvalidInput
from tradeguard.domain.facilities import (
    MOVES,
    Admission,
    ComplianceReview,
    Facility,
    FacilityKind,
    FacilityState,
    RiskLevel,
    check_facility,
    check_facility_code,
    warehouse_limit,
)

TODAY = date(2026, 9, 30)
REGISTERED = date(2020, 1, 15)


def facility(kind: FacilityKind = FacilityKind.BONDED_WAREHOUSE, **kw: object) -> Facility:
    fields: dict[str, object] = dict(
        code="N774",
        name="Harbor",
        kind=kind,
        class_code="3" if kind is FacilityKind.BONDED_WAREHOUSE else "subzone",
        operator="Harbor Logistics",
        port_code="1401",
        bond_no="WB1",
        bond_amount=Decimal("50000"),
        registered_on=REGISTERED,
    )
    fields.update(kw)
    return Facility(**fields)  # type: ignore[arg-type]


def review(on: date, level: RiskLevel, evidence: tuple[str, ...] = ("doc:1",)) -> ComplianceReview:
    return ComplianceReview(on, "auditor", level, evidence)


def test_a_new_facility_has_no_risk_level_and_its_first_review_is_due_in_90_days() -> None:
    f = facility()
    assert f.risk_level is None
    assert f.review_due == REGISTERED + timedelta(days=90)


@pytest.mark.parametrize("evidence", [(), ("",), ("  ", "")])
def test_a_review_without_evidence_is_refused_and_sets_nothing(evidence: tuple[str, ...]) -> None:
    f = facility()
    with pytest.raises(InvalidInput) as error:
        f.record_review(review(TODAY, RiskLevel.LOW, evidence), TODAY)
    assert error.value.field == "evidence"
    assert f.risk_level is None and f.reviews == []


def test_a_review_in_the_future_is_refused() -> None:
    with pytest.raises(InvalidInput) as error:
        facility().record_review(review(TODAY + timedelta(days=5), RiskLevel.LOW), TODAY)
    assert error.value.field == "reviewed_on"


@pytest.mark.parametrize(("level", "years"), [("high", 1), ("medium", 2), ("low", 3)])
def test_the_next_review_falls_due_by_risk_level(level: str, years: int) -> None:
    f = facility()
    f.record_review(review(date(2025, 3, 1), RiskLevel(level)), TODAY)
    assert f.review_due == date(2025 + years, 3, 1)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 2000), st.sampled_from(list(RiskLevel))), min_size=1, max_size=8
    )
)
def test_the_latest_review_sets_the_level_whatever_order_they_are_recorded_in(
    reviews: list[tuple[int, RiskLevel]],
) -> None:
    f = facility()
    for days, level in reviews:
        f.record_review(review(REGISTERED + timedelta(days=days), level), TODAY)
    latest = max(days for days, _ in reviews)
    assert f.reviewed_on == REGISTERED + timedelta(days=latest)
    # on a tie, the one recorded last among the latest wins
    assert f.risk_level is [lv for d, lv in reviews if d == latest][-1]
    assert len(f.reviews) == len(reviews)


@settings(max_examples=200, deadline=None)
@given(quantity=st.integers(1, 1000), withdrawals=st.lists(st.integers(-5, 600), max_size=10))
def test_withdrawals_never_take_more_than_remains(quantity: int, withdrawals: list[int]) -> None:
    goods = Admission("ABC12345675", "bolts", quantity, Decimal("10"), REGISTERED, REGISTERED)
    taken = 0
    for n in withdrawals:
        try:
            goods.withdraw(n, TODAY)
            taken += n
        except (Conflict, InvalidInput):
            pass
        assert 0 <= goods.remaining == quantity - taken


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list(FacilityState)), max_size=8))
def test_the_registry_state_machine_only_makes_listed_moves(moves: list[FacilityState]) -> None:
    f = facility()
    for to in moves:
        before = f.state
        try:
            f.move(to)
        except Conflict:
            assert f.state is before and to not in MOVES[before]
            continue
        assert to in MOVES[before]
    if FacilityState.CLOSED in moves and f.state is FacilityState.CLOSED:
        with pytest.raises(Conflict):
            f.check_admits()


def test_the_five_year_limit_binds_warehouses_and_not_zones() -> None:
    assert warehouse_limit(FacilityKind.BONDED_WAREHOUSE, date(2020, 2, 29)) == date(2025, 2, 28)
    assert warehouse_limit(FacilityKind.FOREIGN_TRADE_ZONE, date(2010, 1, 1)) is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"class_code": "12"}, "class_code"),
        ({"kind": FacilityKind.FOREIGN_TRADE_ZONE, "class_code": "3"}, "class_code"),
        ({"port_code": "9999"}, "port_code"),
        ({"bond_amount": Decimal("0")}, "bond_amount"),
        ({"code": "1234"}, "code"),
        ({"operator": " "}, "operator"),
    ],
)
def test_registering_refuses_bad_facilities_naming_the_field(changes: dict, field: str) -> None:
    with pytest.raises(InvalidInput) as error:
        check_facility(facility(**changes), {"1401"}, TODAY)
    assert error.value.field == field


def test_a_risk_level_cannot_come_with_the_registration() -> None:
    with pytest.raises(InvalidInput) as error:
        check_facility(facility(risk_level=RiskLevel.LOW), {"1401"}, TODAY)
    assert error.value.field == "risk_level"


def test_facility_codes_are_firms_shaped() -> None:
    assert check_facility_code(" n774 ") == "N774"
    for bad in ("N77", "N7745", "N-74", "7N74"):
        with pytest.raises(InvalidInput):
            check_facility_code(bad)
