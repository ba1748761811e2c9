"""Withhold release orders as a use case: detain covered goods, then follow the importer's
window to export or prove admissibility to release, export or seizure (domain/withhold_release.py).
A seizure opens a seizure case in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tradeguard.domain.cases import CaseKind
from tradeguard.domain.cases.money import from_cents, to_cents
from tradeguard.domain.cases.opening import CaseOpening
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.pti import PTI
from tradeguard.domain.withhold_release import Detention, DetentionState
from tradeguard.services.cases import open_in
from tradeguard.store.admissibility import DetentionRow
from tradeguard.store.database import Database
from tradeguard.store.unit_of_work import UnitOfWork

# Forced labor is not one of the seven PTIs; its detentions are unsafe-for-commerce admissibility
# questions, counted under Import Safety so every case carries a PTI.
WRO_PTI = PTI.IMPORT_SAFETY


@dataclass(frozen=True, slots=True)
class DetentionView:
    id: int
    entry_no: str
    wro_no: str
    importer_id: str
    value_usd: Decimal
    detention: Detention
    days_left: int | None
    case_id: int | None

    def as_json(self) -> dict[str, Any]:
        d = self.detention
        return {
            "id": self.id, "entry_no": self.entry_no, "wro_no": self.wro_no,
            "importer_id": self.importer_id, "value_usd": str(self.value_usd),
            "state": d.state.value, "detained_on": d.detained_on.isoformat(),
            "window_ends": d.window_ends.isoformat(), "days_left": self.days_left,
            "proof_on": d.proof_on.isoformat() if d.proof_on else None,
            "closed_on": d.closed_on.isoformat() if d.closed_on else None,
            "case_id": self.case_id,
        }  # fmt: skip


def _view(row: DetentionRow, today: date) -> DetentionView:
    d = row.domain()
    return DetentionView(
        id=row.id, entry_no=row.entry_no, wro_no=row.wro_no, importer_id=row.importer_id,
        value_usd=from_cents(row.value_cents), detention=d, days_left=d.days_left(today),
        case_id=row.case_id,
    )  # fmt: skip


def detain(
    db: Database,
    *,
    entry_no: str,
    wro_no: str,
    importer_id: str,
    value_usd: Decimal,
    detained_on: date,
    actor: str,
) -> DetentionView:
    if detained_on > date.today():
        raise InvalidInput(f"detained_on {detained_on} is in the future", "detained_on")
    with UnitOfWork(db) as uow:
        order = uow.admissibility.withhold_order(wro_no).domain()
        if detained_on < order.issued_on:
            raise InvalidInput(f"order {wro_no} was issued on {order.issued_on}", "detained_on")
        row = DetentionRow(
            entry_no=entry_no, wro_no=wro_no, importer_id=importer_id,
            value_cents=to_cents(value_usd), detained_on=detained_on,
            state=DetentionState.DETAINED.value,
        )  # fmt: skip
        uow.admissibility.add(row)
        uow.changes.record(
            actor=actor, action="wro.detain", entity="detention",
            entity_id=str(row.id), after={"entry_no": entry_no, "wro_no": wro_no},
        )  # fmt: skip
        view = _view(row, date.today())
        uow.commit()
    return view


def move_detention(
    db: Database, detention_id: int, to: DetentionState, on: date, actor: str
) -> DetentionView:
    """Move a detention; seizing the goods opens their seizure case."""
    if on > date.today():
        raise InvalidInput(f"on {on} is in the future", "on")
    with UnitOfWork(db) as uow:
        row = uow.admissibility.detention(detention_id)
        before = row.state
        row.apply(row.domain().move(to, on))
        if to is DetentionState.SEIZED:
            opening = CaseOpening(
                kind=CaseKind.SEIZURE, pti=WRO_PTI, opened_on=on, importer_id=row.importer_id,
                entry_no=row.entry_no, violation_type="excluded",
                details={"withhold_release_order": row.wro_no, "detention": row.id},
            )  # fmt: skip
            row.case_id = open_in(uow, opening, actor)
        uow.changes.record(
            actor=actor, action="wro.move", entity="detention",
            entity_id=str(row.id), before=before, after=row.state,
        )  # fmt: skip
        view = _view(row, date.today())
        uow.commit()
    return view


def list_detentions(db: Database, *, today: date | None = None) -> list[DetentionView]:
    today = today or date.today()
    with UnitOfWork(db) as uow:
        return [_view(r, today) for r in uow.admissibility.detentions()]
