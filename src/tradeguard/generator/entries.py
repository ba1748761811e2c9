"""Honest shipments: entries spread over the fiscal year, their ports, modes and lines.

Mexico and Canada ship mostly by truck and rail through land ports; everything else by vessel
and air (with some express and mail), as in US import statistics by mode of transport.
"""

from __future__ import annotations

import numpy as np

from tradeguard.generator.catalog import Catalog
from tradeguard.generator.population import Importers, Manufacturers
from tradeguard.generator.shipments import Shipments
from tradeguard.reference import Reference

LAND_BORDER = {"MX": ("TX", "AZ", "CA"), "CA": ("NY", "WA", "MT", "ND", "MI")}
LAND_MODES = (("truck", 0.75), ("rail", 0.15), ("vessel", 0.05), ("air", 0.05))
OVERSEAS_MODES = (("vessel", 0.70), ("air", 0.22), ("express", 0.06), ("mail", 0.02))
# unit values differ by origin; an HTS-origin median is the HTS median times this
ORIGIN_PRICE = {"CN": 0.8, "VN": 0.85, "IN": 0.85, "BD": 0.8, "DE": 1.3, "JP": 1.25, "CH": 1.4}
COUNTED_UNITS = frozenset({"No.", "doz.", "prs.", "dpr.", "pcs", "gross", "doz. prs"})


def _pick(rng: np.random.Generator, options: tuple[tuple[str, float], ...], n: int) -> np.ndarray:
    names = np.array([o for o, _ in options])
    p = np.array([w for _, w in options])
    return rng.choice(names, size=n, p=p / p.sum())


def choose_ports(
    rng: np.random.Generator,
    ref: Reference,
    weights: dict[str, float],
    mode: np.ndarray,
    origin: np.ndarray,
) -> np.ndarray:
    """A port per entry that handles the mode; land crossings on the right border."""
    port = np.empty(len(mode), dtype="<U4")
    land = np.isin(mode, ["truck", "rail"])
    groups: list[tuple[np.ndarray, list[str]]] = []
    for country, states in LAND_BORDER.items():
        for m in ("truck", "rail"):
            mask = land & (origin == country) & (mode == m)
            codes = [p.code for p in ref.ports.values() if p.state in states and m in p.modes]
            groups.append((mask, codes))
    for m in ("vessel", "air", "express", "mail"):
        codes = [p.code for p in ref.ports.values() if m in p.modes]
        groups.append((mode == m, codes))
    for mask, codes in groups:
        if not mask.any():
            continue
        w = np.array([weights.get(c, 0.5) for c in sorted(codes)])
        port[mask] = rng.choice(np.array(sorted(codes)), size=int(mask.sum()), p=w / w.sum())
    return port


def choose_modes(rng: np.random.Generator, origin: np.ndarray) -> np.ndarray:
    land = np.isin(origin, list(LAND_BORDER))
    mode = _pick(rng, OVERSEAS_MODES, len(origin)).astype("<U7")
    mode[land] = _pick(rng, LAND_MODES, int(land.sum()))
    return mode


