"""The nine violation schemes: each rewrites the chosen entries so that the declared columns show
the claim and the true_* columns what an exam would find. docs/generator.md is the contract.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from tradeguard.generator.catalog import Catalog
from tradeguard.generator.claims import covered_origins
from tradeguard.generator.entries import choose_ports
from tradeguard.generator.population import Manufacturers, bad_mids, fresh_mids
from tradeguard.generator.shipments import Shipments
from tradeguard.reference import AdcvdOrder, Reference

THIRD_COUNTRIES = (("VN", 40), ("MY", 20), ("TH", 20), ("ID", 5), ("IN", 5), ("KR", 5), ("TW", 5))
# declared (decoy) HTS prefixes just outside each order's scope
DECOYS: dict[str, tuple[str, ...]] = {
    "A-570-967": ("761699",),
    "A-570-909": ("731815", "731816"),
    "A-552-818": ("731815", "731816"),
    "A-570-890": ("940360",),
    "A-570-979": ("854149", "850171"),
    "A-570-863": ("170290",),
    "A-570-943": ("730439",),
    "A-570-893": ("0306190161",),
    "A-570-848": ("1605401090",),
}
BRAND_SENSITIVE = (
    "420221",
    "420222",
    "9101",
    "9102",
    "6403",
    "6404",
    "6109",
    "6110",
    "851713",
    "851830",
    "3303",
)
UNSAFE = ("9503", "850760")
TEXTILE_FRONTS = ("VN", "BD", "KH", "ID", "JO", "HN", "GT", "SV")
FRONT_SPI = {"HN": "P", "GT": "P", "SV": "P", "JO": "JO"}
SUGAR_TRUE = ("17019950",)
SUGAR_DECLARED = ("170290", "170490", "210690")
HONEY_FRONTS = ("VN", "IN", "TH", "MY", "TR", "UA")


@dataclass(frozen=True, slots=True)
class Context:
    rng: np.random.Generator
    ref: Reference
    catalog: Catalog
    makers: Manufacturers


def _choice(rng: np.random.Generator, options: tuple[tuple[str, float], ...], n: int) -> np.ndarray:
    names = np.array([o for o, _ in options])
    p = np.array([w for _, w in options], dtype=float)
    return rng.choice(names, size=n, p=p / p.sum())


def _per_entry(
    s: Shipments, chosen: np.ndarray, values: np.ndarray, lines: np.ndarray
) -> np.ndarray:
    """Spread one value per chosen entry onto that entry's lines."""
    full = np.empty(s.entries, dtype=values.dtype)
    full[chosen] = values
    return full[s.entry[lines]]


def _lines_per_order(
    ctx: Context, s: Shipments, chosen: np.ndarray, pick: np.ndarray, lines: np.ndarray
) -> Iterator[tuple[AdcvdOrder, np.ndarray]]:
    """Each AD/CVD order picked for the chosen entries, with the mask of those entries' lines."""
    line_order = _per_entry(s, chosen, pick, lines)
    idx = np.flatnonzero(lines)
    for number in np.unique(pick):
        mine = np.zeros_like(lines)
        mine[idx[line_order == number]] = True
        yield ctx.ref.adcvd_orders[number], mine


def _redraw(ctx: Context, s: Shipments, lines: np.ndarray, candidates: np.ndarray) -> None:
    s.hts[lines] = candidates[ctx.rng.integers(0, len(candidates), int(lines.sum()))]
    s.true_hts[lines] = s.hts[lines]


def _requantify(
    ctx: Context, s: Shipments, lines: np.ndarray, hts: np.ndarray, factor: float = 1.0
) -> None:
    """Quantity consistent with the true value at the line's true median unit value."""
    noise = np.exp(ctx.rng.normal(0.0, ctx.catalog.unit_value_sigma, int(lines.sum())))
    price = ctx.catalog.unit_value[hts] * factor * noise
    s.qty[lines] = np.maximum(1.0, np.round(s.true_value_c[lines] / 100 / price))


def _mids(ctx: Context, countries: np.ndarray, p_bad: float, otherwise_fresh: bool) -> np.ndarray:
    bad = ctx.rng.random(len(countries)) < p_bad
    out = np.empty(len(countries), dtype=object)
    out[bad] = bad_mids(ctx.rng, ctx.makers, countries[bad])
    if otherwise_fresh:
        out[~bad] = fresh_mids(ctx.rng, countries[~bad])
    else:
        for i in np.flatnonzero(~bad):
            pool = ctx.makers.pools[str(countries[i])]
            out[i] = pool[ctx.rng.integers(0, len(pool))]
    return out


