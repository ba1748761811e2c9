"""The AD/CVD cycle's use cases: record deposits, import instructions, liquidate.

Each is one unit of work: the file is read and checked whole before anything is written, and a
liquidation writes its liquidations, bills and audit entry together or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tradeguard.domain.adcvd import Bill, Instruction, LateCause, Outcome, liquidate
from tradeguard.domain.errors import Conflict, InvalidInput, NotFound
from tradeguard.reference.adcvd import packaged_orders
from tradeguard.reference.interest_rates import packaged_schedule
from tradeguard.services.adcvd_files import read_deposits, read_instructions
from tradeguard.store.adcvd import deposit_of
from tradeguard.store.adcvd_repository import AdcvdRepository
from tradeguard.store.change_log import record_change
from tradeguard.store.database import Database


@dataclass(frozen=True, slots=True)
class DepositImport:
    lines: int
    recorded: int
    already_known: int
    deposits_cents: int


@dataclass(frozen=True, slots=True)
class InstructionImport:
    imported: int
    message_numbers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LiquidationRun:
    message_no: str
    liquidated_on: date
    liquidate_by: date
    late: bool
    cause: LateCause | None
    lines: int
    bills: int
    refunds: int
    even: int
    billed_cents: int
    refunded_cents: int


def known_cases() -> set[str]:
    return {o.case_no for o in packaged_orders()}


def import_deposits(db: Database, path: Path, actor: str) -> DepositImport:
    """Record the cash deposits of a declarations file's AD/CVD lines (known lines are kept)."""
    deposits = read_deposits(path)
    cases = known_cases()
    for d in deposits:
        if d.case_no not in cases:
            raise InvalidInput(
                f"entry {d.entry_no} line {d.line_no}: adcvd_case {d.case_no!r} is not an order",
                "adcvd_case",
            )
    with db.session() as session:
        repo = AdcvdRepository(session)
        known = repo.known_lines((d.entry_no, d.line_no) for d in deposits)
        fresh = [d for d in deposits if (d.entry_no, d.line_no) not in known]
        repo.add_deposits(fresh)
        record_change(
            session, actor=actor, action="adcvd.deposits.import", entity="adcvd_deposits",
            entity_id=path.name, after={"recorded": len(fresh)},
        )  # fmt: skip
    return DepositImport(
        lines=len(deposits),
        recorded=len(fresh),
        already_known=len(known),
        deposits_cents=sum(d.deposit_cents for d in fresh),
    )


def import_instructions(db: Database, path: Path, actor: str) -> InstructionImport:
    """Load a file of Commerce's liquidation instructions: the whole file or nothing."""
    return record_instructions(db, read_instructions(path, known_cases()), actor, path.name)


def record_instructions(
    db: Database, instructions: list[Instruction], actor: str, source: str
) -> InstructionImport:
    """Record instructions; an unknown case or a message number already loaded is refused."""
    cases = known_cases()
    for instruction in instructions:
        if instruction.case_no not in cases:
            raise InvalidInput(f"case_no {instruction.case_no!r} is not an AD/CVD order", "case_no")
    numbers = [i.message_no for i in instructions]
    if len(set(numbers)) != len(numbers):
        raise InvalidInput("the instructions repeat a message number", "message_no")
    with db.session() as session:
        repo = AdcvdRepository(session)
        seen = repo.message_numbers(numbers)
        if seen:
            raise Conflict(f"instruction(s) already imported: {', '.join(sorted(seen))}")
        for instruction in instructions:
            repo.add_instruction(instruction)
        record_change(
            session, actor=actor, action="adcvd.instructions.import", entity="adcvd_instructions",
            entity_id=source, after={"message_numbers": numbers},
        )  # fmt: skip
    return InstructionImport(len(instructions), tuple(numbers))


def liquidate_instruction(
    db: Database, message_no: str, on: date, actor: str, cause: LateCause | None = None
) -> LiquidationRun:
    """Liquidate every unliquidated line the instruction covers, billing or refunding each."""
    schedule = packaged_schedule()
    with db.session() as session:
        repo = AdcvdRepository(session)
        instruction = repo.instruction(message_no)
        if instruction is None:
            raise NotFound(f"no liquidation instruction {message_no!r}")
        if on < instruction.issued_on:
            raise InvalidInput("a line cannot be liquidated before its instruction", "on")
        counts = {o: 0 for o in Outcome}
        billed = refunded = 0
        for row in repo.unliquidated_under(instruction):
            deposit = deposit_of(row)
            done = liquidate(deposit, instruction, on, schedule, cause)
            repo.add_liquidation(row, done)
            counts[done.outcome] += 1
            refunded += done.refund_cents
            if done.outcome is Outcome.BILL:
                billed += done.bill_cents
                bill = Bill(
                    entry_no=deposit.entry_no, line_no=deposit.line_no,
                    importer_id=deposit.importer_id, case_no=deposit.case_no, issued_on=on,
                    principal_cents=done.difference_cents, interest_cents=done.interest_cents,
                )  # fmt: skip
                repo.add_bill(row, bill, actor)
        late = on > instruction.liquidate_by
        run = LiquidationRun(
            message_no=message_no, liquidated_on=on, liquidate_by=instruction.liquidate_by,
            late=late, cause=(cause or LateCause.NOT_RECORDED) if late else None,
            lines=sum(counts.values()), bills=counts[Outcome.BILL],
            refunds=counts[Outcome.REFUND], even=counts[Outcome.EVEN], billed_cents=billed,
            refunded_cents=refunded,
        )  # fmt: skip
        record_change(
            session, actor=actor, action="adcvd.liquidate", entity="adcvd_instruction",
            entity_id=message_no,
            after={"on": on.isoformat(), "lines": run.lines, "bills": run.bills, "late": late},
        )  # fmt: skip
    return run
