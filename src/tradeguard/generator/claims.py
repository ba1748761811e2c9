"""What honest filers declare: preference claims where they qualify, AD/CVD cases where owed.

Programmes (special program indicators as in the HTS "Special" column): USMCA S/S+ for Mexico and
Canada, KORUS KR, CAFTA-DR P, the bilateral agreements by their country code, and GSP A for a set
of beneficiaries (the generator treats GSP as in force, as the HTS still lists it). Not every
qualifying importer claims (paperwork costs), so honest claim rates are below one.
"""

from __future__ import annotations

import numpy as np

from tradeguard.generator.shipments import Shipments
from tradeguard.reference import Reference

GSP_BENEFICIARIES = ("ID", "PH", "BR", "EC", "LK", "PK", "KH", "TH")
CAFTA_DR = ("HN", "GT", "SV", "NI", "DO", "CR")
BILATERAL = ("AU", "IL", "CO", "PE", "SG", "CL", "JO", "KR", "MA", "BH", "OM", "PA")
# the indicator for a programme covering each origin, and how often honest importers claim it
PROGRAMMES: dict[str, tuple[str, float]] = {
    "MX": ("S", 0.85),
    "CA": ("S", 0.85),
    **{c: ("P", 0.8) for c in CAFTA_DR},
    **{c: (c, 0.8) for c in BILATERAL},
    **{c: ("A", 0.6) for c in GSP_BENEFICIARIES},
}


def covered_origins(spi: str) -> tuple[str, ...]:
    """Origins whose goods may claim this indicator."""
    if spi in ("S", "S+"):
        return ("MX", "CA")
    return tuple(c for c, (code, _) in PROGRAMMES.items() if code == spi)


def declare_preferences(rng: np.random.Generator, s: Shipments) -> None:
    dutiable = s.rate_micro > 0
    draw = rng.random(len(s.entry))
    for origin, (spi, rate) in PROGRAMMES.items():
        claim = dutiable & (s.origin == origin) & (draw < rate)
        s.spi[claim] = spi
        s.rate_micro[claim] = 0
    usmca = s.spi == "S"
    s.spi[usmca & (rng.random(len(s.entry)) < 0.1)] = "S+"


def declare_adcvd(ref: Reference, hts10: np.ndarray, s: Shipments) -> None:
    """Every honest line of an ordered product from the ordered country declares the order."""
    s.adcvd[:] = -1
    for number, order in reversed(list(enumerate(ref.adcvd_orders))):
        in_scope = np.array([h.startswith(order.hts_prefixes) for h in hts10])
        covered = in_scope[s.hts] & (s.origin == order.country)
        s.adcvd[covered] = number  # reversed, so the first listed order wins
