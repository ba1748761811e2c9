"""AD/CVD: liquidation instructions, liquidation, bills, payments, measures and nonpayment risk.

Reading needs `cases:read` and changing needs `cases:write`: the bills are collection work of the
same people who move duty demands and penalties, and the measures serve the same managers.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from tradeguard.api.dates import EnteredDay, LookAheadDay
from tradeguard.api.deps import DbDep, requires
from tradeguard.domain.adcvd import BillState, Instruction, InstructionKind
from tradeguard.domain.adcvd.entries import parse_rate
from tradeguard.domain.adcvd.liquidation import LateCause
from tradeguard.domain.cases.money import parse_money, to_cents
from tradeguard.services import adcvd, adcvd_bills, adcvd_measures, adcvd_risk
from tradeguard.services.adcvd_documents import (
    document,
)  # fmt: skip
from tradeguard.services.auth import Principal

router = APIRouter(tags=["adcvd"])
Reader = Annotated[Principal, requires("cases:read")]
Writer = Annotated[Principal, requires("cases:write")]
Day = Annotated[LookAheadDay | None, Query(description="the day asked about (default today)")]
Short = Annotated[str, Field(min_length=1, max_length=32)]


class InstructionCreate(BaseModel):
    message_no: Short
    case_no: Short
    kind: InstructionKind
    period_from: EnteredDay
    period_to: EnteredDay
    final_rate: Annotated[str | None, Field(max_length=32)] = None
    issued_on: EnteredDay

    def to_domain(self) -> Instruction:
        rate = None if not self.final_rate else parse_rate(self.final_rate, "final_rate")
        return Instruction(
            message_no=self.message_no, case_no=self.case_no, kind=self.kind,
            period_from=self.period_from, period_to=self.period_to, final_rate_micro=rate,
            issued_on=self.issued_on,
        )  # fmt: skip


class InstructionsCreate(BaseModel):
    instructions: Annotated[list[InstructionCreate], Field(min_length=1, max_length=10_000)]


class LiquidationCreate(BaseModel):
    message_no: Short
    on: EnteredDay
    cause: LateCause | None = None


class PaymentCreate(BaseModel):
    amount: Annotated[str, Field(max_length=32, description="dollars, e.g. 1234.50")]
    on: EnteredDay


@router.post("/api/adcvd/instructions", status_code=201)
def post_instructions(db: DbDep, user: Writer, body: InstructionsCreate) -> dict[str, Any]:
    instructions = [i.to_domain() for i in body.instructions]
    result = adcvd.record_instructions(db, instructions, user.username, "api")
    return dict(document(result))


@router.post("/api/adcvd/liquidations", status_code=201)
def post_liquidation(db: DbDep, user: Writer, body: LiquidationCreate) -> dict[str, Any]:
    run = adcvd.liquidate_instruction(db, body.message_no, body.on, user.username, body.cause)
    return dict(document(run))


@router.get("/api/adcvd/bills")
def get_bills(db: DbDep, _user: Reader, on: Day = None, state: BillState | None = None) -> Any:
    states = None if state is None else [state]
    return document(adcvd_bills.list_bills(db, on or date.today(), states))


@router.get("/api/adcvd/overdue")
def get_overdue(db: DbDep, _user: Reader, on: Day = None) -> Any:
    return document(adcvd_bills.overdue_bills(db, on or date.today()))


@router.post("/api/adcvd/bills/{entry_no}/{line_no}/payments", status_code=201)
def post_payment(
    db: DbDep,
    user: Writer,
    entry_no: Annotated[str, Path(max_length=16)],
    line_no: Annotated[int, Path(ge=1, le=9999)],
    body: PaymentCreate,
) -> dict[str, Any]:
    cents = to_cents(parse_money(body.amount, "amount"))
    bill = adcvd_bills.pay_bill(db, entry_no, line_no, cents, body.on, user.username)
    return dict(document(bill))


@router.get("/api/adcvd/measures")
def get_measures(db: DbDep, _user: Reader, on: Day = None) -> dict[str, Any]:
    return adcvd_measures.collection_measures(db, on or date.today()).as_json()


@router.get("/api/adcvd/risk")
def get_risk(
    db: DbDep,
    _user: Reader,
    on: Day = None,
    top: Annotated[int, Query(ge=1, le=1000)] = 20,
) -> dict[str, Any]:
    day = on or date.today()
    scores = adcvd_risk.entry_scores(db, day)[:top]
    return {
        "analysis": adcvd_risk.risk_analysis(db, day).as_json(),
        "top": [s.as_json() for s in scores],
    }
