"""What the in-bond use cases return: a movement as officers read it, typed, for the CLI, the
API and the pages alike."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tradeguard.domain.cases.money import from_cents
from tradeguard.domain.inbond import breaches, deadlines
from tradeguard.domain.inbond_documents import missing_documents
from tradeguard.store.inbond import MovementClaimRow, MovementDocumentRow, MovementRow


@dataclass(frozen=True, slots=True)
class DeadlineView:
    name: str
    due_on: date
    met_on: date | None
    status: str


@dataclass(frozen=True, slots=True)
class ClaimView:
    breach: str
    case_id: int
    amount: Decimal


@dataclass(frozen=True, slots=True)
class DocumentView:
    kind: str
    reference: str
    recorded_on: date


@dataclass(frozen=True, slots=True)
class MovementView:
    inbond_no: str
    movement_type: str
    origin_port: str
    destination_port: str
    carrier_code: str
    bond_no: str
    value: Decimal
    restricted: bool
    departed_on: date
    state: str
    arrived_on: date | None
    arrival_reported_on: date | None
    exported_on: date | None
    export_reported_on: date | None
    defaulted_on: date | None
    retain_until: date | None
    documents_purged_on: date | None
    deadlines: list[DeadlineView]
    breaches: list[str]
    claims: list[ClaimView]
    documents: list[DocumentView]
    missing_documents: list[str]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def movement_view(
    row: MovementRow,
    documents: list[MovementDocumentRow],
    claims: list[MovementClaimRow],
    today: date,
) -> MovementView:
    m = row.movement([d.kind for d in documents])
    missing = [] if row.documents_purged_on else [k.value for k in missing_documents(m)]
    return MovementView(
        inbond_no=row.inbond_no,
        movement_type=row.movement_type,
        origin_port=row.origin_port,
        destination_port=row.destination_port,
        carrier_code=row.carrier_code,
        bond_no=row.bond_no,
        value=from_cents(row.value_cents),
        restricted=row.restricted,
        departed_on=row.departed_on,
        state=row.state,
        arrived_on=row.arrived_on,
        arrival_reported_on=row.arrival_reported_on,
        exported_on=row.exported_on,
        export_reported_on=row.export_reported_on,
        defaulted_on=row.defaulted_on,
        retain_until=row.retain_until,
        documents_purged_on=row.documents_purged_on,
        deadlines=[DeadlineView(d.name, d.due_on, d.met_on, d.status(today)) for d in deadlines(m)],
        breaches=[b.value for b in breaches(m)],
        claims=[ClaimView(c.breach, c.case_id, from_cents(c.amount_cents)) for c in claims],
        documents=[DocumentView(d.kind, d.reference, d.recorded_on) for d in documents],
        missing_documents=missing,
    )
