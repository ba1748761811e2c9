"""The unit of work for drawback and single transaction bonds: one transaction and the
repositories that read and write inside it (the pattern of docs/architecture.md).

    with CustodyWork(db) as work:
        claim = work.claims.get(claim_no)
        claim.liquidate(on)
        work.record(actor, "drawback.liquidate", "drawback_claim", claim_no)
        work.commit()

Leaving the block without `commit()`, or with an error, writes nothing. A unique or check
constraint refusing the commit becomes a Collision, like every other store's.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tradeguard.domain.errors import Collision
from tradeguard.store.audit import record_change
from tradeguard.store.bonds import StbRepository
from tradeguard.store.database import Database, collision_message
from tradeguard.store.drawback import ClaimRepository, DesignationLedger
from tradeguard.store.drawback_review import (
    DrawbackBondRepository,
    ReviewRepository,
    SampleRepository,
)


class CustodyWork:
    session: Session
    claims: ClaimRepository
    ledger: DesignationLedger
    drawback_bonds: DrawbackBondRepository
    samples: SampleRepository
    reviews: ReviewRepository
    stbs: StbRepository

    def __init__(self, db: Database) -> None:
        self._db = db

    def __enter__(self) -> CustodyWork:
        self.session = Session(self._db.engine, expire_on_commit=False)
        self.claims = ClaimRepository(self.session)
        self.ledger = DesignationLedger(self.session)
        self.drawback_bonds = DrawbackBondRepository(self.session)
        self.samples = SampleRepository(self.session)
        self.reviews = ReviewRepository(self.session)
        self.stbs = StbRepository(self.session)
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
            self.session.close()  # without a commit, nothing written survives
        if isinstance(error, IntegrityError):
            # A constraint refused a write racing another (two claims of one number, two
            # bonds for one entry): a Collision, so interfaces answer 409 / exit 2.
            raise Collision(collision_message(error)) from error

    def record(self, actor: str, action: str, entity: str, entity_id: str, after: Any) -> None:
        """A change-log line in the same transaction as the change it records."""
        record_change(
            self.session,
            actor=actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            after=after,
        )

    def commit(self) -> None:
        try:
            self.session.flush()
            self.session.commit()
        except IntegrityError as error:
            self.session.rollback()
            raise Collision(collision_message(error)) from error
