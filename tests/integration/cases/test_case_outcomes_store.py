"""Carrying cases through the case service on each database: the same seed makes the same moves,
each recorded with its event and change log entry, money in cents, and a report that adds up."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from tradeguard.domain.cases import CaseKind
from tradeguard.domain.cases.opening import CaseOpening
from tradeguard.domain.pti import PTI
from tradeguard.services.case_lifecycle import carry_cases
from tradeguard.services.case_reports import enforcement_report, latest_fiscal_year
from tradeguard.services.case_views import CaseDetail
from tradeguard.services.cases import open_case, show_case
from tradeguard.store.change_log import change_entries
from tradeguard.store.database import Database
from tradeguard.store.unit_of_work import UnitOfWork

OPENINGS = [
    CaseOpening(CaseKind.PENALTY, PTI.REVENUE, date(2025, 10, 20), subtype="1592",
                maximum=Decimal("80000.00"), demanded=Decimal("80000.00")),
    CaseOpening(CaseKind.SEIZURE, PTI.IPR, date(2025, 11, 3), violation_type="counterfeit",
                details={"domestic_value_usd": "12000.50"}),
    CaseOpening(CaseKind.DUTY_DEMAND, PTI.TEXTILES, date(2025, 12, 1), demanded=Decimal("950.25")),
    CaseOpening(CaseKind.AUDIT, PTI.REVENUE, date(2025, 10, 6), subtype="quick_response_audit",
                details={"basis_usd": "40000.00"}),
    CaseOpening(CaseKind.EAPA, PTI.ADCVD, date(2025, 10, 14)),
    CaseOpening(CaseKind.REFERRAL, PTI.IPR, date(2025, 10, 9)),
]  # fmt: skip
AS_OF = date(2026, 11, 29)


def _carry(db: Database, seed: int) -> list[CaseDetail]:
    ids = [open_case(db, opening, "test") for opening in OPENINGS]
    carried = carry_cases(db, seed=seed, as_of=AS_OF, actor="test")
    assert carried.cases == len(OPENINGS) and carried.moves > len(OPENINGS)
    return [show_case(db, case_id) for case_id in ids]


def test_outcomes_go_through_the_case_service(database: Database) -> None:
    cases = _carry(database, seed=5)
    for case in cases:
        history = case.history
        assert history[0].to_state != case.state, case  # every case moved
        days = [h.on for h in history]
        assert days == sorted(days) and days[-1] <= AS_OF
    with UnitOfWork(database) as uow:
        entries = change_entries(uow.session, entity="case", limit=10_000)
    moves = [e for e in entries if e.action == "case.move"]
    assert len(moves) == sum(len(c.history) - 1 for c in cases)
    report = enforcement_report(database, 2026).totals
    assert report.cases_opened == len(OPENINGS) and latest_fiscal_year(database) == 2026
    penalty = cases[0]
    assert penalty.collected <= penalty.assessed <= Decimal("80000.00")


def test_the_same_seed_makes_the_same_moves(database: Database, tmp_path: Path) -> None:
    other = Database(f"sqlite:///{tmp_path / 'again.db'}")
    try:
        runs = [_carry(db, seed=11) for db in (database, other)]
    finally:
        other.dispose()
    moves = [[[(h.to_state, h.on, h.amount) for h in c.history] for c in run] for run in runs]
    assert moves[0] == moves[1] and all(len(m) >= 2 for m in moves[0])


def test_reports_open_on_the_latest_ended_year_with_cases(database: Database) -> None:
    """A few weeks of a new fiscal year are not what a report opens on, unless they are all."""
    october = CaseOpening(
        CaseKind.DUTY_DEMAND, PTI.REVENUE, date(2026, 10, 7), demanded=Decimal("5")
    )
    open_case(database, october, "test")
    assert latest_fiscal_year(database, today=date(2026, 11, 29)) == 2027  # FY2026 has none
    open_case(database, OPENINGS[0], "test")
    assert latest_fiscal_year(database, today=date(2026, 11, 29)) == 2026
    assert latest_fiscal_year(database, today=date(2027, 10, 2)) == 2027
