"""Replaying a generated AD/CVD history through the use cases, day by day.

The generator says what the outside world did (Commerce's instructions, when CBP liquidated and
why late, when importers paid); everything else (bills, interest, claims, write-offs) is the
platform's own doing, through the same services the command line calls. At each month end CBP
claims overdue bills against their bonds, sureties pay month-old claims, and claims six months
old are written off for what the bond did not cover.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import polars as pl

from tradeguard.domain.adcvd.liquidation import parse_cause
from tradeguard.services.adcvd import import_deposits, import_instructions, liquidate_instruction
from tradeguard.services.adcvd_bills import claim_overdue, pay_in_full, settle_claims
from tradeguard.store.database import Database


@dataclass(frozen=True, slots=True)
class CycleRun:
    deposits: int
    instructions: int
    liquidations: int
    lines_liquidated: int
    bills: int
    payments: int
    claims: int
    surety_payments: int
    written_off: int


def _month_ends(first: date, last: date) -> list[date]:
    days = []
    day = date(first.year, first.month, 1)
    while day <= last:
        following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        days.append(min(following - timedelta(days=1), last))
        day = following
    return days


@dataclass(frozen=True, slots=True)
class _Event:
    """One day's happening, in the order they are replayed on a day: liquidate, pay, sweep."""

    day: date
    order: int
    message_no: str = ""
    cause: str = ""
    paid: tuple[tuple[str, int], ...] = ()


def _events(data_dir: Path, as_of: date) -> list[_Event]:
    liquidations = pl.read_parquet(data_dir / "adcvd_liquidations.parquet").rows()
    by_day: dict[date, list[tuple[str, int]]] = {}
    for entry, line, day in pl.read_parquet(data_dir / "adcvd_payments.parquet").rows():
        by_day.setdefault(day, []).append((str(entry), int(line)))
    first = min([day for _, day, _ in liquidations], default=as_of)
    events = [_Event(day, 0, str(message), str(cause)) for message, day, cause in liquidations]
    events += [_Event(day, 1, paid=tuple(batch)) for day, batch in by_day.items()]
    events += [_Event(day, 2) for day in _month_ends(first, as_of)]
    return sorted(events, key=lambda e: (e.day, e.order, e.message_no))


def replay_history(db: Database, data_dir: Path, as_of: date, actor: str) -> CycleRun:
    recorded = import_deposits(db, data_dir / "adcvd_deposits.parquet", actor)
    loaded = import_instructions(db, data_dir / "adcvd_instructions.csv", actor)
    counts = dict.fromkeys(("liquidations", "lines", "bills", "payments", "claims", "surety",
                            "written_off"), 0)  # fmt: skip
    for event in _events(data_dir, as_of):
        if event.order == 0:
            cause = parse_cause(event.cause) if event.cause else None
            run = liquidate_instruction(db, event.message_no, event.day, actor, cause)
            counts["liquidations"] += 1
            counts["lines"] += run.lines
            counts["bills"] += run.bills
        elif event.order == 1:
            counts["payments"] += pay_in_full(db, list(event.paid), event.day, actor).payments
        else:
            counts["claims"] += claim_overdue(db, event.day, actor).claims
            settled = settle_claims(db, event.day, actor)
            counts["surety"] += settled.surety_payments
            counts["written_off"] += settled.written_off
    return CycleRun(
        deposits=recorded.recorded, instructions=loaded.imported,
        liquidations=counts["liquidations"], lines_liquidated=counts["lines"],
        bills=counts["bills"], payments=counts["payments"], claims=counts["claims"],
        surety_payments=counts["surety"], written_off=counts["written_off"],
    )  # fmt: skip
