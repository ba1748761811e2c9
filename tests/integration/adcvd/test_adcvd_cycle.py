"""The AD/CVD cycle on SQLite and PostgreSQL: a generated history replayed through the use
cases, its measures and risk, and bad input refused with nothing written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tradeguard.domain.adcvd import BillState
from tradeguard.domain.errors import Conflict, InvalidInput, NotFound
from tradeguard.generator.adcvd import AdcvdData
from tradeguard.services import adcvd, adcvd_bills
from tradeguard.services.adcvd_cycle import replay_history
from tradeguard.services.adcvd_measures import collection_measures
from tradeguard.services.adcvd_risk import evaluate_score, risk_analysis
from tradeguard.store.adcvd import BillRow, InstructionRow, LiquidationRow
from tradeguard.store.database import Database


def _count(db: Database, table: type) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def test_a_replayed_history_bills_collects_claims_and_writes_off(
    database: Database, history: tuple[Path, AdcvdData]
) -> None:
    folder, data = history
    run = replay_history(database, folder, data.as_of, "test")
    assert run.deposits == 600 and run.lines_liquidated > 100 and run.bills > 20
    assert run.payments > 0 and run.claims > 0
    bills = adcvd_bills.list_bills(database, data.as_of)
    assert len(bills) == run.bills
    for b in bills:  # every cent billed is paid, paid by the surety, written off or still owed
        assert b.billed_cents == (b.paid_cents + b.surety_paid_cents + b.written_off_cents
                                  + b.balance_cents)  # fmt: skip
    m = collection_measures(database, data.as_of)
    assert m.late.lines == run.lines_liquidated and 0 < m.late.late_lines < m.late.lines
    assert sum(m.late.by_cause.values()) == m.late.late_lines
    assert "not_recorded" not in m.late.by_cause  # the generator gave every late one a cause
    written_off = [b for b in bills if b.state == BillState.WRITTEN_OFF.value]
    assert m.unpaid.written_off == len(written_off)
    assert m.unpaid.written_off_cents == sum(b.written_off_cents for b in written_off)
    assert sum(m.unpaid.by_age.values()) == m.unpaid.count
    assert 0.0 <= m.coverage.share <= 1.0
    analysis = risk_analysis(database, data.as_of)
    assert analysis.bills > 0 and len(analysis.factors) == 7
    evaluation = evaluate_score(database, folder / "adcvd_truth.parquet", data.cutoff)
    assert evaluation.test_lines > 0 and 0 < evaluation.base_rate < 1
    assert all(s.entry_date >= data.cutoff for s in evaluation.top)


def test_liquidating_twice_finds_nothing_left(
    database: Database, history: tuple[Path, AdcvdData]
) -> None:
    folder, _ = history
    adcvd.import_deposits(database, folder / "adcvd_deposits.parquet", "test")
    adcvd.import_instructions(database, folder / "adcvd_instructions.csv", "test")
    with database.session() as session:
        first = session.scalars(select(InstructionRow).order_by(InstructionRow.id)).first()
        assert first is not None
        message, issued = first.message_no, first.issued_on
    once = adcvd.liquidate_instruction(database, message, issued, "test")
    again = adcvd.liquidate_instruction(database, message, issued, "test")
    assert once.lines > 0 and again.lines == 0
    assert _count(database, LiquidationRow) == once.lines
    with pytest.raises(NotFound):
        adcvd.liquidate_instruction(database, "NO-SUCH", issued, "test")
    with pytest.raises(Conflict):  # the same file twice
        adcvd.import_instructions(database, folder / "adcvd_instructions.csv", "test")


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ("M9,A-999-999,review,2024-10-01,2025-09-30,1.5,2026-01-10", "case_no"),
        ("M9,A-570-967,review,2024-10-01,2025-09-30,-0.25,2026-01-10", "final_rate"),
        ("M9,A-570-967,review,2024-10-01,2025-09-30,,2026-01-10", "final_rate"),
        ("M9,A-570-967,annual,2024-10-01,2025-09-30,1.5,2026-01-10", "kind"),
        ("M9,A-570-967,review,2024-10-01,2025-13-30,1.5,2026-01-10", "period_to"),
    ],
)
def test_a_bad_instruction_names_its_field_and_nothing_is_written(
    database: Database, instructions_csv: Callable[[list[str]], Path], row: str, field: str
) -> None:
    good = "M8,A-570-967,no_review,2024-10-01,2025-09-30,,2025-12-01"
    with pytest.raises(InvalidInput) as error:
        adcvd.import_instructions(database, instructions_csv([good, row]), "test")
    assert error.value.field == field and "row 2" in str(error.value)
    assert _count(database, InstructionRow) == 0


def test_payments_and_write_offs_through_the_service(
    database: Database, history: tuple[Path, AdcvdData]
) -> None:
    folder, data = history
    adcvd.import_deposits(database, folder / "adcvd_deposits.parquet", "test")
    adcvd.import_instructions(database, folder / "adcvd_instructions.csv", "test")
    with database.session() as session:
        issued = [(r.message_no, r.issued_on) for r in session.scalars(select(InstructionRow))]
    for message, day in issued:
        adcvd.liquidate_instruction(database, message, day, "test")
    owing = adcvd_bills.list_bills(database, data.as_of, [BillState.OPEN])
    assert owing and len(owing) == len(adcvd_bills.list_bills(database, data.as_of))
    target = owing[0]
    later = max(target.due_on, data.as_of)
    paid = adcvd_bills.pay_bill(database, target.entry_no, target.line_no, 100, later, "test")
    assert paid.paid_cents == target.paid_cents + 100
    gone = adcvd_bills.write_off_bill(database, target.entry_no, target.line_no, later, "test")
    assert gone.state == "written_off" and gone.balance_cents == 0
    with pytest.raises(Conflict):
        adcvd_bills.pay_bill(database, target.entry_no, target.line_no, 100, later, "test")
    with pytest.raises(NotFound):
        adcvd_bills.pay_bill(database, "NOPE", 1, 100, later, "test")
    with database.session() as session:
        row = session.scalars(select(BillRow).where(BillRow.entry_no == target.entry_no)).first()
        assert row is not None and row.version >= 3


def test_the_generator_is_deterministic(tmp_path: Path) -> None:
    from tradeguard.generator.adcvd import generate_adcvd, write_adcvd

    first = write_adcvd(generate_adcvd(200, 9), tmp_path / "a")
    second = write_adcvd(generate_adcvd(200, 9), tmp_path / "b")
    for name, path in first.items():
        assert path.read_bytes() == second[name].read_bytes(), name
    other = write_adcvd(generate_adcvd(200, 10), tmp_path / "c")
    assert other["adcvd_deposits"].read_bytes() != first["adcvd_deposits"].read_bytes()
    assert date(2026, 9, 30) == generate_adcvd(10, 1).as_of
