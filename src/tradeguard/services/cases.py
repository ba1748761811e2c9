"""Opening and moving enforcement cases, and the deadlines they carry.

Every change is one unit of work: the case row (guarded by its version), its history event, its
deadlines and the audit entry commit together or not at all. Functions ending in `_in` work inside
a session the caller owns, so other use cases (recording a finding) can open cases atomically.
Bond sufficiency checks (services.bond_checks) and allegation triage (services.allegation_triage)
open cases through this module; both are re-exported here for callers that use `cases.`.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tradeguard.domain.cases import CaseKind, machine_for
from tradeguard.domain.cases import deadlines as rules
from tradeguard.domain.cases import penalty as penalty_rules
from tradeguard.domain.cases.audit import parse_audit_type
from tradeguard.domain.cases.base import MONEY_FIELDS, check_case_date
from tradeguard.domain.cases.eapa import DETERMINATION_DAYS, EXTENDED_DETERMINATION_DAYS
from tradeguard.domain.cases.money import ZERO, from_cents, to_cents
from tradeguard.domain.cases.opening import CaseOpening, openings_for_finding
from tradeguard.domain.errors import Conflict, InvalidInput, NotFound
from tradeguard.domain.finding import ViolationFinding
from tradeguard.domain.pti import PTI
from tradeguard.services.allegation_triage import triage_allegation
from tradeguard.services.bond_checks import check_bond_sufficiency
from tradeguard.store.audit import record_change
from tradeguard.store.cases import CaseDeadlineRow, CaseEventRow, CaseRow
from tradeguard.store.database import Database

__all__ = [
    "check_bond_sufficiency",
    "due_deadlines",
    "extend_eapa_determination",
    "list_cases",
    "move_case",
    "move_in",
    "open_case",
    "open_cases_for_finding",
    "open_for_finding_in",
    "open_in",
    "show_case",
    "snapshot",
    "triage_allegation",
]

ENTITY = "case"
LINK_FIELDS = (
    "subtype", "importer_id", "manufacturer_id", "entry_no", "line_no", "hold_id", "finding_id",
    "rule_id", "rule_version", "allegation_id", "violation_type", "culpability", "violation_date",
)  # fmt: skip


def snapshot(row: CaseRow) -> dict[str, Any]:
    """The case as a plain document: what `show`, `list` and the audit log see."""
    doc: dict[str, Any] = {
        "id": row.id,
        "kind": row.kind,
        "pti": row.pti,
        "state": row.state,
        "version": row.version,
        "opened_on": row.opened_on,
        "closed_on": row.closed_on,
        "opened_by": row.opened_by,
    }
    doc.update({name: getattr(row, name) for name in LINK_FIELDS})
    doc["maximum"] = None if row.maximum_cents is None else from_cents(row.maximum_cents)
    for name in MONEY_FIELDS:
        doc[name] = from_cents(getattr(row, f"{name}_cents"))
    doc["details"] = json.loads(row.details)
    return doc


def _add_deadlines(session: Session, case_id: int, found: list[rules.Deadline]) -> None:
    for d in found:
        session.add(
            CaseDeadlineRow(
                case_id=case_id,
                name=d.name,
                due_on=d.due_on,
                alert_on=d.alert_on,
                satisfied_by=",".join(sorted(d.satisfied_by)),
            )
        )


def _check_subtype(opening: CaseOpening) -> None:
    """An audit says which kind of audit; a penalty which statute."""
    if opening.kind is CaseKind.AUDIT:
        parse_audit_type(opening.subtype or "")
    elif opening.kind is CaseKind.PENALTY and opening.subtype is not None:
        statutes = {s.value for s in penalty_rules.Statute}
        if opening.subtype not in statutes:
            names = ", ".join(sorted(statutes))
            raise InvalidInput(
                f"unknown penalty statute {opening.subtype!r}; expected {names}", "subtype"
            )


def open_in(session: Session, opening: CaseOpening, actor: str) -> int:
    """Open a case in its type's first state; its deadlines start on the opening day."""
    machine = machine_for(opening.kind)
    _check_subtype(opening)
    opening.check_dates(date.today())
    if opening.demanded < ZERO:
        raise InvalidInput("the amount demanded must not be negative", "amount")
    row = CaseRow(
        kind=opening.kind.value,
        pti=opening.pti.value,
        state=machine.initial,
        version=1,
        opened_on=opening.opened_on,
        opened_by=actor,
        maximum_cents=None if opening.maximum is None else to_cents(opening.maximum),
        demanded_cents=to_cents(opening.demanded),
        assessed_cents=0,
        mitigated_cents=0,
        collected_cents=0,
        identified_cents=0,
        details=json.dumps(opening.details, sort_keys=True, default=str),
        **{name: getattr(opening, name) for name in LINK_FIELDS},
    )
    session.add(row)
    session.flush()
    session.add(
        CaseEventRow(
            case_id=row.id,
            at=datetime.now(UTC),
            occurred_on=opening.opened_on,
            actor=actor,
            from_state=None,
            to_state=machine.initial,
            amount_cents=row.demanded_cents or None,
            note="opened",
        )
    )
    found = rules.deadlines_on_entry(opening.kind, machine.initial, opening.opened_on)
    if opening.kind is CaseKind.PENALTY and opening.violation_date is not None:
        found.append(rules.statute_of_limitations(opening.violation_date))
    _add_deadlines(session, row.id, found)
    record_change(
        session, actor=actor, action="case.open", entity=ENTITY, entity_id=str(row.id),
        after=snapshot(row),
    )  # fmt: skip
    return row.id


