"""Evidence checks over drawback claims and single transaction bonds (OIG-15-76, OIG-12-65,
OIG-11-92), computed from those features' own stores: the claims and their designations, the
designation ledger, the review sample and its reviews, claimants' bonds, and the STB register.

Each docstring is the criterion the tracker shows; each answers no data only when the feature
holds nothing to judge, and otherwise met or not met with the figures behind it.
"""

from __future__ import annotations

from datetime import timedelta

from tradeguard.domain.bonds import UNUSED_AFTER_DAYS
from tradeguard.domain.cases.money import from_cents
from tradeguard.domain.drawback.claim import refund_limit_cents
from tradeguard.domain.oversight import Evidence, met_if, no_data
from tradeguard.services.drawback_reports import bond_sufficiency
from tradeguard.services.drawback_review import revenue_loss
from tradeguard.services.oversight_evidence import EvidenceContext
from tradeguard.store.unit_of_work import UnitOfWork


def _usd(cents: int) -> str:
    return str(from_cents(cents))


def drawback_claims_checked(ctx: EvidenceContext) -> Evidence:
    """Every drawback claim filed in the year designates import lines whose duty it matches to
    the cent, asks at most 99% of it, and no import line is designated beyond what was paid on
    it across all claims (the designation ledger)."""
    first, last = ctx.period
    with UnitOfWork(ctx.db) as work:
        claims = work.claims.filed_between(first, last)
        mismatched = [
            c.claim_no
            for c in claims
            if not c.designations
            or sum(d.designated_cents for d in c.designations) != c.designated_cents
        ]
        over_99 = [
            c.claim_no
            for c in claims
            if c.refund_requested_cents > refund_limit_cents(c.designated_cents)
        ]
        over_paid = [f"{r.entry_no}/{r.line_no}" for r in work.ledger.over_designated()]
        lines = len({(d.entry_no, d.line_no) for c in claims for d in c.designations})
    figures = {
        "fiscal_year": ctx.fy,
        "claims_filed": len(claims),
        "lines_designated": lines,
        "designated_usd": _usd(sum(c.designated_cents for c in claims)),
        "claims_not_matching_their_designations": mismatched[:20],
        "claims_over_99_percent": over_99[:20],
        "lines_designated_beyond_paid": over_paid[:20],
    }
    if not claims:
        return no_data("no drawback claim was filed in the year", **figures)
    return met_if(not mismatched and not over_99 and not over_paid, figures)


def drawback_revenue_loss_estimate(ctx: EvidenceContext) -> Evidence:
    """A review sample drawn from the paid claims covers every claim paid in the year, each
    sampled claim has been reviewed, and the revenue loss is estimated with its 95% interval."""
    first, last = ctx.period
    with UnitOfWork(ctx.db) as work:
        paid = [c.id for c in work.claims.paid_out() if c.paid_on and first <= c.paid_on <= last]
        sample = work.samples.latest()
        population = {m.claim_id for m in work.samples.members(sample.id)} if sample else set()
    figures: dict[str, object] = {
        "fiscal_year": ctx.fy,
        "claims_paid_in_year": len(paid),
        "paid_in_year_outside_the_sample_population": len(set(paid) - population),
    }
    if not paid:
        return no_data("no drawback claim was paid in the year", **figures)
    if sample is None:
        return met_if(False, {**figures, "sample": "none drawn"})
    loss = revenue_loss(ctx.db, sample.id)
    e = loss.estimate
    figures |= {
        "sample_id": loss.sample_id, "drawn_on": loss.drawn_on.isoformat(),
        "population": e.claims, "sampled": e.sampled, "reviewed": e.reviewed,
        "pending_review": len(loss.pending_review), "paid_out_usd": _usd(e.paid_cents),
        "found_usd": _usd(e.found_cents), "estimated_loss_usd": _usd(e.estimate_cents),
        "ci_95_usd": [_usd(e.low_cents), _usd(e.high_cents)],
    }  # fmt: skip
    return met_if(not loss.pending_review and not set(paid) - population, figures)


def drawback_bond_sufficiency(ctx: EvidenceContext) -> Evidence:
    """Every accelerated payment made in the year is secured: the claimant's drawback bond
    covers all its accelerated refunds not yet liquidated (the share of such payments so
    secured is 100%), and claims a bond cannot secure wait, flagged, unpaid."""
    first, last = ctx.period
    with UnitOfWork(ctx.db) as work:
        paid = work.claims.accelerated_paid_between(first, last)
        held = [c.claim_no for c in work.claims.flagged() if c.refund_paid_cents == 0]
    short = {
        b.claimant_id: b for b in bond_sufficiency(ctx.db) if b.bond_cents < b.outstanding_cents
    }
    secured = [c for c in paid if c.claimant_id not in short]
    figures = {
        "fiscal_year": ctx.fy,
        "accelerated_payments": len(paid),
        "accelerated_paid_usd": _usd(sum(c.refund_paid_cents for c in paid)),
        "paid_with_sufficient_bond": len(secured),
        "share_with_sufficient_bond": round(len(secured) / len(paid), 4) if paid else None,
        "claimants_short": {k: _usd(b.outstanding_cents - b.bond_cents) for k, b in short.items()},
        "claims_held_for_bond": len(held),
    }
    if not paid:
        return no_data("no accelerated drawback payment was made in the year", **figures)
    return met_if(len(secured) == len(paid), figures)


def single_transaction_bonds_monitored(ctx: EvidenceContext) -> Evidence:
    """The central register finds the insufficient, unused and reused single transaction bonds,
    and every one it found is resolved: an insufficient bond closed (released once its entry
    was paid, or claimed), an unused one cancelled, a reused one's second entry secured by a
    bond of its own."""
    with UnitOfWork(ctx.db) as work:
        counts = work.stbs.counts()
        insufficient = work.stbs.insufficient()
        since = ctx.as_of - timedelta(UNUSED_AFTER_DAYS)
        unused_open = sorted(r.bond_no for r in work.stbs.unused_since(since))
        cancelled = work.stbs.cancelled_unused()
        reused = work.stbs.reused()
        unsecured = sorted(
            bond_no
            for bond_no, presented in reused.items()
            if any(
                (holder := work.stbs.for_entry(p.entry_no)) is None or holder.bond_no == bond_no
                for p in presented
                if not p.accepted
            )
        )
        claimed = work.stbs.claimed()
    open_short = sorted(r.bond_no for r in insufficient if r.closed_on is None)
    figures = {
        "as_of": ctx.as_of.isoformat(),
        "by_status": counts,
        "insufficient_found": len(insufficient),
        "insufficient_resolved": len(insufficient) - len(open_short),
        "unused_found": len(unused_open) + len(cancelled),
        "unused_resolved": len(cancelled),
        "reused_found": len(reused),
        "reused_resolved": len(reused) - len(unsecured),
        "claimed": len(claimed),
        "claimed_uncovered_usd": _usd(sum(r.shortfall_cents for r in claimed)),
        "unresolved": sorted({*open_short, *unused_open, *unsecured})[:20],
    }
    if not counts:
        return no_data("no single transaction bond is in the register", **figures)
    return met_if(not open_short and not unused_open and not unsecured, figures)
