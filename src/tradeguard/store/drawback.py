"""Drawback claims as stored: the claim, its export records and its designations. What each
import line has left to designate is the ledger's (store/drawback_ledger.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship, selectinload

from tradeguard.domain.drawback.claim import ClaimKind, ClaimStatus, move
from tradeguard.domain.drawback.filing import ExportRecord
from tradeguard.domain.errors import NotFound
from tradeguard.store.base import Base


class ClaimRow(Base):
    __tablename__ = "drawback_claims"
    __table_args__ = (CheckConstraint("refund_paid_cents >= 0", name="refund_paid_not_negative"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    claim_no: Mapped[str] = mapped_column(String(32), nullable=False, unique=True)
    kind: Mapped[str] = mapped_column(String(8), nullable=False)
    claimant_id: Mapped[str] = mapped_column(String(32), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    filed_on: Mapped[date] = mapped_column(Date, nullable=False)
    accelerated: Mapped[bool] = mapped_column(Boolean, nullable=False)
    designated_cents: Mapped[int] = mapped_column(BigInteger, nullable=False)
    refund_requested_cents: Mapped[int] = mapped_column(BigInteger, nullable=False)
    refund_paid_cents: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    bond_shortfall_cents: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    paid_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True)

    exports: Mapped[list[ExportRow]] = relationship(lazy="selectin", order_by="ExportRow.id")
    designations: Mapped[list[DesignationRow]] = relationship(
        lazy="selectin", order_by="DesignationRow.id"
    )

    @property
    def claim_kind(self) -> ClaimKind:
        return ClaimKind(self.kind)

    @property
    def claim_status(self) -> ClaimStatus:
        return ClaimStatus(self.status)

    def pay(self, on: date) -> None:
        """Accelerated payment: the refund leaves now; liquidation confirms it later."""
        self.status = move(self.claim_status, ClaimStatus.PAID, self.claim_no).value
        self.refund_paid_cents, self.paid_on, self.bond_shortfall_cents = (
            self.refund_requested_cents,
            on,
            None,
        )

    def liquidate(self, on: date) -> None:
        self.status = move(self.claim_status, ClaimStatus.LIQUIDATED, self.claim_no).value
        if self.paid_on is None:
            self.refund_paid_cents, self.paid_on = self.refund_requested_cents, on
        self.closed_on = on

    def deny(self, on: date) -> None:
        self.status = move(self.claim_status, ClaimStatus.DENIED, self.claim_no).value
        self.closed_on = on

    def flag_bond(self, shortfall_cents: int) -> None:
        """Accelerated payment held back: the claimant's bond is short by this much."""
        self.bond_shortfall_cents = shortfall_cents


class ExportRow(Base):
    __tablename__ = "drawback_exports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("drawback_claims.id"), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    on: Mapped[date] = mapped_column(Date, nullable=False)
    hts10: Mapped[str] = mapped_column(String(10), nullable=False)
    quantity: Mapped[Decimal] = mapped_column(Numeric(18, 3), nullable=False)
    document: Mapped[str] = mapped_column(String(64), nullable=False)