def open_case(db: Database, opening: CaseOpening, actor: str) -> int:
    with db.session() as session:
        return open_in(session, opening, actor)


def _load(session: Session, case_id: int) -> CaseRow:
    row = session.get(CaseRow, case_id)
    if row is None:
        raise NotFound(f"case {case_id} does not exist")
    return row


def _money_changes(row: CaseRow, kind: CaseKind, to: str, amount: Decimal | None) -> dict[str, int]:
    """Which money field the move fills, with defaults when the officer gives no amount."""
    target = machine_for(kind).amount_on_entry.get(to)
    if amount is not None and target is None:
        raise InvalidInput(f"moving a {kind.value} case to {to!r} takes no amount", "amount")
    if target is None:
        return {}
    if amount is None:
        if target == "collected" and kind is CaseKind.PENALTY:
            owed = row.mitigated_cents if row.state == "mitigated" else row.assessed_cents
            return {"collected_cents": owed}
        if target in ("assessed", "demanded") or (
            target == "collected" and kind is CaseKind.DUTY_DEMAND
        ):
            # pay what was billed; assess what was proposed
            return {f"{target}_cents": row.demanded_cents}
        raise InvalidInput(f"moving to {to!r} needs --amount ({target})", "amount")
    if amount < ZERO:
        raise InvalidInput("amount must not be negative", "amount")
    if kind is CaseKind.PENALTY:
        penalty_rules.check_amounts(
            to,
            amount,
            assessed=from_cents(row.assessed_cents),
            maximum=None if row.maximum_cents is None else from_cents(row.maximum_cents),
        )
    return {f"{target}_cents": to_cents(amount)}