def _set_origin(
    ctx: Context,
    s: Shipments,
    chosen: np.ndarray,
    lines: np.ndarray,
    declared: np.ndarray,
    true: np.ndarray,
    mids: np.ndarray,
) -> None:
    s.origin[lines] = _per_entry(s, chosen, declared, lines)
    s.export[lines] = s.origin[lines]
    s.true_origin[lines] = _per_entry(s, chosen, true, lines)
    s.mid[lines] = _per_entry(s, chosen, mids, lines)


def _plain(ctx: Context, s: Shipments, lines: np.ndarray) -> None:
    s.rate_micro[lines] = ctx.catalog.rate_micro[s.hts[lines]]
    s.spi[lines] = ""
    s.adcvd[lines] = -1
    s.violation[lines] = True


def adcvd_transshipment(ctx: Context, s: Shipments, chosen: np.ndarray) -> np.ndarray:
    orders = [
        i
        for i, o in enumerate(ctx.ref.adcvd_orders)
        if o.case_no.startswith("A-")
        and o.product != "Honey"
        and len(ctx.catalog.matching(o.hts_prefixes))
    ]
    pick = ctx.rng.choice(orders, size=len(chosen))
    lines = s.lines_of(chosen)
    for order, mine in _lines_per_order(ctx, s, chosen, pick, lines):
        _redraw(ctx, s, mine, ctx.catalog.matching(order.hts_prefixes))
    true = np.array([ctx.ref.adcvd_orders[i].country for i in pick], dtype="<U2")
    third = _choice(ctx.rng, THIRD_COUNTRIES, len(chosen))
    third = np.where(third == true, "MY", third)
    _set_origin(ctx, s, chosen, lines, third, true, _mids(ctx, third, 0.5, True))
    _requantify(ctx, s, lines, s.hts[lines])
    _plain(ctx, s, lines)
    return lines


def adcvd_misclassification(ctx: Context, s: Shipments, chosen: np.ndarray) -> np.ndarray:
    orders = [i for i, o in enumerate(ctx.ref.adcvd_orders) if o.case_no in DECOYS]
    pick = ctx.rng.choice(orders, size=len(chosen))
    lines = s.lines_of(chosen)
    for order, mine in _lines_per_order(ctx, s, chosen, pick, lines):
        _redraw(ctx, s, mine, ctx.catalog.matching(order.hts_prefixes))
        decoys = ctx.catalog.matching(DECOYS[order.case_no])
        s.hts[mine] = decoys[ctx.rng.integers(0, len(decoys), int(mine.sum()))]
    country = np.array([ctx.ref.adcvd_orders[i].country for i in pick], dtype="<U2")
    _set_origin(ctx, s, chosen, lines, country, country, _mids(ctx, country, 0.3, False))
    _requantify(ctx, s, lines, s.true_hts[lines])
    _plain(ctx, s, lines)
    return lines


def undervaluation(ctx: Context, s: Shipments, chosen: np.ndarray) -> np.ndarray:
    lines = s.lines_of(chosen)
    factor = _per_entry(s, chosen, ctx.rng.uniform(0.25, 0.60, len(chosen)), lines)
    s.value_c[lines] = np.maximum(100, np.round(s.true_value_c[lines] * factor)).astype(np.int64)
    s.violation[lines] = True
    return lines


def false_preference(ctx: Context, s: Shipments, chosen: np.ndarray) -> np.ndarray:
    lines = s.lines_of(chosen) & (ctx.catalog.rate_micro[s.hts] > 0)
    spi = _choice(ctx.rng, (("S", 35), ("S+", 10), ("A", 30), ("KR", 25)), len(chosen))
    first = np.searchsorted(s.entry, chosen)
    current = s.origin[first]
    covered = np.array([o in covered_origins(str(p)) for o, p in zip(current, spi, strict=True)])
    true = np.where(covered, "CN", current).astype("<U2")
    front = np.array([ctx.rng.choice(covered_origins(str(p))) for p in spi], dtype="<U2")
    hard = ctx.rng.random(len(chosen)) < 0.5
    declared = np.where(hard, front, true).astype("<U2")
    s.origin[lines] = _per_entry(s, chosen, declared, lines)
    s.export[lines] = s.origin[lines]
    s.true_origin[lines] = _per_entry(s, chosen, true, lines)
    s.spi[lines] = _per_entry(s, chosen, spi, lines)
    s.rate_micro[lines] = 0
    s.adcvd[lines] = -1
    s.violation[lines] = True
    return lines


