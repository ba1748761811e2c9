"""Charge import quotas for a lake state, and hand targeting and reports what was charged.

Ingest calls `charge_under_lock` while it still holds the lake's writer lock, right after it
commits a batch: every covered line of the lake is charged afresh in presentation order (entry
date, entry number, line number) and the ledger of that lake state is written. Because the
charges are a function of the lines alone, a file loaded late for earlier dates moves the fill
point to where presentation order puts it, and two concurrent ingests, serialised by the lock,
can never charge one line twice. A lake state with no ledger (written before quotas existed, or
by a tool that appends without ingest) is charged on read, with the same function.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import polars as pl

from tradeguard.domain.quotas import Charge, Quota, QuotaLine, charge, fill_points, whole_units
from tradeguard.reference.quotas import packaged_quotas
from tradeguard.store.lake import EntryLake, LakeSnapshot, LakeWriter
from tradeguard.store.quota_ledger import QuotaLedger
from tradeguard.targeting.quota_columns import NOTHING_FILLED, QuotaFills


def covered_lines(snapshot: LakeSnapshot, quotas: Sequence[Quota]) -> list[QuotaLine]:
    """The lake's lines in any quota's HTS scope and unit (few: the scan filters first)."""
    if snapshot.is_empty() or not quotas:
        return []
    prefixes = sorted({p for q in quotas for p in q.hts_scope})
    units = sorted({q.unit for q in quotas})
    in_scope = pl.any_horizontal([pl.col("hts10").str.starts_with(p) for p in prefixes])
    frame = (
        snapshot.scan()
        .filter(in_scope & pl.col("unit").is_in(units))
        .select("entry_no", "line_no", "entry_date", "hts10", "origin_country", "unit", "quantity")
        .collect()
    )
    return [
        QuotaLine(e, int(n), d, h, o, u, whole_units(float(q)))
        for e, n, d, h, o, u, q in frame.iter_rows()
    ]


def charges_of(snapshot: LakeSnapshot, quotas: Sequence[Quota]) -> list[Charge]:
    return charge(quotas, covered_lines(snapshot, quotas))


def charge_under_lock(writer: LakeWriter) -> int:
    """Charge the lake as the writer now holds it and record the ledger; the lines charged."""
    snapshot = writer.snapshot
    if not snapshot.batches:
        return 0
    charges = charges_of(snapshot, packaged_quotas())
    QuotaLedger(writer.lake.root).write(snapshot.batches[-1].batch_id, charges)
    return len(charges)


def recorded_charges(lake_dir: Path, snapshot: LakeSnapshot | None = None) -> list[Charge]:
    """The charges of a lake state: its ledger, or charged now when it has none."""
    snapshot = snapshot or EntryLake(lake_dir).snapshot()
    if not snapshot.batches:
        return []
    recorded = QuotaLedger(lake_dir).read(snapshot.batches[-1].batch_id)
    return recorded if recorded is not None else charges_of(snapshot, packaged_quotas())


def quota_fills(lake_dir: Path, snapshot: LakeSnapshot | None = None) -> QuotaFills:
    """What targeting compiles `quota_filled` from, for the lake as it stands."""
    charges = recorded_charges(lake_dir, snapshot)
    if not charges:
        return NOTHING_FILLED
    quotas = packaged_quotas()
    return QuotaFills(quotas, tuple(fill_points(quotas, charges)))
