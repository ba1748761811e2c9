"""The unit of work: one transaction, and the repositories that read and write inside it.

A service opens one per use case, acts through its repositories and domain methods, and calls
`commit()`; leaving the block without committing, or with an error, writes nothing:

    with UnitOfWork(db) as uow:
        holds = uow.holds.get_many(ids)
        ...
        uow.commit()

Each aggregate's repository lives beside its table in store/ (holds: store/holds.py, cases:
store/cases.py, ...) and is added here. Helpers ending in `_in` (opening a case, granting an
exemption) take the caller's unit of work, so one use case can span several aggregates in one
transaction. `session` is exposed only for stores that have no repository yet.
"""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tradeguard.domain.errors import Collision
from tradeguard.store.accounts import ImporterRecord
from tradeguard.store.admissibility import AdmissibilityRepository
from tradeguard.store.allegations import AllegationRepository
from tradeguard.store.bonds import StbRepository
from tradeguard.store.cases import CaseRepository
from tradeguard.store.change_log import ChangeLog
from tradeguard.store.database import Database, collision_message
from tradeguard.store.drawback import ClaimRepository
from tradeguard.store.drawback_ledger import DesignationLedger
from tradeguard.store.drawback_review import (
    DrawbackBondRepository,
    ReviewRepository,
    SampleRepository,
)
from tradeguard.store.facilities import FacilityRepository
from tradeguard.store.holds import ExemptionRepository, FindingRepository, HoldRepository
from tradeguard.store.inbond import MovementRepository
from tradeguard.store.oversight import OversightRepository
from tradeguard.store.reviews import CenterReviewRepository
from tradeguard.store.rules import RuleRepository
from tradeguard.store.targeting_runs import TargetingRunRepository


class UnitOfWork:
    session: Session
    holds: HoldRepository
    findings: FindingRepository
    exemptions: ExemptionRepository
    cases: CaseRepository
    rules: RuleRepository
    runs: TargetingRunRepository
    movements: MovementRepository
    facilities: FacilityRepository
    center_reviews: CenterReviewRepository
    importers: ImporterRecord
    changes: ChangeLog
    admissibility: AdmissibilityRepository
    allegations: AllegationRepository
    claims: ClaimRepository  # drawback
    ledger: DesignationLedger
    drawback_bonds: DrawbackBondRepository
    samples: SampleRepository
    reviews: ReviewRepository
    stbs: StbRepository  # single transaction bonds
    oversight: OversightRepository  # the recommendation tracker's history and checks

    def __init__(self, db: Database) -> None:
        self._db = db

    def __enter__(self) -> UnitOfWork:
        self.session = self._db.new_session()
        self.holds = HoldRepository(self.session)
        self.findings = FindingRepository(self.session)
        self.exemptions = ExemptionRepository(self.session)
        self.cases = CaseRepository(self.session)
        self.rules = RuleRepository(self.session)
        self.runs = TargetingRunRepository(self.session)
        self.movements = MovementRepository(self.session)
        self.facilities = FacilityRepository(self.session)
        self.center_reviews = CenterReviewRepository(self.session)
        self.importers = ImporterRecord(self.session)
        self.changes = ChangeLog(self.session)
        self.admissibility = AdmissibilityRepository(self.session)
        self.allegations = AllegationRepository(self.session)
        self.claims = ClaimRepository(self.session)
        self.ledger = DesignationLedger(self.session)
        self.drawback_bonds = DrawbackBondRepository(self.session)
        self.samples = SampleRepository(self.session)
        self.reviews = ReviewRepository(self.session)
        self.stbs = StbRepository(self.session)
        self.oversight = OversightRepository(self.session)
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
            # Closing without a commit discards what was written (the connection's transaction
            # is rolled back) but leaves what was read loaded, so a read-only unit of work can
            # hand its rows back to the caller.
            self.session.close()
        if isinstance(error, IntegrityError):  # a racing write refused by a constraint
            raise Collision(collision_message(error)) from error

    def commit(self) -> None:
        """Commit; a unique or reference constraint refusing the write is a Collision (409)."""
        try:
            self.session.commit()
        except IntegrityError as error:
            self.session.rollback()
            raise Collision(collision_message(error)) from error

    def rollback(self) -> None:
        self.session.rollback()
