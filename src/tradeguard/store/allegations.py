"""Stored e-allegations. The client address is kept only as a hash, for rate limiting.

Submissions pass one at a time through the single `allegation_intake` row (`hold_intake`), so
that counting recent submissions and adding one is atomic on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text, func, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from tradeguard.domain.allegation import triage
from tradeguard.domain.errors import NotFound
from tradeguard.store.base import Base


class AllegationRow(Base):
    __tablename__ = "allegations"
    __table_args__ = (
        Index("ix_allegations_client", "client_hash", "submitted_at"),
        Index("ix_allegations_submitted", "submitted_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    receipt: Mapped[str] = mapped_column(String(16), nullable=False, unique=True)
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    pti: Mapped[str] = mapped_column(String(64), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False)
    importer: Mapped[str | None] = mapped_column(String(200), nullable=True)
    company: Mapped[str | None] = mapped_column(String(200), nullable=True)
    contact: Mapped[str | None] = mapped_column(String(200), nullable=True)
    client_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="received")

    def triage(self, *, opened: bool) -> None:
        """Mark the allegation triaged (domain/allegation.py:triage refuses a second time)."""
        self.status = triage(self.status, self.receipt, opened=opened).value


class AllegationRepository:
    """Submitted e-allegations, found by the receipt number their submitter was given."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def by_receipt(self, receipt: str) -> AllegationRow:
        query = select(AllegationRow).where(AllegationRow.receipt == receipt)
        row = self._session.scalars(query).one_or_none()
        if row is None:
            raise NotFound(f"no e-allegation with receipt {receipt}")
        return row


class AllegationIntakeRow(Base):
    """One row, written by every submission: its row lock is the intake's turnstile."""

    __tablename__ = "allegation_intake"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


def hold_intake(session: Session, now: datetime) -> None:
    """Take the intake's write lock until the transaction ends (a row lock on PostgreSQL, the
    database write lock on SQLite), so that no other submission counts or adds meanwhile."""
    session.execute(
        update(AllegationIntakeRow).where(AllegationIntakeRow.id == 1).values(last_at=now)
    )


def count_since(session: Session, since: datetime) -> int:
    query = select(func.count()).where(AllegationRow.submitted_at >= since)
    return int(session.scalar(query) or 0)


def oldest_since(session: Session, since: datetime, client_hash: str | None = None) -> datetime:
    """When the oldest submission counted in the window was made (for Retry-After)."""
    query = select(func.min(AllegationRow.submitted_at)).where(AllegationRow.submitted_at >= since)
    if client_hash is not None:
        query = query.where(AllegationRow.client_hash == client_hash)
    found = session.scalar(query)
    return since if found is None else found


def count_from_client_since(session: Session, client_hash: str, since: datetime) -> int:
    query = select(func.count()).where(
        AllegationRow.client_hash == client_hash, AllegationRow.submitted_at >= since
    )
    return int(session.scalar(query) or 0)


def recent_allegations(session: Session, limit: int) -> list[AllegationRow]:
    query = select(AllegationRow).order_by(AllegationRow.id.desc()).limit(limit)
    return list(session.scalars(query))
