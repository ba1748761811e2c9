"""The append-only change log: who changed what, when, with the before and after.

Written in the same transaction as the change it records, so neither exists without the other.
("Audit" is the Regulatory Audit case; the table keeps its first name, `audit_log`, so existing
databases need no migration.)
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from tradeguard.store.base import Base


class ChangeEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    actor: Mapped[str] = mapped_column(String(64), nullable=False)
    action: Mapped[str] = mapped_column(String(64), nullable=False)
    entity: Mapped[str] = mapped_column(String(64), nullable=False)
    entity_id: Mapped[str] = mapped_column(String(128), nullable=False)
    before: Mapped[str | None] = mapped_column(Text, nullable=True)
    after: Mapped[str | None] = mapped_column(Text, nullable=True)


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, default=str, sort_keys=True)


def record_change(
    session: Session,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    before: Any = None,
    after: Any = None,
) -> None:
    session.add(
        ChangeEntry(
            at=datetime.now(UTC),
            actor=actor,
            action=action,
            entity=entity,
            entity_id=str(entity_id),
            before=_dump(before),
            after=_dump(after),
        )
    )


def change_entries(
    session: Session, *, entity: str | None = None, limit: int = 200
) -> list[ChangeEntry]:
    query = select(ChangeEntry).order_by(ChangeEntry.id.desc()).limit(limit)
    if entity:
        query = query.where(ChangeEntry.entity == entity)
    return list(session.scalars(query))


class ChangeLog:
    """The change log inside a unit of work: `record` adds an entry to its transaction."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def record(
        self,
        *,
        actor: str,
        action: str,
        entity: str,
        entity_id: str,
        before: Any = None,
        after: Any = None,
    ) -> None:
        record_change(
            self._session,
            actor=actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=before,
            after=after,
        )
