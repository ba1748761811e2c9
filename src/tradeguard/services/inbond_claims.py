"""Overdue in-bond movements for the ports to follow up, and the liquidated damages claims that
breaches open against the carrier's bond.

A claim is a `liquidated_damages` case (domain/cases/liquidated_damages.py), opened through
services/cases.py in the same transaction that records it against the movement; the unique
(movement, breach) pair means a second sweep opens nothing twice.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from tradeguard.domain.cases import CaseKind
from tradeguard.domain.cases.money import to_cents
from tradeguard.domain.cases.opening import CaseOpening
from tradeguard.domain.inbond import (
    Breach,
    Movement,
    check_inbond_no,
    deadlines,
    liquidated_damages,
    overdue,
)
from tradeguard.domain.inbond import breaches as breaches_of
from tradeguard.domain.pti import PTI
from tradeguard.services.cases import open_in
from tradeguard.services.inbond import views_of
from tradeguard.services.inbond_views import MovementView
from tradeguard.store.database import Database
from tradeguard.store.inbond import MovementClaimRow, MovementRow
from tradeguard.store.unit_of_work import UnitOfWork

# The deadline whose miss each breach is, for the claim's violation date.
DEADLINE_OF = {
    Breach.LATE_DELIVERY: "delivery",
    Breach.NON_DELIVERY: "delivery",
    Breach.LATE_ARRIVAL_REPORT: "arrival report",
    Breach.LATE_EXPORT: "export",
    Breach.FAILURE_TO_EXPORT: "export",
    Breach.LATE_EXPORT_REPORT: "export report",
}


@dataclass(frozen=True, slots=True)
class OverdueMovement:
    inbond_no: str
    movement_type: str
    origin_port: str
    destination_port: str
    carrier_code: str
    deadline: str
    due_on: date
    days_overdue: int


@dataclass(frozen=True, slots=True)
class PortFollowUp:
    port: str
    movements: list[OverdueMovement]


@dataclass(frozen=True, slots=True)
class OverdueReport:
    as_of: date
    total: int
    ports: list[PortFollowUp] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ClaimOpened:
    inbond_no: str
    breach: str
    case_id: int
    amount: str


@dataclass(frozen=True, slots=True)
class ClaimsOpened:
    opened: list[ClaimOpened]
    already_claimed: int

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def overdue_movements(db: Database, *, today: date | None = None) -> OverdueReport:
    """Every movement with a deadline passed and nothing reported, by the port that should act."""
    today = today or date.today()
    by_port: dict[str, list[OverdueMovement]] = {}
    with UnitOfWork(db) as uow:
        for row in uow.movements.open():
            for d in overdue(row.movement(), today):
                by_port.setdefault(row.destination_port, []).append(
                    OverdueMovement(
                        row.inbond_no,
                        row.movement_type,
                        row.origin_port,
                        row.destination_port,
                        row.carrier_code,
                        d.name,
                        d.due_on,
                        (today - d.due_on).days,
                    )
                )
    ports = [
        PortFollowUp(port, sorted(found, key=lambda o: (-o.days_overdue, o.inbond_no)))
        for port, found in sorted(by_port.items())
    ]
    return OverdueReport(today, sum(len(p.movements) for p in ports), ports)


def _opening(m: Movement, breach: Breach, today: date) -> CaseOpening:
    due = next(d.due_on for d in deadlines(m) if d.name == DEADLINE_OF[breach])
    amount = liquidated_damages(breach, m.value, m.restricted)
    return CaseOpening(
        kind=CaseKind.LIQUIDATED_DAMAGES,
        pti=PTI.REVENUE,
        opened_on=today,
        subtype=breach.value,
        violation_type=breach.value,
        violation_date=min(due + timedelta(days=1), today),
        demanded=amount,
        details={
            "inbond_no": m.inbond_no,
            "movement_type": m.movement_type.value,
            "carrier_code": m.carrier_code,
            "bond_no": m.bond_no,
            "origin_port": m.origin_port,
            "destination_port": m.destination_port,
            "deadline": DEADLINE_OF[breach],
            "due_on": due.isoformat(),
            "value": str(m.value),
            "restricted": m.restricted,
        },
    )


def _claim_breaches(
    uow: UnitOfWork, row: MovementRow, claimed: set[str], actor: str, today: date
) -> list[ClaimOpened]:
    movement, opened = row.movement(), []
    for breach in breaches_of(movement):
        if breach.value in claimed:
            continue
        opening = _opening(movement, breach, today)
        case_id = open_in(uow, opening, actor)
        uow.movements.add_claim(
            MovementClaimRow(
                movement_id=row.id,
                breach=breach.value,
                case_id=case_id,
                amount_cents=to_cents(opening.demanded),
            )
        )
        opened.append(ClaimOpened(row.inbond_no, breach.value, case_id, str(opening.demanded)))
    return opened


def declare_default(
    db: Database, inbond_no: str, actor: str, *, today: date | None = None
) -> MovementView:
    """The port found the goods neither delivered nor exported: the movement is in default and
    its claim opens with it."""
    today = today or date.today()
    with UnitOfWork(db) as uow:
        row = uow.movements.get(check_inbond_no(inbond_no))
        movement = row.movement()
        breach = movement.declare_default(today)
        row.apply(movement)
        uow.movements.flush()
        claimed = {c.breach for c in uow.movements.claims(row.id)}
        opened = _claim_breaches(uow, row, claimed, actor, today)
        uow.changes.record(
            actor=actor,
            action="inbond.default",
            entity="inbond",
            entity_id=row.inbond_no,
            after={"breach": breach, "claims": [asdict(o) for o in opened]},
        )
        view = views_of(uow, [row], today)[0]
        uow.commit()
    return view


def open_claims(db: Database, actor: str, *, today: date | None = None) -> ClaimsOpened:
    """Open a claim for every breach that has none yet (late deliveries, late reports)."""
    today = today or date.today()
    opened: list[ClaimOpened] = []
    with UnitOfWork(db) as uow:
        rows = uow.movements.every()
        claims = uow.movements.claims_for([row.id for row in rows])
        already = sum(len(found) for found in claims.values())
        for row in rows:
            claimed = {c.breach for c in claims[row.id]}
            opened.extend(_claim_breaches(uow, row, claimed, actor, today))
        uow.changes.record(
            actor=actor,
            action="inbond.claims",
            entity="inbond",
            entity_id="*",
            after={"opened": len(opened)},
        )
        uow.commit()
    return ClaimsOpened(opened, already)
