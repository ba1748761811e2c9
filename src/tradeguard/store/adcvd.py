"""AD/CVD tables (deposits, instructions, liquidations, bills and their events) and the mapping
of their rows onto the domain; the repository is store.adcvd_repository. Money in integer cents,
rates in millionths."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tradeguard.domain.adcvd import Bill, BillState, EntryDeposit, Instruction, InstructionKind
from tradeguard.store.base import Base


class DepositRow(Base):
    __tablename__ = "adcvd_deposits"
    __table_args__ = (UniqueConstraint("entry_no", "line_no", name="uq_adcvd_deposits_line"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entry_no: Mapped[str] = mapped_column(String(16), nullable=False)
    line_no: Mapped[int] = mapped_column(Integer, nullable=False)
    entry_date: Mapped[date] = mapped_column(Date, nullable=False)
    importer_id: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    case_no: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    value_cents: Mapped[int] = mapped_column(BigInteger, nullable=False)
    deposit_rate_micro: Mapped[int] = mapped_column(BigInteger, nullable=False)
    deposit_cents: Mapped[int] = mapped_column(BigInteger, nullable=False)
    bond_type: Mapped[str] = mapped_column(String(16), nullable=False)
    bond_cents: Mapped[int] = mapped_column(BigInteger, nullable=False)
    liquidated: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class InstructionRow(Base):
    __tablename__ = "adcvd_instructions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    message_no: Mapped[str] = mapped_column(String(32), nullable=False, unique=True)
    case_no: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    period_from: Mapped[date] = mapped_column(Date, nullable=False)
    period_to: Mapped[date] = mapped_column(Date, nullable=False)
    final_rate_micro: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    issued_on: Mapped[date] = mapped_column(Date, nullable=False)
    liquidate_by: Mapped[date] = mapped_column(Date, nullable=False)


class LiquidationRow(Base):
    __tablename__ = "adcvd_liquidations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    deposit_id: Mapped[int] = mapped_column(
        ForeignKey("adcvd_deposits.id"), nullable=False, unique=True
    )
    message_no: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    liquidated_on: Mapped[date] = mapped_column(Date, nullable=False)
    final_rate_micro: Mapped[int] = mapped_column(BigInteger, nullable=False)
    final_duty_cents: Mapped[int] = mapped_column(BigInteger, nullable=False)
    difference_cents: Mapped[int] = mapped_column(BigInteger, nullable=False)
    interest_cents: Mapped[int] = mapped_column(BigInteger, nullable=False)
    outcome: Mapped[str] = mapped_column(String(8), nullable=False)
    late: Mapped[bool] = mapped_column(Boolean, nullable=False)
    cause: Mapped[str | None] = mapped_column(String(32), nullable=True)


class BillRow(Base):
    __tablename__ = "adcvd_bills"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    deposit_id: Mapped[int] = mapped_column(
        ForeignKey("adcvd_deposits.id"), nullable=False, unique=True
    )
    entry_no: Mapped[str] = mapped_column(String(16), nullable=False)
    line_no: Mapped[int] = mapped_column(Integer, nullable=False)
    importer_id: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    case_no: Mapped[str] = mapped_column(String(16), nullable=False)
    issued_on: Mapped[date] = mapped_column(Date, nullable=False)
    due_on: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    state: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    principal_cents: Mapped[int] = mapped_column(BigInteger, nullable=False)
    interest_cents: Mapped[int] = mapped_column(BigInteger, nullable=False)
    accrued_to: Mapped[date | None] = mapped_column(Date, nullable=True)
    paid_cents: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    claim_cents: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    surety_paid_cents: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    written_off_cents: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    claimed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    # the bond a claim is made against: the entry's single bond or the importer's continuous one
    bond_key: Mapped[str] = mapped_column(String(80), nullable=False, index=True)
    bond_cents: Mapped[int] = mapped_column(BigInteger, nullable=False)


class BillEventRow(Base):
    __tablename__ = "adcvd_bill_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("adcvd_bills.id"), nullable=False, index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    occurred_on: Mapped[date] = mapped_column(Date, nullable=False)
    actor: Mapped[str] = mapped_column(String(64), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    amount_cents: Mapped[int] = mapped_column(BigInteger, nullable=False)
    bill: Mapped[BillRow] = relationship()


BILL_FIELDS = (
    "entry_no", "line_no", "importer_id", "case_no", "issued_on", "principal_cents",
    "interest_cents", "accrued_to", "paid_cents", "claim_cents", "surety_paid_cents",
    "written_off_cents", "claimed_on", "closed_on",
)  # fmt: skip


def deposit_of(row: DepositRow) -> EntryDeposit:
    return EntryDeposit(
        entry_no=row.entry_no, line_no=row.line_no, entry_date=row.entry_date,
        importer_id=row.importer_id, case_no=row.case_no, value_cents=row.value_cents,
        deposit_rate_micro=row.deposit_rate_micro, bond_type=row.bond_type,
        bond_cents=row.bond_cents,
    )  # fmt: skip


def instruction_of(row: InstructionRow) -> Instruction:
    return Instruction(
        message_no=row.message_no, case_no=row.case_no, kind=InstructionKind(row.kind),
        period_from=row.period_from, period_to=row.period_to,
        final_rate_micro=row.final_rate_micro, issued_on=row.issued_on,
    )  # fmt: skip


def bill_of(row: BillRow) -> Bill:
    bill = Bill(**{name: getattr(row, name) for name in BILL_FIELDS})
    bill.state = BillState(row.state)
    return bill


def bond_key(deposit: EntryDeposit) -> str:
    if deposit.bond_type == "single":
        return f"single:{deposit.entry_no}"
    return f"continuous:{deposit.importer_id}"
