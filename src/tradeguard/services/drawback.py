"""Drawback claims: file one against the import lines it designates, pay it (accelerated only
with a sufficient bond), liquidate or deny it. One use case per function, one unit of work each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from tradeguard.domain.drawback.claim import (
    ClaimStatus,
    bond_shortfall_cents,
    check_goods,
    check_refund,
    check_window,
    refund_limit_cents,
)
from tradeguard.domain.drawback.filing import ClaimFiling, ImportLine, cents_of, designate
from tradeguard.domain.errors import Conflict, InvalidInput
from tradeguard.store.database import Database
from tradeguard.store.drawback import ClaimRow
from tradeguard.store.drawback_review import DrawbackBondRow
from tradeguard.store.entry_lines import import_lines
from tradeguard.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class ClaimFiled:
    claim_no: str
    kind: str
    claimant_id: str
    lines: int
    designated_cents: int
    refund_requested_cents: int
    refund_limit_cents: int


@dataclass(frozen=True, slots=True)
class ClaimPayment:
    claim_no: str
    status: str
    refund_paid_cents: int
    accelerated: bool
    bond_shortfall_cents: int  # > 0: payment held back, the claim flagged


def _lines(found: dict[tuple[str, int], ImportLine], filing: ClaimFiling) -> list[ImportLine]:
    """Each designated line from the lake, in filing order; unknown ones name their field."""
    keys = [(d.entry_no, d.line_no) for d in filing.designations]
    for i, key in enumerate(keys):
        if key not in found:
            raise InvalidInput(
                f"entry line {key[0]}/{key[1]} is not among the entries ingested",
                f"designations[{i}]",
            )
    return [found[k] for k in keys]


def _check(filing: ClaimFiling, lines: list[ImportLine]) -> int:
    """The law's checks that need no ledger; the designated total in cents."""
    exported = {e.hts10 for e in filing.exports}
    for i, (d, line) in enumerate(zip(filing.designations, lines, strict=True)):
        field = f"designations[{i}]"
        check_window(line.entry_date, filing.filed_on, f"{field}.entry_no")
        check_goods(filing.kind, line.hts10, exported, field)
        designate(
            line.paid_cents,
            0,
            cents_of(d.duty_usd),
            f"{d.entry_no}/{d.line_no}",
            f"{field}.duty_usd",
        )
    designated = sum(cents_of(d.duty_usd) for d in filing.designations)
    check_refund(cents_of(filing.refund_requested_usd), designated)
    return designated


def _paid_lines(
    db: Database, lake_dir: Path, keys: Sequence[tuple[str, int]]
) -> dict[tuple[str, int], ImportLine]:
    """The designated lines from the lake, each with what was actually paid on it: its declared
    duty plus what duty demands have collected on it since (docs/drawback.md). AD/CVD duties
    are not drawback (19 U.S.C. 1677h), so AD/CVD deposits and bills do not count."""
    found = import_lines(lake_dir, keys)
    with UnitOfWork(db) as work:
        collected = work.ledger.collected_duty(found)
    return {
        key: replace(line, paid_cents=line.paid_cents + collected.get(key, 0))
        for key, line in found.items()
    }


def file_claim(db: Database, lake_dir: Path, filing: ClaimFiling, *, actor: str) -> ClaimFiled:
    """Store a claim whose every designation fits within what is left of its import line; any
    refusal (unknown line, over 99%, over-designation, …) writes nothing."""
    keys = [(d.entry_no, d.line_no) for d in filing.designations]
    return _file(db, filing, _lines(_paid_lines(db, lake_dir, keys), filing), actor)


def file_claims(
    db: Database, lake_dir: Path, filings: Sequence[ClaimFiling], *, actor: str
) -> list[ClaimFiled | InvalidInput]:
    """File many claims in order, each in its own unit of work, reading the lake once: each
    outcome is the claim filed or the refusal that wrote nothing."""
    keys = [(d.entry_no, d.line_no) for f in filings for d in f.designations]
    found = _paid_lines(db, lake_dir, keys)
    outcomes: list[ClaimFiled | InvalidInput] = []
    for filing in filings:
        try:
            outcomes.append(_file(db, filing, _lines(found, filing), actor))
        except InvalidInput as refusal:
            outcomes.append(refusal)
    return outcomes


