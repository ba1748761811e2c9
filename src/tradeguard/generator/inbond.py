"""Synthetic in-bond movements with planted breaches, the same for the same seed.

Honest carriers deliver within 1-12 days and report the same or the next day; T&E and IE goods
leave within 10 days of arrival. Planted (each at least twice, whatever the count):
`late_arrival` (delivered 31-50 days out), `late_arrival_report` (reported a week late),
`never_arrived` (departed over 30 days ago, never reported), `not_exported` (T&E arrived over
15 days ago, never exported), `late_export_report`, and `missing_proof` (arrived with no proof
of arrival on record). Nothing is dated after `as_of`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from tradeguard.domain.cases.business_days import add_business_days
from tradeguard.domain.inbond import Movement, MovementType
from tradeguard.reference.ports import packaged_ports

SHARES = {
    "late_arrival": 0.05,
    "late_arrival_report": 0.04,
    "never_arrived": 0.03,
    "not_exported": 0.02,
    "late_export_report": 0.02,
    "missing_proof": 0.02,
}
WINDOW_DAYS = 180
CARRIERS = (
    "ABFS",
    "CNRU",
    "CPRS",
    "FXFE",
    "HJBT",
    "KNXT",
    "ODFL",
    "SAIA",
    "SWFT",
    "UPSN",
    "WERN",
    "YFSY",
)
TYPE_WEIGHTS = {
    MovementType.IMMEDIATE_TRANSPORTATION: 0.7,
    MovementType.TRANSPORTATION_AND_EXPORTATION: 0.2,
    MovementType.IMMEDIATE_EXPORTATION: 0.1,
}


@dataclass(frozen=True, slots=True)
class PlannedMovement:
    """A movement as filed, what the carrier later reports, and what was planted in it."""

    movement: Movement
    application: str
    arrived_on: date | None = None
    arrival_reported_on: date | None = None
    arrival_proof: str = ""
    exported_on: date | None = None
    export_reported_on: date | None = None
    export_proof: str = ""
    violation: str | None = None


def _plan(count: int) -> list[str | None]:
    planted: list[str | None] = []
    for name, share in SHARES.items():
        planted.extend([name] * max(2, round(share * count)))
    return planted[:count] + [None] * max(0, count - len(planted))


def _movement(rng: random.Random, number: int, kind: MovementType, departed: date) -> Movement:
    ports = sorted(packaged_ports())
    origin = rng.choice(ports)
    destination = origin
    if kind is not MovementType.IMMEDIATE_EXPORTATION:
        destination = rng.choice([p for p in ports if p != origin])
    carrier = rng.choice(CARRIERS)
    value = Decimal(int(rng.lognormvariate(10.5, 1.0) * 100)) / 100 + Decimal("100")
    return Movement(
        inbond_no=f"{number:09d}",
        movement_type=kind,
        origin_port=origin,
        destination_port=destination,
        carrier_code=carrier,
        bond_no=f"{carrier}-CB1",
        value=value,
        departed_on=departed,
        restricted=rng.random() < 0.03,
    )


def _kind_for(rng: random.Random, violation: str | None) -> MovementType:
    if violation in ("not_exported", "late_export_report"):
        return MovementType.TRANSPORTATION_AND_EXPORTATION
    kinds = list(TYPE_WEIGHTS)
    return rng.choices(kinds, weights=[TYPE_WEIGHTS[k] for k in kinds])[0]


def _departure(rng: random.Random, violation: str | None, as_of: date) -> date:
    # far enough back that the planted breach has happened, and been reported, by `as_of`
    earliest = {
        "late_arrival": 55,
        "never_arrived": 35,
        "not_exported": 35,
        "late_arrival_report": 30,
        "late_export_report": 60,
        "missing_proof": 20,
    }.get(violation or "", 1)
    return as_of - timedelta(days=rng.randint(max(earliest, 1), WINDOW_DAYS))


def _events(rng: random.Random, m: Movement, violation: str | None, as_of: date) -> PlannedMovement:
    application = f"edi:7512:{m.inbond_no}"
    if violation == "never_arrived":
        return PlannedMovement(m, application, violation=violation)
    transit = rng.randint(31, 50) if violation == "late_arrival" else rng.randint(1, 12)
    if m.movement_type is MovementType.IMMEDIATE_EXPORTATION and violation != "late_arrival":
        transit = rng.randint(0, 2)
    arrived = m.departed_on + timedelta(days=transit)
    lag = 7 if violation == "late_arrival_report" else rng.randint(0, 1)
    reported = add_business_days(arrived, lag) if lag else arrived
    if reported > as_of:
        return PlannedMovement(m, application, violation=None)
    proof = "" if violation == "missing_proof" else f"edi:arrival:{m.inbond_no}"
    arrival = PlannedMovement(m, application, arrived, reported, proof, violation=violation)
    if not m.movement_type.exports or violation == "not_exported":
        return arrival
    exported = arrived + timedelta(days=rng.randint(0, 10))
    lag = 6 if violation == "late_export_report" else 0
    export_reported = add_business_days(exported, lag) if lag else exported
    if export_reported > as_of:
        return PlannedMovement(m, application, arrived, reported, proof, violation=None)
    return PlannedMovement(
        m,
        application,
        arrived,
        reported,
        proof,
        exported,
        export_reported,
        f"edi:export:{m.inbond_no}",
        violation,
    )


def generate_movements(seed: int, count: int, as_of: date) -> list[PlannedMovement]:
    """`count` movements departed in the 180 days before `as_of`, breaches planted."""
    rng = random.Random(f"inbond:{seed}")
    plan = _plan(count)
    rng.shuffle(plan)
    out = []
    for i, violation in enumerate(plan):
        kind = _kind_for(rng, violation)
        m = _movement(rng, 100_000_000 + i, kind, _departure(rng, violation, as_of))
        out.append(_events(rng, m, violation, as_of))
    return out
