"""Synthetic single transaction bonds for the generated year's single-bond entries, with
planted violations and their truth.

Each entry declared with a single bond gets one STB, registered the day before the entry and
presented on the entry date. Planted: `insufficient_stb` (60-90% of what the entry requires),
`reused_stb` (the bond is presented again for a later entry, which then presents its own), and
`unused_stb` (a bond registered at the start of the year and never presented). Deterministic.

Each used bond is then closed, as the register tracks it to the end: claimed 40 days after
entry when the importer did not deposit the estimated duties (`unpaid_duties`: 10 working days
to deposit, then 30 days on the demand), otherwise released when the entry liquidates, 314 days
after entry (CBP's usual liquidation cycle). Closings dated after the year are not yet due.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import polars as pl
import pyarrow as pa

from tradeguard.domain.bonds import EntryExposure, required_cents

SHARES = {"insufficient_stb": 0.06, "reused_stb": 0.03, "unused_stb": 0.03, "unpaid_duties": 0.04}
LIQUIDATION_DAYS = 314
CLAIM_DAYS = 40


@dataclass(frozen=True, slots=True)
class StbYear:
    bonds: list[dict[str, Any]]  # StbFiling documents
    presentations: list[dict[str, Any]]  # bond_no, entry_no, on, in order
    truth: list[dict[str, Any]]  # bond_no, violation
    closings: list[dict[str, Any]]  # bond_no, to (released | claimed), on


def _entries(declarations: pa.Table) -> list[dict[str, Any]]:
    frame = pl.from_arrow(declarations)
    assert isinstance(frame, pl.DataFrame)
    cents = [
        (pl.col(c).cast(pl.Decimal(18, 2)) * 100).cast(pl.Int64).sum().alias(c)
        for c in ("value_usd", "duty_usd")
    ]
    return (
        frame.filter(pl.col("bond_type") == "single")
        .group_by("entry_no")
        .agg(
            pl.col("entry_date").first(),
            pl.col("importer_id").first(),
            pl.col("hts10").unique().sort(),
            *cents,
        )
        .sort("entry_date", "entry_no")
        .to_dicts()
    )


def generate_stbs(declarations: pa.Table, seed: int, limit: int = 400) -> StbYear:
    rng = random.Random(seed * 104729 + 3)
    entries = _entries(declarations)
    entries = sorted(rng.sample(entries, min(limit, len(entries))), key=lambda e: e["entry_date"])
    bonds: list[dict[str, Any]] = []
    presentations: list[dict[str, Any]] = []
    truth: list[dict[str, Any]] = []
    closings: list[dict[str, Any]] = []
    for n, e in enumerate(entries, start=1):
        exposure = EntryExposure(e["entry_no"], e["value_usd"], e["duty_usd"], tuple(e["hts10"]))
        required = required_cents(exposure)
        draw = rng.random()
        violation = ""
        if draw < SHARES["insufficient_stb"]:
            violation, amount = "insufficient_stb", required * rng.randrange(60, 90) // 100
        else:
            amount = -(-required // 10_000) * 10_000  # up to the next $100
        if n > 1 and rng.random() < SHARES["reused_stb"]:
            # the previous entry's bond is presented again for this one, then its own
            violation_bond = bonds[-1]["bond_no"]
            presentations.append(
                {
                    "bond_no": violation_bond,
                    "entry_no": e["entry_no"],
                    "on": e["entry_date"].isoformat(),
                }
            )
            truth.append({"bond_no": violation_bond, "violation": "reused_stb"})
        bond_no = f"STB-{n:06d}"
        entry_date: date = e["entry_date"]
        bonds.append(
            {
                "bond_no": bond_no,
                "surety_code": f"S{rng.randrange(1, 40):02d}",
                "importer_id": e["importer_id"],
                "amount_usd": str(Decimal(max(amount, 100)) / 100),
                "registered_on": (entry_date - timedelta(days=1)).isoformat(),
            }
        )
        presentations.append(
            {"bond_no": bond_no, "entry_no": e["entry_no"], "on": entry_date.isoformat()}
        )
        truth.append({"bond_no": bond_no, "violation": violation})
        closings.append(_closing(bond_no, entry_date, rng.random() < SHARES["unpaid_duties"]))
    unused = _unused(entries)
    bonds += [b for b, _ in unused]
    truth += [t for _, t in unused]
    return StbYear(
        bonds, presentations, truth, sorted(closings, key=lambda c: (c["on"], c["bond_no"]))
    )


def _unused(entries: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Bonds registered at the start of the year and never presented, with their truth."""
    count = max(1, round(len(entries) * SHARES["unused_stb"])) if entries else 0
    start = entries[0]["entry_date"] if entries else date(2025, 10, 1)
    return [
        (
            {
                "bond_no": f"STB-U{n:05d}",
                "surety_code": "S01",
                "importer_id": "IMP-UNUSED",
                "amount_usd": "10000.00",
                "registered_on": start.isoformat(),
            },
            {"bond_no": f"STB-U{n:05d}", "violation": "unused_stb"},
        )
        for n in range(count)
    ]


def _closing(bond_no: str, entry_date: date, unpaid: bool) -> dict[str, Any]:
    """How the bond's one entry ends: a claim on the surety, or release on liquidation."""
    days, to = (CLAIM_DAYS, "claimed") if unpaid else (LIQUIDATION_DAYS, "released")
    return {"bond_no": bond_no, "to": to, "on": (entry_date + timedelta(days=days)).isoformat()}
