"""The tracker's drawback and STB checks read the claims, the ledger, the review sample and the
bond register, on SQLite and PostgreSQL: no data on an empty store, not met while a control's
finding is open, met once it is resolved."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.integration.drawback.conftest import ENTRY_1, ENTRY_2
from tests.integration.drawback.test_claims import filing
from tradeguard.config import load_settings
from tradeguard.domain.bonds import StbFiling, StbStatus
from tradeguard.domain.errors import Conflict
from tradeguard.domain.oversight import EvidenceStatus
from tradeguard.services.bond_register import close_stb, present_stb, register_stb
from tradeguard.services.drawback import file_claim, pay_claim, register_drawback_bond
from tradeguard.services.drawback_review import draw_review_sample, record_review
from tradeguard.services.oversight_evidence import EvidenceContext
from tradeguard.services.oversight_refunds import (
    drawback_bond_sufficiency,
    drawback_claims_checked,
    drawback_revenue_loss_estimate,
    single_transaction_bonds_monitored,
)
from tradeguard.store.database import Database

MET, NOT_MET, NO_DATA = EvidenceStatus.MET, EvidenceStatus.NOT_MET, EvidenceStatus.NO_DATA
AS_OF = date(2026, 9, 30)  # the end of FY2026


def _context(db: Database) -> EvidenceContext:
    return EvidenceContext(db, load_settings(), 2026, AS_OF)


def test_the_drawback_checks_follow_claims_payments_and_reviews(
    database: Database, lake: Path
) -> None:
    ctx = _context(database)
    for check in (drawback_claims_checked, drawback_revenue_loss_estimate):
        assert check(ctx).status is NO_DATA
    register_drawback_bond(database, "EXP-1", "DB-BOND", 30_000, date(2026, 1, 5), actor="t")
    file_claim(database, lake, filing("DB-1", accelerated=True), actor="t")
    assert pay_claim(database, "DB-1", date(2026, 6, 11), actor="t").bond_shortfall_cents > 0
    held = drawback_bond_sufficiency(ctx)
    assert held.status is NO_DATA and held.figures["claims_held_for_bond"] == 1
    checked = drawback_claims_checked(ctx)
    assert checked.status is MET and checked.figures["claims_filed"] == 1

    register_drawback_bond(database, "EXP-1", "DB-BOND", 100_000, date(2026, 6, 12), actor="t")
    pay_claim(database, "DB-1", date(2026, 6, 12), actor="t")
    secured = drawback_bond_sufficiency(ctx)
    assert secured.status is MET and secured.figures["share_with_sufficient_bond"] == 1.0
    # The bond is cut below the refunds it secures: the payment is no longer covered.
    register_drawback_bond(database, "EXP-1", "DB-BOND", 10_000, date(2026, 7, 1), actor="t")
    short = drawback_bond_sufficiency(ctx)
    assert short.status is NOT_MET and short.figures["claimants_short"] == {"EXP-1": "395.00"}

    assert drawback_revenue_loss_estimate(ctx).status is NOT_MET  # paid, never sampled
    draw_review_sample(database, size=2, seed=1, on=date(2026, 9, 1), actor="t")
    pending = drawback_revenue_loss_estimate(ctx)
    assert pending.status is NOT_MET and pending.figures["pending_review"] == 1
    record_review(database, "DB-1", overpaid_cents=0, finding="ok", on=AS_OF, actor="t")
    done = drawback_revenue_loss_estimate(ctx)
    assert done.status is MET and done.figures["ci_95_usd"] == ["0.00", "0.00"]  # a census


def _bond(bond_no: str, usd: str, on: date) -> StbFiling:
    return StbFiling.model_validate(
        {"bond_no": bond_no, "surety_code": "S01", "importer_id": "IMP-1",
         "amount_usd": usd, "registered_on": on.isoformat()}
    )  # fmt: skip


def test_the_stb_check_wants_every_finding_resolved(database: Database, lake: Path) -> None:
    ctx = _context(database)
    assert single_transaction_bonds_monitored(ctx).status is NO_DATA
    register_stb(database, _bond("STB-1", "5000.00", date(2026, 3, 2)), actor="t")  # needs 5,250
    register_stb(database, _bond("STB-2", "9000.00", date(2026, 1, 5)), actor="t")  # never used
    register_stb(
        database, _bond("STB-3", "90000.00", date(2026, 3, 1)), actor="t"
    )  # 3 x value (CPSC)
    present_stb(database, lake, "STB-3", ENTRY_1, date(2026, 3, 2), actor="t")
    try:
        present_stb(database, lake, "STB-3", ENTRY_2, date(2026, 3, 3), actor="t")
    except Conflict:
        pass  # refused, and kept in the register as a reuse
    open_ = single_transaction_bonds_monitored(ctx)
    assert open_.status is NOT_MET
    # STB-1 is unused too until it is presented (registered over 30 days by the year's end).
    assert open_.figures["unresolved"] == ["STB-1", "STB-2", "STB-3"]
    present_stb(database, lake, "STB-1", ENTRY_2, date(2026, 3, 3), actor="t")
    found = single_transaction_bonds_monitored(ctx).figures
    assert (found["insufficient_found"], found["unused_found"], found["reused_found"]) == (1, 1, 1)
    assert found["unresolved"] == ["STB-1", "STB-2"] and found["reused_resolved"] == 1
    close_stb(database, "STB-2", StbStatus.RELEASED, AS_OF, actor="t")
    close_stb(database, "STB-1", StbStatus.CLAIMED, AS_OF, actor="t")
    resolved = single_transaction_bonds_monitored(ctx)
    assert resolved.status is MET, resolved.figures
    assert resolved.figures["claimed_uncovered_usd"] == "250.00"
