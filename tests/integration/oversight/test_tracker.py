"""The tracker over real stores (SQLite, and PostgreSQL when configured): checks answer from the
data, AD/CVD evidence appears once its tables exist, and only status changes are recorded."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text

from tradeguard.config import Settings
from tradeguard.domain.cases import CaseKind
from tradeguard.domain.cases.opening import CaseOpening
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.pti import PTI
from tradeguard.services.cases import open_case
from tradeguard.services.oversight import history, select_tracked, track
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


def _adcvd_tables(db: Database) -> None:
    """The columns the AD/CVD feature's liquidation and bill tables carry (store/adcvd.py on
    the adcvd branch) that the tracker reads: its narrow interface."""
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "CREATE TABLE adcvd_liquidations (id INTEGER PRIMARY KEY,"
                " liquidated_on DATE NOT NULL,"
                " late BOOLEAN NOT NULL, cause VARCHAR(32))"
            )
        )
        conn.execute(text(
            "CREATE TABLE adcvd_bills (id INTEGER PRIMARY KEY, importer_id VARCHAR(64) NOT NULL,"
            " due_on DATE NOT NULL, principal_cents BIGINT NOT NULL,"
            " interest_cents BIGINT NOT NULL,"
            " paid_cents BIGINT NOT NULL, surety_paid_cents BIGINT NOT NULL,"
            " written_off_cents BIGINT NOT NULL)"
        ))  # fmt: skip


def _liquidate(db: Database, rows: list[tuple[int, str, bool, str | None]]) -> None:
    with db.engine.begin() as conn:
        for row_id, day, late, cause in rows:
            conn.execute(
                text("INSERT INTO adcvd_liquidations VALUES (:i, :d, :l, :c)"),
                {"i": row_id, "d": date.fromisoformat(day), "l": late, "c": cause},
            )


def test_empty_stores_say_no_data_and_the_plans_answer(database: Database, settings) -> None:  # type: ignore[no-untyped-def]
    report = track(database, settings, FY, as_of=date(2026, 11, 1), record=False)
    assert len(report.recommendations) == 29
    assert report.counts["outside platform"] == 6
    targets = _evidence(report, "GAO-17-618-1")
    assert targets["status"] == "met"
    assert targets["figures"]["ptis_with_plan"] == 7
    assert targets["figures"]["measures"] == targets["figures"]["measures_with_target"] > 0
    assert _evidence(report, "GAO-16-542-1") == {
        "status": "no data",
        "figures": {"reason": "the AD/CVD feature is not in this deployment "
                              "(no adcvd_liquidations table)"},
    }  # fmt: skip
    wait = _evidence(report, "GAO-13-603-1")
    assert wait["status"] == "no data" and wait["figures"]["reason"].startswith("outside platform")


def test_liquidations_late_then_on_time(database: Database, settings) -> None:  # type: ignore[no-untyped-def]
    _adcvd_tables(database)
    assert _evidence(track(database, settings, FY, record=False), "GAO-16-542-1")["status"] == (
        "no data"
    )
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
    _adcvd_tables(database)
    with database.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO adcvd_bills VALUES (1, 'IMP-1', :due, 100000, 500, 20000, 0, 0),"
            " (2, 'IMP-2', :due, 5000, 0, 5000, 0, 0)"
        ), {"due": date(2026, 3, 1)})  # fmt: skip
    day = date(2026, 6, 1)
    unmitigated = _evidence(track(database, settings, FY, as_of=day, record=False), "GAO-16-542-3")
    assert unmitigated["status"] == "not met"
    assert unmitigated["figures"]["importers_with_unpaid_bills"] == 1  # IMP-2 paid in full
    assert unmitigated["figures"]["unpaid_usd"] == "805.00"
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
    _adcvd_tables(database)
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
