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
from tradeguard.services.adcvd_bills import claim_overdue, pay_bill, settle_claims, view
from tradeguard.store.adcvd import AdcvdRepository
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


def _pay_in_full(db: Database, entry_no: str, line_no: int, on: date, actor: str) -> None:
    with db.session() as session:
        row = AdcvdRepository(session).bill_row(entry_no, line_no)
        due = 0 if row is None else view(row, on).amount_due_cents
    if due > 0:
        pay_bill(db, entry_no, line_no, due, on, actor)


def replay_history(db: Database, data_dir: Path, as_of: date, actor: str) -> CycleRun:
    recorded = import_deposits(db, data_dir / "adcvd_deposits.parquet", actor)
    loaded = import_instructions(db, data_dir / "adcvd_instructions.csv", actor)
    liquidations = pl.read_parquet(data_dir / "adcvd_liquidations.parquet").rows()
    payments = pl.read_parquet(data_dir / "adcvd_payments.parquet").rows()
    first = min([day for _, day, _ in liquidations], default=as_of)
    events: list[tuple[date, int, tuple[object, ...]]] = []
    events += [(day, 0, (message, cause)) for message, day, cause in liquidations]
    events += [(day, 1, (entry, line)) for entry, line, day in payments]
    events += [(day, 2, ()) for day in _month_ends(first, as_of)]
    counts = {"lines": 0, "bills": 0, "claims": 0, "surety": 0, "written_off": 0}
    for day, kind, payload in sorted(events, key=lambda e: (e[0], e[1], str(e[2]))):
        if kind == 0:
            message, cause = payload
            run = liquidate_instruction(
                db, str(message), day, actor, parse_cause(str(cause)) if cause else None
            )
            counts["lines"] += run.lines
            counts["bills"] += run.bills
        elif kind == 1:
            _pay_in_full(db, str(payload[0]), int(str(payload[1])), day, actor)
        else:
            counts["claims"] += claim_overdue(db, day, actor).claims
            settled = settle_claims(db, day, actor)
            counts["surety"] += settled.surety_payments
            counts["written_off"] += settled.written_off
    return CycleRun(
        deposits=recorded.recorded, instructions=loaded.imported, liquidations=len(liquidations),
        lines_liquidated=counts["lines"], bills=counts["bills"], payments=len(payments),
        claims=counts["claims"], surety_payments=counts["surety"],
        written_off=counts["written_off"],
    )  # fmt: skip