def _entry_origins(
    rng: np.random.Generator, entries: int, days: int, catalog: Catalog, importers: Importers
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per entry: its importer (by size), day, product family (mostly the importer's own) and
    country of origin (often the importer's usual one)."""
    p = importers.size / importers.size.sum()
    importer = rng.choice(len(p), size=entries, p=p)
    start = importers.start_day[importer]
    day = start + np.floor(rng.random(entries) * (days - start)).astype(np.int64)
    shares = np.array([f.share / f.line_value for f in catalog.families])
    family = np.where(
        rng.random(entries) < 0.8,
        importers.family[importer],
        rng.choice(len(shares), size=entries, p=shares / shares.sum()),
    )
    origin_e = np.empty(entries, dtype="<U2")
    for number, fam in enumerate(catalog.families):
        mask = family == number
        origin_e[mask] = rng.choice(np.array(fam.origins), size=int(mask.sum()), p=fam.origin_p)
    usual = (family == importers.family[importer]) & (rng.random(entries) < 0.6)
    origin_e[usual] = importers.main_origin[importer[usual]]
    return importer, day, family, origin_e


def _manufacturers(
    rng: np.random.Generator, importer: np.ndarray, origin_e: np.ndarray, makers: Manufacturers
) -> np.ndarray:
    """One manufacturer per entry, usually one the importer buys from again and again."""
    mid_e = np.empty(len(importer), dtype=object)
    for country, pool in makers.pools.items():
        mask = origin_e == country
        if not mask.any():
            continue
        regular = (importer[mask] * 7919 + 13) % len(pool)
        anyone = rng.integers(0, len(pool), int(mask.sum()))
        mid_e[mask] = pool[np.where(rng.random(int(mask.sum())) < 0.8, regular, anyone)]
    return mid_e


def _lines(
    rng: np.random.Generator,
    family: np.ndarray,
    mode: np.ndarray,
    origin_e: np.ndarray,
    catalog: Catalog,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each entry's lines: the entry each belongs to, its tariff line, value in cents and
    quantity (whole units for counted goods); mail and express lines are small."""
    n_lines = np.minimum(20, rng.geometric(0.4, len(family)))
    entry = np.repeat(np.arange(len(family)), n_lines)
    lines = len(entry)
    hts = np.empty(lines, dtype=np.int64)
    line_family = family[entry]
    for number, fam in enumerate(catalog.families):
        mask = line_family == number
        hts[mask] = fam.lines[rng.integers(0, len(fam.lines), int(mask.sum()))]
    line_value = np.array([f.line_value for f in catalog.families])[line_family]
    value = np.exp(np.log(line_value) + rng.normal(0.0, catalog.line_value_sigma, lines))
    small = np.isin(mode[entry], ["mail", "express"])
    value[small] *= 0.05
    value_c = np.maximum(np.round(value * 100), 100).astype(np.int64)
    price = np.array([ORIGIN_PRICE.get(o, 1.0) for o in origin_e])[entry]
    unit_price = (
        catalog.unit_value[hts] * price * np.exp(rng.normal(0.0, catalog.unit_value_sigma, lines))
    )
    qty = value_c / 100 / unit_price
    counted = np.isin(catalog.unit[hts], list(COUNTED_UNITS))
    qty = np.where(counted, np.maximum(1.0, np.round(qty)), np.maximum(0.01, np.round(qty, 2)))
    return entry, hts, value_c, qty


def draw_shipments(
    rng: np.random.Generator,
    entries: int,
    days: int,
    ref: Reference,
    catalog: Catalog,
    importers: Importers,
    makers: Manufacturers,
) -> Shipments:
    importer, day, family, origin_e = _entry_origins(rng, entries, days, catalog, importers)
    mode = choose_modes(rng, origin_e)
    port = choose_ports(rng, ref, catalog.ports, mode, origin_e)
    mid_e = _manufacturers(rng, importer, origin_e, makers)
    entry, hts, value_c, qty = _lines(rng, family, mode, origin_e, catalog)
    lines = len(entry)
    origin = origin_e[entry]
    export = origin.copy()
    via_hk = (origin_e == "CN") & (rng.random(entries) < 0.08)  # shipped on from Hong Kong
    export[via_hk[entry]] = "HK"
    return Shipments(
        importer=importer,
        day=day,
        port=port,
        mode=mode,
        family=family,
        entry=entry,
        hts=hts,
        origin=origin,
        export=export,
        mid=mid_e[entry],
        value_c=value_c,
        qty=qty,
        rate_micro=catalog.rate_micro[hts].copy(),
        spi=np.full(lines, "", dtype="<U2"),
        adcvd=np.full(lines, -1, dtype=np.int64),
        violation=np.zeros(lines, dtype=bool),
        vtype=np.zeros(lines, dtype=np.int8),
        true_hts=hts.copy(),
        true_origin=origin.copy(),
        true_value_c=value_c.copy(),
    )
