"""The review sample of paid drawback claims, review findings, and the revenue-loss estimate
they give (the estimator is domain/drawback/sample.py; docs/drawback.md works the arithmetic).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tradeguard.domain.drawback.sample import (
    LossEstimate,
    PaidClaim,
    Stratum,
    draw,
    estimate,
)
from tradeguard.domain.errors import InvalidInput, NotFound
from tradeguard.store.database import Database
from tradeguard.store.drawback_review import ReviewRow, SampleClaimRow, SampleRow
from tradeguard.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class SampleDrawn:
    sample_id: int
    population: int
    sampled_claims: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RevenueLoss:
    sample_id: int
    drawn_on: date
    pending_review: tuple[str, ...]  # sampled claims not reviewed yet
    estimate: LossEstimate


def draw_review_sample(db: Database, *, size: int, seed: int, on: date, actor: str) -> SampleDrawn:
    """Freeze today's paid claims as the population and draw the stratified sample from it."""
    with UnitOfWork(db) as work:
        paid = work.claims.paid_out()
        strata = draw([PaidClaim(c.id, c.refund_paid_cents) for c in paid], size, seed)
        numbers = {c.id: c.claim_no for c in paid}
        members = [
            SampleClaimRow(
                claim_id=c.claim_id,
                stratum=s.number,
                paid_cents=c.paid_cents,
                sampled=c.claim_id in s.sampled,
            )
            for s in strata
            for c in s.claims
        ]
        sample = work.samples.add(
            SampleRow(seed=seed, size=size, drawn_on=on, drawn_by=actor), members
        )
        work.changes.record(
            actor=actor,
            action="drawback.sample",
            entity="drawback_sample",
            entity_id=str(sample.id),
            after={"size": size},
        )
        work.commit()
        chosen = tuple(numbers[i] for s in strata for i in s.sampled)
        return SampleDrawn(sample.id, len(paid), chosen)


def record_review(
    db: Database, claim_no: str, *, overpaid_cents: int, finding: str, on: date, actor: str
) -> int:
    """A reviewer's finding on one paid claim: how much of its refund should not have been
    paid (0 for a clean claim). The next estimate uses it."""
    if not finding.strip():
        raise InvalidInput("say what the review found", "finding")
    with UnitOfWork(db) as work:
        claim = work.claims.get(claim_no)
        if claim.refund_paid_cents == 0:
            raise InvalidInput(f"claim {claim_no} has been paid nothing to review", "claim_no")
        if not 0 <= overpaid_cents <= claim.refund_paid_cents:
            raise InvalidInput(
                f"the overpayment must be between 0 and the refund paid "
                f"({claim.refund_paid_cents / 100:,.2f})",
                "overpaid",
            )
        review = work.reviews.add(
            ReviewRow(
                claim_id=claim.id,
                reviewed_on=on,
                reviewer=actor,
                overpaid_cents=overpaid_cents,
                finding=finding.strip()[:500],
            )
        )
        work.changes.record(
            actor=actor,
            action="drawback.review",
            entity="drawback_claim",
            entity_id=claim_no,
            after={"cents": overpaid_cents},
        )
        work.commit()
        return review.id


def revenue_loss(db: Database, sample_id: int | None = None) -> RevenueLoss:
    """The estimate from a sample (the latest by default) and the reviews recorded so far."""
    with UnitOfWork(db) as work:
        sample = work.samples.get(sample_id) if sample_id else work.samples.latest()
        if sample is None:
            raise NotFound("no drawback review sample has been drawn")
        members = work.samples.members(sample.id)
        reviews = work.reviews.of_claims([m.claim_id for m in members if m.sampled])
        numbers = {c.id: c.claim_no for c in work.claims.paid_out()}
        strata = _strata(members)
        findings = {i: r.overpaid_cents for i, r in reviews.items()}
        pending = tuple(
            numbers.get(m.claim_id, str(m.claim_id))
            for m in members
            if m.sampled and m.claim_id not in reviews
        )
        return RevenueLoss(sample.id, sample.drawn_on, pending, estimate(strata, findings))


def _strata(members: list[SampleClaimRow]) -> list[Stratum]:
    grouped: dict[int, list[SampleClaimRow]] = {}
    for m in members:
        grouped.setdefault(m.stratum, []).append(m)
    return [
        Stratum(
            number,
            tuple(PaidClaim(m.claim_id, m.paid_cents) for m in rows),
            tuple(m.claim_id for m in rows if m.sampled),
        )
        for number, rows in sorted(grouped.items())
    ]
