"""Tables for enforcement cases, their history and their deadlines.

Money is stored as integer cents (SQLite has no exact decimal type). `version` is the optimistic
lock: every change is an UPDATE ... WHERE version = :seen, and a stale one changes nothing.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, DateTime, ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from tradeguard.store.base import Base


class CaseRow(Base):
    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    pti: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    state: Mapped[str] = mapped_column(String(32), nullable=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    opened_on: Mapped[date] = mapped_column(Date, nullable=False)
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    opened_by: Mapped[str] = mapped_column(String(64), nullable=False)
    subtype: Mapped[str | None] = mapped_column(String(32), nullable=True)
    importer_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    manufacturer_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    entry_no: Mapped[str | None] = mapped_column(String(16), nullable=True)
    line_no: Mapped[int | None] = mapped_column(Integer, nullable=True)
    hold_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    finding_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    rule_id: Mapped[str | None] = mapped_column(String(128), nullable=True)
    rule_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    allegation_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    violation_type: Mapped[str | None] = mapped_column(String(32), nullable=True)
    culpability: Mapped[str | None] = mapped_column(String(32), nullable=True)
    violation_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    maximum_cents: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    demanded_cents: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    assessed_cents: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    mitigated_cents: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    collected_cents: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    identified_cents: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    details: Mapped[str] = mapped_column(Text, nullable=False, default="{}")


class CaseEventRow(Base):
    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), nullable=False, index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    occurred_on: Mapped[date] = mapped_column(Date, nullable=False)
    actor: Mapped[str] = mapped_column(String(64), nullable=False)
    from_state: Mapped[str | None] = mapped_column(String(32), nullable=True)
    to_state: Mapped[str] = mapped_column(String(32), nullable=False)
    amount_cents: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class CaseDeadlineRow(Base):
    __tablename__ = "case_deadlines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(64), nullable=False)
    due_on: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    alert_on: Mapped[date] = mapped_column(Date, nullable=False)
    met_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    satisfied_by: Mapped[str] = mapped_column(String(256), nullable=False)


class CaseRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def of_hold(self, hold_id: int) -> list[CaseRow]:
        """The cases a hold's finding opened, in the order they were opened."""
        query = select(CaseRow).where(CaseRow.hold_id == str(hold_id)).order_by(CaseRow.id)
        return list(self._session.scalars(query))
