"""Allegation triage: a public e-allegation becomes an allegation case, closed with a reason or
moved on into the case it calls for, in one unit of work."""

from __future__ import annotations

from datetime import date

from tradeguard.domain.cases import CaseKind
from tradeguard.domain.cases.opening import CaseOpening
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.pti import PTI
from tradeguard.store.database import Database

__all__ = ["triage_allegation"]


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
    # at call time: services.cases re-exports this module's function, so a top-level
    # import would be circular
    from tradeguard.services.cases import move_in, open_in

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
    with db.session() as session:
        triage_id = open_in(session, base, actor)
        opened: int | None = None
        if open_as is None:
            move_in(session, triage_id, "closed", actor, on=day, note=reason.strip())
        else:
            follow = CaseOpening(
                kind=open_as,
                pti=pti,
                opened_on=received,
                allegation_id=allegation_id,
                importer_id=importer_id,
                details={"from_allegation_case": triage_id},
            )
            opened = open_in(session, follow, actor)
            note = reason.strip() or f"opened {open_as.value} case {opened}"
            move_in(session, triage_id, "case_opened", actor, on=day, note=note)
    return {"allegation_case_id": triage_id, "opened_case_id": opened}
