"""In-bond movements: authorize one, record its arrival and export, attach its documents, read it.

Each use case is one unit of work: load the movement, call its domain move, save it with its
documents and a change-log entry, commit. Breaches become liquidated damages claims in
services/inbond_claims.py; retention and purging are in services/inbond_records.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from tradeguard.domain.errors import Conflict, InvalidInput
from tradeguard.domain.inbond import (
    Movement,
    MovementState,
    MovementType,
    authorize,
    check_inbond_no,
)
from tradeguard.domain.inbond_documents import DocumentKind
from tradeguard.reference.ports import packaged_ports
from tradeguard.services.inbond_views import MovementView, movement_view
from tradeguard.store.database import Database
from tradeguard.store.inbond import MovementDocumentRow, MovementRow
from tradeguard.store.unit_of_work import UnitOfWork

ENTITY = "inbond"


@cache
def known_ports() -> frozenset[str]:
    return frozenset(packaged_ports())


@dataclass(frozen=True, slots=True)
class MovementInput:
    """A new movement as the carrier files it (parsed at the edge: enums, dates, Decimal)."""

    inbond_no: str
    movement_type: MovementType
    origin_port: str
    destination_port: str
    carrier_code: str
    bond_no: str
    value: Decimal
    departed_on: date
    restricted: bool = False
    application: str = ""

    def movement(self) -> Movement:
        return Movement(
            inbond_no=self.inbond_no,
            movement_type=self.movement_type,
            origin_port=self.origin_port,
            destination_port=self.destination_port,
            carrier_code=self.carrier_code,
            bond_no=self.bond_no,
            value=self.value,
            departed_on=self.departed_on,
            restricted=self.restricted,
        )


def _document(uow: UnitOfWork, row: MovementRow, kind: DocumentKind, ref: str, on: date) -> None:
    reference = ref.strip()
    if len(reference) > 200:
        raise InvalidInput("a document reference is at most 200 characters", "reference")
    if reference:
        uow.movements.add_document(
            MovementDocumentRow(
                movement_id=row.id,
                kind=kind.value,
                reference=reference,
                recorded_on=on,
            )
        )


def _view(uow: UnitOfWork, row: MovementRow, today: date) -> MovementView:
    return movement_view(row, uow.movements.documents(row.id), uow.movements.claims(row.id), today)


def authorize_movement(
    db: Database, new: MovementInput, actor: str, *, today: date | None = None
) -> MovementView:
    """Store a new movement in transit; its application is its first document."""
    today = today or date.today()
    movement = authorize(new.movement(), known_ports=known_ports(), today=today)
    with UnitOfWork(db) as uow:
        if uow.movements.exists(movement.inbond_no):
            raise Conflict(f"in-bond {movement.inbond_no} is already recorded")
        row = uow.movements.add(MovementRow.from_movement(movement, actor))
        _document(uow, row, DocumentKind.APPLICATION, new.application, movement.departed_on)
        view = _view(uow, row, today)
        uow.changes.record(
            actor=actor,
            action="inbond.authorize",
            entity=ENTITY,
            entity_id=row.inbond_no,
            after=view.as_json(),
        )
        uow.commit()
    return view


def _report(
    db: Database,
    inbond_no: str,
    event: tuple[str, date, str, DocumentKind],
    actor: str,
    reported_on: date | None,
    proof: str,
    today: date | None,
) -> MovementView:
    """One carrier report (arrival or export): `event` is (what, when, its field, its proof)."""
    what, happened_on, field, proof_kind = event
    today = today or date.today()
    reported = reported_on or today
    _not_future(reported, today, "reported_on")
    _not_future(happened_on, today, field)
    with UnitOfWork(db) as uow:
        row = uow.movements.get(check_inbond_no(inbond_no))
        movement = row.movement()
        if what == "arrive":
            movement.report_arrival(happened_on, reported)
        else:
            movement.report_export(happened_on, reported)
        row.apply(movement)
        _document(uow, row, proof_kind, proof, reported)
        uow.movements.flush()
        view = _view(uow, row, today)
        uow.changes.record(
            actor=actor,
            action=f"inbond.{what}",
            entity=ENTITY,
            entity_id=row.inbond_no,
            after=view.as_json(),
        )
        uow.commit()
    return view


def report_arrival(
    db: Database,
    inbond_no: str,
    arrived_on: date,
    actor: str,
    *,
    reported_on: date | None = None,
    proof: str = "",
    today: date | None = None,
) -> MovementView:
    """The carrier's arrival report at the destination or port of exportation."""
    event = ("arrive", arrived_on, "arrived_on", DocumentKind.PROOF_OF_ARRIVAL)
    return _report(db, inbond_no, event, actor, reported_on, proof, today)


def report_export(
    db: Database,
    inbond_no: str,
    exported_on: date,
    actor: str,
    *,
    reported_on: date | None = None,
    proof: str = "",
    today: date | None = None,
) -> MovementView:
    """The export of a T&E or IE movement, reported with its proof."""
    event = ("export", exported_on, "exported_on", DocumentKind.PROOF_OF_EXPORT)
    return _report(db, inbond_no, event, actor, reported_on, proof, today)


def add_document(
    db: Database,
    inbond_no: str,
    kind: DocumentKind,
    reference: str,
    actor: str,
    *,
    today: date | None = None,
) -> MovementView:
    today = today or date.today()
    if not reference.strip():
        raise InvalidInput("a document needs its reference", "reference")
    with UnitOfWork(db) as uow:
        row = uow.movements.get(check_inbond_no(inbond_no))
        if row.documents_purged_on is not None:
            raise Conflict(f"in-bond {row.inbond_no}'s records were purged")
        _document(uow, row, kind, reference, today)
        uow.movements.flush()
        uow.changes.record(
            actor=actor,
            action="inbond.document",
            entity=ENTITY,
            entity_id=row.inbond_no,
            after={"kind": kind, "reference": reference},
        )
        view = _view(uow, row, today)
        uow.commit()
    return view


def show_movement(db: Database, inbond_no: str, *, today: date | None = None) -> MovementView:
    with UnitOfWork(db) as uow:
        return _view(uow, uow.movements.get(check_inbond_no(inbond_no)), today or date.today())


def list_movements(
    db: Database,
    *,
    state: MovementState | None = None,
    port: str | None = None,
    today: date | None = None,
) -> list[MovementView]:
    today = today or date.today()
    if port is not None and port not in known_ports():
        raise InvalidInput(f"port {port!r} is not a known port", "port")
    with UnitOfWork(db) as uow:
        rows = uow.movements.every(state=state, port=port)
        return views_of(uow, rows, today)


def views_of(uow: UnitOfWork, rows: list[MovementRow], today: date) -> list[MovementView]:
    """Many movements read with two queries, not two per movement."""
    ids = [row.id for row in rows]
    documents, claims = uow.movements.documents_for(ids), uow.movements.claims_for(ids)
    return [movement_view(row, documents[row.id], claims[row.id], today) for row in rows]


def _not_future(day: date, today: date, field: str) -> None:
    if (day - today).days > 1:
        raise InvalidInput(f"{field} {day} is in the future", field)
