"""Who imports: importers with heavy-tailed volumes, brokers (filers) and foreign manufacturers.

Import volumes are concentrated: a log-normal size with sigma 2 puts roughly a third of entries
with the top 1% of importers. 15% of importers are new this fiscal year; they start on a day
spread through the year and are smaller. Trusted-trader membership rises with size, as C-TPAT
membership does among large importers, so that members carry over half of the value.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

import numpy as np

from tradeguard.generator.catalog import Catalog

NEW_IMPORTER_SHARE = 0.15
REPEAT_OFFENDER_SHARE = 0.03
BAD_MANUFACTURER_SHARE = 0.03
BROKERS = 200
_LETTERS = np.array(list(string.ascii_uppercase))


@dataclass(frozen=True, slots=True)
class Importers:
    ids: np.ndarray  # object str "IMP0000001"
    size: np.ndarray  # float weight
    start_day: np.ndarray  # int day of fiscal year of first entry (0 for established)
    new: np.ndarray  # bool
    offender: np.ndarray  # bool
    family: np.ndarray  # int family index of the importer's usual product
    main_origin: np.ndarray  # '<U2' usual origin for the usual family
    ctpat: np.ndarray
    isa: np.ndarray
    continuous_bond: np.ndarray
    broker: np.ndarray  # int index into Brokers


@dataclass(frozen=True, slots=True)
class Manufacturers:
    """A pool of MIDs per origin country; the first `bad` of each pool are bad actors."""

    pools: dict[str, np.ndarray]  # country -> object array of MIDs
    bad: dict[str, int]


def _letters(rng: np.random.Generator, n: int, k: int) -> np.ndarray:
    picks = _LETTERS[rng.integers(0, 26, size=(n, k))]
    return np.array(["".join(row) for row in picks], dtype=object)


def filer_codes(rng: np.random.Generator, n: int = BROKERS) -> np.ndarray:
    codes: list[str] = []
    seen: set[str] = set()
    alphabet = string.ascii_uppercase + string.digits
    while len(codes) < n:
        code = "".join(alphabet[i] for i in rng.integers(0, 36, 3))
        if code[0].isalpha() and code not in seen:
            seen.add(code)
            codes.append(code)
    return np.array(codes, dtype=object)


def make_importers(rng: np.random.Generator, count: int, catalog: Catalog, days: int) -> Importers:
    size = np.exp(rng.normal(0.0, 2.0, count))
    new = rng.random(count) < NEW_IMPORTER_SHARE
    size[new] *= 0.3
    start_day = np.where(new, rng.integers(0, days, count), 0)
    shares = np.array([f.share / f.line_value for f in catalog.families])
    family = rng.choice(len(shares), size=count, p=shares / shares.sum())
    main_origin = np.empty(count, dtype="<U2")
    for number, fam in enumerate(catalog.families):
        mask = family == number
        main_origin[mask] = rng.choice(np.array(fam.origins), size=int(mask.sum()), p=fam.origin_p)
    line_value = np.array([f.line_value for f in catalog.families])
    rank = np.empty(count)
    rank[np.argsort(-size * line_value[family])] = np.arange(count) / count  # 0 = largest by value
    p_ctpat = np.select([rank < 0.01, rank < 0.05, rank < 0.15], [1.0, 0.6, 0.3], 0.03)
    ctpat = (rng.random(count) < p_ctpat) & ~new
    isa = ctpat & (rng.random(count) < 0.40)
    continuous = (rank < 0.5) | (rng.random(count) < 0.6)
    broker_weight = 1.0 / np.arange(1, BROKERS + 1)
    return Importers(
        ids=np.array([f"IMP{i:07d}" for i in range(1, count + 1)], dtype=object),
        size=size,
        start_day=start_day,
        new=new,
        offender=rng.random(count) < REPEAT_OFFENDER_SHARE,
        family=family,
        main_origin=main_origin,
        ctpat=ctpat,
        isa=isa,
        continuous_bond=continuous,
        broker=rng.choice(BROKERS, size=count, p=broker_weight / broker_weight.sum()),
    )


def mid_strings(rng: np.random.Generator, country: str, n: int) -> np.ndarray:
    """CBP's MID shape: country, 3+3 letters of the name, up to 4 digits of the address, city."""
    name = _letters(rng, n, 6)
    city = _letters(rng, n, 3)
    number = rng.integers(1, 9999, n)
    return np.array(
        [f"{country}{a}{b}{c}" for a, b, c in zip(name, number, city, strict=True)], dtype=object
    )


def make_manufacturers(
    rng: np.random.Generator, countries: list[str], entries: int
) -> Manufacturers:
    per_country = max(12, entries // 300)
    pools = {c: mid_strings(rng, c, per_country) for c in sorted(countries)}
    bad = {c: max(1, int(round(per_country * BAD_MANUFACTURER_SHARE))) for c in pools}
    return Manufacturers(pools=pools, bad=bad)


def fresh_mids(rng: np.random.Generator, countries: np.ndarray) -> np.ndarray:
    """MIDs never seen before (a first-time manufacturer), one per requested country."""
    out = np.empty(len(countries), dtype=object)
    for i, country in enumerate(countries):
        out[i] = mid_strings(rng, str(country), 1)[0]
    return out


def bad_mids(rng: np.random.Generator, makers: Manufacturers, countries: np.ndarray) -> np.ndarray:
    out = np.empty(len(countries), dtype=object)
    for i, country in enumerate(countries):
        pool = makers.pools[str(country)]
        out[i] = pool[rng.integers(0, makers.bad[str(country)])]
    return out
