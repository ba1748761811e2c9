"""What the generator can import: product families over the compact HTS table, as arrays.

The mix lives in reference/data/product_mix.yaml (weights are data, not code). Each HTS line gets
a median unit value (its family's, spread log-normally, fixed by the seed) and the duty rate an
honest importer pays: the general ad valorem rate, or for a specific rate (honey, sugar, crude
oil, wine) its ad valorem equivalent at that median unit value.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from typing import Any

import numpy as np
import yaml

from tradeguard.reference import Reference
from tradeguard.reference.rates import RateKind, parse_rate

MICRO = 1_000_000
PROHIBITIVE_RATE = Decimal("0.6")


@dataclass(frozen=True, slots=True)
class Family:
    name: str
    share: float
    line_value: float
    unit_value: float
    lines: np.ndarray  # indices into Catalog arrays
    origins: tuple[str, ...]
    origin_p: np.ndarray


@dataclass(frozen=True, slots=True)
class Catalog:
    hts10: np.ndarray  # '<U10'
    description: np.ndarray
    unit: np.ndarray
    rate_micro: np.ndarray  # int64, honest duty rate × 1e6
    unit_value: np.ndarray  # float64 median USD per unit
    families: tuple[Family, ...]
    line_value_sigma: float
    unit_value_sigma: float
    ports: dict[str, float]

    def index(self, hts10: str) -> int:
        found = np.flatnonzero(self.hts10 == hts10)
        if not found.size:
            raise KeyError(hts10)
        return int(found[0])

    def matching(self, prefixes: tuple[str, ...] | list[str]) -> np.ndarray:
        """Indices of lines whose HTS starts with any of the prefixes (dots ignored)."""
        clean = tuple(p.replace(".", "") for p in prefixes)
        return np.flatnonzero([h.startswith(clean) for h in self.hts10])

    def family(self, name: str) -> Family:
        return next(f for f in self.families if f.name == name)


def load_mix() -> dict[str, Any]:
    text = resources.files("tradeguard.reference").joinpath("data/product_mix.yaml").read_text()
    mix: dict[str, Any] = yaml.safe_load(text)
    return mix


def _rate_micro(rate_text: str, unit_value: float) -> int:
    rate = parse_rate(rate_text)
    if rate.kind in (RateKind.FREE, RateKind.AD_VALOREM) and rate.ad_valorem is not None:
        return int(rate.ad_valorem * MICRO)
    if rate.kind == RateKind.SPECIFIC and rate.specific_usd is not None:
        per_unit = float(rate.specific_usd)
        if rate.specific_unit == "bbl":
            per_unit /= 159.0  # a barrel is 159 litres; unit values are per litre/kg
        return int(round(per_unit / unit_value * MICRO))
    return 0


def _prohibitive(rate_text: str) -> bool:
    """Over-quota rates (e.g. 350% on tobacco) are paid by almost no one; leave them out."""
    rate = parse_rate(rate_text).ad_valorem
    return rate is not None and rate > PROHIBITIVE_RATE


def build_catalog(ref: Reference, seed: int) -> Catalog:
    mix = load_mix()
    rng = np.random.default_rng([seed, 1])
    codes = sorted(ref.hts)
    hts10 = np.array(codes, dtype="<U10")
    unit_value = np.zeros(len(codes))
    claimed = np.full(len(codes), -1)
    families: list[Family] = []
    for number, (name, spec) in enumerate(mix["families"].items()):
        prefixes = tuple(spec["prefixes"])
        mine = [
            i
            for i, h in enumerate(codes)
            if claimed[i] < 0 and h.startswith(prefixes) and not _prohibitive(ref.hts[h].rate_text)
        ]
        claimed[mine] = number
        spread = np.exp(rng.normal(0.0, 0.5, len(mine)))
        unit_value[mine] = spec["unit_value"] * spread
        weights = np.array(list(spec["origins"].values()), dtype=float)
        families.append(
            Family(
                name=name,
                share=float(spec["share"]),
                line_value=float(spec["line_value"]) * float(mix["line_value_scale"]),
                unit_value=float(spec["unit_value"]),
                lines=np.array(mine, dtype=np.int64),
                origins=tuple(spec["origins"]),
                origin_p=weights / weights.sum(),
            )
        )
    # lines in no family (e.g. raw sugar over quota) still need a unit value for the truth
    unit_value[unit_value == 0] = 1.0
    rate_micro = np.array(
        [_rate_micro(ref.hts[h].rate_text, uv) for h, uv in zip(codes, unit_value, strict=True)],
        dtype=np.int64,
    )
    return Catalog(
        hts10=hts10,
        description=np.array([ref.hts[h].description[:120] for h in codes], dtype=object),
        unit=np.array([ref.hts[h].unit for h in codes], dtype=object),
        rate_micro=rate_micro,
        unit_value=unit_value,
        families=tuple(families),
        line_value_sigma=float(mix["line_value_sigma"]),
        unit_value_sigma=float(mix["unit_value_sigma"]),
        ports={str(k): float(v) for k, v in mix["ports"].items()},
    )


def rate_of(catalog: Catalog, index: int) -> Decimal:
    return Decimal(int(catalog.rate_micro[index])) / MICRO
