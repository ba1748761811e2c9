"""The unit of work for the custody aggregates (in-bond movements, facilities).

The shape of store/unit_of_work.py (being introduced on another branch): one transaction, its
repositories, an explicit `commit()`; leaving the block without it writes nothing. When that
unit of work lands, these repositories join it and this module goes.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tradeguard.domain.errors import Collision
from tradeguard.store.audit import record_change
from tradeguard.store.database import Database, collision_message
from tradeguard.store.facilities import FacilityRepository
from tradeguard.store.inbond import MovementRepository


class ChangeLog:
    """The change log inside the unit of work: an entry joins the same transaction."""

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


class CustodyWork:
    session: Session
    movements: MovementRepository
    facilities: FacilityRepository
    changes: ChangeLog

    def __init__(self, db: Database) -> None:
        self._db = db

    def __enter__(self) -> CustodyWork:
        self.session = Session(self._db.engine, expire_on_commit=False)
        self.movements = MovementRepository(self.session)
        self.facilities = FacilityRepository(self.session)
        self.changes = ChangeLog(self.session)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        try:
            if kind is not None:
                self.session.rollback()
        finally:
            self.session.close()

    def commit(self) -> None:
        """Commit; a unique constraint that refuses the write is a Collision (nothing written)."""
        try:
            self.session.commit()
        except IntegrityError as error:
            self.session.rollback()
            raise Collision(collision_message(error)) from error
