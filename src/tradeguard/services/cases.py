"""Opening and moving enforcement cases, and the deadlines they carry.

Every change is one unit of work: the case row (guarded by its version), its history event, its
deadlines and the change log entry commit together or not at all. Functions ending in `_in` work
inside a unit of work the caller owns, so other use cases (recording a finding) open cases
atomically.
Bond sufficiency checks (services.bond_checks) and allegation triage (services.allegation_triage)
are use cases of their own that open cases through this module (they import it, not the reverse).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from tradeguard.domain.cases import CaseKind, machine_for
from tradeguard.domain.cases import deadlines as rules
from tradeguard.domain.cases import penalty as penalty_rules
from tradeguard.domain.cases.base import check_case_date
from tradeguard.domain.cases.eapa import DETERMINATION_DAYS, EXTENDED_DETERMINATION_DAYS
from tradeguard.domain.cases.money import ZERO, from_cents, to_cents
from tradeguard.domain.cases.opening import CaseOpening, check_subtype, openings_for_finding
from tradeguard.domain.errors import Conflict, InvalidInput
from tradeguard.domain.finding import ViolationFinding
from tradeguard.domain.pti import PTI
from tradeguard.services.case_views import (
    CaseDeadline,
    CaseDetail,
    CaseEvent,
    CaseView,
    DeterminationExtended,
    DueDeadline,
)
from tradeguard.store.cases import LINK_FIELDS, CaseEventRow, CaseRow
from tradeguard.store.database import Database
from tradeguard.store.unit_of_work import UnitOfWork

__all__ = [
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
]

ENTITY = "case"


def open_in(uow: UnitOfWork, opening: CaseOpening, actor: str) -> int:
    """Open a case in its type's first state; its deadlines start on the opening day."""
    machine = machine_for(opening.kind)
    check_subtype(opening)
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
    uow.cases.add(row)
    uow.cases.add_event(
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
    uow.cases.add_deadlines(row.id, found)
    uow.changes.record(
        actor=actor, action="case.open", entity=ENTITY, entity_id=str(row.id),
        after=row.snapshot(),
    )  # fmt: skip
    return row.id


def open_case(db: Database, opening: CaseOpening, actor: str) -> int:
    with UnitOfWork(db) as uow:
        case_id = open_in(uow, opening, actor)
        uow.commit()
    return case_id


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
    uow: UnitOfWork,
    case_id: int,
    to: str,
    actor: str,
    *,
    on: date | None = None,
    amount: Decimal | None = None,
    expected_version: int | None = None,
    note: str = "",
) -> CaseView:
    """Move a case to another state if its machine allows it and nobody changed it meanwhile."""
    row = uow.cases.get(case_id)
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
    before = row.snapshot()
    changes: dict[str, Any] = {"state": to, "version": seen + 1}
    changes.update(_money_changes(row, kind, to, amount))
    if to in machine.terminal:
        changes["closed_on"] = day
    uow.cases.advance(row, seen, changes)
    uow.cases.add_event(
        CaseEventRow(
            case_id=case_id, at=datetime.now(UTC), occurred_on=day, actor=actor,
            from_state=before["state"], to_state=to, note=note,
            amount_cents=None if amount is None else to_cents(amount),
        )
    )  # fmt: skip
    for deadline in uow.cases.open_deadlines(case_id):
        if to in deadline.satisfied_by.split(",") or to in machine.terminal:
            deadline.met_on = day
    uow.cases.add_deadlines(case_id, rules.deadlines_on_entry(kind, to, day))
    after = row.snapshot()
    uow.changes.record(
        actor=actor, action="case.move", entity=ENTITY, entity_id=str(case_id),
        before=before, after=after,
    )  # fmt: skip
    return CaseView(**after)


def move_case(db: Database, case_id: int, to: str, actor: str, **options: Any) -> CaseView:
    with UnitOfWork(db) as uow:
        after = move_in(uow, case_id, to, actor, **options)
        uow.commit()
    return after


def extend_eapa_determination(db: Database, case_id: int, actor: str) -> DeterminationExtended:
    """Extend an EAPA determination deadline from 300 to 360 days after initiation."""
    with UnitOfWork(db) as uow:
        row = uow.cases.get(case_id)
        if row.kind != CaseKind.EAPA.value:
            raise InvalidInput(f"case {case_id} is not an EAPA investigation", "case_id")
        deadline = next(
            (d for d in uow.cases.open_deadlines(case_id) if d.name == "determination"), None
        )
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
        changes = {"version": seen + 1, "details": json.dumps(details, sort_keys=True)}
        uow.cases.advance(row, seen, changes)
        after = {"determination_due": deadline.due_on}
        uow.changes.record(
            actor=actor, action="case.extend", entity=ENTITY, entity_id=str(case_id),
            before=before, after=after,
        )  # fmt: skip
        uow.commit()
    return DeterminationExtended(deadline.due_on)


def show_case(db: Database, case_id: int, *, today: date | None = None) -> CaseDetail:
    today = today or date.today()
    with UnitOfWork(db) as uow:
        row = uow.cases.get(case_id)
        return CaseDetail(
            **row.snapshot(),
            allowed_moves=tuple(sorted(machine_for(CaseKind(row.kind)).allowed(row.state))),
            history=tuple(CaseEvent.of(e) for e in uow.cases.events(case_id)),
            deadlines=tuple(CaseDeadline.of(d, today) for d in uow.cases.deadlines(case_id)),
        )


def list_cases(
    db: Database, *, pti: PTI | None = None, kind: CaseKind | None = None, state: str | None = None
) -> list[CaseView]:
    with UnitOfWork(db) as uow:
        rows = uow.cases.matching(
            pti=None if pti is None else pti.value,
            kind=None if kind is None else kind.value,
            state=state,
        )
        return [CaseView.of(row) for row in rows]


def due_deadlines(
    db: Database, *, today: date | None = None, within_days: int | None = None
) -> list[DueDeadline]:
    """Every deadline not yet met, overdue first, then by due date."""
    today = today or date.today()
    due_by = None
    if within_days is not None:
        if within_days < 0:
            raise InvalidInput("--within must be zero or more days", "within")
        due_by = today + timedelta(days=within_days)
    with UnitOfWork(db) as uow:
        rows = uow.cases.unmet_deadlines(due_by)
        out = [
            DueDeadline(**CaseDeadline.of(deadline, today).as_json(), kind=case.kind,
                        pti=case.pti, state=case.state)
            for deadline, case in rows
        ]  # fmt: skip
    out.sort(key=lambda d: (d.status != "overdue", d.due_on, d.case_id))
    return out


def open_cases_for_finding(db: Database, finding: ViolationFinding, actor: str) -> list[int]:
    """Open the cases a finding calls for (Table 1), all or none; again for the same finding
    returns the cases already opened."""
    with UnitOfWork(db) as uow:
        opened = open_for_finding_in(uow, finding, actor)
        uow.commit()
    return opened


def open_for_finding_in(uow: UnitOfWork, finding: ViolationFinding, actor: str) -> list[int]:
    existing = uow.cases.ids_for_finding(finding.finding_id)
    if existing:
        return existing
    return [open_in(uow, opening, actor) for opening in openings_for_finding(finding)]
