"""Named finders that read the operational database as the measure catalogue's facts.

Performance measures are pure functions over domain/measures/facts.py; these finders map the exam,
case and rule tables onto those facts. Case fields read beyond the columns (written by whoever
opens or moves the case):
- `kind`: seizure, penalty, audit, eapa, bond_demand, duty_demand, `denied_entry` (goods refused
  admission), any other kind as a plain case;
- `subtype` of an audit: focused_assessment, quick_response_audit, survey, nonaudit_service;
- `details.domestic_value_usd` (seizure), `details.partner_agency` (seizure made with a partner
  government agency), `details.operation` (the enforcement operation the case belongs to);
- the first `report_issued` event completes an audit (else its close date); the `determination`
  deadline of an EAPA investigation gives its due and determination dates.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.measures import (
    AuditFact,
    BondDemandFact,
    CaseFact,
    DecisionFact,
    EapaFact,
    FindingFact,
    HoldFact,
    PenaltyFact,
    RemovalFact,
    SeizureFact,
)
from tradeguard.domain.pti import parse_pti
from tradeguard.store.cases import CaseDeadlineRow, CaseEventRow, CaseRow
from tradeguard.store.exams import FindingRow, HoldRow, RuleExemptionRow
from tradeguard.store.rules import RuleVersion


@dataclass(frozen=True, slots=True)
class ExamFacts:
    holds: tuple[HoldFact, ...]
    findings: tuple[FindingFact, ...]
    decisions: tuple[DecisionFact, ...]


@dataclass(frozen=True, slots=True)
class CaseFacts:
    cases: tuple[CaseFact, ...] = ()
    seizures: tuple[SeizureFact, ...] = ()
    penalties: tuple[PenaltyFact, ...] = ()
    audits: tuple[AuditFact, ...] = ()
    eapa: tuple[EapaFact, ...] = ()
    bond_demands: tuple[BondDemandFact, ...] = ()


def _json_list(text: str | None) -> tuple[str, ...]:
    try:
        return tuple(str(x) for x in json.loads(text or "[]"))
    except ValueError:
        return ()


def _details(text: str | None) -> dict[str, Any]:
    try:
        found = json.loads(text or "{}")
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _cents(value: Any) -> int:
    try:
        return int((Decimal(str(value or 0)) * 100).to_integral_value())
    except ArithmeticError:
        return 0


def _text(value: Any) -> str | None:
    """A non-empty string, or None."""
    return (str(value).strip() or None) if value is not None else None


def _hold_facts(hold: HoldRow, finding: FindingRow | None) -> tuple[HoldFact, DecisionFact]:
    ptis = _json_list(hold.pti_hits)
    fact = HoldFact(
        hold_id=str(hold.id), entry_no=hold.entry_no, lane=hold.lane, held_on=hold.entry_date,
        placed_on=hold.created_on, finding_on=finding.finding_date if finding else None,
        pti=ptis[0] if ptis else None, port_code=hold.port_code, center=hold.center,
    )  # fmt: skip
    decision = DecisionFact(
        entry_no=hold.entry_no, lane=hold.lane, entry_date=hold.entry_date, pti_hits=ptis,
        sampled=bool(hold.sampled), port_code=hold.port_code, center=hold.center,
    )  # fmt: skip
    return fact, decision


def exam_facts(session: Session) -> ExamFacts:
    """Every examined hold with its finding; a hold released without an exam is no exam."""
    holds: list[HoldFact] = []
    findings: list[FindingFact] = []
    decisions: list[DecisionFact] = []
    query = select(HoldRow, FindingRow).outerjoin(FindingRow, FindingRow.hold_id == HoldRow.id)
    for hold, finding in session.execute(query):
        if finding is None and hold.status == "released":
            continue
        fact, decision = _hold_facts(hold, finding)
        holds.append(fact)
        decisions.append(decision)
        if finding is not None:
            findings.append(
                FindingFact(
                    entry_no=hold.entry_no, line_no=finding.line_no,
                    finding_date=finding.finding_date, violation=finding.result == "violation",
                    source="random" if hold.lane == "random" else "targeted", pti=finding.pti,
                    violation_type=finding.violation_type,
                )
            )  # fmt: skip
    return ExamFacts(tuple(holds), tuple(findings), tuple(decisions))


def _first_entered(events: list[CaseEventRow], state: str) -> date | None:
    days = [e.occurred_on for e in events if e.to_state == state]
    return min(days) if days else None


def _kind_fact(
    r: CaseRow, details: dict[str, Any], events: list[CaseEventRow], due: CaseDeadlineRow | None
) -> Any:
    """The seizure, penalty, audit, EAPA or bond demand fact of a case; None for other kinds."""
    if r.kind == "seizure":
        return SeizureFact(
            r.id, r.pti, r.opened_on, r.state, _cents(details.get("domestic_value_usd")),
            r.entry_no, _text(details.get("partner_agency")),
        )  # fmt: skip
    if r.kind == "penalty":
        return PenaltyFact(
            r.id, r.pti, r.opened_on, r.assessed_cents, r.mitigated_cents, r.collected_cents,
            r.entry_no,
        )  # fmt: skip
    if r.kind == "audit":
        completed = _first_entered(events, "report_issued")
        if completed is None and r.state == "closed":
            completed = r.closed_on
        return AuditFact(
            r.id, r.pti, r.opened_on, completed, r.identified_cents, r.collected_cents,
            r.entry_no, r.subtype,
        )  # fmt: skip
    if r.kind == "eapa" and due is not None:
        initiated = _first_entered(events, "initiated") or r.opened_on
        return EapaFact(r.id, r.pti, initiated, due.due_on, due.met_on)
    if r.kind == "bond_demand":
        return BondDemandFact(r.id, r.pti, r.opened_on, r.demanded_cents, r.entry_no)
    return None


def case_facts(session: Session) -> CaseFacts:
    """Every case, and from it the seizure, penalty, audit, EAPA and bond demand facts."""
    events: dict[int, list[CaseEventRow]] = {}
    for event in session.scalars(select(CaseEventRow)):
        events.setdefault(event.case_id, []).append(event)
    deadlines = select(CaseDeadlineRow).where(CaseDeadlineRow.name == "determination")
    determination = {d.case_id: d for d in session.scalars(deadlines)}
    cases: list[CaseFact] = []
    by_kind: dict[type, list[Any]] = {}
    for r in session.scalars(select(CaseRow).order_by(CaseRow.id)):
        details = _details(r.details)
        cases.append(
            CaseFact(
                r.id, r.kind, r.pti, r.state, r.opened_on, r.closed_on, r.entry_no,
                r.demanded_cents, r.assessed_cents, r.mitigated_cents, r.collected_cents,
                r.identified_cents, r.subtype, _text(details.get("operation")),
            )
        )  # fmt: skip
        fact = _kind_fact(r, details, events.get(r.id, []), determination.get(r.id))
        if fact is not None:
            by_kind.setdefault(type(fact), []).append(fact)
    return CaseFacts(
        cases=tuple(cases),
        seizures=tuple(by_kind.get(SeizureFact, ())),
        penalties=tuple(by_kind.get(PenaltyFact, ())),
        audits=tuple(by_kind.get(AuditFact, ())),
        eapa=tuple(by_kind.get(EapaFact, ())),
        bond_demands=tuple(by_kind.get(BondDemandFact, ())),
    )


def _rule_ptis(session: Session) -> dict[str, str]:
    """Each rule's PTI, from its latest version."""
    ptis: dict[str, str] = {}
    for row in session.scalars(select(RuleVersion).order_by(RuleVersion.version)):
        raw = str(json.loads(row.content).get("pti") or "")
        try:
            ptis[row.rule_id] = parse_pti(raw).value
        except InvalidInput:
            ptis[row.rule_id] = raw
    return ptis


def removal_facts(session: Session) -> tuple[RemovalFact, ...]:
    """Importers taken off a rule after clean findings: every exemption, with its rule's PTI."""
    ptis = _rule_ptis(session)
    return tuple(
        RemovalFact(e.rule_id, e.importer_id, e.created_on, ptis.get(e.rule_id), e.reversed_on)
        for e in session.scalars(select(RuleExemptionRow).order_by(RuleExemptionRow.id))
    )
