"""Claims racing to designate the same import line: the ledger lets through only what was paid.

Real concurrency: each claim is filed from its own thread with its own connection, released
together by a barrier, on SQLite (the write lock) and PostgreSQL (the row lock).
"""

from __future__ import annotations

import threading
from pathlib import Path

from tests.integration.drawback.conftest import ENTRY_1
from tests.integration.drawback.test_claims import filing
from tradeguard.domain.errors import TradeguardError
from tradeguard.services.drawback import file_claim
from tradeguard.store.database import Database
from tradeguard.store.drawback import ImportLineRow


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
