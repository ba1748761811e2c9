"""Which entries carry a violation, and of what kind.

About 3% of entries carry one. They are drawn with weights that make the risk factors real:
new importers ×3, repeat offenders ×6, a bad manufacturer on the entry ×5, and ×4 when the
importer's usual products fit the scheme (an apparel importer commits textile fraud more often
than a crude-oil importer). The counts per type are fixed shares of the total, so every PTI is
present even in a small sample.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tradeguard.domain.pti import PTI
from tradeguard.generator import schemes
from tradeguard.generator.catalog import Catalog
from tradeguard.generator.population import Importers, Manufacturers
from tradeguard.generator.shipments import Shipments

VIOLATION_ENTRY_RATE = 0.03
NEW_IMPORTER_RISK = 3.0
OFFENDER_RISK = 6.0
BAD_MANUFACTURER_RISK = 5.0
FAMILY_FIT_RISK = 4.0


@dataclass(frozen=True, slots=True)
class PlantedScheme:
    """How one kind of violation is planted. `name` is the scheme (how the filer cheats);
    `violation_type` is what an exam's finding calls it, in the domain's one vocabulary
    (domain/finding.py VIOLATION_TYPES): honey from CN declared from VN is a transshipment."""

    name: str
    violation_type: str
    pti: PTI
    share: float
    scheme: schemes.Scheme
    families: tuple[str, ...]


SCHEMES: tuple[PlantedScheme, ...] = (
    PlantedScheme(
        "adcvd_transshipment",
        "transshipment",
        PTI.ADCVD,
        0.10,
        schemes.adcvd_transshipment,
        ("aluminum", "steel", "furniture", "solar", "seafood", "wood_paper"),
    ),
    PlantedScheme(
        "adcvd_misclassification",
        "misclassification",
        PTI.ADCVD,
        0.10,
        schemes.adcvd_misclassification,
        ("aluminum", "steel", "furniture", "solar", "seafood", "honey"),
    ),
    PlantedScheme(
        "undervaluation", "undervaluation", PTI.REVENUE, 0.25, schemes.undervaluation, ()
    ),
    PlantedScheme(
        "false_preference",
        "false_preference",
        PTI.TRADE_AGREEMENTS,
        0.15,
        schemes.false_preference,
        ("apparel", "footwear", "vehicles", "food", "sugar_products"),
    ),
    PlantedScheme(
        "counterfeit",
        "counterfeit",
        PTI.IPR,
        0.15,
        schemes.counterfeit,
        ("leather_goods", "watches_eyewear", "footwear", "apparel", "electronics", "cosmetics"),
    ),
    PlantedScheme(
        "unsafe_goods",
        "unsafe",
        PTI.IMPORT_SAFETY,
        0.10,
        schemes.unsafe_goods,
        ("toys", "lithium_batteries"),
    ),
    PlantedScheme(
        "textile_origin_fraud",
        "textile_origin",
        PTI.TEXTILES,
        0.08,
        schemes.textile_origin_fraud,
        ("apparel", "textiles"),
    ),
    PlantedScheme(
        "agriculture_quota_evasion",
        "quota_evasion",
        PTI.AGRICULTURE,
        0.04,
        schemes.agriculture_quota_evasion,
        ("sugar_products", "food"),
    ),
    PlantedScheme(
        "agriculture_false_origin",
        "transshipment",
        # honey relabelled from China evades the honey antidumping order (R-ADCVD-004)
        PTI.ADCVD,
        0.03,
        schemes.agriculture_false_origin,
        ("honey", "food"),
    ),
)
# Indexed by Shipments.vtype (0: no violation).
SCHEME_NAMES: tuple[str, ...] = ("",) + tuple(v.name for v in SCHEMES)
FINDING_TYPES: tuple[str, ...] = ("",) + tuple(v.violation_type for v in SCHEMES)
TYPE_PTI: tuple[str | None, ...] = (None,) + tuple(v.pti.value for v in SCHEMES)


def entry_risk(s: Shipments, importers: Importers, makers: Manufacturers) -> np.ndarray:
    bad = {m for c, pool in makers.pools.items() for m in pool[: makers.bad[c]]}
    first = np.searchsorted(s.entry, np.arange(s.entries))
    on_bad = np.fromiter((m in bad for m in s.mid[first]), dtype=bool, count=s.entries)
    risk = np.ones(s.entries)
    risk[importers.new[s.importer]] *= NEW_IMPORTER_RISK
    risk[importers.offender[s.importer]] *= OFFENDER_RISK
    risk[on_bad] *= BAD_MANUFACTURER_RISK
    return risk


def plant(ctx: schemes.Context, s: Shipments, importers: Importers, catalog: Catalog) -> None:
    """Choose the violating entries type by type and let each scheme rewrite them."""
    risk = entry_risk(s, importers, ctx.makers)
    taken = np.zeros(s.entries, dtype=bool)
    dutiable = np.bincount(s.entry, weights=catalog.rate_micro[s.hts] > 0, minlength=s.entries) > 0
    high_duty = np.bincount(s.entry, weights=s.rate_micro >= 50_000, minlength=s.entries) > 0
    names = [f.name for f in catalog.families]
    usual = importers.family[s.importer]
    total = VIOLATION_ENTRY_RATE * s.entries
    for number, kind in enumerate(SCHEMES, start=1):
        k = max(1, int(round(total * kind.share)))
        weight = risk.copy()
        fits = np.isin(usual, [names.index(f) for f in kind.families])
        weight[fits] *= FAMILY_FIT_RISK
        if kind.name == "undervaluation":
            weight[high_duty] *= 3.0  # the duty saved is what makes undervaluing pay
        if kind.name == "false_preference":
            weight[~dutiable] = 0.0
        weight[taken] = 0.0
        eligible = np.flatnonzero(weight > 0)
        k = min(k, len(eligible))
        keys = np.log(weight[eligible]) + ctx.rng.gumbel(size=len(eligible))
        chosen = np.sort(eligible[np.argsort(-keys)[:k]])
        taken[chosen] = True
        lines = kind.scheme(ctx, s, chosen)
        s.vtype[lines] = number
