"""Admissibility tables and their repository: recordations, exclusion orders (with the trade
alert), withhold release orders and detentions. Rows turn into domain objects with `domain()`;
lists (scopes, marks, parties) are stored as JSON arrays, which SQLite and PostgreSQL read alike.
"""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import BigInteger, Date, ForeignKey, Integer, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from tradeguard.domain.admissibility import (
    ExclusionOrder,
    OrderKind,
    Recordation,
    RecordationKind,
)
from tradeguard.domain.errors import NotFound
from tradeguard.domain.withhold_release import Detention, DetentionState, WithholdReleaseOrder
from tradeguard.store.base import Base


def _list(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text))


def dump(values: tuple[str, ...]) -> str:
    return json.dumps(list(values))


class RecordationRow(Base):
    __tablename__ = "ipr_recordations"

    recordation_no: Mapped[str] = mapped_column(String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    owner: Mapped[str] = mapped_column(String(200), nullable=False)
    marks: Mapped[str] = mapped_column(Text, nullable=False)
    hts_scope: Mapped[str] = mapped_column(Text, nullable=False)
    authorized_manufacturers: Mapped[str] = mapped_column(Text, nullable=False)
    recorded_on: Mapped[date] = mapped_column(Date, nullable=False)
    expires_on: Mapped[date | None] = mapped_column(Date, nullable=True)

    def domain(self) -> Recordation:
        return Recordation(
            recordation_no=self.recordation_no, kind=RecordationKind(self.kind),
            owner=self.owner, marks=_list(self.marks), hts_scope=_list(self.hts_scope),
            authorized_manufacturers=_list(self.authorized_manufacturers),
            recorded_on=self.recorded_on, expires_on=self.expires_on,
        )  # fmt: skip


class ExclusionOrderRow(Base):
    __tablename__ = "exclusion_orders"

    order_no: Mapped[str] = mapped_column(String(40), primary_key=True)
    investigation: Mapped[str] = mapped_column(String(40), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    product: Mapped[str] = mapped_column(String(200), nullable=False)
    hts_scope: Mapped[str] = mapped_column(Text, nullable=False)
    respondents: Mapped[str] = mapped_column(Text, nullable=False)
    effective_on: Mapped[date] = mapped_column(Date, nullable=False)
    expires_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    rescinded_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    alerted_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    alerted_by: Mapped[str | None] = mapped_column(String(64), nullable=True)

    def domain(self) -> ExclusionOrder:
        return ExclusionOrder(
            order_no=self.order_no, investigation=self.investigation, kind=OrderKind(self.kind),
            product=self.product, hts_scope=_list(self.hts_scope),
            respondents=_list(self.respondents), effective_on=self.effective_on,
            expires_on=self.expires_on, rescinded_on=self.rescinded_on,
        )  # fmt: skip


class WithholdOrderRow(Base):
    __tablename__ = "withhold_release_orders"

    wro_no: Mapped[str] = mapped_column(String(40), primary_key=True)
    merchandise: Mapped[str] = mapped_column(String(200), nullable=False)
    producer: Mapped[str | None] = mapped_column(String(64), nullable=True)
    region: Mapped[str | None] = mapped_column(String(2), nullable=True)
    hts_scope: Mapped[str] = mapped_column(Text, nullable=False)
    issued_on: Mapped[date] = mapped_column(Date, nullable=False)
    revoked_on: Mapped[date | None] = mapped_column(Date, nullable=True)

    def domain(self) -> WithholdReleaseOrder:
        return WithholdReleaseOrder(
            wro_no=self.wro_no, merchandise=self.merchandise, issued_on=self.issued_on,
            producer=self.producer, region=self.region, hts_scope=_list(self.hts_scope),
            revoked_on=self.revoked_on,
        )  # fmt: skip


class DetentionRow(Base):
    __tablename__ = "wro_detentions"
    __table_args__ = (UniqueConstraint("entry_no", "wro_no", name="uq_wro_detentions_entry_no"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entry_no: Mapped[str] = mapped_column(String(16), nullable=False)
    wro_no: Mapped[str] = mapped_column(
        String(40), ForeignKey("withhold_release_orders.wro_no"), nullable=False
    )
    importer_id: Mapped[str] = mapped_column(String(64), nullable=False)
    value_cents: Mapped[int] = mapped_column(BigInteger, nullable=False)
    detained_on: Mapped[date] = mapped_column(Date, nullable=False)
    state: Mapped[str] = mapped_column(String(20), nullable=False)
    proof_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    case_id: Mapped[int | None] = mapped_column(Integer, nullable=True)

    def domain(self) -> Detention:
        return Detention(
            entry_no=self.entry_no, wro_no=self.wro_no, detained_on=self.detained_on,
            state=DetentionState(self.state), proof_on=self.proof_on, closed_on=self.closed_on,
        )  # fmt: skip

    def apply(self, moved: Detention) -> None:
        """Take the state the domain moved the detention to."""
        self.state, self.proof_on, self.closed_on = (
            moved.state.value,
            moved.proof_on,
            moved.closed_on,
        )


class AdmissibilityRepository:
    """Named finders over the admissibility tables, inside the caller's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def recordations(self) -> list[RecordationRow]:
        return list(
            self.session.scalars(select(RecordationRow).order_by(RecordationRow.recordation_no))
        )

    def exclusion_orders(self) -> list[ExclusionOrderRow]:
        query = select(ExclusionOrderRow).order_by(
            ExclusionOrderRow.effective_on, ExclusionOrderRow.order_no
        )
        return list(self.session.scalars(query))

    def exclusion_order(self, order_no: str) -> ExclusionOrderRow:
        row = self.session.get(ExclusionOrderRow, order_no)
        if row is None:
            raise NotFound(f"no exclusion order {order_no!r}")
        return row

    def withhold_orders(self) -> list[WithholdOrderRow]:
        return list(
            self.session.scalars(select(WithholdOrderRow).order_by(WithholdOrderRow.wro_no))
        )

    def withhold_order(self, wro_no: str) -> WithholdOrderRow:
        row = self.session.get(WithholdOrderRow, wro_no)
        if row is None:
            raise NotFound(f"no withhold release order {wro_no!r}")
        return row

    def detentions(self) -> list[DetentionRow]:
        query = select(DetentionRow).order_by(DetentionRow.detained_on, DetentionRow.id)
        return list(self.session.scalars(query))

    def detention(self, detention_id: int) -> DetentionRow:
        row = self.session.get(DetentionRow, detention_id)
        if row is None:
            raise NotFound(f"no detention {detention_id}")
        return row

    def add(self, row: DetentionRow) -> None:
        """Store a new detention; its id is assigned at once."""
        self.session.add(row)
        self.session.flush()

    def put(self, row: RecordationRow | ExclusionOrderRow | WithholdOrderRow) -> None:
        """Insert, or replace the stored row with the same number (a re-import updates it)."""
        self.session.merge(row)
