"""The AD/CVD collection measures GAO-16-542 asks for, read from the stores.

- liquidations outside the six-month window, and their causes;
- unpaid bills: past due and not collected in full (still owed, or written off): how many,
  how many dollars, how long past due;
- the share of open AD/CVD exposure (what open bills still owe) that bonds cover: a claimed
  bill is covered by what its surety still owes on the claim; an open bill by what its bond
  still covers after earlier claims, shared among the bond's bills oldest first.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from tradeguard.domain.adcvd import BillState
from tradeguard.services.adcvd_documents import document
from tradeguard.store.adcvd import bill_of
from tradeguard.store.adcvd_repository import AdcvdRepository
from tradeguard.store.database import Database

AGE_BANDS = ((90, "1-90 days"), (180, "91-180 days"), (365, "181-365 days"))
OLDEST_BAND = "over a year"


@dataclass(frozen=True, slots=True)
class LateLiquidations:
    lines: int
    late_lines: int
    instructions: int
    late_instructions: int
    by_cause: dict[str, int]  # late lines per cause
    mean_days_late: float


@dataclass(frozen=True, slots=True)
class UnpaidBills:
    """Bills past due that CBP has not collected in full: still owed, or written off."""

    on: date
    count: int
    uncollected_cents: int  # billed minus what the importer and the surety paid
    by_age: dict[str, int]  # bills per band of days past due on `on`
    mean_days_past_due: float
    owed: int  # still open or claimed
    owed_cents: int
    written_off: int
    written_off_cents: int


@dataclass(frozen=True, slots=True)
class BondCoverage:
    open_bills: int
    exposure_cents: int
    covered_cents: int

    @property
    def share(self) -> float:
        return self.covered_cents / self.exposure_cents if self.exposure_cents else 1.0


@dataclass(frozen=True, slots=True)
class CollectionMeasures:
    """GAO-16-542's three: late liquidations, unpaid bills, and what bonds cover."""

    late: LateLiquidations
    unpaid: UnpaidBills
    coverage: BondCoverage

    def as_json(self) -> dict[str, Any]:
        doc: dict[str, Any] = document(asdict(self))
        doc["coverage"]["share"] = round(self.coverage.share, 4)
        late = self.late
        doc["late"]["share_of_lines"] = (
            round(late.late_lines / late.lines, 4) if late.lines else 0.0
        )
        return doc


def late_liquidations(repo: AdcvdRepository) -> LateLiquidations:
    pairs = repo.liquidations()
    late = [(lq, ins) for lq, ins in pairs if lq.late]
    days = [(lq.liquidated_on - ins.liquidate_by).days for lq, ins in late]
    return LateLiquidations(
        lines=len(pairs),
        late_lines=len(late),
        instructions=len({ins.message_no for _, ins in pairs}),
        late_instructions=len({ins.message_no for _, ins in late}),
        by_cause=dict(Counter(lq.cause or "not_recorded" for lq, _ in late).most_common()),
        mean_days_late=round(sum(days) / len(days), 1) if days else 0.0,
    )


def _band(days: int) -> str:
    return next((name for bound, name in AGE_BANDS if days <= bound), OLDEST_BAND)


def unpaid_bills(repo: AdcvdRepository, on: date) -> UnpaidBills:
    found = repo.unpaid_bills(on)
    ages = [(on - b.due_on).days for b in found]
    uncollected = [b.principal_cents + b.interest_cents - b.paid_cents - b.surety_paid_cents
                   for b in found]  # fmt: skip
    gone = [b for b in found if b.state == BillState.WRITTEN_OFF.value]
    by_age = Counter(_band(a) for a in ages)
    names = [name for _, name in AGE_BANDS] + [OLDEST_BAND]
    return UnpaidBills(
        on=on,
        count=len(found),
        uncollected_cents=sum(uncollected),
        by_age={name: by_age.get(name, 0) for name in names},
        mean_days_past_due=round(sum(ages) / len(ages), 1) if ages else 0.0,
        owed=len(found) - len(gone),
        owed_cents=sum(uncollected) - sum(b.written_off_cents for b in gone),
        written_off=len(gone),
        written_off_cents=sum(b.written_off_cents for b in gone),
    )


def bond_coverage(repo: AdcvdRepository) -> BondCoverage:
    used = repo.claims_by_bond()
    exposure = covered = count = 0
    for bill in repo.bills([BillState.OPEN, BillState.CLAIMED]):
        balance = (bill.principal_cents + bill.interest_cents - bill.paid_cents
                   - bill.surety_paid_cents)  # fmt: skip
        if balance <= 0:
            continue
        count += 1
        exposure += balance
        if bill.state == BillState.CLAIMED.value:
            covered += bill_of(bill).claim_outstanding_cents
            continue
        available = max(0, bill.bond_cents - used.get(bill.bond_key, 0))
        share = min(balance, available)
        used[bill.bond_key] = used.get(bill.bond_key, 0) + share
        covered += share
    return BondCoverage(count, exposure, covered)


def collection_measures(db: Database, on: date) -> CollectionMeasures:
    with db.session() as session:
        repo = AdcvdRepository(session)
        return CollectionMeasures(
            late_liquidations(repo), unpaid_bills(repo, on), bond_coverage(repo)
        )
