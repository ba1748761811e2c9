"""AD/CVD from deposit to collection: deposits, instructions, liquidation, bills, risk."""

from tradeguard.domain.adcvd.bill import Bill, BillState
from tradeguard.domain.adcvd.entries import EntryDeposit, Instruction, InstructionKind
from tradeguard.domain.adcvd.interest import QuarterRate, RateSchedule, interest_cents
from tradeguard.domain.adcvd.liquidation import LateCause, Liquidation, Outcome, liquidate

__all__ = [
    "Bill",
    "BillState",
    "EntryDeposit",
    "Instruction",
    "InstructionKind",
    "LateCause",
    "Liquidation",
    "Outcome",
    "QuarterRate",
    "RateSchedule",
    "interest_cents",
    "liquidate",
]
