"""What drawback specialists read: claims, the bond sufficiency of each accelerated claimant,
and the claims count the staffing model's drawback workload comes from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tradeguard.domain.drawback.claim import ClaimStatus, bond_shortfall_cents
from tradeguard.services.drawback_review import RevenueLoss, revenue_loss
from tradeguard.store.database import Database
from tradeguard.store.drawback import ClaimRow
from tradeguard.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class ClaimLine:
    claim_no: str
    kind: str
    claimant_id: str
    status: str
    filed_on: date
    accelerated: bool
    lines: int
    designated_cents: int
    refund_requested_cents: int
    refund_paid_cents: int
    bond_shortfall_cents: int


@dataclass(frozen=True, slots=True)
class BondSufficiency:
    """A claimant's drawback bond against what accelerated payment would put at risk."""

    claimant_id: str
    bond_no: str | None
    bond_cents: int
    outstanding_cents: int  # accelerated refunds paid, not yet liquidated
    waiting_cents: int  # accelerated claims filed, not yet paid
    shortfall_cents: int


def claim_line(row: ClaimRow) -> ClaimLine:
    return ClaimLine(
        row.claim_no,
        row.kind,
        row.claimant_id,
        row.status,
        row.filed_on,
        row.accelerated,
        len(row.designations),
        row.designated_cents,
        row.refund_requested_cents,
        row.refund_paid_cents,
        row.bond_shortfall_cents or 0,
    )


def list_claims(db: Database, status: ClaimStatus | None = None) -> list[ClaimLine]:
    with UnitOfWork(db) as work:
        return [claim_line(r) for r in work.claims.listed(status)]


def show_claim(db: Database, claim_no: str) -> ClaimLine:
    with UnitOfWork(db) as work:
        return claim_line(work.claims.get(claim_no))


def bond_sufficiency(db: Database) -> list[BondSufficiency]:
    """Computed for every claimant with accelerated claims, so that an insufficient bond shows
    before the next payment, not after it (OIG-15-76)."""
    with UnitOfWork(db) as work:
        claims = [c for c in work.claims.listed(limit=1_000_000) if c.accelerated]
        bonds = {b.claimant_id: b for b in work.drawback_bonds.all()}
    out: list[BondSufficiency] = []
    for claimant in sorted({c.claimant_id for c in claims}):
        mine = [c for c in claims if c.claimant_id == claimant]
        outstanding = sum(c.refund_paid_cents for c in mine if c.status == ClaimStatus.PAID)
        waiting = sum(c.refund_requested_cents for c in mine if c.status == ClaimStatus.FILED)
        bond = bonds.get(claimant)
        amount = bond.amount_cents if bond else 0
        out.append(
            BondSufficiency(
                claimant,
                bond.bond_no if bond else None,
                amount,
                outstanding,
                waiting,
                bond_shortfall_cents(amount, outstanding, waiting),
            )
        )
    return out


def claims_on_record(db: Database) -> int:
    """Every claim filed (refused ones write nothing, so are not counted): the drawback
    specialists' workload driver, scaled with the lake's sample by the staffing model."""
    with UnitOfWork(db) as work:
        return work.claims.count_filed()


@dataclass(frozen=True, slots=True)
class DrawbackOverview:
    """What the Drawback page shows: claims, held payments, bonds and the loss estimate."""

    claims: list[ClaimLine]
    held: list[ClaimLine]
    bonds: list[BondSufficiency]
    loss: RevenueLoss | None


def drawback_overview(db: Database, limit: int = 200) -> DrawbackOverview:
    with UnitOfWork(db) as work:
        claims = [claim_line(r) for r in work.claims.listed(limit=limit)]
        held = [claim_line(r) for r in work.claims.flagged() if r.status == ClaimStatus.FILED]
        has_sample = work.samples.latest() is not None
    loss = revenue_loss(db) if has_sample else None
    return DrawbackOverview(claims, held, bond_sufficiency(db), loss)
