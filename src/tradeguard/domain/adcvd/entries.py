"""Entry lines under an AD/CVD order, and the liquidation instructions that settle them.

A line's cash deposit is its entered value times the deposit rate in force on the entry day.
Commerce's final rate for the period (from an administrative review, or the deposit rate itself
when nobody asked for one) reaches CBP as a liquidation instruction; CBP then has six months.
Rates are carried as integers in millionths (1.250000 = 125%) so that duty is exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from tradeguard.domain.errors import InvalidInput

MICRO = 1_000_000
# 19 U.S.C. 1504(d): liquidate within six months of receiving notice that suspension ended.
LIQUIDATION_MONTHS = 6


def duty_cents(value_cents: int, rate_micro: int) -> int:
    """round(value × rate) to the cent, half up, in exact integer arithmetic."""
    return (value_cents * rate_micro + MICRO // 2) // MICRO


def parse_rate(text: str, field: str = "rate") -> int:
    """A duty rate as a decimal fraction ('1.2500' = 125%), at least zero, to millionths."""
    try:
        rate = Decimal(text.strip())
    except (InvalidOperation, AttributeError):
        raise InvalidInput(f"{field} {text!r} is not a decimal rate such as 1.25", field) from None
    if not rate.is_finite() or rate < 0:
        raise InvalidInput(f"{field} {text!r} must not be below zero", field)
    micro = rate * MICRO
    if micro != micro.to_integral_value():
        raise InvalidInput(f"{field} {text!r} has more than six decimals", field)
    return int(micro)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or that month's last day when it is shorter."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass(frozen=True, slots=True)
class EntryDeposit:
    entry_no: str
    line_no: int
    entry_date: date
    importer_id: str
    case_no: str
    value_cents: int
    deposit_rate_micro: int
    bond_type: str  # "continuous" or "single"
    bond_cents: int

    def __post_init__(self) -> None:
        if self.deposit_rate_micro < 0:
            raise InvalidInput("the deposit rate must not be below zero", "adcvd_rate")
        if self.value_cents < 0:
            raise InvalidInput("the entered value must not be negative", "value_usd")
        if self.bond_type not in ("continuous", "single"):
            raise InvalidInput(f"unknown bond type {self.bond_type!r}", "bond_type")

    @property
    def deposit_cents(self) -> int:
        return duty_cents(self.value_cents, self.deposit_rate_micro)


class InstructionKind(StrEnum):
    REVIEW = "review"  # final rate from an administrative review
    NO_REVIEW = "no_review"  # no review requested: the deposit rate is the final rate


@dataclass(frozen=True, slots=True)
class Instruction:
    """Commerce's message to CBP: liquidate this case's entries of this period at this rate."""

    message_no: str
    case_no: str
    kind: InstructionKind
    period_from: date
    period_to: date
    final_rate_micro: int | None  # None for no_review
    issued_on: date

    def __post_init__(self) -> None:
        if not self.message_no.strip():
            raise InvalidInput("an instruction needs a message number", "message_no")
        if self.period_to < self.period_from:
            raise InvalidInput("the period ends before it starts", "period_to")
        if self.kind is InstructionKind.REVIEW and self.final_rate_micro is None:
            raise InvalidInput("a review instruction needs a final rate", "final_rate")
        if self.final_rate_micro is not None and self.final_rate_micro < 0:
            raise InvalidInput("the final rate must not be below zero", "final_rate")

    @property
    def liquidate_by(self) -> date:
        return add_months(self.issued_on, LIQUIDATION_MONTHS)

    def covers(self, deposit: EntryDeposit) -> bool:
        return (
            deposit.case_no == self.case_no
            and self.period_from <= deposit.entry_date <= self.period_to
        )

    def final_rate_for(self, deposit: EntryDeposit) -> int:
        return (
            deposit.deposit_rate_micro if self.final_rate_micro is None else self.final_rate_micro
        )
