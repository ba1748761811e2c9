"""The AD/CVD repository: named queries and writes over the tables in store.adcvd, inside the
caller's session (the unit of work is the service's)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tradeguard.domain.adcvd import Bill, BillState, EntryDeposit, Instruction
from tradeguard.domain.adcvd.liquidation import Liquidation
from tradeguard.store.adcvd import (
    BILL_FIELDS,
    BillEventRow,
    BillRow,
    DepositRow,
    InstructionRow,
    LiquidationRow,
    bond_key,
    deposit_of,
    instruction_of,
)  # fmt: skip


class AdcvdRepository:
    """Named queries and writes over the AD/CVD tables, inside the caller's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def known_lines(self, keys: Iterable[tuple[str, int]]) -> set[tuple[str, int]]:
        wanted = set(keys)
        entries = {e for e, _ in wanted}
        found: set[tuple[str, int]] = set()
        chunk = sorted(entries)
        for start in range(0, len(chunk), 500):
            query = select(DepositRow.entry_no, DepositRow.line_no).where(
                DepositRow.entry_no.in_(chunk[start : start + 500])
            )
            found |= {(e, n) for e, n in self.session.execute(query) if (e, n) in wanted}
        return found

    def add_deposits(self, deposits: Iterable[EntryDeposit]) -> int:
        rows = [
            DepositRow(
                entry_no=d.entry_no,
                line_no=d.line_no,
                entry_date=d.entry_date,
                importer_id=d.importer_id,
                case_no=d.case_no,
                value_cents=d.value_cents,
                deposit_rate_micro=d.deposit_rate_micro,
                deposit_cents=d.deposit_cents,
                bond_type=d.bond_type,
                bond_cents=d.bond_cents,
                liquidated=False,
            )  # fmt: skip
            for d in deposits
        ]
        self.session.add_all(rows)
        return len(rows)

    def all_deposits(self) -> list[DepositRow]:
        query = select(DepositRow).order_by(DepositRow.entry_date, DepositRow.id)
        return list(self.session.scalars(query))

    def unliquidated_under(self, instruction: Instruction) -> list[DepositRow]:
        query = select(DepositRow).where(
            DepositRow.case_no == instruction.case_no,
            DepositRow.entry_date >= instruction.period_from,
            DepositRow.entry_date <= instruction.period_to,
            DepositRow.liquidated.is_(False),
        )
        return list(self.session.scalars(query.order_by(DepositRow.id)))

    def message_numbers(self, wanted: Iterable[str]) -> set[str]:
        query = select(InstructionRow.message_no).where(InstructionRow.message_no.in_(wanted))
        return set(self.session.scalars(query))

    def add_instruction(self, instruction: Instruction) -> None:
        self.session.add(
            InstructionRow(
                message_no=instruction.message_no,
                case_no=instruction.case_no,
                kind=instruction.kind.value,
                period_from=instruction.period_from,
                period_to=instruction.period_to,
                final_rate_micro=instruction.final_rate_micro,
                issued_on=instruction.issued_on,
                liquidate_by=instruction.liquidate_by,
            )  # fmt: skip
        )

    def instruction(self, message_no: str) -> Instruction | None:
        query = select(InstructionRow).where(InstructionRow.message_no == message_no)
        row = self.session.scalars(query).first()
        return None if row is None else instruction_of(row)

    def instructions(self) -> list[Instruction]:
        query = select(InstructionRow).order_by(InstructionRow.issued_on, InstructionRow.id)
        return [instruction_of(r) for r in self.session.scalars(query)]

    def add_liquidation(self, row: DepositRow, liquidation: Liquidation) -> None:
        row.liquidated = True
        self.session.add(
            LiquidationRow(
                deposit_id=row.id,
                message_no=liquidation.message_no,
                liquidated_on=liquidation.liquidated_on,
                final_rate_micro=liquidation.final_rate_micro,
                final_duty_cents=liquidation.final_duty_cents,
                difference_cents=liquidation.difference_cents,
                interest_cents=liquidation.interest_cents,
                outcome=liquidation.outcome.value,
                late=liquidation.late,
                cause=None if liquidation.cause is None else liquidation.cause.value,
            )  # fmt: skip
        )

    def liquidations(self) -> list[tuple[LiquidationRow, InstructionRow]]:
        query = select(LiquidationRow, InstructionRow).join(
            InstructionRow, InstructionRow.message_no == LiquidationRow.message_no
        )
        return [(lq, ins) for lq, ins in self.session.execute(query.order_by(LiquidationRow.id))]

    def add_bill(self, row: DepositRow, bill: Bill, actor: str) -> BillRow:
        deposit = deposit_of(row)
        saved = BillRow(
            deposit_id=row.id, due_on=bill.due_on, state=bill.state.value, version=1,
            bond_key=bond_key(deposit), bond_cents=deposit.bond_cents,
            **{name: getattr(bill, name) for name in BILL_FIELDS},
        )  # fmt: skip
        self.session.add(saved)
        self.record_event(saved, "issued", bill.issued_on, bill.billed_cents, actor)
        return saved

    def bill_row(self, entry_no: str, line_no: int) -> BillRow | None:
        query = select(BillRow).where(BillRow.entry_no == entry_no, BillRow.line_no == line_no)
        return self.session.scalars(query).first()

    def save_bill(self, row: BillRow, bill: Bill) -> None:
        for name in BILL_FIELDS:
            setattr(row, name, getattr(bill, name))
        row.state = bill.state.value
        row.version += 1

    def record_event(self, row: BillRow, kind: str, on: date, cents: int, actor: str) -> None:
        self.session.add(
            BillEventRow(
                bill=row,
                at=datetime.now(UTC),
                occurred_on=on,
                actor=actor,
                kind=kind,
                amount_cents=cents,
            )  # fmt: skip
        )

    def bills(self, states: Iterable[BillState] | None = None) -> list[BillRow]:
        query = select(BillRow).order_by(BillRow.issued_on, BillRow.id)
        if states is not None:
            query = query.where(BillRow.state.in_([s.value for s in states]))
        return list(self.session.scalars(query))

    def overdue_bills(self, on: date) -> list[BillRow]:
        query = select(BillRow).where(
            BillRow.state.in_([BillState.OPEN.value, BillState.CLAIMED.value]),
            BillRow.due_on < on,
        )
        return list(self.session.scalars(query.order_by(BillRow.due_on, BillRow.id)))

    def unpaid_bills(self, on: date) -> list[BillRow]:
        """Bills past due on `on` that were neither paid nor collected from the surety."""
        unpaid = (BillState.OPEN.value, BillState.CLAIMED.value, BillState.WRITTEN_OFF.value)
        query = select(BillRow).where(BillRow.state.in_(unpaid), BillRow.due_on < on)
        return list(self.session.scalars(query.order_by(BillRow.due_on, BillRow.id)))

    def claimed_against(self, key: str) -> int:
        query = select(func.coalesce(func.sum(BillRow.claim_cents), 0)).where(
            BillRow.bond_key == key
        )
        return int(self.session.scalar(query) or 0)

    def claims_by_bond(self) -> dict[str, int]:
        query = select(BillRow.bond_key, func.sum(BillRow.claim_cents)).group_by(BillRow.bond_key)
        return {key: int(total or 0) for key, total in self.session.execute(query)}

    def liquidation_days(self) -> dict[tuple[str, int], date]:
        """(entry_no, line_no) -> the day the line was liquidated."""
        query = select(DepositRow.entry_no, DepositRow.line_no, LiquidationRow.liquidated_on).join(
            LiquidationRow, LiquidationRow.deposit_id == DepositRow.id
        )
        return {(e, n): day for e, n, day in self.session.execute(query)}

    def line_outcomes(self) -> list[tuple[DepositRow, LiquidationRow, BillRow | None]]:
        """Every liquidated line with its liquidation and its bill, if it got one."""
        query = (
            select(DepositRow, LiquidationRow, BillRow)
            .join(LiquidationRow, LiquidationRow.deposit_id == DepositRow.id)
            .outerjoin(BillRow, BillRow.deposit_id == DepositRow.id)
            .order_by(DepositRow.id)
        )
        return [(d, lq, b) for d, lq, b in self.session.execute(query)]