def move_in(
    session: Session,
    case_id: int,
    to: str,
    actor: str,
    *,
    on: date | None = None,
    amount: Decimal | None = None,
    expected_version: int | None = None,
    note: str = "",
) -> dict[str, Any]:
    """Move a case to another state if its machine allows it and nobody changed it meanwhile."""
    row = _load(session, case_id)
    kind = CaseKind(row.kind)
    machine = machine_for(kind)
    seen = row.version
    if expected_version is not None and expected_version != seen:
        raise Conflict(
            f"case {case_id} is at version {seen}, not {expected_version}: someone changed it; "
            "reload it and try again"
        )
    machine.check_move(row.state, to)
    today = date.today()
    day = check_case_date(on or today, today=today, field="on", not_before=row.opened_on)
    before = snapshot(row)
    changes: dict[str, Any] = {"state": to, "version": seen + 1}
    changes.update(_money_changes(row, kind, to, amount))
    if to in machine.terminal:
        changes["closed_on"] = day
    result = session.execute(
        update(CaseRow)
        .where(CaseRow.id == case_id, CaseRow.version == seen)
        .values(**changes)
        .execution_options(synchronize_session="fetch")
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise Conflict(f"case {case_id} was changed by someone else; reload it and try again")
    session.refresh(row)
    session.add(
        CaseEventRow(
            case_id=case_id, at=datetime.now(UTC), occurred_on=day, actor=actor,
            from_state=before["state"], to_state=to, note=note,
            amount_cents=None if amount is None else to_cents(amount),
        )
    )  # fmt: skip
    for deadline in session.scalars(
        select(CaseDeadlineRow).where(
            CaseDeadlineRow.case_id == case_id, CaseDeadlineRow.met_on.is_(None)
        )
    ):
        if to in deadline.satisfied_by.split(",") or to in machine.terminal:
            deadline.met_on = day
    _add_deadlines(session, case_id, rules.deadlines_on_entry(kind, to, day))
    after = snapshot(row)
    record_change(
        session, actor=actor, action="case.move", entity=ENTITY, entity_id=str(case_id),
        before=before, after=after,
    )  # fmt: skip
    return after


def move_case(db: Database, case_id: int, to: str, actor: str, **options: Any) -> dict[str, Any]:
    with db.session() as session:
        return move_in(session, case_id, to, actor, **options)


def extend_eapa_determination(db: Database, case_id: int, actor: str) -> dict[str, Any]:
    """Extend an EAPA determination deadline from 300 to 360 days after initiation."""
    with db.session() as session:
        row = _load(session, case_id)
        if row.kind != CaseKind.EAPA.value:
            raise InvalidInput(f"case {case_id} is not an EAPA investigation", "case_id")
        deadline = session.scalars(
            select(CaseDeadlineRow).where(
                CaseDeadlineRow.case_id == case_id,
                CaseDeadlineRow.name == "determination",
                CaseDeadlineRow.met_on.is_(None),
            )
        ).first()
        if deadline is None:
            raise Conflict(f"case {case_id} has no open determination deadline to extend")
        before = {"determination_due": deadline.due_on}
        extra = EXTENDED_DETERMINATION_DAYS - DETERMINATION_DAYS
        if row.details and json.loads(row.details).get("determination_extended"):
            raise Conflict(f"case {case_id}'s determination was already extended")
        deadline.due_on = deadline.due_on + timedelta(days=extra)
        deadline.alert_on = deadline.alert_on + timedelta(days=extra)
        details = {**json.loads(row.details), "determination_extended": True}
        seen = row.version
        result = session.execute(
            update(CaseRow)
            .where(CaseRow.id == case_id, CaseRow.version == seen)
            .values(version=seen + 1, details=json.dumps(details, sort_keys=True))
            .execution_options(synchronize_session="fetch")
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise Conflict(f"case {case_id} was changed by someone else; reload it and try again")
        after = {"determination_due": deadline.due_on}
        record_change(
            session, actor=actor, action="case.extend", entity=ENTITY, entity_id=str(case_id),
            before=before, after=after,
        )  # fmt: skip
        return after


def _deadline_doc(d: CaseDeadlineRow, today: date) -> dict[str, Any]:
    return {
        "case_id": d.case_id,
        "name": d.name,
        "due_on": d.due_on,
        "alert_on": d.alert_on,
        "met_on": d.met_on,
        "status": "met" if d.met_on else rules.status(d.due_on, d.alert_on, today),
        "days_left": (d.due_on - today).days,
    }


def show_case(db: Database, case_id: int, *, today: date | None = None) -> dict[str, Any]:
    today = today or date.today()
    with db.session() as session:
        row = _load(session, case_id)
        doc = snapshot(row)
        doc["allowed_moves"] = sorted(machine_for(CaseKind(row.kind)).allowed(row.state))
        events = session.scalars(
            select(CaseEventRow).where(CaseEventRow.case_id == case_id).order_by(CaseEventRow.id)
        )
        doc["history"] = [
            {
                "at": e.at, "on": e.occurred_on, "actor": e.actor, "from": e.from_state,
                "to": e.to_state, "note": e.note,
                "amount": None if e.amount_cents is None else from_cents(e.amount_cents),
            }
            for e in events
        ]  # fmt: skip
        deadlines = session.scalars(
            select(CaseDeadlineRow)
            .where(CaseDeadlineRow.case_id == case_id)
            .order_by(CaseDeadlineRow.due_on)
        )
        doc["deadlines"] = [_deadline_doc(d, today) for d in deadlines]
        return doc


def list_cases(
    db: Database, *, pti: PTI | None = None, kind: CaseKind | None = None, state: str | None = None
) -> list[dict[str, Any]]:
    query = select(CaseRow).order_by(CaseRow.id)
    if pti is not None:
        query = query.where(CaseRow.pti == pti.value)
    if kind is not None:
        query = query.where(CaseRow.kind == kind.value)
    if state is not None:
        query = query.where(CaseRow.state == state)
    with db.session() as session:
        return [snapshot(row) for row in session.scalars(query)]


def due_deadlines(
    db: Database, *, today: date | None = None, within_days: int | None = None
) -> list[dict[str, Any]]:
    """Every deadline not yet met, overdue first, then by due date."""
    today = today or date.today()
    query = select(CaseDeadlineRow, CaseRow).join(CaseRow, CaseRow.id == CaseDeadlineRow.case_id)
    query = query.where(CaseDeadlineRow.met_on.is_(None))
    if within_days is not None:
        if within_days < 0:
            raise InvalidInput("--within must be zero or more days", "within")
        query = query.where(CaseDeadlineRow.due_on <= today + timedelta(days=within_days))
    with db.session() as session:
        rows = session.execute(query).all()
        out = []
        for deadline, case in rows:
            doc = _deadline_doc(deadline, today)
            doc.update(kind=case.kind, pti=case.pti, state=case.state)
            out.append(doc)
    out.sort(key=lambda d: (d["status"] != "overdue", d["due_on"], d["case_id"]))
    return out


def open_cases_for_finding(db: Database, finding: ViolationFinding, actor: str) -> list[int]:
    """Open the cases a finding calls for (Table 1), all or none; again for the same finding
    returns the cases already opened."""
    with db.session() as session:
        return open_for_finding_in(session, finding, actor)


def open_for_finding_in(session: Session, finding: ViolationFinding, actor: str) -> list[int]:
    existing = list(
        session.scalars(
            select(CaseRow.id).where(CaseRow.finding_id == finding.finding_id).order_by(CaseRow.id)
        )
    )
    if existing:
        return existing
    return [open_in(session, opening, actor) for opening in openings_for_finding(finding)]
