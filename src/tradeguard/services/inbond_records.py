"""In-bond records: kept for the record period, then purged, never while a claim needs them.

OIG-16-54 found in-bond documents not retained. Each movement carries the day its records may
go (`retain_until`: five years after it closed); the retention report shows what is kept, what
may be purged, what a liquidated damages claim still holds, and movements missing a document
they should have. Purging deletes the documents and keeps the movement's own row and claims.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from tradeguard.domain.cases import CaseKind, machine_for
from tradeguard.domain.inbond_documents import missing_documents
from tradeguard.store.database import Database
from tradeguard.store.unit_of_work import UnitOfWork

CLAIM_CLOSED = machine_for(CaseKind.LIQUIDATED_DAMAGES).terminal


@dataclass(frozen=True, slots=True)
class MissingDocuments:
    inbond_no: str
    state: str
    missing: list[str]


@dataclass(frozen=True, slots=True)
class RetentionReport:
    as_of: date
    movements: int
    open: int
    retained: int
    purge_eligible: list[str]
    held_by_claims: list[str]
    purged: int
    missing_documents: list[MissingDocuments]
    retained_until_by_year: dict[str, int]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class PurgeResult:
    as_of: date
    purged: list[str]
    documents_deleted: int
    held_by_claims: list[str]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def retention_report(db: Database, *, today: date | None = None) -> RetentionReport:
    today = today or date.today()
    with UnitOfWork(db) as uow:
        rows = uow.movements.every()
        kinds = uow.movements.document_kinds()
        held_ids = uow.movements.held_by_open_claims(CLAIM_CLOSED)
    eligible: list[str] = []
    held: list[str] = []
    missing: list[MissingDocuments] = []
    purged = 0
    years: Counter[str] = Counter()
    for row in rows:
        if row.documents_purged_on is not None:
            purged += 1
            continue
        if row.retain_until is not None:
            years[str(row.retain_until.year)] += 1
            if row.retain_until < today:
                (held if row.id in held_ids else eligible).append(row.inbond_no)
        lacking = missing_documents(row.movement(kinds.get(row.id, [])))
        if lacking:
            missing.append(MissingDocuments(row.inbond_no, row.state, [k.value for k in lacking]))
    open_count = sum(1 for row in rows if row.retain_until is None)
    return RetentionReport(
        as_of=today,
        movements=len(rows),
        open=open_count,
        retained=len(rows) - purged - len(eligible),
        purge_eligible=eligible,
        held_by_claims=held,
        purged=purged,
        missing_documents=missing,
        retained_until_by_year=dict(sorted(years.items())),
    )


def purge_records(db: Database, actor: str, *, today: date | None = None) -> PurgeResult:
    """Delete the documents of movements past their retention date that no open claim holds."""
    today = today or date.today()
    purged: list[str] = []
    held: list[str] = []
    deleted = 0
    with UnitOfWork(db) as uow:
        held_ids = uow.movements.held_by_open_claims(CLAIM_CLOSED)
        for row in uow.movements.every():
            if row.documents_purged_on or row.retain_until is None or row.retain_until >= today:
                continue
            if row.id in held_ids:
                held.append(row.inbond_no)
                continue
            deleted += uow.movements.purge_documents(row.id)
            row.documents_purged_on = today
            purged.append(row.inbond_no)
        uow.changes.record(
            actor=actor,
            action="inbond.purge",
            entity="inbond",
            entity_id="*",
            after={"purged": purged, "documents": deleted},
        )
        uow.commit()
    return PurgeResult(today, purged, deleted, held)
