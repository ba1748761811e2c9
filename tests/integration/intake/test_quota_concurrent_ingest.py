"""Concurrent `tradeguard ingest` processes charge each beef line against its quota once.

Three real processes load overlapping files of Brazilian beef under the "other countries" beef
quota (65,005,000 kg a calendar year) at once; together they bring more than the quota. The
lake's writer lock serialises them, so the ledger of the final lake state must be exactly the
charge of every line loaded, in presentation order, whatever order the processes won the lock.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import declaration_row, write_csv
from tests.integration.intake.test_concurrent_ingest import finish, start_together
from tradeguard.domain.quotas import QuotaLine, charge
from tradeguard.reference.quotas import packaged_quotas
from tradeguard.services.quota_charging import recorded_charges
from tradeguard.store.lake import EntryLake
from tradeguard.store.quota_ledger import QuotaLedger

pytestmark = pytest.mark.slow


def beef(serial: int, day: str, kg: int) -> dict[str, str]:
    return declaration_row(
        serial, 1, entry_date=day, origin_country="BR", export_country="BR",
        manufacturer_id="BRBEEFPAC1SAO", hts10="0202201000", description="frozen beef cuts",
        quantity=str(kg), unit="kg", value_usd="1000.00",
    )  # fmt: skip


def test_concurrent_ingests_charge_every_line_once(tmp_path: Path) -> None:
    home = tmp_path / "home"
    files = []
    for n in range(3):
        # 12 entries of 2,500,000 kg each; the middle four repeat another file's entries
        serials = list(range(n * 8, n * 8 + 12))
        rows = [beef(s, f"2026-01-{2 + s % 20:02d}", 2_500_000) for s in serials]
        files.append(write_csv(tmp_path / f"beef-{n}.csv", rows))
    procs = start_together(home, tmp_path, [["ingest", str(f), "--json"] for f in files])
    reports = finish(procs)
    assert sum(r["accepted"] for r in reports) == 28  # serials 0..27, each once

    lake = EntryLake(home / "lake")
    snapshot = lake.snapshot()
    # every lake state a writer committed has its ledger
    for batch in snapshot.batches:
        assert QuotaLedger(lake.root).read(batch.batch_id) is not None
    charges = recorded_charges(lake.root, snapshot)
    frame = snapshot.scan().collect()
    lines = [
        QuotaLine(e, n, d, "0202201000", "BR", "kg", 2_500_000)
        for e, n, d in frame.select("entry_no", "line_no", "entry_date").iter_rows()
    ]
    assert charges == charge(packaged_quotas(), lines)
    assert len({(c.entry_no, c.line_no) for c in charges}) == len(charges) == 28
    assert {c.quota_id for c in charges} == {"BEEF-OTHER"}
    assert sum(c.in_quota for c in charges) == 65_005_000
    assert sum(c.over_quota for c in charges) == 28 * 2_500_000 - 65_005_000
