"""Tables for enforcement cases, their history and their deadlines.

Money is stored as integer cents (SQLite has no exact decimal type). `version` is the optimistic
lock: every change is an UPDATE ... WHERE version = :seen, and a stale one changes nothing.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    func,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from tradeguard.domain.cases import CaseKind
from tradeguard.domain.cases.base import MONEY_FIELDS
from tradeguard.domain.cases.deadlines import Deadline
from tradeguard.domain.cases.money import from_cents
from tradeguard.domain.errors import Conflict, NotFound
from tradeguard.store.base import Base

# The fields that tie a case to what it is about, copied as they are into its document.
LINK_FIELDS = (
    "subtype", "importer_id", "manufacturer_id", "entry_no", "line_no", "hold_id", "finding_id",
    "rule_id", "rule_version", "allegation_id", "violation_type", "culpability", "violation_date",
)  # fmt: skip


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

    def snapshot(self) -> dict[str, Any]:
        """The case as a plain document: what `show`, `list` and the change log see."""
        doc: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "pti": self.pti,
            "state": self.state,
            "version": self.version,
            "opened_on": self.opened_on,
            "closed_on": self.closed_on,
            "opened_by": self.opened_by,
        }
        doc.update({name: getattr(self, name) for name in LINK_FIELDS})
        doc["maximum"] = None if self.maximum_cents is None else from_cents(self.maximum_cents)
        for name in MONEY_FIELDS:
            doc[name] = from_cents(getattr(self, f"{name}_cents"))
        doc["details"] = json.loads(self.details)
        return doc


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
    """Cases with their history and deadlines; a change to a case goes through `advance`."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, row: CaseRow) -> CaseRow:
        """Store a new case and give it its id (its events and deadlines point to it)."""
        self._session.add(row)
        self._session.flush()
        return row

    def get(self, case_id: int) -> CaseRow:
        row = self._session.get(CaseRow, case_id)
        if row is None:
            raise NotFound(f"case {case_id} does not exist")
        return row

    def advance(self, row: CaseRow, seen: int, changes: dict[str, Any]) -> None:
        """Apply `changes` only if the case is still at version `seen` (the optimistic lock)."""
        result = self._session.execute(
            update(CaseRow)
            .where(CaseRow.id == row.id, CaseRow.version == seen)
            .values(**changes)
            .execution_options(synchronize_session="fetch")
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise Conflict(f"case {row.id} was changed by someone else; reload it and try again")
        self._session.refresh(row)

    def add_event(self, event: CaseEventRow) -> None:
        self._session.add(event)

    def add_deadlines(self, case_id: int, found: list[Deadline]) -> None:
        for d in found:
            self._session.add(
                CaseDeadlineRow(
                    case_id=case_id,
                    name=d.name,
                    due_on=d.due_on,
                    alert_on=d.alert_on,
                    satisfied_by=",".join(sorted(d.satisfied_by)),
                )
            )

    def open_deadlines(self, case_id: int) -> list[CaseDeadlineRow]:
        query = select(CaseDeadlineRow).where(
            CaseDeadlineRow.case_id == case_id, CaseDeadlineRow.met_on.is_(None)
        )
        return list(self._session.scalars(query))

    def events(self, case_id: int) -> list[CaseEventRow]:
        query = select(CaseEventRow).where(CaseEventRow.case_id == case_id)
        return list(self._session.scalars(query.order_by(CaseEventRow.id)))

    def deadlines(self, case_id: int) -> list[CaseDeadlineRow]:
        query = select(CaseDeadlineRow).where(CaseDeadlineRow.case_id == case_id)
        return list(self._session.scalars(query.order_by(CaseDeadlineRow.due_on)))

    def matching(
        self, *, pti: str | None = None, kind: str | None = None, state: str | None = None
    ) -> list[CaseRow]:
        """Cases by PTI, kind and state (each optional), in the order they were opened."""
        query = select(CaseRow).order_by(CaseRow.id)
        if pti is not None:
            query = query.where(CaseRow.pti == pti)
        if kind is not None:
            query = query.where(CaseRow.kind == kind)
        if state is not None:
            query = query.where(CaseRow.state == state)
        return list(self._session.scalars(query))

    def unmet_deadlines(self, due_by: date | None = None) -> list[tuple[CaseDeadlineRow, CaseRow]]:
        """Deadlines not yet met (due by `due_by` when given), each with its case."""
        query = select(CaseDeadlineRow, CaseRow).join(
            CaseRow, CaseRow.id == CaseDeadlineRow.case_id
        )
        query = query.where(CaseDeadlineRow.met_on.is_(None))
        if due_by is not None:
            query = query.where(CaseDeadlineRow.due_on <= due_by)
        return [(deadline, case) for deadline, case in self._session.execute(query).all()]

    def opened_between(self, first: date | None, last: date | None) -> list[CaseRow]:
        """Cases opened in [first, last] (every case when both are None), oldest first."""
        query = select(CaseRow).order_by(CaseRow.id)
        if first is not None:
            query = query.where(CaseRow.opened_on >= first)
        if last is not None:
            query = query.where(CaseRow.opened_on <= last)
        return list(self._session.scalars(query))

    def latest_opened_on(self, before: date | None = None) -> date | None:
        """The day the most recent case was opened (before `before`, when given); None when
        there is none."""
        query = select(func.max(CaseRow.opened_on))
        if before is not None:
            query = query.where(CaseRow.opened_on < before)
        return self._session.scalar(query)

    def seizures_in(self, states: set[str]) -> list[CaseRow]:
        """Seizure cases in one of `states`, oldest seizure first."""
        query = (
            select(CaseRow)
            .where(CaseRow.kind == CaseKind.SEIZURE.value, CaseRow.state.in_(sorted(states)))
            .order_by(CaseRow.opened_on, CaseRow.id)
        )
        return list(self._session.scalars(query))

    def ids_for_finding(self, finding_id: str) -> list[int]:
        query = select(CaseRow.id).where(CaseRow.finding_id == finding_id).order_by(CaseRow.id)
        return list(self._session.scalars(query))

    def of_hold(self, hold_id: int) -> list[CaseRow]:
        """The cases a hold's finding opened, in the order they were opened."""
        query = select(CaseRow).where(CaseRow.hold_id == str(hold_id)).order_by(CaseRow.id)
        return list(self._session.scalars(query))
