"""Stored e-allegations. The client address is kept only as a hash, for rate limiting."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from tradeguard.store.base import Base


class AllegationRow(Base):
    __tablename__ = "allegations"
    __table_args__ = (Index("ix_allegations_client", "client_hash", "submitted_at"),)

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


def count_from_client_since(session: Session, client_hash: str, since: datetime) -> int:
    query = select(func.count()).where(
        AllegationRow.client_hash == client_hash, AllegationRow.submitted_at >= since
    )
    return int(session.scalar(query) or 0)


def recent_allegations(session: Session, limit: int) -> list[AllegationRow]:
    query = select(AllegationRow).order_by(AllegationRow.id.desc()).limit(limit)
    return list(session.scalars(query))
