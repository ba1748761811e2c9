"""Filing, paying and denying drawback claims through the service, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.integration.drawback.conftest import ENTRY_1, ENTRY_2
from tradeguard.domain.cases import CaseKind
from tradeguard.domain.cases.opening import CaseOpening
from tradeguard.domain.drawback.filing import ClaimFiling
from tradeguard.domain.errors import Conflict, InvalidInput
from tradeguard.domain.pti import PTI
from tradeguard.services.cases import move_case, open_case
from tradeguard.services.drawback import (
    deny_claim,
    file_claim,
    pay_claim,
    register_drawback_bond,
)
from tradeguard.store.database import Database
from tradeguard.store.drawback import ClaimRow, DesignationRow
from tradeguard.store.drawback_ledger import ImportLineRow

ON = date(2026, 6, 1)


def filing(claim_no: str = "DB-1", **overrides: Any) -> ClaimFiling:
    document: dict[str, Any] = {
        "claim_no": claim_no,
        "kind": "1313j1",
        "claimant_id": "EXP-1",
        "filed_on": "2026-06-01",
        "refund_requested_usd": "495.00",
        "accelerated": False,
        "exports": [
            {
                "kind": "export",
                "on": "2026-05-20",
                "hts10": "9503000073",
                "quantity": "1200",
                "document": "BL-1",
            }
        ],
        "designations": [{"entry_no": ENTRY_1, "line_no": 1, "duty_usd": "500.00"}],
    }
    document.update(overrides)
    return ClaimFiling.model_validate(document)


def _count(db: Database, model: Any) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_a_claim_is_filed_with_its_refund_limit(database: Database, lake: Path) -> None:
    filed = file_claim(database, lake, filing(), actor="t")
    assert filed.designated_cents == 50_000
    assert filed.refund_limit_cents == 49_500
    assert _count(database, DesignationRow) == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"refund_requested_usd": "495.01"}, "refund_requested"),
        (
            {"designations": [{"entry_no": ENTRY_2, "line_no": 7, "duty_usd": "1.00"}]},
            "designations[0]",
        ),
        (
            {"designations": [{"entry_no": ENTRY_1, "line_no": 1, "duty_usd": "500.01"}]},
            "designations[0].duty_usd",
        ),
        ({"filed_on": "2031-03-03"}, "designations[0].entry_no"),
        (
            {
                "kind": "1313j2",
                "exports": [
                    {
                        "kind": "export",
                        "on": "2026-05-20",
                        "hts10": "9503000090",
                        "quantity": "1",
                        "document": "BL",
                    }
                ],
            },
            None,
        ),
    ],
)
def test_bad_claims_name_their_field_and_write_nothing(
    database: Database, lake: Path, overrides: dict[str, Any], field: str | None
) -> None:
    if field is None:  # substitution within the 8-digit subheading is allowed
        assert file_claim(database, lake, filing(**overrides), actor="t").lines == 1
        return
    with pytest.raises(InvalidInput) as caught:
        file_claim(database, lake, filing(**overrides), actor="t")
    assert caught.value.field == field
    assert _count(database, ClaimRow) == 0
    assert _count(database, DesignationRow) == 0


def test_substitution_outside_the_subheading_is_refused(database: Database, lake: Path) -> None:
    export = {
        "kind": "export",
        "on": "2026-05-20",
        "hts10": "9504000000",
        "quantity": "1",
        "document": "BL",
    }
    with pytest.raises(InvalidInput) as caught:
        file_claim(database, lake, filing(kind="1313j2", exports=[export]), actor="t")
    assert caught.value.field == "designations[0]"
    assert "9503000" in str(caught.value)


def test_no_line_is_designated_beyond_what_was_paid_across_claimants(
    database: Database, lake: Path
) -> None:
    line = [{"entry_no": ENTRY_1, "line_no": 1, "duty_usd": "300.00"}]
    file_claim(
        database, lake, filing("DB-1", designations=line, refund_requested_usd="297"), actor="t"
    )
    with pytest.raises(InvalidInput) as caught:
        file_claim(
            database,
            lake,
            filing("DB-2", claimant_id="EXP-2", designations=line, refund_requested_usd="297"),
            actor="t",
        )
    assert caught.value.field == "designations[0].duty_usd"
    assert "200.00" in str(caught.value)
    with database.session() as s:
        ledger = s.get(ImportLineRow, (ENTRY_1, 1))
        assert ledger is not None and ledger.designated_cents == 30_000
    assert _count(database, ClaimRow) == 1


def test_a_denied_claim_gives_its_designation_back(database: Database, lake: Path) -> None:
    file_claim(database, lake, filing("DB-1"), actor="t")
    deny_claim(database, "DB-1", ON, actor="t")
    assert file_claim(database, lake, filing("DB-2"), actor="t").designated_cents == 50_000


def test_accelerated_payment_waits_for_a_sufficient_bond(database: Database, lake: Path) -> None:
    file_claim(database, lake, filing("DB-1", accelerated=True), actor="t")
    flagged = pay_claim(database, "DB-1", ON, actor="t")
    assert (flagged.status, flagged.refund_paid_cents, flagged.bond_shortfall_cents) == (
        "filed",
        0,
        49_500,
    )
    register_drawback_bond(database, "EXP-1", "B-1", 49_499, ON, actor="t")
    assert pay_claim(database, "DB-1", ON, actor="t").bond_shortfall_cents == 1
    register_drawback_bond(database, "EXP-1", "B-1", 49_500, ON, actor="t")
    paid = pay_claim(database, "DB-1", ON, actor="t")
    assert (paid.status, paid.refund_paid_cents, paid.bond_shortfall_cents) == ("paid", 49_500, 0)
    with pytest.raises(Conflict):
        pay_claim(database, "DB-1", ON, actor="t")


def test_a_duty_demand_collected_on_the_line_counts_as_paid(database: Database, lake: Path) -> None:
    """Paid is the declared $500 plus the $100 a duty demand on that line has collected: $600
    can be designated, not a cent more; an uncollected demand adds nothing."""
    on = date(2026, 4, 1)
    opening = CaseOpening(
        CaseKind.DUTY_DEMAND, PTI.REVENUE, on, entry_no=ENTRY_1, line_no=1, demanded=Decimal("100")
    )
    case_id = open_case(database, opening, "t")
    over = [{"entry_no": ENTRY_1, "line_no": 1, "duty_usd": "600.00"}]
    with pytest.raises(InvalidInput) as caught:
        file_claim(database, lake, filing("DB-1", designations=over), actor="t")
    assert caught.value.field == "designations[0].duty_usd"
    move_case(database, case_id, "billed", "t", on=on)
    move_case(database, case_id, "paid", "t", on=date(2026, 4, 20))
    filed = file_claim(database, lake, filing("DB-1", designations=over), actor="t")
    assert filed.designated_cents == 60_000
    cent_more = [{"entry_no": ENTRY_1, "line_no": 1, "duty_usd": "0.01"}]
    with pytest.raises(InvalidInput):
        file_claim(database, lake, filing("DB-2", designations=cent_more), actor="t")
    with database.session() as s:
        ledger = s.get(ImportLineRow, (ENTRY_1, 1))
        assert ledger is not None and (ledger.paid_cents, ledger.designated_cents) == (60_000,) * 2


def test_a_demand_collected_after_the_first_claim_raises_the_line_for_the_next(
    database: Database, lake: Path
) -> None:
    file_claim(database, lake, filing("DB-1"), actor="t")  # all $500 declared
    on = date(2026, 4, 1)
    opening = CaseOpening(
        CaseKind.DUTY_DEMAND, PTI.REVENUE, on, entry_no=ENTRY_1, line_no=1, demanded=Decimal("40")
    )
    case_id = open_case(database, opening, "t")
    move_case(database, case_id, "billed", "t", on=on)
    move_case(database, case_id, "paid", "t", on=date(2026, 4, 20))
    more = [{"entry_no": ENTRY_1, "line_no": 1, "duty_usd": "40.00"}]
    second = filing("DB-2", claimant_id="EXP-2", designations=more, refund_requested_usd="39.60")
    assert file_claim(database, lake, second, actor="t").designated_cents == 4_000
