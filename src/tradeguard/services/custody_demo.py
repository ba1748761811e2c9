"""The demo's custody and refund controls: generated drawback claims and single transaction
bonds, filed through the same services as the CLI and API, their planted violations detected
and compared with the generator's truth, and the review sample's revenue-loss estimate.

Reviews are simulated from the truth (a reviewer finds an unsupported export when there is
one): a real service knows only what its reviewers record, which is why it samples.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from tradeguard.domain.bonds import StbFiling, StbStatus
from tradeguard.domain.drawback.filing import ClaimFiling
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.fiscal import fiscal_year_bounds
from tradeguard.generator.bonds import generate_stbs
from tradeguard.generator.drawback import generate_drawback
from tradeguard.services.bond_register import (
    StbPresented,
    close_stb,
    present_stbs,
    register_stb,
    stb_monitoring,
)
from tradeguard.services.drawback import (
    ClaimFiled,
    file_claims,
    pay_claim,
    register_drawback_bond,
)
from tradeguard.services.drawback_review import draw_review_sample, record_review, revenue_loss
from tradeguard.store.database import Database

ACTOR = "demo"
SAMPLE_SIZE = 60
REFUSED_AT_FILING = ("over_designation", "over_99_percent", "substitution_mismatch")


@dataclass(frozen=True, slots=True)
class CustodyDemo:
    drawback: dict[str, Any]
    bonds: dict[str, Any]


def _usd(cents: int) -> str:
    return f"${cents / 100:,.2f}"


def run_custody_controls(
    db: Database, lake_dir: Path, generated: Path, seed: int, fy: int
) -> CustodyDemo:
    declarations = pq.read_table(generated / "declarations.parquet")
    _, year_end = fiscal_year_bounds(fy)
    return CustodyDemo(
        _drawback(db, lake_dir, declarations, seed, year_end),
        _bonds(db, lake_dir, declarations, seed, year_end),
    )


def _drawback(
    db: Database, lake_dir: Path, declarations: Any, seed: int, year_end: date
) -> dict[str, Any]:
    year = generate_drawback(declarations, seed)
    for bond in year.bonds:
        register_drawback_bond(
            db,
            bond["claimant_id"],
            bond["bond_no"],
            bond["amount_cents"],
            year_end - timedelta(days=365),
            actor=ACTOR,
        )
    filings = [ClaimFiling.model_validate(c) for c in year.claims]
    outcomes = file_claims(db, lake_dir, filings, actor=ACTOR)
    truth = {t["claim_no"]: t for t in year.truth}
    refused = {
        f.claim_no: o for f, o in zip(filings, outcomes, strict=True) if isinstance(o, InvalidInput)
    }
    planted = {n for n, t in truth.items() if t["violation"] in REFUSED_AT_FILING}
    flagged = paid = 0
    for f, outcome in zip(filings, outcomes, strict=True):
        if isinstance(outcome, ClaimFiled):
            payment = pay_claim(db, f.claim_no, f.filed_on + timedelta(days=10), actor=ACTOR)
            flagged += payment.bond_shortfall_cents > 0
            paid += payment.refund_paid_cents > 0
    drawn = draw_review_sample(db, size=SAMPLE_SIZE, seed=seed, on=year_end, actor=ACTOR)
    for claim_no in drawn.sampled_claims:
        overpaid = truth[claim_no]["overpaid_cents"]
        finding = "export not substantiated" if overpaid else "export records match"
        record_review(
            db, claim_no, overpaid_cents=overpaid, finding=finding, on=year_end, actor=ACTOR
        )
    loss = revenue_loss(db, drawn.sample_id).estimate
    paid_claims = {
        n
        for f, o in zip(filings, outcomes, strict=True)
        if isinstance(o, ClaimFiled)
        for n in [f.claim_no]
    }
    true_loss = sum(t["overpaid_cents"] for n, t in truth.items() if n in paid_claims)
    return {
        "claims_generated": len(filings),
        "refused_at_filing": len(refused),
        "planted_refusable": len(planted),
        "planted_refused": len(planted & set(refused)),
        "refused_by_field": _by_field(refused.values()),
        "accelerated_held_for_bond": flagged,
        "claims_paid": paid,
        "sample": {
            "population": drawn.population,
            "sampled": len(drawn.sampled_claims),
            "found": _usd(loss.found_cents),
            "estimated_revenue_loss": _usd(loss.estimate_cents),
            "ci_95": f"{_usd(loss.low_cents)} – {_usd(loss.high_cents)}",
            "true_loss": _usd(true_loss),
            "paid_out": _usd(loss.paid_cents),
        },
    }


def _by_field(refusals: Iterable[InvalidInput]) -> dict[str, int]:
    """Refusals counted by the field they name, the line index left out."""
    counts: dict[str, int] = {}
    for r in refusals:
        key = re.sub(r"\[\d+\]", "", r.field or "claim")
        counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))


def _bonds(
    db: Database, lake_dir: Path, declarations: Any, seed: int, year_end: date
) -> dict[str, Any]:
    year = generate_stbs(declarations, seed)
    for bond in year.bonds:
        register_stb(db, StbFiling.model_validate(bond), actor=ACTOR)
    outcomes = present_stbs(
        db,
        lake_dir,
        [(p["bond_no"], p["entry_no"], date.fromisoformat(p["on"])) for p in year.presentations],
        actor=ACTOR,
    )
    closed = _close_due(db, year.closings, year_end)
    report = stb_monitoring(db, year_end)
    # The monitoring's follow-up: an unused bond is cancelled (released without an entry).
    for line in report.unused:
        close_stb(db, line.bond_no, StbStatus.RELEASED, year_end, actor=ACTOR)
    after = stb_monitoring(db, year_end)
    planted: dict[str, set[str]] = {}
    for t in year.truth:
        if t["violation"]:
            planted.setdefault(t["violation"], set()).add(t["bond_no"])
    found = {
        "insufficient_stb": {b.bond_no for b in report.insufficient},
        "unused_stb": {b.bond_no for b in report.unused},
        "reused_stb": {b.bond_no for b in report.reused},
    }
    return {
        "registered": len(year.bonds),
        "tied_to_entries": sum(isinstance(o, StbPresented) for o in outcomes),
        "released_on_liquidation": closed[StbStatus.RELEASED],
        "claimed": closed[StbStatus.CLAIMED],
        "claimed_uncovered": _usd(after.claimed_uncovered_cents),
        "unused_cancelled": len(report.unused),
        "by_status": after.by_status,
        **{
            kind: f"{len(found[kind])} found, {len(found[kind] & planted.get(kind, set()))} of "
            f"{len(planted.get(kind, set()))} planted"
            for kind in found
        },
    }


def _close_due(
    db: Database, closings: Iterable[dict[str, Any]], year_end: date
) -> Counter[StbStatus]:
    """Close the bonds whose entry liquidated (release) or defaulted (claim) by the year's end."""
    closed: Counter[StbStatus] = Counter()
    for c in closings:
        on = date.fromisoformat(c["on"])
        if on <= year_end:
            to = StbStatus(c["to"])
            close_stb(db, c["bond_no"], to, on, actor=ACTOR)
            closed[to] += 1
    return closed
