"""Reading AD/CVD input files into domain objects, refusing the whole file on the first bad row.

Deposits come from declaration lines (the same columns the generator and ingest use: a line with
an `adcvd_case` carries its cash deposit rate); instructions from Commerce's messages as CSV.
Every value is read as text and parsed here, so an error names the row and the column.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TypeVar

import polars as pl

from tradeguard.domain.adcvd import EntryDeposit, Instruction, InstructionKind
from tradeguard.domain.adcvd.entries import parse_rate
from tradeguard.domain.cases.money import parse_money, to_cents
from tradeguard.domain.errors import InvalidInput

DEPOSIT_COLUMNS = (
    "entry_no", "line_no", "entry_date", "importer_id", "adcvd_case", "adcvd_rate", "value_usd",
    "bond_type", "bond_amount_usd",
)  # fmt: skip
INSTRUCTION_COLUMNS = (
    "message_no", "case_no", "kind", "period_from", "period_to", "final_rate", "issued_on",
)  # fmt: skip
T = TypeVar("T")


def _frame(path: Path, columns: tuple[str, ...]) -> pl.DataFrame:
    if not path.is_file():
        raise InvalidInput(f"{path}: no such file", "file")
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        frame = pl.read_parquet(path)
        frame = frame.select(pl.all().cast(pl.Utf8))
    elif suffix == ".csv":
        frame = pl.read_csv(path, infer_schema=False)
    else:
        raise InvalidInput(f"{path}: expected a .csv or .parquet file", "file")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InvalidInput(f"{path}: missing column(s) {', '.join(missing)}", missing[0])
    return frame.select(columns)


def parse_day(text: str | None, field: str) -> date:
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError:
        raise InvalidInput(f"{field} {text!r} is not a date (YYYY-MM-DD)", field) from None


def _row(number: int, build: Callable[[], T]) -> T:
    try:
        return build()
    except InvalidInput as error:
        raise InvalidInput(f"row {number}: {error}", error.field) from None


def _deposit(r: dict[str, str | None]) -> EntryDeposit:
    line = (r["line_no"] or "").strip()
    if not line.isdigit():
        raise InvalidInput(f"line_no {line!r} is not a line number", "line_no")
    return EntryDeposit(
        entry_no=(r["entry_no"] or "").strip(),
        line_no=int(line),
        entry_date=parse_day(r["entry_date"], "entry_date"),
        importer_id=(r["importer_id"] or "").strip(),
        case_no=(r["adcvd_case"] or "").strip(),
        value_cents=to_cents(parse_money(r["value_usd"] or "", "value_usd")),
        deposit_rate_micro=parse_rate(r["adcvd_rate"] or "", "adcvd_rate"),
        bond_type=(r["bond_type"] or "").strip(),
        bond_cents=to_cents(parse_money(r["bond_amount_usd"] or "", "bond_amount_usd")),
    )


def read_deposits(path: Path) -> list[EntryDeposit]:
    """The AD/CVD lines of a declarations file; lines under no order are not deposits."""
    frame = _frame(path, DEPOSIT_COLUMNS).filter(
        pl.col("adcvd_case").is_not_null() & (pl.col("adcvd_case").str.strip_chars() != "")
    )
    return [_row(i + 1, partial(_deposit, r)) for i, r in enumerate(frame.iter_rows(named=True))]


def _kind(text: str) -> InstructionKind:
    try:
        return InstructionKind(text.strip().lower())
    except ValueError:
        raise InvalidInput(f"kind {text!r} must be review or no_review", "kind") from None


def _instruction(r: dict[str, str | None]) -> Instruction:
    rate = (r["final_rate"] or "").strip()
    return Instruction(
        message_no=(r["message_no"] or "").strip(),
        case_no=(r["case_no"] or "").strip(),
        kind=_kind(r["kind"] or ""),
        period_from=parse_day(r["period_from"], "period_from"),
        period_to=parse_day(r["period_to"], "period_to"),
        final_rate_micro=parse_rate(rate, "final_rate") if rate else None,
        issued_on=parse_day(r["issued_on"], "issued_on"),
    )


def read_instructions(path: Path, known_cases: set[str]) -> list[Instruction]:
    """Commerce's liquidation instructions; a case number CBP has no order for is refused."""
    found = []
    for i, r in enumerate(_frame(path, INSTRUCTION_COLUMNS).iter_rows(named=True)):
        instruction = _row(i + 1, partial(_instruction, r))
        if instruction.case_no not in known_cases:
            raise InvalidInput(
                f"row {i + 1}: case_no {instruction.case_no!r} is not an AD/CVD order", "case_no"
            )
        found.append(instruction)
    return found
