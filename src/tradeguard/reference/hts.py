"""Tariff lines: the packaged compact table and the full schedule once imported."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path

from tradeguard.reference.rates import parse_rate


@dataclass(frozen=True, slots=True)
class HtsLine:
    """One 10-digit statistical line with its general (column 1) rate.

    `general_rate` is the ad valorem fraction when the rate is Free or purely ad valorem, None
    otherwise (specific, compound or unparsed rates); `rate_text` is the schedule's own words.
    """

    hts10: str
    description: str
    unit: str
    general_rate: Decimal | None
    rate_text: str
    chapter: int


def line_from_text(hts10: str, description: str, unit: str, rate_text: str) -> HtsLine:
    return HtsLine(
        hts10=hts10,
        description=description,
        unit=unit,
        general_rate=parse_rate(rate_text).ad_valorem_only,
        rate_text=rate_text,
        chapter=int(hts10[:2]),
    )


def packaged_lines() -> dict[str, HtsLine]:
    """The compact table shipped with tradeguard (real lines, USITC HTS 2024 Basic Edition)."""
    text = resources.files("tradeguard.reference").joinpath("data/hts_lines.csv").read_text("utf-8")
    rows = csv.DictReader(text.splitlines())
    return {
        r["hts10"]: line_from_text(r["hts10"], r["description"], r["unit"], r["rate_text"])
        for r in rows
    }


def imported_lines(path: Path) -> dict[str, HtsLine]:
    """Lines written by `tradeguard reference import-hts` (see services.hts_import)."""
    import pyarrow.parquet as pq

    table = pq.read_table(path, columns=["hts10", "description", "unit", "rate_text"])
    return {
        hts10: line_from_text(hts10, description, unit, rate_text)
        for hts10, description, unit, rate_text in zip(
            *(table.column(c).to_pylist() for c in table.column_names), strict=True
        )
    }
