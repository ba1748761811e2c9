"""The units that own targeting rules: five NTAGs, CTAC and the ten Centers.

The report names them: five National Targeting and Analysis Groups, each targeting one Priority
Trade Issue (revenue in Chicago, AD/CVD in Miami, trade agreements in Dallas, textiles in New
York, IPR in Long Beach), the Commercial Targeting and Analysis Center (Washington, D.C., which
covers import safety), and the ten Centers of Excellence and Expertise, which review their
industry across every issue. A rule's `owner` must be one of them, so a rule always has someone
who answers for it; "Agriculture NTAG" or "Import Safety NTAG" do not exist and are refused.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources

from tradeguard.domain.pti import PTI


@dataclass(frozen=True, slots=True)
class TargetingUnit:
    """One unit; `pti` is the one issue an NTAG or CTAC targets, None for a Center (all)."""

    unit: str
    kind: str  # NTAG, CTAC or Center
    full_name: str
    location: str
    pti: PTI | None


@functools.cache
def packaged_targeting_units() -> dict[str, TargetingUnit]:
    """Every unit by the name a rule's `owner` gives, in the packaged file's order."""
    data = resources.files("tradeguard.reference").joinpath("data/targeting_units.csv")
    return {
        r["unit"]: TargetingUnit(
            unit=r["unit"],
            kind=r["kind"],
            full_name=r["full_name"],
            location=r["location"],
            pti=PTI(r["pti"]) if r["pti"] else None,
        )
        for r in csv.DictReader(data.read_text("utf-8").splitlines())
    }
