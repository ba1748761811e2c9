"""The review sample's estimate from recorded findings, and the STB register's monitoring."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.integration.drawback.conftest import ENTRY_1, ENTRY_2
from tests.integration.drawback.test_claims import filing
from tradeguard.domain.bonds import StbFiling, StbStatus
from tradeguard.domain.errors import Conflict, InvalidInput
from tradeguard.services.bond_register import close_stb, present_stb, register_stb, stb_monitoring
from tradeguard.services.drawback import file_claim, pay_claim
from tradeguard.services.drawback_review import draw_review_sample, record_review, revenue_loss
from tradeguard.store.database import Database

ON = date(2026, 6, 1)


def test_the_estimate_follows_the_reviews(database: Database, lake: Path) -> None:
    for n, (line, duty) in enumerate([(1, "100.00"), (1, "200.00"), (2, "300.00"), (2, "50.00")]):
        designation = [{"entry_no": ENTRY_1, "line_no": line, "duty_usd": duty}]
        hts = "9503000073" if line == 1 else "8507600020"
        export = {
            "kind": "export",
            "on": "2026-05-20",
            "hts10": hts,
            "quantity": "1",
            "document": "BL",
        }
        file_claim(
            database,
            lake,
            filing(
                f"DB-{n}", designations=designation, exports=[export], refund_requested_usd="10.00"
            ),
            actor="t",
        )
        pay_claim(database, f"DB-{n}", ON, actor="t")
    drawn = draw_review_sample(database, size=100, seed=1, on=ON, actor="t")
    assert drawn.population == 4 and len(drawn.sampled_claims) == 4  # small: every claim
    before = revenue_loss(database)
    assert before.estimate.reviewed == 0 and len(before.pending_review) == 4
    record_review(
        database, "DB-0", overpaid_cents=1000, finding="no export proof", on=ON, actor="t"
    )
    for claim_no in ("DB-1", "DB-2", "DB-3"):
        record_review(database, claim_no, overpaid_cents=0, finding="clean", on=ON, actor="t")
    after = revenue_loss(database).estimate
    # A census: the estimate is what was found, with no sampling error.
    assert (after.estimate_cents, after.low_cents, after.high_cents) == (1000, 1000, 1000)
    with pytest.raises(InvalidInput) as caught:
        record_review(database, "DB-1", overpaid_cents=1001, finding="x", on=ON, actor="t")
    assert caught.value.field == "overpaid"


def _bond(bond_no: str, amount: str) -> StbFiling:
    return StbFiling(
        bond_no=bond_no,
        surety_code="S01",
        importer_id="IMP-0001",
        amount_usd=amount,
        registered_on=date(2026, 3, 1),
    )


def test_the_register_ties_one_bond_to_one_entry_and_monitors(
    database: Database, lake: Path
) -> None:
    register_stb(database, _bond("STB-1", "5250.00"), actor="t")
    register_stb(database, _bond("STB-2", "1000.00"), actor="t")
    register_stb(database, _bond("STB-3", "90000.00"), actor="t")
    ok = present_stb(database, lake, "STB-1", ENTRY_2, date(2026, 3, 3), actor="t")
    assert (ok.check.required_cents, ok.check.shortfall_cents) == (525_000, 0)
    # Toys (chapter 95, CPSC): three times the value, $30,000 x 3 > value + duty.
    short = present_stb(database, lake, "STB-2", ENTRY_1, date(2026, 3, 2), actor="t")
    assert short.check.required_cents == 9_000_000
    assert short.check.agencies == ("CPSC (toys)",)
    with pytest.raises(Conflict):
        present_stb(database, lake, "STB-2", ENTRY_2, date(2026, 3, 4), actor="t")
    with pytest.raises(InvalidInput) as caught:
        present_stb(database, lake, "STB-3", "ABC-0000009-9", date(2026, 3, 4), actor="t")
    assert caught.value.field == "entry_no"
    report = stb_monitoring(database, date(2026, 6, 1))
    assert [b.bond_no for b in report.insufficient] == ["STB-2"]
    assert [b.bond_no for b in report.unused] == ["STB-3"]
    assert [(r.bond_no, r.entries) for r in report.reused] == [("STB-2", (ENTRY_1, ENTRY_2))]
    assert close_stb(database, "STB-1", StbStatus.RELEASED, ON, actor="t").status == "released"
    with pytest.raises(Conflict):
        close_stb(database, "STB-1", StbStatus.CLAIMED, ON, actor="t")
