"""In-bond use cases on SQLite and PostgreSQL: a movement through its reports, breaches that open
liquidated damages cases once, the ports' overdue list, retention and purging; bad input writes
nothing."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text

from tradeguard.domain.errors import Conflict, InvalidInput
from tradeguard.domain.inbond import MovementType
from tradeguard.services import inbond
from tradeguard.services.cases import move_case, show_case
from tradeguard.services.inbond_claims import declare_default, open_claims, overdue_movements
from tradeguard.services.inbond_records import purge_records, retention_report
from tradeguard.store.database import Database
from tradeguard.store.inbond import MovementRow

TODAY = date.today()


def new(
    number: str = "100000001",
    kind: MovementType = MovementType.IMMEDIATE_TRANSPORTATION,
    departed: int = 60,
    **kw: object,
) -> inbond.MovementInput:
    fields: dict[str, object] = dict(
        inbond_no=number,
        movement_type=kind,
        origin_port="2704",
        destination_port="2704" if kind is MovementType.IMMEDIATE_EXPORTATION else "3901",
        carrier_code="SWFT",
        bond_no="SWFT-CB1",
        value=Decimal("40000.00"),
        departed_on=TODAY - timedelta(days=departed),
        application="edi:7512:1",
    )
    fields.update(kw)
    return inbond.MovementInput(**fields)  # type: ignore[arg-type]


def count(db: Database, table: str) -> int:
    with db.session() as session:
        return int(session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def test_a_movement_to_an_unknown_port_names_the_field_and_writes_nothing(database) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput) as error:
        inbond.authorize_movement(database, new(destination_port="9999"), "officer")
    assert error.value.field == "destination_port"
    assert count(database, "inbond_movements") == count(database, "audit_log") == 0


def test_the_same_in_bond_number_twice_is_a_conflict(database) -> None:  # type: ignore[no-untyped-def]
    inbond.authorize_movement(database, new(), "officer")
    with pytest.raises(Conflict):
        inbond.authorize_movement(database, new(), "officer")
    assert count(database, "inbond_movements") == 1


def test_late_delivery_and_report_open_two_claims_once(database) -> None:  # type: ignore[no-untyped-def]
    inbond.authorize_movement(database, new(), "officer")
    arrived = TODAY - timedelta(days=20)  # 40 days after departure
    view = inbond.report_arrival(
        database,
        "100000001",
        arrived,
        "carrier",
        reported_on=TODAY - timedelta(days=5),
        proof="edi:arr",
    )
    assert view.breaches == ["late_delivery", "late_arrival_report"]
    first = open_claims(database, "officer")
    assert sorted(c.breach for c in first.opened) == ["late_arrival_report", "late_delivery"]
    assert open_claims(database, "officer").opened == []  # a second sweep opens nothing
    case = show_case(database, first.opened[0].case_id)
    assert case.kind == "liquidated_damages" and case.state == "issued"
    assert case.demanded == Decimal("1000.00")
    assert case.details["inbond_no"] == "100000001"
    assert [d.name for d in case.deadlines] == ["petition or payment"]


def test_an_overdue_movement_is_listed_by_port_then_defaults_with_its_claim(database) -> None:  # type: ignore[no-untyped-def]
    inbond.authorize_movement(database, new(restricted=True), "officer")
    inbond.authorize_movement(database, new("100000002", departed=5), "officer")
    report = overdue_movements(database)
    assert report.total == 1 and report.ports[0].port == "3901"
    assert report.ports[0].movements[0].days_overdue == 30
    view = declare_default(database, "100000001", "port-3901")
    assert view.state == "defaulted" and [c.breach for c in view.claims] == ["non_delivery"]
    assert view.claims[0].amount == Decimal("120000.00")  # restricted goods: three times
    assert overdue_movements(database).total == 0
    with pytest.raises(Conflict):
        declare_default(database, "100000002", "port-3901")  # not overdue yet
    assert count(database, "cases") == 1


def test_a_refused_report_changes_nothing(database) -> None:  # type: ignore[no-untyped-def]
    inbond.authorize_movement(database, new(), "officer")
    with pytest.raises(Conflict):
        inbond.report_export(database, "100000001", TODAY, "carrier")
    with pytest.raises(InvalidInput) as error:
        inbond.report_arrival(database, "100000001", TODAY + timedelta(days=9), "carrier")
    assert error.value.field == "arrived_on"
    assert inbond.show_movement(database, "100000001").state == "in_transit"
    assert count(database, "inbond_documents") == 1


def test_records_are_purged_after_five_years_unless_a_claim_is_open(database) -> None:  # type: ignore[no-untyped-def]
    for number in ("100000001", "100000002"):
        inbond.authorize_movement(database, new(number), "officer")
        arrived = TODAY - timedelta(days=25)
        inbond.report_arrival(
            database, number, arrived, "carrier", reported_on=arrived, proof="edi:arr"
        )
    open_claims(database, "officer")  # both delivered late: one claim each
    later = TODAY + timedelta(days=5 * 366 + 30)
    report = retention_report(database, today=later)
    assert report.held_by_claims == ["100000001", "100000002"] and report.purge_eligible == []
    claim = inbond.show_movement(database, "100000002").claims[0]
    move_case(database, claim.case_id, "cancelled", "fpf")
    result = purge_records(database, "records", today=later)
    assert result.purged == ["100000002"] and result.held_by_claims == ["100000001"]
    assert result.documents_deleted == 2
    with database.session() as session:
        left = session.scalars(select(MovementRow.inbond_no)).all()
        assert sorted(left) == ["100000001", "100000002"]  # the movements themselves stay
    assert retention_report(database, today=later).purged == 1


def test_the_list_reads_many_movements_with_their_claims(database) -> None:  # type: ignore[no-untyped-def]
    for i in range(5):
        inbond.authorize_movement(database, new(f"10000001{i}", departed=40 + i), "officer")
    for o in overdue_movements(database).ports[0].movements:
        declare_default(database, o.inbond_no, "port")
    views = inbond.list_movements(database, port="3901")
    assert len(views) == 5 and all(len(v.claims) == 1 for v in views)
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(MovementRow)) == 5
