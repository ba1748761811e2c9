"""Liquidating an entry line: the final duty against the deposit, and what follows.

Final duty above the deposit gives a bill for the difference plus interest from the deposit day
to liquidation; below it, a refund of the excess with interest; equal, nothing. Liquidating after
the six-month window is allowed (the entries are still owed) but is recorded as late with its
cause, because the late ones are what GAO-16-542 asks CBP to explain.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tradeguard.domain.adcvd.bill import HORIZON_DAYS
from tradeguard.domain.adcvd.entries import EntryDeposit, Instruction, duty_cents
from tradeguard.domain.adcvd.interest import RateSchedule, interest_cents
from tradeguard.domain.errors import InvalidInput


class Outcome(StrEnum):
    BILL = "bill"
    REFUND = "refund"
    EVEN = "even"


class LateCause(StrEnum):
    """Why a liquidation missed the six months (the causes GAO and CBP name)."""

    NOT_RECORDED = "not_recorded"
    INSTRUCTION_CLARIFICATION = "instruction_clarification"  # Commerce had to correct it
    INJUNCTION = "injunction"  # a court suspended liquidation
    BACKLOG = "backlog"  # the entries waited in a Center's queue
    ENTRY_NOT_FOUND = "entry_not_found"  # the instruction named the wrong entries or importer


def parse_cause(text: str) -> LateCause:
    try:
        return LateCause(text.strip().lower().replace("-", "_"))
    except ValueError:
        names = ", ".join(c.value for c in LateCause)
        raise InvalidInput(
            f"unknown late cause {text!r}; expected one of: {names}", "cause"
        ) from None


@dataclass(frozen=True, slots=True)
class Liquidation:
    entry_no: str
    line_no: int
    message_no: str
    liquidated_on: date
    deposit_cents: int
    final_rate_micro: int
    final_duty_cents: int
    interest_cents: int
    late: bool
    cause: LateCause | None

    @property
    def difference_cents(self) -> int:
        return self.final_duty_cents - self.deposit_cents

    @property
    def outcome(self) -> Outcome:
        if self.difference_cents > 0:
            return Outcome.BILL
        return Outcome.REFUND if self.difference_cents < 0 else Outcome.EVEN

    @property
    def refund_cents(self) -> int:
        """What CBP pays back: the excess deposit and its interest."""
        return -self.difference_cents + self.interest_cents if self.difference_cents < 0 else 0

    @property
    def bill_cents(self) -> int:
        return self.difference_cents + self.interest_cents if self.difference_cents > 0 else 0


def liquidate(
    deposit: EntryDeposit,
    instruction: Instruction,
    on: date,
    schedule: RateSchedule,
    cause: LateCause | None = None,
) -> Liquidation:
    """Settle one line under one instruction on day `on`."""
    if not instruction.covers(deposit):
        raise InvalidInput(
            f"instruction {instruction.message_no} does not cover entry {deposit.entry_no}",
            "message_no",
        )
    if on < instruction.issued_on:
        raise InvalidInput("a line cannot be liquidated before its instruction", "on")
    if (on - instruction.issued_on).days > HORIZON_DAYS:
        raise InvalidInput("a liquidation date a century after the instruction", "on")
    rate = instruction.final_rate_for(deposit)
    final = duty_cents(deposit.value_cents, rate)
    difference = final - deposit.deposit_cents
    interest = interest_cents(
        abs(difference), deposit.entry_date, on, schedule, overpayment=difference < 0
    )
    late = on > instruction.liquidate_by
    return Liquidation(
        entry_no=deposit.entry_no,
        line_no=deposit.line_no,
        message_no=instruction.message_no,
        liquidated_on=on,
        deposit_cents=deposit.deposit_cents,
        final_rate_micro=rate,
        final_duty_cents=final,
        interest_cents=interest,
        late=late,
        cause=(cause or LateCause.NOT_RECORDED) if late else None,
    )
