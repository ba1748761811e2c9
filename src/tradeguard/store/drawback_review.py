"""Claimants' drawback bonds, review samples of paid claims and the reviews' findings."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from tradeguard.domain.errors import NotFound
from tradeguard.store.base import Base


class DrawbackBondRow(Base):
    """The bond a claimant posts to be paid before liquidation (accelerated payment)."""

    __tablename__ = "drawback_bonds"

    claimant_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    bond_no: Mapped[str] = mapped_column(String(32), nullable=False)
    amount_cents: Mapped[int] = mapped_column(BigInteger, nullable=False)
    registered_on: Mapped[date] = mapped_column(Date, nullable=False)


class SampleRow(Base):
    __tablename__ = "drawback_samples"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    seed: Mapped[int] = mapped_column(Integer, nullable=False)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    drawn_on: Mapped[date] = mapped_column(Date, nullable=False)
    drawn_by: Mapped[str] = mapped_column(String(64), nullable=False)


class SampleClaimRow(Base):
    """One paid claim of the population a sample was drawn from, its stratum, and whether it
    was drawn: the population is frozen with the sample, so later payments do not change it."""

    __tablename__ = "drawback_sample_claims"

    sample_id: Mapped[int] = mapped_column(ForeignKey("drawback_samples.id"), primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("drawback_claims.id"), primary_key=True)
    stratum: Mapped[int] = mapped_column(Integer, nullable=False)
    paid_cents: Mapped[int] = mapped_column(BigInteger, nullable=False)
    sampled: Mapped[bool] = mapped_column(Boolean, nullable=False)


class ReviewRow(Base):
    __tablename__ = "drawback_reviews"
    __table_args__ = (CheckConstraint("overpaid_cents >= 0", name="overpaid_not_negative"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    claim_id: Mapped[int] = mapped_column(
        ForeignKey("drawback_claims.id"), nullable=False, unique=True
    )
    reviewed_on: Mapped[date] = mapped_column(Date, nullable=False)
    reviewer: Mapped[str] = mapped_column(String(64), nullable=False)
    overpaid_cents: Mapped[int] = mapped_column(BigInteger, nullable=False)
    finding: Mapped[str] = mapped_column(String(500), nullable=False)


class DrawbackBondRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def of(self, claimant_id: str) -> DrawbackBondRow | None:
        return self._session.get(DrawbackBondRow, claimant_id)

    def hold(self, claimant_id: str) -> DrawbackBondRow | None:
        """The claimant's bond, locked until the transaction ends (a no-op UPDATE: the row lock
        on PostgreSQL, the write lock on SQLite), so that two accelerated payments to one
        claimant are checked against the bond one after the other, never both against the same
        outstanding total."""
        self._session.execute(
            update(DrawbackBondRow)
            .where(DrawbackBondRow.claimant_id == claimant_id)
            .values(amount_cents=DrawbackBondRow.amount_cents)
            .execution_options(synchronize_session=False)
        )
        return self._session.get(DrawbackBondRow, claimant_id, populate_existing=True)

    def put(self, row: DrawbackBondRow) -> None:
        self._session.merge(row)

    def all(self) -> list[DrawbackBondRow]:
        return list(self._session.scalars(select(DrawbackBondRow)))


class SampleRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, sample: SampleRow, members: list[SampleClaimRow]) -> SampleRow:
        self._session.add(sample)
        self._session.flush()
        for member in members:
            member.sample_id = sample.id
        self._session.add_all(members)
        self._session.flush()
        return sample

    def latest(self) -> SampleRow | None:
        return self._session.scalar(select(SampleRow).order_by(SampleRow.id.desc()).limit(1))

    def get(self, sample_id: int) -> SampleRow:
        row = self._session.get(SampleRow, sample_id)
        if row is None:
            raise NotFound(f"no drawback review sample {sample_id}")
        return row

    def members(self, sample_id: int) -> list[SampleClaimRow]:
        query = select(SampleClaimRow).where(SampleClaimRow.sample_id == sample_id)
        return list(self._session.scalars(query.order_by(SampleClaimRow.claim_id)))


class ReviewRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, row: ReviewRow) -> ReviewRow:
        self._session.add(row)
        self._session.flush()
        return row

    def of_claims(self, claim_ids: list[int]) -> dict[int, ReviewRow]:
        query = select(ReviewRow).where(ReviewRow.claim_id.in_(claim_ids))
        return {r.claim_id: r for r in self._session.scalars(query)}
