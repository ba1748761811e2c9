"""In-bond movements without a database: routes, deadlines, breaches, claims' amounts, and the
state machine under any sequence of reports (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tradeguard.domain.errors import Conflict, InvalidInput
from tradeguard.domain.inbond import (
    Breach,
    Movement,
    MovementState,
    MovementType,
    authorize,
    breaches,
    deadlines,
    liquidated_damages,
    overdue,
    parse_movement_type,
)
from tradeguard.domain.inbond_documents import DocumentKind, missing_documents

PORTS = {"0101", "0401", "2704"}
DEPARTED = date(2026, 3, 2)  # a Monday


def movement(kind: MovementType = MovementType.IMMEDIATE_TRANSPORTATION, **kw: object) -> Movement:
    fields: dict[str, object] = dict(
        inbond_no="123456789",
        movement_type=kind,
        origin_port="0101",
        destination_port="0101" if kind is MovementType.IMMEDIATE_EXPORTATION else "0401",
        carrier_code="ABCD",
        bond_no="B-1",
        value=Decimal("25000.00"),
        departed_on=DEPARTED,
    )
    fields.update(kw)
    return Movement(**fields)  # type: ignore[arg-type]


def test_short_codes_and_names_parse_and_an_unknown_type_names_the_field() -> None:
    assert parse_movement_type("te") is MovementType.TRANSPORTATION_AND_EXPORTATION
    assert parse_movement_type("Immediate-Exportation") is MovementType.IMMEDIATE_EXPORTATION
    with pytest.raises(InvalidInput) as error:
        parse_movement_type("teleport")
    assert error.value.field == "type"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"destination_port": "9999"}, "destination_port"),
        ({"origin_port": "XX"}, "origin_port"),
        ({"destination_port": "0101"}, "destination_port"),  # an IT must move the goods
        ({"value": Decimal("0")}, "value"),
        ({"inbond_no": "12345"}, "inbond_no"),
        ({"carrier_code": "?"}, "carrier_code"),
        ({"departed_on": date(2026, 6, 1)}, "departed_on"),
    ],
)
def test_authorize_refuses_bad_movements_naming_the_field(changes: dict, field: str) -> None:
    with pytest.raises(InvalidInput) as error:
        authorize(movement(**changes), known_ports=PORTS, today=date(2026, 5, 1))
    assert error.value.field == field


def test_an_immediate_exportation_leaves_from_its_port_of_unlading() -> None:
    ie = movement(MovementType.IMMEDIATE_EXPORTATION, destination_port="0401")
    with pytest.raises(InvalidInput) as error:
        authorize(ie, known_ports=PORTS, today=date(2026, 5, 1))
    assert error.value.field == "destination_port"
    ok = authorize(
        movement(MovementType.IMMEDIATE_EXPORTATION), known_ports=PORTS, today=date(2026, 5, 1)
    )
    assert ok.destination_port == ok.origin_port


def test_a_late_delivery_reported_late_is_two_breaches_each_costing_1000() -> None:
    m = movement()
    arrived = DEPARTED + timedelta(days=31)
    m.report_arrival(arrived, arrived + timedelta(days=7))
    assert breaches(m) == [Breach.LATE_DELIVERY, Breach.LATE_ARRIVAL_REPORT]
    assert m.state is MovementState.ARRIVED
    assert m.retain_until == date(2031, 4, 2)  # five years after it closed, on arrival
    assert liquidated_damages(Breach.LATE_DELIVERY, m.value, False) == Decimal("1000.00")


def test_the_arrival_report_has_two_business_days_and_skips_a_holiday() -> None:
    m = movement(departed_on=date(2026, 5, 20))
    m.report_arrival(date(2026, 5, 22), date(2026, 5, 26))  # Fri; Mon 25 is Memorial Day
    assert [d.status(date(2026, 6, 1)) for d in deadlines(m)] == ["met", "met"]


def test_never_delivered_goods_are_overdue_then_in_default_for_their_value() -> None:
    m = movement(restricted=True)
    due = DEPARTED + timedelta(days=30)
    assert overdue(m, due) == []
    assert [d.name for d in overdue(m, due + timedelta(days=1))] == ["delivery"]
    with pytest.raises(Conflict):
        m.declare_default(due)  # not overdue yet
    assert m.declare_default(due + timedelta(days=1)) is Breach.NON_DELIVERY
    assert breaches(m) == [Breach.NON_DELIVERY]
    assert overdue(m, due + timedelta(days=5)) == []  # in default: no longer followed up
    assert liquidated_damages(Breach.NON_DELIVERY, m.value, m.restricted) == Decimal("75000.00")


def test_a_te_arrived_but_not_exported_is_a_failure_to_export() -> None:
    m = movement(MovementType.TRANSPORTATION_AND_EXPORTATION)
    arrived = DEPARTED + timedelta(days=3)
    m.report_arrival(arrived, arrived)
    assert m.retain_until is None  # still open: its records are kept
    assert m.declare_default(arrived + timedelta(days=16)) is Breach.FAILURE_TO_EXPORT


def test_an_it_is_never_exported_and_nothing_moves_backwards() -> None:
    m = movement()
    with pytest.raises(Conflict):
        m.report_export(DEPARTED, DEPARTED)
    with pytest.raises(InvalidInput) as error:
        m.report_arrival(DEPARTED - timedelta(days=1), DEPARTED)
    assert error.value.field == "arrived_on"
    m.report_arrival(DEPARTED, DEPARTED)
    with pytest.raises(Conflict):
        m.report_arrival(DEPARTED, DEPARTED)
    with pytest.raises(Conflict):
        m.declare_default(DEPARTED + timedelta(days=90))


def test_the_record_must_hold_the_proofs_of_how_far_the_goods_got() -> None:
    m = movement(MovementType.TRANSPORTATION_AND_EXPORTATION, documents=["application"])
    m.report_arrival(DEPARTED, DEPARTED)
    m.report_export(DEPARTED, DEPARTED)
    assert missing_documents(m) == [DocumentKind.PROOF_OF_ARRIVAL, DocumentKind.PROOF_OF_EXPORT]


@settings(max_examples=300, deadline=None)
@given(
    value=st.decimals(min_value=Decimal("0.01"), max_value=10**10, places=2),
    restricted=st.booleans(),
    breach=st.sampled_from(list(Breach)),
)
def test_a_claim_is_exact_to_the_cent(value: Decimal, restricted: bool, breach: Breach) -> None:
    """The bond's amount: the goods' value (three times for restricted goods) when they are
    lost, $1,000 otherwise; never a fraction of a cent lost or made up."""
    amount = liquidated_damages(breach, value, restricted)
    assert amount == amount.quantize(Decimal("0.01"))
    if breach in (Breach.NON_DELIVERY, Breach.FAILURE_TO_EXPORT):
        assert amount == value * (3 if restricted else 1)
    else:
        assert amount == Decimal("1000.00")


ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["arrive", "export", "default"]), st.integers(0, 60), st.integers(0, 10)
    ),
    max_size=6,
)
ORDER = {
    MovementState.IN_TRANSIT: 0,
    MovementState.ARRIVED: 1,
    MovementState.EXPORTED: 2,
    MovementState.DEFAULTED: 2,
}


@settings(max_examples=300, deadline=None)
@given(
    kind=st.sampled_from(list(MovementType)),
    actions=ACTIONS,
    value=st.decimals(min_value=1, max_value=10**8, places=2),
    restricted=st.booleans(),
)
def test_any_sequence_of_reports_keeps_the_movement_consistent(
    kind: MovementType, actions: list[tuple[str, int, int]], value: Decimal, restricted: bool
) -> None:
    """Whatever is reported, in whatever order: the state never goes back, a refused move
    changes nothing, a closed movement has a retention date and an open one none, each breach
    is listed once, and a claim is never negative nor above three times the goods' value."""
    m = movement(kind, value=value, restricted=restricted)
    day = DEPARTED
    for action, gap, lag in actions:
        day += timedelta(days=gap)
        before = (m.state, m.arrived_on, m.exported_on, m.defaulted_on)
        try:
            if action == "arrive":
                m.report_arrival(day, day + timedelta(days=lag))
            elif action == "export":
                m.report_export(day, day + timedelta(days=lag))
            else:
                m.declare_default(day)
        except (Conflict, InvalidInput):
            assert (m.state, m.arrived_on, m.exported_on, m.defaulted_on) == before
            continue
        assert ORDER[m.state] >= ORDER[before[0]]
    assert (m.retain_until is None) == (m.closed_on is None)
    if m.state is MovementState.EXPORTED:
        assert kind.exports and m.arrived_on is not None and m.exported_on is not None
    found = breaches(m)
    assert len(found) == len(set(found))
    for breach in found:
        amount = liquidated_damages(breach, m.value, m.restricted)
        assert Decimal(0) < amount <= max(Decimal("1000.00"), 3 * m.value)