class DesignationRow(Base):
    __tablename__ = "drawback_designations"
    __table_args__ = (
        ForeignKeyConstraint(
            ["entry_no", "line_no"],
            ["drawback_import_lines.entry_no", "drawback_import_lines.line_no"],
            name="fk_drawback_designations_line",
        ),
        UniqueConstraint("claim_id", "entry_no", "line_no", name="uq_drawback_designation"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("drawback_claims.id"), nullable=False)
    entry_no: Mapped[str] = mapped_column(String(16), nullable=False)
    line_no: Mapped[int] = mapped_column(Integer, nullable=False)
    designated_cents: Mapped[int] = mapped_column(BigInteger, nullable=False)


class ClaimRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, row: ClaimRow) -> ClaimRow:
        self._session.add(row)
        self._session.flush()
        return row

    def get(self, claim_no: str) -> ClaimRow:
        row = self._session.scalar(select(ClaimRow).where(ClaimRow.claim_no == claim_no))
        if row is None:
            raise NotFound(f"no drawback claim {claim_no}")
        return row

    def add_designation(self, claim: ClaimRow, entry_no: str, line_no: int, cents: int) -> None:
        """Record what the claim designates of a line (the ledger's draw is separate)."""
        self._session.add(
            DesignationRow(
                claim_id=claim.id, entry_no=entry_no, line_no=line_no, designated_cents=cents
            )
        )

    def add_export(self, claim: ClaimRow, record: ExportRecord) -> None:
        self._session.add(
            ExportRow(
                claim_id=claim.id,
                kind=record.kind.value,
                on=record.on,
                hts10=record.hts10,
                quantity=record.quantity,
                document=record.document,
            )
        )

    def hold(self, claim_no: str) -> ClaimRow:
        """The claim, locked until the transaction ends and read after the lock: two requests
        moving one claim (paying it twice) take turns, and the second sees the first's move."""
        self._session.execute(
            update(ClaimRow)
            .where(ClaimRow.claim_no == claim_no)
            .values(status=ClaimRow.status)
            .execution_options(synchronize_session=False)
        )
        row = self._session.scalar(
            select(ClaimRow)
            .where(ClaimRow.claim_no == claim_no)
            .execution_options(populate_existing=True)
        )
        if row is None:
            raise NotFound(f"no drawback claim {claim_no}")
        return row

    def exists(self, claim_no: str) -> bool:
        query = select(ClaimRow.id).where(ClaimRow.claim_no == claim_no)
        return self._session.scalar(query) is not None

    def listed(self, status: ClaimStatus | None = None, limit: int = 500) -> list[ClaimRow]:
        query = select(ClaimRow).order_by(ClaimRow.id.desc()).limit(limit)
        if status is not None:
            query = query.where(ClaimRow.status == status.value)
        return list(self._session.scalars(query))

    def count_filed(self) -> int:
        return int(self._session.scalar(select(func.count()).select_from(ClaimRow)) or 0)

    def paid_out(self) -> list[ClaimRow]:
        """Claims whose refund has been paid (accelerated or on liquidation): the population
        the review sample is drawn from."""
        query = select(ClaimRow).where(ClaimRow.refund_paid_cents > 0).order_by(ClaimRow.id)
        return list(self._session.scalars(query))

    def outstanding_accelerated_cents(self, claimant_id: str) -> int:
        """Accelerated refunds paid to a claimant and not yet liquidated: what its bond secures."""
        query = select(ClaimRow.refund_paid_cents).where(
            ClaimRow.claimant_id == claimant_id, ClaimRow.status == ClaimStatus.PAID.value
        )
        return sum(self._session.scalars(query))

    def filed_between(self, first: date, last: date) -> list[ClaimRow]:
        """Claims filed in a period, with their designations (the oversight checks read both)."""
        query = (
            select(ClaimRow)
            .where(ClaimRow.filed_on >= first, ClaimRow.filed_on <= last)
            .options(selectinload(ClaimRow.designations))
            .order_by(ClaimRow.id)
        )
        return list(self._session.scalars(query))

    def accelerated_paid_between(self, first: date, last: date) -> list[ClaimRow]:
        """Claims paid ahead of liquidation in a period: the payments a drawback bond secures
        (an accelerated claim paid only on its liquidation, the same day, is not one)."""
        query = select(ClaimRow).where(
            ClaimRow.accelerated.is_(True),
            ClaimRow.paid_on >= first,
            ClaimRow.paid_on <= last,
            or_(ClaimRow.closed_on.is_(None), ClaimRow.paid_on < ClaimRow.closed_on),
        )
        return list(self._session.scalars(query.order_by(ClaimRow.id)))

    def flagged(self) -> list[ClaimRow]:
        """Claims whose accelerated payment waits on a bond too small to secure it."""
        query = select(ClaimRow).where(ClaimRow.bond_shortfall_cents.is_not(None))
        return list(self._session.scalars(query.order_by(ClaimRow.id)))
