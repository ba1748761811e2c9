"""Synthetic declarations with ground truth, shaped like a year of US imports.

`generate` draws the year, `write` stores it, `summary` gives the calibration figures; the
contract of what is planted and how is docs/generator.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from tradeguard.domain.errors import InvalidInput
from tradeguard.generator import calibration
from tradeguard.generator.advance import advance_filings
from tradeguard.generator.assemble import build_tables, days_in, first_day_of
from tradeguard.generator.catalog import build_catalog
from tradeguard.generator.claims import declare_adcvd, declare_preferences
from tradeguard.generator.entries import draw_shipments
from tradeguard.generator.output import write_table, write_tables
from tradeguard.generator.population import filer_codes, make_importers, make_manufacturers
from tradeguard.generator.schemes import Context
from tradeguard.generator.violations import plant
from tradeguard.reference import load_reference

STEPS = ("catalog", "importers", "shipments", "claims", "violations", "tables")
# countries the schemes route goods through need manufacturer pools too
_FRONT_COUNTRIES = [
    "VN",
    "MY",
    "TH",
    "ID",
    "IN",
    "KR",
    "TW",
    "BD",
    "KH",
    "JO",
    "HN",
    "GT",
    "SV",
    "TR",
    "UA",
    "HK",
    "CN",
    "MX",
    "CA",
    "BR",
    "CO",
]


@dataclass(frozen=True, slots=True)
class GeneratedData:
    declarations: pa.Table
    truth: pa.Table
    seed: int
    fy: int


def generate(
    entries: int, seed: int, fy: int = 2026, progress: Callable[[str], None] | None = None
) -> GeneratedData:
    """Draw `entries` entries of fiscal year `fy`; the same arguments give the same data."""
    if entries < 1:
        raise InvalidInput("must be at least 1", "entries")
    if not 1990 < fy < 2100:
        raise InvalidInput("must be a fiscal year between 1991 and 2099", "fy")
    step = progress or (lambda _name: None)
    rng = np.random.default_rng([seed, 0])
    ref = load_reference()
    catalog = build_catalog(ref, seed)
    step("catalog")
    days = days_in(fy)
    importers = make_importers(rng, max(50, entries // 25), catalog, days)
    countries = {o for f in catalog.families for o in f.origins} | set(_FRONT_COUNTRIES)
    makers = make_manufacturers(rng, sorted(countries), entries)
    filers = filer_codes(rng)
    step("importers")
    shipments = draw_shipments(rng, entries, days, ref, catalog, importers, makers)
    step("shipments")
    declare_preferences(rng, shipments)
    declare_adcvd(ref, catalog.hts10, shipments)
    step("claims")
    plant(Context(rng, ref, catalog, makers), shipments, importers, catalog)
    step("violations")
    declarations, truth = build_tables(
        rng, shipments, ref, catalog, importers, filers, first_day_of(fy)
    )
    step("tables")
    return GeneratedData(declarations=declarations, truth=truth, seed=seed, fy=fy)


def write(data: GeneratedData, out_dir: Path, fmt: str = "parquet") -> dict[str, Path]:
    """Write declarations and the vessel entries' advance filings (parquet or csv), and truth
    (always parquet), under out_dir."""
    paths = write_tables(data.declarations, data.truth, out_dir, fmt)
    advance = advance_filings(data.declarations, data.truth, data.seed)
    paths["advance"] = write_table(advance, out_dir / f"advance.{fmt}", fmt)
    return paths


def summary(data: GeneratedData) -> dict[str, Any]:
    return calibration.summary(data.declarations, data.truth)


__all__ = ["GeneratedData", "STEPS", "generate", "summary", "write"]
