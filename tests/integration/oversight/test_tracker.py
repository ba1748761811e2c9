"""The tracker over real stores (SQLite, and PostgreSQL when configured): checks answer from the
data (AD/CVD liquidations and bills written through the AD/CVD feature's tables), and only status
changes are recorded."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tradeguard.config import Settings
from tradeguard.domain.cases import CaseKind
from tradeguard.domain.cases.opening import CaseOpening
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.pti import PTI
from tradeguard.services.cases import open_case
from tradeguard.services.oversight import history, select_tracked, track
from tradeguard.store.adcvd import BillRow, DepositRow, LiquidationRow
from tradeguard.store.database import Database

FY = 2026


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        home=tmp_path / "home", database_url="", spark_master="local[*]", overdue_days=5
    )


def _evidence(report, rec_id: str) -> dict:  # type: ignore[no-untyped-def]
    return next(
        t.evidence.as_json() for t in report.recommendations if t.recommendation.id == rec_id
    )


def _deposit(session, row_id: int, importer: str) -> None:  # type: ignore[no-untyped-def]
    session.add(
        DepositRow(
            id=row_id, entry_no=f"E{row_id:05d}", line_no=1, entry_date=date(2024, 1, 1),
            importer_id=importer, case_no="A-570-001", value_cents=1_000_000,
            deposit_rate_micro=100_000, deposit_cents=100_000, bond_type="continuous",
            bond_cents=0,
        )
    )  # fmt: skip


def _liquidate(db: Database, rows: list[tuple[int, str, bool, str | None]]) -> None:
    """AD/CVD lines liquidated on a day, late or not, with the cause of lateness."""
    with db.session() as session:
        for row_id, day, late, cause in rows:
            _deposit(session, row_id, "IMP-L")
            session.flush()
            session.add(
                LiquidationRow(
                    deposit_id=row_id, message_no=f"M{row_id}",
                    liquidated_on=date.fromisoformat(day),
                    final_rate_micro=100_000, final_duty_cents=100_000, difference_cents=0,
                    interest_cents=0, outcome="even", late=late, cause=cause,
                )
            )  # fmt: skip


def _bill(db: Database, row_id: int, importer: str, owed: int, paid: int) -> None:
    with db.session() as session:
        _deposit(session, row_id, importer)
        session.flush()
        session.add(
            BillRow(
                deposit_id=row_id, entry_no=f"E{row_id:05d}", line_no=1, importer_id=importer,
                case_no="A-570-001", issued_on=date(2026, 1, 1), due_on=date(2026, 3, 1),
                state="open", principal_cents=owed, interest_cents=500, paid_cents=paid,
                bond_key=f"continuous:{importer}", bond_cents=0,
            )
        )  # fmt: skip


def test_empty_stores_say_no_data_and_the_plans_answer(database: Database, settings) -> None:  # type: ignore[no-untyped-def]
    report = track(database, settings, FY, as_of=date(2026, 11, 1), record=False)
    assert len(report.recommendations) == 29
    assert report.counts["outside platform"] == 6
    targets = _evidence(report, "GAO-17-618-1")
    assert targets["status"] == "met"
    assert targets["figures"]["ptis_with_plan"] == 7
    assert targets["figures"]["measures"] == targets["figures"]["measures_with_target"] > 0
    liquidations = _evidence(report, "GAO-16-542-1")
    assert liquidations["status"] == "no data"
    assert liquidations["figures"]["reason"] == "no AD/CVD line was liquidated in the year"
    assert _evidence(report, "OIG-15-76-6")["figures"] == {
        "reason": "no in-bond movement is recorded"
    }
    wait = _evidence(report, "GAO-13-603-1")
    assert wait["status"] == "no data" and wait["figures"]["reason"].startswith("outside platform")


def test_liquidations_late_then_on_time(database: Database, settings) -> None:  # type: ignore[no-untyped-def]
    _liquidate(
        database,
        [(1, "2026-01-10", False, None), (2, "2026-02-01", True, "instructions_late"),
         (3, "2025-05-01", True, "system")],
    )  # fmt: skip
    late = _evidence(track(database, settings, FY, record=False), "GAO-16-542-1")
    assert late == {
        "status": "not met",
        "figures": {"fiscal_year": FY, "liquidated": 2, "late": 1,
                    "late_by_cause": {"instructions_late": 1}},
    }  # fmt: skip
    assert _evidence(track(database, settings, 2025, record=False), "GAO-16-542-1")["figures"][
        "late_by_cause"
    ] == {"system": 1}
    on_time = _evidence(track(database, settings, 2027, record=False), "GAO-16-542-1")
    assert on_time["status"] == "no data"  # nothing liquidated in FY2027


def test_unpaid_bills_need_a_bond_demand(database: Database, settings) -> None:  # type: ignore[no-untyped-def]
    _bill(database, 1, "IMP-1", 100_000, 20_000)
    _bill(database, 2, "IMP-2", 5_000, 5_500)  # paid in full, interest included
    day = date(2026, 6, 1)
    unmitigated = _evidence(track(database, settings, FY, as_of=day, record=False), "GAO-16-542-3")
    assert unmitigated["status"] == "not met"
    assert unmitigated["figures"]["importers_with_unpaid_bills"] == 1  # IMP-2 paid in full
    assert unmitigated["figures"]["still_owed_usd"] == "805.00"
    assert unmitigated["figures"]["importers_without_bond_demand"] == ["IMP-1"]
    open_case(
        database,
        CaseOpening(CaseKind.BOND_DEMAND, PTI.ADCVD, date(2026, 4, 1), importer_id="IMP-1",
                    demanded=Decimal("50000")),
        "test",
    )  # fmt: skip
    mitigated = _evidence(track(database, settings, FY, as_of=day, record=False), "GAO-16-542-3")
    assert mitigated["status"] == "met"


def test_a_missed_case_deadline_is_not_met(database: Database, settings) -> None:  # type: ignore[no-untyped-def]
    # an EAPA allegation must be initiated (or not) within a deadline of its receipt
    open_case(database, CaseOpening(CaseKind.EAPA, PTI.ADCVD, date(2026, 1, 5)), "test")
    open_case(
        database,
        CaseOpening(CaseKind.BOND_DEMAND, PTI.REVENUE, date(2026, 1, 5), importer_id="IMP-9",
                    demanded=Decimal("50000")),
        "test",
    )  # fmt: skip
    before = _evidence(track(database, settings, FY, as_of=date(2026, 1, 6), record=False),
                       "OIG-16-54-1")  # fmt: skip
    assert before["status"] == "no data"
    after = _evidence(track(database, settings, FY, as_of=date(2026, 9, 1), record=False),
                      "OIG-16-54-1")  # fmt: skip
    assert after["status"] == "not met"
    assert after["figures"]["deadlines_missed"] == after["figures"]["deadlines_due"] >= 1
    bonds = _evidence(track(database, settings, FY, record=False), "OIG-11-92-3")
    assert bonds["status"] == "met" and bonds["figures"]["bond_demands"] == 1


def test_only_changes_are_recorded(database: Database, settings) -> None:  # type: ignore[no-untyped-def]
    first = track(database, settings, FY)
    assert len(first.changes) == 29 and all(c.previous is None for c in first.changes)
    assert track(database, settings, FY).changes == ()
    _liquidate(database, [(1, "2026-01-10", True, "system")])
    third = track(database, settings, FY)
    moved = {c.recommendation_id: (c.previous, c.status) for c in third.changes}
    assert [k for k in moved] == ["GAO-16-542-1"]
    assert [str(s) for s in moved["GAO-16-542-1"]] == ["no data", "not met"]
    kept = history(database, "GAO-16-542-1")
    assert [c.status.value for c in kept] == ["no data", "not met"]
    assert kept[-1].figures["late"] == 1
    assert len(history(database)) == 30


def test_filters_and_sorts(database: Database, settings) -> None:  # type: ignore[no-untyped-def]
    report = track(database, settings, FY, record=False)
    oig = select_tracked(report.recommendations, report="OIG-11-92")
    assert [t.recommendation.id for t in oig] == ["OIG-11-92-1", "OIG-11-92-2", "OIG-11-92-3"]
    outside = select_tracked(report.recommendations, status="outside platform")
    assert len(outside) == 6
    words = select_tracked(report.recommendations, text="single transaction")
    assert {t.recommendation.report for t in words} == {"OIG-15-76", "OIG-11-92"}
    by_date = select_tracked(report.recommendations, sort="date", descending=True)
    assert by_date[0].recommendation.report == "GAO-17-618"
    with pytest.raises(InvalidInput) as raised:
        select_tracked(report.recommendations, sort="colour")
    assert raised.value.field == "sort"
