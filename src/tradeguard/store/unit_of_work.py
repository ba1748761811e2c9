"""The unit of work: one transaction, and the repositories that read and write inside it.

A service opens one per use case, acts through its repositories and domain methods, and calls
`commit()`; leaving the block without committing, or with an error, writes nothing:

    with UnitOfWork(db) as uow:
        holds = uow.holds.get_many(ids)
        ...
        uow.commit()

`session` is exposed only for the older `..._in(session, ...)` helpers that other use cases
(cases, exemptions) still take; new code adds a repository instead.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any

from sqlalchemy.orm import Session

from tradeguard.domain.errors import NotFound
from tradeguard.store.change_log import record_change
from tradeguard.store.database import Database
from tradeguard.store.holds import FindingRepository, HoldRepository
from tradeguard.store.rules import rule_facts
from tradeguard.store.targeting_runs import TargetingRun, latest


class ChangeLog:
    """Who changed what, before and after (store.change_log; its table is `audit_log`)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def record(
        self, *, actor: str, action: str, entity: str, entity_id: str, **states: Any
    ) -> None:
        record_change(
            self._session, actor=actor, action=action, entity=entity, entity_id=entity_id, **states
        )


class RuleFacts:
    def __init__(self, session: Session) -> None:
        self._session = session

    def field_by_ref(self, key: str) -> dict[str, str]:
        """One field (risk, pti) of every rule version, by its `R-ID@N` reference."""
        return rule_facts(self._session, key)


class TargetingRuns:
    def __init__(self, session: Session) -> None:
        self._session = session

    def latest(self) -> TargetingRun:
        """The latest run, or NotFound telling the user to run targeting first."""
        run = latest(self._session)
        if run is None:
            raise NotFound("no targeting run yet: run `tradeguard target` first")
        return run


class UnitOfWork:
    session: Session
    holds: HoldRepository
    findings: FindingRepository
    rules: RuleFacts
    runs: TargetingRuns
    changes: ChangeLog

    def __init__(self, db: Database) -> None:
        self._db = db

    def __enter__(self) -> UnitOfWork:
        self.session = self._db.new_session()
        self.holds = HoldRepository(self.session)
        self.findings = FindingRepository(self.session)
        self.rules = RuleFacts(self.session)
        self.runs = TargetingRuns(self.session)
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
            # Closing without a commit discards what was written (the connection's transaction
            # is rolled back) but leaves what was read loaded, so a read-only unit of work can
            # hand its rows back to the caller.
            self.session.close()

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
