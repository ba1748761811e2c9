"""The central register of single transaction bonds, and every time one was presented.

"Used once" is kept by the database: `entry_no` is unique, and a bond is tied to its entry by a
conditional UPDATE (`WHERE entry_no IS NULL`), so two entries presenting the same bond at once
cannot both win. A refused presentation is kept: it is how the register sees a bond reused.
"""

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
    func,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from tradeguard.domain.bonds import BondCheck, StbStatus, move
from tradeguard.domain.errors import NotFound
from tradeguard.store.base import Base


class StbRow(Base):
    __tablename__ = "single_transaction_bonds"
    __table_args__ = (CheckConstraint("amount_cents > 0", name="amount_positive"),)

    bond_no: Mapped[str] = mapped_column(String(32), primary_key=True)
    surety_code: Mapped[str] = mapped_column(String(8), nullable=False)
    importer_id: Mapped[str] = mapped_column(String(32), nullable=False)
    amount_cents: Mapped[int] = mapped_column(BigInteger, nullable=False)
    registered_on: Mapped[date] = mapped_column(Date, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    entry_no: Mapped[str | None] = mapped_column(String(16), nullable=True, unique=True)
    required_cents: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    requirement: Mapped[str | None] = mapped_column(String(16), nullable=True)
    agencies: Mapped[str | None] = mapped_column(String(200), nullable=True)
    used_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True)

    @property
    def bond_status(self) -> StbStatus:
        return StbStatus(self.status)

    @property
    def shortfall_cents(self) -> int:
        if self.required_cents is None:
            return 0
        return max(0, self.required_cents - self.amount_cents)

    def release(self, on: date) -> None:
        self.status = move(self.bond_status, StbStatus.RELEASED, self.bond_no).value
        self.closed_on = on

    def claim(self, on: date) -> None:
        self.status = move(self.bond_status, StbStatus.CLAIMED, self.bond_no).value
        self.closed_on = on


class PresentationRow(Base):
    __tablename__ = "stb_presentations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    bond_no: Mapped[str] = mapped_column(
        ForeignKey("single_transaction_bonds.bond_no"), nullable=False, index=True
    )
    entry_no: Mapped[str] = mapped_column(String(16), nullable=False)
    presented_on: Mapped[date] = mapped_column(Date, nullable=False)
    accepted: Mapped[bool] = mapped_column(Boolean, nullable=False)
    reason: Mapped[str] = mapped_column(String(200), nullable=False)


class StbRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, row: StbRow) -> StbRow:
        self._session.add(row)
        self._session.flush()
        return row

    def get(self, bond_no: str) -> StbRow:
        row = self._session.get(StbRow, bond_no)
        if row is None:
            raise NotFound(f"no single transaction bond {bond_no} in the register")
        return row

    def exists(self, bond_no: str) -> bool:
        return self._session.get(StbRow, bond_no) is not None

    def for_entry(self, entry_no: str) -> StbRow | None:
        return self._session.scalar(select(StbRow).where(StbRow.entry_no == entry_no))

    def tie(self, bond_no: str, entry_no: str, on: date, check: BondCheck) -> bool:
        """Tie an unused bond to its entry; False when the bond already secures one."""
        result = self._session.execute(
            update(StbRow)
            .where(
                StbRow.bond_no == bond_no,
                StbRow.entry_no.is_(None),
                StbRow.status == StbStatus.REGISTERED.value,
            )
            .values(
                entry_no=entry_no,
                status=move(StbStatus.REGISTERED, StbStatus.USED, bond_no).value,
                used_on=on,
                required_cents=check.required_cents,
                requirement=check.requirement.value,
                agencies=", ".join(check.agencies) or None,
            )
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0) == 1)

    def present(self, row: PresentationRow) -> None:
        self._session.add(row)
        self._session.flush()

    def listed(self, limit: int = 1000) -> list[StbRow]:
        query = select(StbRow).order_by(StbRow.registered_on.desc(), StbRow.bond_no).limit(limit)
        return list(self._session.scalars(query))

    def insufficient(self) -> list[StbRow]:
        query = select(StbRow).where(
            StbRow.required_cents.is_not(None), StbRow.amount_cents < StbRow.required_cents
        )
        return list(self._session.scalars(query.order_by(StbRow.bond_no)))

    def unused_since(self, before: date) -> list[StbRow]:
        """Bonds registered before `before` that still secure no entry."""
        query = select(StbRow).where(
            StbRow.status == StbStatus.REGISTERED.value, StbRow.registered_on < before
        )
        return list(self._session.scalars(query.order_by(StbRow.bond_no)))

    def reused(self) -> dict[str, list[PresentationRow]]:
        """Bonds presented for more than one entry, with every presentation."""
        many = (
            select(PresentationRow.bond_no)
            .group_by(PresentationRow.bond_no)
            .having(func.count(func.distinct(PresentationRow.entry_no)) > 1)
        )
        query = select(PresentationRow).where(PresentationRow.bond_no.in_(many))
        out: dict[str, list[PresentationRow]] = {}
        for row in self._session.scalars(query.order_by(PresentationRow.id)):
            out.setdefault(row.bond_no, []).append(row)
        return out

    def cancelled_unused(self) -> list[StbRow]:
        """Bonds released without ever securing an entry: unused bonds the register closed."""
        query = select(StbRow).where(
            StbRow.status == StbStatus.RELEASED.value, StbRow.entry_no.is_(None)
        )
        return list(self._session.scalars(query.order_by(StbRow.bond_no)))

    def claimed(self) -> list[StbRow]:
        query = select(StbRow).where(StbRow.status == StbStatus.CLAIMED.value)
        return list(self._session.scalars(query.order_by(StbRow.bond_no)))

    def counts(self) -> dict[str, int]:
        query = select(StbRow.status, func.count()).group_by(StbRow.status)
        return {status: int(n) for status, n in self._session.execute(query)}
