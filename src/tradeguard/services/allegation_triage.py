"""Allegation triage: a public e-allegation becomes an allegation case, closed with a reason or
moved on into the case it calls for, in one unit of work."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tradeguard.domain.cases import CaseKind
from tradeguard.domain.cases.opening import CaseOpening
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.pti import PTI, parse_pti
from tradeguard.services.cases import move_in, open_in
from tradeguard.store.database import Database
from tradeguard.store.unit_of_work import UnitOfWork

__all__ = ["triage_allegation", "triage_received"]


def triage_allegation(
    db: Database,
    allegation_id: str,
    text: str,
    *,
    actor: str,
    pti: PTI,
    open_as: CaseKind | None = None,
    reason: str = "",
    received_on: date | None = None,
    triaged_on: date | None = None,
    importer_id: str | None = None,
) -> dict[str, int | None]:
    """Triage a public e-allegation: open the case it calls for, or close it with a reason.

    The allegation's own text stays inside enforcement (it is never shown to another submitter).
    An EAPA investigation's 15-business-day initiation clock runs from the allegation's receipt.
    """
    if open_as is None and not reason.strip():
        raise InvalidInput("closing an allegation needs a reason", "reason")
    if open_as is CaseKind.ALLEGATION:
        raise InvalidInput("an allegation cannot be triaged into another allegation", "kind")
    received = received_on or date.today()
    day = triaged_on or max(received, date.today())
    base = CaseOpening(
        kind=CaseKind.ALLEGATION,
        pti=pti,
        opened_on=received,
        allegation_id=allegation_id,
        importer_id=importer_id,
        details={"summary": text[:2000]},
    )
    with UnitOfWork(db) as uow:
        result = _triage_in(uow, base, open_as, reason, day, actor)
        uow.commit()
    return result


def _triage_in(
    uow: UnitOfWork,
    base: CaseOpening,
    open_as: CaseKind | None,
    reason: str,
    day: date,
    actor: str,
) -> dict[str, int | None]:
    triage_id = open_in(uow, base, actor)
    opened: int | None = None
    if open_as is None:
        move_in(uow, triage_id, "closed", actor, on=day, note=reason.strip())
    else:
        follow = replace(base, kind=open_as, details={"from_allegation_case": triage_id})
        opened = open_in(uow, follow, actor)
        note = reason.strip() or f"opened {open_as.value} case {opened}"
        move_in(uow, triage_id, "case_opened", actor, on=day, note=note)
    return {"allegation_case_id": triage_id, "opened_case_id": opened}


def triage_received(
    db: Database,
    receipt: str,
    *,
    actor: str,
    open_as: CaseKind | None,
    reason: str = "",
    today: date | None = None,
) -> dict[str, int | None | str]:
    """Triage a submitted e-allegation by its receipt number: its case is opened and the
    allegation marked triaged in one unit of work, so it cannot be triaged twice."""
    if open_as is None and not reason.strip():
        raise InvalidInput("closing an allegation needs a reason", "reason")
    if open_as is CaseKind.ALLEGATION:
        raise InvalidInput("an allegation cannot be triaged into another allegation", "kind")
    with UnitOfWork(db) as uow:
        row = uow.allegations.by_receipt(receipt)
        before = {"status": row.status}
        row.triage(opened=open_as is not None)
        received = row.submitted_at.date()
        base = CaseOpening(
            kind=CaseKind.ALLEGATION,
            pti=parse_pti(row.pti),
            opened_on=received,
            allegation_id=receipt,
            importer_id=row.importer,
            details={"summary": row.description[:2000]},
        )
        day = max(received, today or date.today())
        result = _triage_in(uow, base, open_as, reason, day, actor)
        uow.changes.record(
            actor=actor, action="triage", entity="allegation", entity_id=receipt,
            before=before, after={"status": row.status, **result},
        )  # fmt: skip
        uow.commit()
    return {"receipt": receipt, **result}
