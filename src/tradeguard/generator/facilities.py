"""Synthetic bonded warehouses and zones with planted control failures, the same for the same
seed.

Most facilities take their code, port, kind and class from the packaged reference list; the
rest of the list is left without a facility. Planted: `unreconciled_code` (a code not on the
list), `unreviewed` (registered over 90 days ago, never reviewed), `review_overdue` (the last
review is older than its risk level allows), goods `over_limit` (in a bonded warehouse more
than five years after importation), and `insufficient_bond` (a bond of 30-80% of the duties on
the goods the facility holds; every other bond covers them, rounded up to $50,000). A zone also
holds goods that old: zones have no limit, so that is a control the detector must not flag.
Each admission declares its estimated duties (2.5-20% of its value).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from tradeguard.domain.entry_number import make_entry_no
from tradeguard.domain.facilities import (
    REVIEW_INTERVAL_YEARS,
    Admission,
    ComplianceReview,
    Facility,
    FacilityKind,
    RiskLevel,
)
from tradeguard.reference.facility_codes import packaged_facility_codes

GOODS = (
    "steel coils",
    "wine",
    "cigars",
    "auto parts",
    "apparel",
    "electronics",
    "watches",
    "olive oil",
    "machinery",
    "perfume",
)
OPERATORS = (
    "Harbor Logistics",
    "Gateway Bonded",
    "Midwest Storage",
    "Pacific Zone Ops",
    "Atlantic Freight",
    "Delta Distribution",
)


@dataclass(frozen=True, slots=True)
class PlannedFacility:
    facility: Facility
    reviews: tuple[ComplianceReview, ...]
    admissions: tuple[Admission, ...]
    violations: tuple[str, ...]


def _reviews(
    rng: random.Random, code: str, violation: str | None, as_of: date, registered: date
) -> tuple[ComplianceReview, ...]:
    if violation == "unreviewed":
        return ()
    level = rng.choice(list(RiskLevel))
    years = REVIEW_INTERVAL_YEARS[level]
    if violation == "review_overdue":
        reviewed = as_of - timedelta(days=365 * years + rng.randint(30, 200))
    else:
        reviewed = as_of - timedelta(days=rng.randint(10, 365 * years - 100))
    reviewed = max(reviewed, registered)
    evidence = (f"review:{code}:{reviewed.isoformat()}", f"inventory-count:{code}")
    return (ComplianceReview(reviewed, "regulatory-audit", level, evidence, rng.randint(0, 3)),)


DUTY_RATES = (Decimal("0.025"), Decimal("0.05"), Decimal("0.10"), Decimal("0.20"))


def _admissions(rng: random.Random, code: str, old: bool, as_of: date) -> tuple[Admission, ...]:
    out = []
    for n in range(rng.randint(2, 5)):
        age = rng.randint(6 * 365, 7 * 365) if old and n == 0 else rng.randint(10, 3 * 365)
        imported = max(as_of - timedelta(days=age), date(2000, 1, 1))
        quantity = rng.randint(10, 500)
        value = Decimal(rng.randint(5_000, 900_000))
        out.append(
            Admission(
                entry_no=make_entry_no("W" + code[1:3], rng.randint(1, 9_999_999)),
                description=rng.choice(GOODS),
                quantity=quantity,
                value=value,
                imported_on=imported,
                admitted_on=imported + timedelta(days=rng.randint(0, 5)),
                duty=(value * rng.choice(DUTY_RATES)).quantize(Decimal("0.01")),
            )
        )
    return tuple(out)


def _bond(rng: random.Random, goods: tuple[Admission, ...], short: bool) -> Decimal:
    """A bond covering the duties on the goods (rounded up to $50,000, at least a random
    $50,000-250,000), or, planted, only 30-80% of them (rounded down to $1,000)."""
    duties = sum((g.duty or Decimal(0) for g in goods), Decimal(0))
    if short:
        return max(Decimal(1_000), (duties * Decimal(rng.randint(30, 80)) / 100 // 1_000) * 1_000)
    floor = Decimal(rng.choice((50_000, 100_000, 250_000)))
    return max(floor, Decimal(math.ceil(duties / 50_000) * 50_000))


def _fake_code(rng: random.Random, taken: set[str]) -> str:
    while True:
        code = rng.choice("FQVXZ") + f"{rng.randint(0, 999):03d}"
        if code not in taken:
            return code


def generate_facilities(seed: int, count: int, as_of: date) -> list[PlannedFacility]:
    """`count` facilities (at most the reference list's size plus the planted codes)."""
    rng = random.Random(f"facilities:{seed}")
    listed = sorted(packaged_facility_codes().values(), key=lambda c: c.code)
    rng.shuffle(listed)
    planted_kinds = {
        "unreconciled_code": 3,
        "unreviewed": 4,
        "review_overdue": 3,
        "over_limit": 4,
        "insufficient_bond": 3,
    }
    plan: list[str | None] = [name for name, n in planted_kinds.items() for _ in range(n)]
    plan += [None] * max(0, count - len(plan))
    taken = {c.code for c in listed}
    out = []
    for i, planned in enumerate(plan[:count]):
        ref = listed[i % len(listed)]
        code = _fake_code(rng, taken) if planned == "unreconciled_code" else ref.code
        taken.add(code)
        # planted overdue reviews and old goods need a facility old enough to hold them
        oldest = {"review_overdue": 1800, "over_limit": 2800}.get(planned or "", 400)
        registered = as_of - timedelta(days=rng.randint(oldest, 3000))
        kind = FacilityKind(ref.kind)
        # old goods in a zone too: there they break no limit (the negative control below)
        admissions = _admissions(rng, code, planned == "over_limit", as_of)
        facility = Facility(
            code=code,
            name=f"{rng.choice(OPERATORS)} {code}",
            kind=kind,
            class_code=ref.class_code,
            operator=rng.choice(OPERATORS),
            port_code=ref.port,
            bond_no=f"WB{code}",
            bond_amount=_bond(rng, admissions, planned == "insufficient_bond"),
            registered_on=registered,
        )
        violation: str | None = planned
        if violation == "over_limit" and facility.kind is FacilityKind.FOREIGN_TRADE_ZONE:
            violation = None  # old goods in a zone break no limit: a negative control
        reviews = _reviews(rng, code, violation, as_of, registered)
        out.append(
            PlannedFacility(facility, reviews, admissions, (violation,) if violation else ())
        )
    return out
