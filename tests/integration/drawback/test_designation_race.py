"""Claims racing to designate the same import line: the ledger lets through only what was paid.

Real concurrency: each claim is filed from its own thread with its own connection, released
together by a barrier, on SQLite (the write lock) and PostgreSQL (the row lock).
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from tests.integration.drawback.conftest import ENTRY_1
from tests.integration.drawback.test_claims import filing
from tradeguard.domain.errors import TradeguardError
from tradeguard.services.drawback import file_claim, pay_claim, register_drawback_bond
from tradeguard.store.database import Database
from tradeguard.store.drawback import ClaimRow
from tradeguard.store.drawback_ledger import ImportLineRow


def _race(database: Database, lake: Path, claims: int, duty: str) -> list[str]:
    barrier = threading.Barrier(claims)
    outcomes: list[str] = []
    line = [{"entry_no": ENTRY_1, "line_no": 2, "duty_usd": duty}]

    def claim(n: int) -> None:
        document = filing(
            f"RACE-{n}",
            claimant_id=f"EXP-{n}",
            designations=line,
            refund_requested_usd="1.00",
            exports=[
                {
                    "kind": "export",
                    "on": "2026-05-20",
                    "hts10": "8507600020",
                    "quantity": "1",
                    "document": f"BL-{n}",
                }
            ],
        )
        barrier.wait()
        try:
            file_claim(database, lake, document, actor=f"t{n}")
            outcomes.append("filed")
        except TradeguardError as error:
            outcomes.append(type(error).__name__)

    threads = [threading.Thread(target=claim, args=(n,)) for n in range(claims)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcomes


def test_racing_claims_never_designate_more_than_was_paid(database: Database, lake: Path) -> None:
    # $680.00 paid on the line; four claims of $200.00 each: three fit, the fourth cannot.
    outcomes = _race(database, lake, 4, "200.00")
    assert sorted(outcomes) == ["InvalidInput", "filed", "filed", "filed"]
    with database.session() as s:
        line = s.get(ImportLineRow, (ENTRY_1, 2))
        assert line is not None and line.designated_cents == 60_000 <= line.paid_cents


def test_two_claims_for_most_of_a_line_cannot_both_pass(database: Database, lake: Path) -> None:
    outcomes = _race(database, lake, 2, "400.00")
    assert sorted(outcomes) == ["InvalidInput", "filed"]


def test_a_bond_secures_racing_accelerated_payments_one_at_a_time(
    database: Database, lake: Path
) -> None:
    """Two accelerated claims of one claimant, a bond that covers one: paid from two threads at
    once, exactly one is paid and the other held; paying one claim twice pays it once."""
    for n, line in enumerate((1, 2)):
        hts = "9503000073" if line == 1 else "8507600020"
        file_claim(
            database,
            lake,
            filing(
                f"ACC-{n}",
                accelerated=True,
                designations=[{"entry_no": ENTRY_1, "line_no": line, "duty_usd": "100.00"}],
                refund_requested_usd="99.00",
                exports=[
                    {
                        "kind": "export",
                        "on": "2026-05-20",
                        "hts10": hts,
                        "quantity": "1",
                        "document": "BL",
                    }
                ],
            ),
            actor="t",
        )
    register_drawback_bond(database, "EXP-1", "B-1", 9_900, date(2026, 6, 1), actor="t")
    numbers = ["ACC-0", "ACC-1", "ACC-0", "ACC-0"]
    barrier = threading.Barrier(len(numbers))
    outcomes: list[str] = []

    def pay(claim_no: str) -> None:
        barrier.wait()
        try:
            payment = pay_claim(database, claim_no, date(2026, 6, 2), actor="t")
            outcomes.append("held" if payment.bond_shortfall_cents else f"paid {claim_no}")
        except TradeguardError as error:
            outcomes.append(type(error).__name__)

    threads = [threading.Thread(target=pay, args=(n,)) for n in numbers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    paid = [o for o in outcomes if o.startswith("paid")]
    assert len(paid) == 1, outcomes
    with database.session() as s:
        total = sum(r.refund_paid_cents for r in s.query(ClaimRow))
    assert total == 9_900


def test_one_claim_number_is_filed_once_under_a_race(database: Database, lake: Path) -> None:
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def claim(line: int) -> None:
        hts = "9503000073" if line == 1 else "8507600020"
        document = filing(
            "SAME-NO",
            designations=[{"entry_no": ENTRY_1, "line_no": line, "duty_usd": "10.00"}],
            refund_requested_usd="9.90",
            exports=[
                {
                    "kind": "export",
                    "on": "2026-05-20",
                    "hts10": hts,
                    "quantity": "1",
                    "document": "BL",
                }
            ],
        )
        barrier.wait()
        try:
            file_claim(database, lake, document, actor="t")
            outcomes.append("filed")
        except TradeguardError as error:
            outcomes.append(type(error).__name__)

    threads = [threading.Thread(target=claim, args=(line,)) for line in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert outcomes.count("filed") == 1 and len(outcomes) == 2, outcomes
    assert set(outcomes) <= {"filed", "Collision", "InvalidInput"}
    with database.session() as s:
        assert sum(r.designated_cents for r in s.query(ImportLineRow)) == 1_000
