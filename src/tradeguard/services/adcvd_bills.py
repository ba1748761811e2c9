"""Collecting AD/CVD bills: payments, claims against the surety, write-offs, and the lists.

A bill unpaid 90 days after its due date is claimed against the bond that covered the entry, up
to what that bond still covers after earlier claims; what the surety does not cover can only be
written off. Each change loads the bill, calls its domain method and saves it with an event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tradeguard.domain.adcvd import Bill, BillState
from tradeguard.domain.adcvd.bill import CLAIM_AFTER_DAYS
from tradeguard.domain.errors import NotFound
from tradeguard.reference.interest_rates import packaged_schedule
from tradeguard.store.adcvd import BillRow, bill_of
from tradeguard.store.adcvd_repository import AdcvdRepository
from tradeguard.store.change_log import record_change
from tradeguard.store.database import Database


@dataclass(frozen=True, slots=True)
class BillView:
    entry_no: str
    line_no: int
    importer_id: str
    case_no: str
    state: str
    issued_on: date
    due_on: date
    billed_cents: int
    paid_cents: int
    claim_cents: int
    surety_paid_cents: int
    written_off_cents: int
    balance_cents: int
    days_past_due: int
    amount_due_cents: int  # balance plus late interest to the day asked about
    bond_cents: int


@dataclass(frozen=True, slots=True)
class ClaimRun:
    on: date
    claims: int
    claimed_cents: int
    uncovered_cents: int


def view(row: BillRow, on: date) -> BillView:
    bill = bill_of(row)
    open_ = bill.state in (BillState.OPEN, BillState.CLAIMED)
    return BillView(
        entry_no=bill.entry_no, line_no=bill.line_no, importer_id=bill.importer_id,
        case_no=bill.case_no, state=bill.state.value, issued_on=bill.issued_on,
        due_on=bill.due_on, billed_cents=bill.billed_cents, paid_cents=bill.paid_cents,
        claim_cents=bill.claim_cents, surety_paid_cents=bill.surety_paid_cents,
        written_off_cents=bill.written_off_cents, balance_cents=bill.balance_cents,
        days_past_due=bill.days_past_due(on) if open_ else 0,
        amount_due_cents=bill.amount_due(on, packaged_schedule()) if open_ else 0,
        bond_cents=row.bond_cents,
    )  # fmt: skip


def list_bills(db: Database, on: date, states: list[BillState] | None = None) -> list[BillView]:
    with db.session() as session:
        return [view(r, on) for r in AdcvdRepository(session).bills(states)]


def overdue_bills(db: Database, on: date) -> list[BillView]:
    """Open or claimed bills past their due date on `on`, oldest first."""
    with db.session() as session:
        return [view(r, on) for r in AdcvdRepository(session).overdue_bills(on)]


def _load(repo: AdcvdRepository, entry_no: str, line_no: int) -> tuple[BillRow, Bill]:
    row = repo.bill_row(entry_no, line_no)
    if row is None:
        raise NotFound(f"no AD/CVD bill for entry {entry_no} line {line_no}")
    return row, bill_of(row)


def _change(
    db: Database, entry_no: str, line_no: int, on: date, actor: str, kind: str, amount: int | None
) -> BillView:
    schedule = packaged_schedule()
    with db.session() as session:
        repo = AdcvdRepository(session)
        row, bill = _load(repo, entry_no, line_no)
        before = bill.state.value
        if kind == "payment":
            bill.pay(amount or 0, on, schedule)
            moved = amount or 0
        elif kind == "surety_payment":
            bill.surety_pays(amount or 0, on)
            moved = amount or 0
        else:
            moved = bill.write_off(on)
        repo.save_bill(row, bill)
        repo.record_event(row, kind, on, moved, actor)
        record_change(
            session, actor=actor, action=f"adcvd.bill.{kind}", entity="adcvd_bill",
            entity_id=f"{entry_no}-{line_no}",
            before={"state": before}, after={"state": bill.state.value, "cents": moved},
        )  # fmt: skip
        session.flush()
        return view(row, on)


def pay_bill(
    db: Database, entry_no: str, line_no: int, amount_cents: int, on: date, actor: str
) -> BillView:
    return _change(db, entry_no, line_no, on, actor, "payment", amount_cents)


@dataclass(frozen=True, slots=True)
class PaymentBatch:
    on: date
    payments: int
    paid_cents: int


def pay_in_full(db: Database, bills: list[tuple[str, int]], on: date, actor: str) -> PaymentBatch:
    """A day's batch of payments, each settling its bill with the late interest due that day;
    one unit of work, so a batch is recorded whole or not at all."""
    schedule = packaged_schedule()
    total = 0
    with db.session() as session:
        repo = AdcvdRepository(session)
        for entry_no, line_no in bills:
            row, bill = _load(repo, entry_no, line_no)
            due = bill.amount_due(on, schedule)
            bill.pay(due, on, schedule)
            repo.save_bill(row, bill)
            repo.record_event(row, "payment", on, due, actor)
            total += due
        record_change(
            session, actor=actor, action="adcvd.bill.payments", entity="adcvd_bills",
            entity_id=on.isoformat(), after={"payments": len(bills), "cents": total},
        )  # fmt: skip
    return PaymentBatch(on, len(bills), total)


def surety_payment(
    db: Database, entry_no: str, line_no: int, amount_cents: int, on: date, actor: str
) -> BillView:
    return _change(db, entry_no, line_no, on, actor, "surety_payment", amount_cents)


def write_off_bill(db: Database, entry_no: str, line_no: int, on: date, actor: str) -> BillView:
    return _change(db, entry_no, line_no, on, actor, "write_off", None)


def claim_overdue(db: Database, on: date, actor: str) -> ClaimRun:
    """Claim against the surety every open bill unpaid 90 days past due on `on`."""
    schedule = packaged_schedule()
    claims = claimed = uncovered = 0
    with db.session() as session:
        repo = AdcvdRepository(session)
        used = repo.claims_by_bond()
        for row in repo.overdue_bills(on):
            bill = bill_of(row)
            if bill.state is not BillState.OPEN or bill.days_past_due(on) < CLAIM_AFTER_DAYS:
                continue
            available = max(0, row.bond_cents - used.get(row.bond_key, 0))
            amount = bill.claim(on, available, schedule)
            used[row.bond_key] = used.get(row.bond_key, 0) + amount
            repo.save_bill(row, bill)
            repo.record_event(row, "claim", on, amount, actor)
            claims += 1
            claimed += amount
            uncovered += bill.balance_cents - amount
        record_change(
            session, actor=actor, action="adcvd.claims", entity="adcvd_bills",
            entity_id=on.isoformat(), after={"claims": claims, "claimed_cents": claimed},
        )  # fmt: skip
    return ClaimRun(on, claims, claimed, uncovered)


@dataclass(frozen=True, slots=True)
class ClaimSettlement:
    on: date
    surety_payments: int
    surety_paid_cents: int
    written_off: int
    written_off_cents: int


def settle_claims(
    db: Database, on: date, actor: str, *, surety_days: int = 30, write_off_days: int = 180
) -> ClaimSettlement:
    """Sureties pay claims `surety_days` old in full; what a claim `write_off_days` old still
    leaves owing (the part the bond did not cover) is written off."""
    paid = paid_cents = gone = gone_cents = 0
    with db.session() as session:
        repo = AdcvdRepository(session)
        for row in repo.bills([BillState.CLAIMED]):
            bill = bill_of(row)
            age = (on - (bill.claimed_on or on)).days
            outstanding = bill.claim_outstanding_cents
            if age >= surety_days and outstanding > 0:
                bill.surety_pays(outstanding, on)
                repo.record_event(row, "surety_payment", on, outstanding, actor)
                paid, paid_cents = paid + 1, paid_cents + outstanding
            if bill.state is BillState.CLAIMED and age >= write_off_days:
                amount = bill.write_off(on)
                repo.record_event(row, "write_off", on, amount, actor)
                gone, gone_cents = gone + 1, gone_cents + amount
            repo.save_bill(row, bill)
        record_change(
            session, actor=actor, action="adcvd.claims.settle", entity="adcvd_bills",
            entity_id=on.isoformat(), after={"surety_payments": paid, "written_off": gone},
        )  # fmt: skip
    return ClaimSettlement(on, paid, paid_cents, gone, gone_cents)