def counterfeit(ctx: Context, s: Shipments, chosen: np.ndarray) -> np.ndarray:
    lines = s.lines_of(chosen)
    _redraw(ctx, s, lines, ctx.catalog.matching(BRAND_SENSITIVE))
    origin = _choice(ctx.rng, (("CN", 60), ("HK", 25), ("TR", 7.5), ("VN", 7.5)), len(chosen))
    _set_origin(ctx, s, chosen, lines, origin, origin, _mids(ctx, origin, 0.6, False))
    small = ctx.rng.random(len(chosen)) < 0.8
    mode = np.where(
        small, _choice(ctx.rng, (("air", 30), ("express", 55), ("mail", 15)), len(chosen)), "vessel"
    )
    s.mode[chosen] = mode
    s.port[chosen] = choose_ports(ctx.rng, ctx.ref, ctx.catalog.ports, s.mode[chosen], origin)
    value = np.exp(np.log(7000) + ctx.rng.normal(0.0, 1.0, int(lines.sum())))
    value *= np.where(_per_entry(s, chosen, small, lines), 0.1, 1.0)
    s.value_c[lines] = s.true_value_c[lines] = np.maximum(100, np.round(value * 100)).astype(
        np.int64
    )
    _requantify(ctx, s, lines, s.hts[lines], factor=float(ctx.rng.uniform(0.2, 0.5)))
    _plain(ctx, s, lines)
    return lines


def unsafe_goods(ctx: Context, s: Shipments, chosen: np.ndarray) -> np.ndarray:
    lines = s.lines_of(chosen)
    _redraw(ctx, s, lines, ctx.catalog.matching(UNSAFE))
    origin = _choice(ctx.rng, (("CN", 85), ("VN", 6), ("MX", 4), ("ID", 5)), len(chosen))
    _set_origin(ctx, s, chosen, lines, origin, origin, _mids(ctx, origin, 0.4, True))
    _requantify(ctx, s, lines, s.hts[lines])
    _plain(ctx, s, lines)
    return lines


def textile_origin_fraud(ctx: Context, s: Shipments, chosen: np.ndarray) -> np.ndarray:
    lines = s.lines_of(chosen)
    _redraw(ctx, s, lines, ctx.catalog.matching(("61", "62")))
    front = ctx.rng.choice(np.array(TEXTILE_FRONTS), size=len(chosen))
    true = np.full(len(chosen), "CN", dtype="<U2")
    _set_origin(ctx, s, chosen, lines, front, true, _mids(ctx, front, 0.5, True))
    _requantify(ctx, s, lines, s.hts[lines])
    _plain(ctx, s, lines)
    spi = np.array([FRONT_SPI.get(str(c), "") for c in front], dtype="<U2")
    s.spi[lines] = _per_entry(s, chosen, spi, lines)
    s.rate_micro[lines & (s.spi != "")] = 0
    return lines


def agriculture_quota_evasion(ctx: Context, s: Shipments, chosen: np.ndarray) -> np.ndarray:
    lines = s.lines_of(chosen)
    _redraw(ctx, s, lines, ctx.catalog.matching(SUGAR_TRUE))
    decoys = ctx.catalog.matching(SUGAR_DECLARED)
    s.hts[lines] = decoys[ctx.rng.integers(0, len(decoys), int(lines.sum()))]
    origin = _choice(
        ctx.rng, (("CA", 50), ("MX", 20), ("GT", 10), ("BR", 10), ("CO", 10)), len(chosen)
    )
    _set_origin(ctx, s, chosen, lines, origin, origin, _mids(ctx, origin, 0.3, False))
    _requantify(ctx, s, lines, s.true_hts[lines])
    _plain(ctx, s, lines)
    return lines


def agriculture_false_origin(ctx: Context, s: Shipments, chosen: np.ndarray) -> np.ndarray:
    lines = s.lines_of(chosen)
    _redraw(ctx, s, lines, ctx.catalog.matching(("0409",)))
    front = ctx.rng.choice(np.array(HONEY_FRONTS), size=len(chosen))
    true = np.full(len(chosen), "CN", dtype="<U2")
    _set_origin(ctx, s, chosen, lines, front, true, _mids(ctx, front, 0.5, True))
    _requantify(ctx, s, lines, s.hts[lines])
    _plain(ctx, s, lines)
    return lines


Scheme = Callable[[Context, Shipments, np.ndarray], np.ndarray]
