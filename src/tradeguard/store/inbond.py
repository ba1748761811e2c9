"""In-bond movements, their documents and the liquidated damages claims their breaches opened.

A row maps the domain's `Movement` (domain/inbond.py) and hands its moves to it: the service
loads the row, takes `movement()`, calls a move and `apply`s the result back.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from tradeguard.domain.cases.money import from_cents, to_cents
from tradeguard.domain.errors import NotFound
from tradeguard.domain.inbond import Movement, MovementState, MovementType
from tradeguard.store.base import Base
from tradeguard.store.cases import CaseRow


class MovementRow(Base):
    __tablename__ = "inbond_movements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    inbond_no: Mapped[str] = mapped_column(String(9), nullable=False, unique=True)
    movement_type: Mapped[str] = mapped_column(String(40), nullable=False)
    origin_port: Mapped[str] = mapped_column(String(4), nullable=False)
    destination_port: Mapped[str] = mapped_column(String(4), nullable=False, index=True)
    carrier_code: Mapped[str] = mapped_column(String(20), nullable=False)
    bond_no: Mapped[str] = mapped_column(String(20), nullable=False)
    value_cents: Mapped[int] = mapped_column(BigInteger, nullable=False)
    restricted: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    departed_on: Mapped[date] = mapped_column(Date, nullable=False)
    state: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    arrived_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    arrival_reported_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    exported_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    export_reported_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    defaulted_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    retain_until: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    documents_purged_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_by: Mapped[str] = mapped_column(String(64), nullable=False)

    @classmethod
    def from_movement(cls, m: Movement, actor: str) -> MovementRow:
        row = cls(inbond_no=m.inbond_no, created_by=actor)
        row.apply(m)
        return row

    def movement(self, documents: list[str] | None = None) -> Movement:
        return Movement(
            inbond_no=self.inbond_no,
            movement_type=MovementType(self.movement_type),
            origin_port=self.origin_port,
            destination_port=self.destination_port,
            carrier_code=self.carrier_code,
            bond_no=self.bond_no,
            value=from_cents(self.value_cents),
            departed_on=self.departed_on,
            restricted=self.restricted,
            state=MovementState(self.state),
            arrived_on=self.arrived_on,
            arrival_reported_on=self.arrival_reported_on,
            exported_on=self.exported_on,
            export_reported_on=self.export_reported_on,
            defaulted_on=self.defaulted_on,
            documents=list(documents or []),
        )

    def apply(self, m: Movement) -> None:
        """Copy the domain movement's state back onto the row (after a move)."""
        self.movement_type = m.movement_type.value
        self.origin_port, self.destination_port = m.origin_port, m.destination_port
        self.carrier_code, self.bond_no = m.carrier_code, m.bond_no
        self.value_cents, self.restricted = to_cents(m.value), m.restricted
        self.departed_on, self.state = m.departed_on, m.state.value
        self.arrived_on, self.arrival_reported_on = m.arrived_on, m.arrival_reported_on
        self.exported_on, self.export_reported_on = m.exported_on, m.export_reported_on
        self.defaulted_on, self.retain_until = m.defaulted_on, m.retain_until


class MovementDocumentRow(Base):
    __tablename__ = "inbond_documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    movement_id: Mapped[int] = mapped_column(
        ForeignKey("inbond_movements.id"), nullable=False, index=True
    )
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    reference: Mapped[str] = mapped_column(String(200), nullable=False)
    recorded_on: Mapped[date] = mapped_column(Date, nullable=False)


class MovementClaimRow(Base):
    """One liquidated damages claim per breach of one movement (the unique pair keeps a
    second sweep from opening it twice)."""

    __tablename__ = "inbond_claims"
    __table_args__ = (UniqueConstraint("movement_id", "breach", name="uq_inbond_claims_breach"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    movement_id: Mapped[int] = mapped_column(
        ForeignKey("inbond_movements.id"), nullable=False, index=True
    )
    breach: Mapped[str] = mapped_column(String(32), nullable=False)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), nullable=False)
    amount_cents: Mapped[int] = mapped_column(BigInteger, nullable=False)


class MovementRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def flush(self) -> None:
        """Write pending changes inside the transaction, so a view read next sees them."""
        self._session.flush()

    def add(self, row: MovementRow) -> MovementRow:
        self._session.add(row)
        self._session.flush()
        return row

    def get(self, inbond_no: str) -> MovementRow:
        row = self._session.scalars(
            select(MovementRow).where(MovementRow.inbond_no == inbond_no.strip())
        ).first()
        if row is None:
            raise NotFound(f"no in-bond movement {inbond_no}")
        return row

    def exists(self, inbond_no: str) -> bool:
        query = select(MovementRow.id).where(MovementRow.inbond_no == inbond_no)
        return self._session.scalars(query).first() is not None

    def every(
        self, *, state: MovementState | None = None, port: str | None = None
    ) -> list[MovementRow]:
        query = select(MovementRow).order_by(MovementRow.departed_on, MovementRow.inbond_no)
        if state is not None:
            query = query.where(MovementRow.state == state.value)
        if port is not None:
            query = query.where(MovementRow.destination_port == port)
        return list(self._session.scalars(query))

    def open(self) -> list[MovementRow]:
        """Movements still in transit or waiting for their export: the ones that can go overdue."""
        states = (MovementState.IN_TRANSIT.value, MovementState.ARRIVED.value)
        query = select(MovementRow).where(MovementRow.state.in_(states)).order_by(MovementRow.id)
        return list(self._session.scalars(query))

    def add_document(self, row: MovementDocumentRow) -> None:
        self._session.add(row)

    def documents(self, movement_id: int) -> list[MovementDocumentRow]:
        query = (
            select(MovementDocumentRow)
            .where(MovementDocumentRow.movement_id == movement_id)
            .order_by(MovementDocumentRow.id)
        )
        return list(self._session.scalars(query))

    def document_kinds(self) -> dict[int, list[str]]:
        """Each movement's document kinds, for the retention report in one query."""
        out: dict[int, list[str]] = {}
        query = select(MovementDocumentRow.movement_id, MovementDocumentRow.kind)
        for movement_id, kind in self._session.execute(query):
            out.setdefault(movement_id, []).append(kind)
        return out

    def documents_for(self, ids: list[int]) -> dict[int, list[MovementDocumentRow]]:
        """Documents of many movements in one query (a list page reads hundreds)."""
        out: dict[int, list[MovementDocumentRow]] = {i: [] for i in ids}
        query = (
            select(MovementDocumentRow)
            .where(MovementDocumentRow.movement_id.in_(ids))
            .order_by(MovementDocumentRow.id)
        )
        for row in self._session.scalars(query):
            out[row.movement_id].append(row)
        return out

    def claims_for(self, ids: list[int]) -> dict[int, list[MovementClaimRow]]:
        out: dict[int, list[MovementClaimRow]] = {i: [] for i in ids}
        query = (
            select(MovementClaimRow)
            .where(MovementClaimRow.movement_id.in_(ids))
            .order_by(MovementClaimRow.id)
        )
        for row in self._session.scalars(query):
            out[row.movement_id].append(row)
        return out

    def purge_documents(self, movement_id: int) -> int:
        rows = self.documents(movement_id)
        for row in rows:
            self._session.delete(row)
        return len(rows)

    def claims(self, movement_id: int | None = None) -> list[MovementClaimRow]:
        query = select(MovementClaimRow).order_by(MovementClaimRow.id)
        if movement_id is not None:
            query = query.where(MovementClaimRow.movement_id == movement_id)
        return list(self._session.scalars(query))

    def add_claim(self, row: MovementClaimRow) -> None:
        self._session.add(row)
        self._session.flush()

    def held_by_open_claims(self, closed_states: frozenset[str]) -> set[int]:
        """Movements with a liquidated damages claim still open: their documents are evidence
        and are not purged, whatever their retention date."""
        query = (
            select(MovementClaimRow.movement_id)
            .join(CaseRow, CaseRow.id == MovementClaimRow.case_id)
            .where(CaseRow.state.not_in(sorted(closed_states)))
        )
        return set(self._session.scalars(query))