def _file(db: Database, filing: ClaimFiling, lines: list[ImportLine], actor: str) -> ClaimFiled:
    designated = _check(filing, lines)
    with UnitOfWork(db) as work:
        if work.claims.exists(filing.claim_no):
            raise InvalidInput(f"drawback claim {filing.claim_no} is already filed", "claim_no")
        claim = work.claims.add(_claim_row(filing, designated))
        for i, (d, line) in enumerate(zip(filing.designations, lines, strict=True)):
            more = cents_of(d.duty_usd)
            work.ledger.open_line(line)
            if not work.ledger.draw(d.entry_no, d.line_no, more):
                already = work.ledger.designated_of(d.entry_no, d.line_no)
                key = f"{d.entry_no}/{d.line_no}"
                designate(line.paid_cents, already, more, key, f"designations[{i}].duty_usd")
                raise Conflict(f"import line {key} changed while the claim was filed; try again")
            work.claims.add_designation(claim, d.entry_no, d.line_no, more)
        for e in filing.exports:
            work.claims.add_export(claim, e)
        work.changes.record(
            actor=actor,
            action="drawback.file",
            entity="drawback_claim",
            entity_id=filing.claim_no,
            after={"kind": filing.kind.value, "designated_cents": designated},
        )
        work.commit()
    return ClaimFiled(
        filing.claim_no,
        filing.kind.value,
        filing.claimant_id,
        len(lines),
        designated,
        cents_of(filing.refund_requested_usd),
        refund_limit_cents(designated),
    )


def _claim_row(filing: ClaimFiling, designated: int) -> ClaimRow:
    return ClaimRow(
        claim_no=filing.claim_no,
        kind=filing.kind.value,
        claimant_id=filing.claimant_id,
        status=ClaimStatus.FILED.value,
        filed_on=filing.filed_on,
        accelerated=filing.accelerated,
        designated_cents=designated,
        refund_requested_cents=cents_of(filing.refund_requested_usd),
        refund_paid_cents=0,
    )


def pay_claim(db: Database, claim_no: str, on: date, *, actor: str) -> ClaimPayment:
    """Pay a claim now: accelerated payment if the claimant's bond secures it, else flag the
    claim and pay nothing; a claim without accelerated payment is paid on liquidation."""
    with UnitOfWork(db) as work:
        claim = work.claims.hold(claim_no)
        if not claim.accelerated:
            claim.liquidate(on)
            action = "drawback.liquidate"
        else:
            bond = work.drawback_bonds.hold(claim.claimant_id)
            outstanding = work.claims.outstanding_accelerated_cents(claim.claimant_id)
            short = bond_shortfall_cents(
                bond.amount_cents if bond else None, outstanding, claim.refund_requested_cents
            )
            if claim.claim_status is not ClaimStatus.FILED:
                raise Conflict(f"drawback claim {claim_no} is {claim.status}; not payable")
            if short:
                claim.flag_bond(short)
                action = "drawback.flag_bond"
            else:
                claim.pay(on)
                action = "drawback.pay_accelerated"
        work.changes.record(
            actor=actor,
            action=action,
            entity="drawback_claim",
            entity_id=claim_no,
            after={"status": claim.status},
        )
        work.commit()
        return _payment(claim)


def _payment(claim: ClaimRow) -> ClaimPayment:
    return ClaimPayment(
        claim.claim_no,
        claim.status,
        claim.refund_paid_cents,
        claim.accelerated,
        claim.bond_shortfall_cents or 0,
    )


def liquidate_claim(db: Database, claim_no: str, on: date, *, actor: str) -> ClaimPayment:
    with UnitOfWork(db) as work:
        claim = work.claims.hold(claim_no)
        claim.liquidate(on)
        work.changes.record(
            actor=actor,
            action="drawback.liquidate",
            entity="drawback_claim",
            entity_id=claim_no,
            after={"on": on},
        )
        work.commit()
        return _payment(claim)


def register_drawback_bond(
    db: Database, claimant_id: str, bond_no: str, amount_cents: int, on: date, *, actor: str
) -> None:
    """Record (or replace) the bond a claimant posts for accelerated payment."""
    if amount_cents <= 0:
        raise InvalidInput("a drawback bond's amount must be above zero", "amount")
    with UnitOfWork(db) as work:
        work.drawback_bonds.put(
            DrawbackBondRow(
                claimant_id=claimant_id,
                bond_no=bond_no,
                amount_cents=amount_cents,
                registered_on=on,
            )
        )
        work.changes.record(
            actor=actor,
            action="drawback.bond",
            entity="drawback_bond",
            entity_id=claimant_id,
            after={"cents": amount_cents},
        )
        work.commit()


def deny_claim(db: Database, claim_no: str, on: date, *, actor: str) -> ClaimPayment:
    """Deny a claim: nothing is paid, and its designations are given back to their lines."""
    with UnitOfWork(db) as work:
        claim = work.claims.hold(claim_no)
        claim.deny(on)
        for d in claim.designations:
            work.ledger.give_back(d.entry_no, d.line_no, d.designated_cents)
        work.changes.record(
            actor=actor,
            action="drawback.deny",
            entity="drawback_claim",
            entity_id=claim_no,
            after={"on": on},
        )
        work.commit()
        return _payment(claim)
