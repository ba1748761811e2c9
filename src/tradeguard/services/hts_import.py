"""Import the full USITC tariff schedule so that every real HTS line is known, not only ours.

Written to `home/reference/hts.parquet`, which `load_reference(home)` adds to the packaged lines.
The file is written to a temporary name and renamed, so a failed import leaves the old one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tradeguard.atomic_write import replace_atomically
from tradeguard.domain.errors import InvalidInput
from tradeguard.reference.catalog import IMPORTED_HTS
from tradeguard.reference.rates import RateKind
from tradeguard.reference.usitc import read_schedule

SCHEMA = pa.schema(
    [
        ("hts10", pa.string()),
        ("description", pa.string()),
        ("unit", pa.string()),
        ("rate_text", pa.string()),
        ("rate_kind", pa.string()),
        ("ad_valorem", pa.decimal128(12, 6)),
        ("specific_usd", pa.decimal128(18, 6)),
        ("specific_unit", pa.string()),
        ("chapter", pa.int16()),
    ]
)

_SIX = Decimal("0.000001")


@dataclass(frozen=True, slots=True)
class HtsImported:
    """How many lines were imported, by kind of general rate, and where they were written."""

    lines: int
    ad_valorem: int
    free: int
    specific: int
    compound: int
    unparsed: int
    path: str

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def _q(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(_SIX)


def import_hts(source: Path, home: Path) -> HtsImported:
    """Read the USITC CSV export and write the parsed lines; report counts by kind of rate."""
    lines = read_schedule(source)
    if not lines:
        raise InvalidInput(f"{source} holds no 10-digit HTS lines", "file")
    table = pa.table(
        {
            "hts10": [x.hts10 for x in lines],
            "description": [x.description for x in lines],
            "unit": [x.unit for x in lines],
            "rate_text": [x.rate.text for x in lines],
            "rate_kind": [str(x.rate.kind) for x in lines],
            "ad_valorem": [_q(x.rate.ad_valorem) for x in lines],
            "specific_usd": [_q(x.rate.specific_usd) for x in lines],
            "specific_unit": [x.rate.specific_unit for x in lines],
            "chapter": [x.chapter for x in lines],
        },
        schema=SCHEMA,
    )
    target = home / IMPORTED_HTS
    replace_atomically(target, lambda partial: pq.write_table(table, partial))
    kinds = Counter(x.rate.kind for x in lines)
    return HtsImported(
        lines=len(lines),
        ad_valorem=kinds[RateKind.AD_VALOREM],
        free=kinds[RateKind.FREE],
        specific=kinds[RateKind.SPECIFIC],
        compound=kinds[RateKind.COMPOUND],
        unparsed=kinds[RateKind.UNPARSED],
        path=str(target),
    )
