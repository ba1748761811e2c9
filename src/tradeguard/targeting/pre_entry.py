"""Pre-entry targeting on DuckDB: the rules on advance filings over every filed line, one row per
entry the filings announce, and the same lane logic as entries (domain.rule.decide_lane).

Before arrival there is no sample and no trusted-trader release: a pre-entry decision either holds
the shipment (mandatory or discretionary) or lets it come on.
"""

from __future__ import annotations

import duckdb
import polars as pl

from tradeguard.domain.rule import Lane, Risk, decide_lane
from tradeguard.targeting.advance_columns import advance_lines_sql
from tradeguard.targeting.compiler import CompiledRule

PRE_ENTRY_SCHEMA: dict[str, pl.DataType] = {
    "entry_no": pl.String(),
    "bill_of_lading": pl.String(),
    "importer_id": pl.String(),
    "arrival_date": pl.Date(),
    "port_of_unlading": pl.String(),
    "lane": pl.String(),
    "rule_ids": pl.List(pl.String()),
    "rule_versions": pl.List(pl.String()),
    "pti_hits": pl.List(pl.String()),
}


def pre_entry_hits_sql(source: str, rules: list[CompiledRule]) -> str:
    """Per announced entry: context and one BOOL per rule (a rule hits when any line matches)."""
    hits = "".join(f", BOOL_OR({r.sql('duckdb')}) AS {r.column}" for r in rules)
    return (
        f"WITH lines AS ({advance_lines_sql(source)}) "
        "SELECT entry_no, MIN(bill_of_lading) AS bill_of_lading, MIN(importer_id) AS importer_id,"
        " MIN(arrival_date) AS arrival_date, MIN(port_of_unlading) AS port_of_unlading"
        f"{hits} FROM lines GROUP BY entry_no ORDER BY entry_no"
    )


def pre_entry_decisions(source: str, rules: list[CompiledRule]) -> pl.DataFrame:
    """The pre-entry decision of every announced entry (PRE_ENTRY_SCHEMA), holds first."""
    con = duckdb.connect()
    try:
        hits = pl.from_arrow(con.sql(pre_entry_hits_sql(source, rules)).to_arrow_table())
    finally:
        con.close()
    assert isinstance(hits, pl.DataFrame)
    rows = []
    for row in hits.iter_rows(named=True):
        matched = [r for r in rules if row[r.column]]
        lane = decide_lane(
            {Risk(r.rule.risk) for r in matched}, trusted_trader=False, sampled=False
        )
        rows.append(
            {
                **{k: row[k] for k in list(PRE_ENTRY_SCHEMA)[:5]},
                "lane": lane.value,
                "rule_ids": [r.rule.id for r in matched],
                "rule_versions": [r.published.ref for r in matched],
                "pti_hits": sorted({r.rule.pti.value for r in matched}),
            }
        )
    frame = pl.DataFrame(rows, schema=PRE_ENTRY_SCHEMA)
    order = {Lane.MANDATORY.value: 0, Lane.DISCRETIONARY.value: 1}
    return frame.sort(
        pl.col("lane").replace_strict(order, default=2, return_dtype=pl.Int8),
        "arrival_date",
        "entry_no",
    )
