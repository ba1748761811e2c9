"""Synthetic drawback claims over a generated year, with planted violations and their truth.

Claims designate real lines of the declarations (only lines that paid duty), filed in order so
that a planted over-designation comes after the claim whose designation it overruns. Planted:

- `over_designation`: designates a line already designated by an earlier claim, beyond what
  was paid on it (the filing control refuses it);
- `over_99_percent`: asks for the whole designated duty (refused);
- `substitution_mismatch`: substitution with exported goods of another 8-digit subheading
  (refused);
- `unsupported_export`: a claim that passes every filing control but whose export never
  happened: only a review finds it, and the whole refund is the overpayment (the revenue loss
  the review sample estimates).

Claimants filing accelerated claims post drawback bonds; `insufficient_bond` claimants' bonds
cover half of what they claim, so some of their accelerated payments are held back.
The number of claims follows the year's size: the staffing parameters' national drawback claims
a year (`drawback_claims`, 50,000) for the national entries a year the generator is calibrated
to, so that the staffing model reading the claims back finds a national year of them.
Deterministic: the same declarations and seed give the same claims.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import polars as pl
import pyarrow as pa

from tradeguard.domain.drawback.claim import ClaimKind, refund_limit_cents
from tradeguard.generator.calibration import ENTRY_SUMMARIES_PER_YEAR
from tradeguard.reference.positions import load_staffing_parameters

SHARES = {
    "over_designation": 0.05,
    "over_99_percent": 0.02,
    "substitution_mismatch": 0.03,
    "unsupported_export": 0.08,
}
INSUFFICIENT_BOND_SHARE = 0.15
CLAIMANTS = 40


@dataclass(frozen=True, slots=True)
class DrawbackYear:
    claims: list[dict[str, Any]]  # ClaimFiling documents, in filing order
    bonds: list[dict[str, Any]]  # claimant_id, bond_no, amount_cents
    truth: list[dict[str, Any]]  # claim_no, violation (or ""), overpaid_cents


def _usd(cents: int) -> str:
    return str(Decimal(cents) / 100)


def _lines(declarations: pa.Table) -> list[dict[str, Any]]:
    frame = pl.from_arrow(declarations)
    assert isinstance(frame, pl.DataFrame)
    return (
        frame.filter(pl.col("duty_usd") > 0)
        .select(
            "entry_no",
            "line_no",
            "entry_date",
            "hts10",
            (pl.col("duty_usd").cast(pl.Decimal(18, 2)) * 100).cast(pl.Int64).alias("paid"),
        )
        .sort("entry_no", "line_no")
        .to_dicts()
    )


def _violation(rng: random.Random) -> str:
    draw = rng.random()
    for name, share in SHARES.items():
        if draw < share:
            return name
        draw -= share
    return ""


def _claim(
    rng: random.Random, n: int, line: dict[str, Any], cents: int, violation: str
) -> dict[str, Any]:
    kind = rng.choice(list(ClaimKind))
    if violation == "substitution_mismatch":
        kind = rng.choice([ClaimKind.MANUFACTURING_SUBSTITUTION, ClaimKind.UNUSED_SUBSTITUTION])
    hts = line["hts10"]
    exported = hts
    if kind.substitution:
        exported = hts[:8] + f"{rng.randrange(100):02d}"
    if violation == "substitution_mismatch":
        exported = hts[:6] + f"{(int(hts[6:8]) + 1) % 100:02d}" + hts[8:]
    imported: date = line["entry_date"]
    exported_on = imported + timedelta(days=rng.randrange(5, 60))
    filed_on = exported_on + timedelta(days=rng.randrange(1, 30))
    requested = cents if violation == "over_99_percent" else refund_limit_cents(cents)
    return {
        "claim_no": f"DBK-{n:06d}",
        "kind": kind.value,
        "claimant_id": f"EXP-{rng.randrange(CLAIMANTS):04d}",
        "filed_on": filed_on.isoformat(),
        "refund_requested_usd": _usd(requested),
        "accelerated": rng.random() < 0.6,
        "exports": [
            {
                "kind": "destruction" if rng.random() < 0.1 else "export",
                "on": exported_on.isoformat(),
                "hts10": exported,
                "quantity": str(rng.randrange(1, 5000)),
                "document": f"BL-{n:06d}",
            }
        ],
        "designations": [
            {"entry_no": line["entry_no"], "line_no": line["line_no"], "duty_usd": _usd(cents)}
        ],
    }


def claims_for(entries: int) -> int:
    """Claims a year of `entries` entries brings, at the national rate."""
    national = load_staffing_parameters().drivers["drawback_claims"].default_units
    return max(1, round(entries * national / ENTRY_SUMMARIES_PER_YEAR))


def generate_drawback(declarations: pa.Table, seed: int, claims: int | None = None) -> DrawbackYear:
    rng = random.Random(seed * 7919 + 13)
    if claims is None:
        claims = claims_for(len(set(declarations.column("entry_no").to_pylist())))
    lines = _lines(declarations)
    if not lines:
        return DrawbackYear([], [], [])
    chosen = rng.sample(lines, min(claims, len(lines)))
    documents: list[dict[str, Any]] = []
    truth: list[dict[str, Any]] = []
    designated: list[tuple[dict[str, Any], int]] = []  # lines the accepted claims drew on
    for n, line in enumerate(chosen, start=1):
        violation = _violation(rng) if designated else ""
        cents = max(1, line["paid"] * rng.randrange(50, 101) // 100)
        if violation == "over_designation":
            line, earlier = rng.choice(designated)
            cents = line["paid"] - earlier + max(1, line["paid"] // 10)
        document = _claim(rng, n, line, cents, violation)
        if violation in ("", "unsupported_export"):
            designated.append((line, cents))
        documents.append(document)
        overpaid = int(Decimal(document["refund_requested_usd"]) * 100)
        truth.append(
            {
                "claim_no": document["claim_no"],
                "violation": violation,
                "overpaid_cents": overpaid if violation == "unsupported_export" else 0,
            }
        )
    return DrawbackYear(documents, _bonds(rng, documents), truth)


def _bonds(rng: random.Random, claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One drawback bond per claimant with accelerated claims, sized to what it claims (half of
    it for the claimants planted with an insufficient bond)."""
    totals: dict[str, int] = {}
    for c in claims:
        if c["accelerated"]:
            cents = int(Decimal(c["refund_requested_usd"]) * 100)
            totals[c["claimant_id"]] = totals.get(c["claimant_id"], 0) + cents
    bonds = []
    for claimant, total in sorted(totals.items()):
        short = rng.random() < INSUFFICIENT_BOND_SHARE
        amount = max(100, (total // 2 if short else total + total // 10) // 100 * 100)
        bonds.append(
            {
                "claimant_id": claimant,
                "bond_no": f"DBB-{claimant}",
                "amount_cents": amount,
                "violation": "insufficient_bond" if short else "",
            }
        )
    return bonds
