"""The figures `generate --json` prints, to compare the synthetic year with the real one.

FY2015 (GAO-17-618): over $2.4 trillion of imports and about $46 billion collected, so duties are
about 1.9% of value; at roughly 30 million entry summaries a year a mean entry is worth about
$80,000. docs/generator.md records what the generator produces against these.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from tradeguard.domain.pti import PTI

FY2015_IMPORTS_USD = Decimal("2.4e12")
FY2015_COLLECTED_USD = Decimal("46e9")
ENTRY_SUMMARIES_PER_YEAR = 30_000_000


def _sum(table: pa.Table, column: str, mask: pa.Array | None = None) -> Decimal:
    values = table.column(column) if mask is None else table.filter(mask).column(column)
    total = pc.sum(values).as_py()
    return Decimal(0) if total is None else Decimal(total)


def summary(declarations: pa.Table, truth: pa.Table) -> dict[str, Any]:
    entries = pc.count_distinct(declarations.column("entry_no")).as_py()
    value = _sum(declarations, "value_usd")
    duty = _sum(declarations, "duty_usd")
    trusted = pc.or_(declarations.column("ctpat"), declarations.column("isa"))
    violating = truth.filter(truth.column("violation"))
    by_pti: dict[str, int] = {pti.value: 0 for pti in PTI}
    grouped = violating.group_by("pti").aggregate([("entry_no", "count_distinct")])
    for pti, count in zip(
        grouped.column("pti").to_pylist(),
        grouped.column("entry_no_count_distinct").to_pylist(),
        strict=True,
    ):
        by_pti[pti] = count
    bad_entries = (
        pc.count_distinct(violating.column("entry_no")).as_py() if violating.num_rows else 0
    )
    return {
        "entries": entries,
        "lines": declarations.num_rows,
        "value_usd": value,
        "duty_usd": duty,
        "duty_to_value": round(float(duty / value), 6) if value else 0.0,
        "mean_value_per_entry_usd": round(float(value) / entries, 2) if entries else 0.0,
        "trusted_value_share": round(float(_sum(declarations, "value_usd", trusted) / value), 6)
        if value
        else 0.0,
        "violation_entry_rate": round(bad_entries / entries, 6) if entries else 0.0,
        "violations_by_pti": by_pti,
    }
