"""The cases that follow from a year's findings: audits, referrals to HSI, and the enforcement
operations the year's seizures and penalties were made in.

GAO-17-618: quick response audits take "a single issue or specific concern referred to Regulatory
Audit"; focused assessments are "comprehensive audits of major importers"; Regulatory Audit also
"provides nonaudit services to facilitate legitimate trade"; CBP shares "suspected activities or
importers that are noteworthy" with HSI. Each case opens through services.cases.open_in, in one
unit of work with its change log entry. Volumes are Regulatory Audit's and HSI's capacity per
100,000 entries (stated assumptions in docs/cases.md), at least one of each.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from tradeguard.domain.cases import CaseKind
from tradeguard.domain.cases.audit import AuditType
from tradeguard.domain.cases.opening import CaseOpening
from tradeguard.domain.fiscal import fiscal_year_bounds
from tradeguard.domain.pti import PTI
from tradeguard.services.cases import ENTITY, open_in
from tradeguard.store.cases import CaseRow
from tradeguard.store.database import Database
from tradeguard.store.unit_of_work import UnitOfWork

__all__ = ["Operation", "assign_operation_in", "open_followups", "operations_for"]

# per 100,000 entries a year (docs/cases.md); never fewer than one
PER_100K = {"focused_assessment": 2, "quick_response_audit": 10, "nonaudit_service": 2,
            "referral": 5}  # fmt: skip
# violation types that point at intent (evasion, counterfeiting): referred to HSI
FRAUD_SIGNS = frozenset({"transshipment", "counterfeit", "textile_origin"})


# CTAC's operations target counterfeit and unsafe goods together
OPERATION_PTIS = (PTI.IPR, PTI.IMPORT_SAFETY)


@dataclass(frozen=True, slots=True)
class Operation:
    name: str
    start: date
    end: date
    partner_agency: str | None


def operations_for(fy: int) -> tuple[Operation, ...]:
    """One three-week IPR and import safety operation a quarter, as CBP ran against counterfeits
    in the fourth quarter of FY2016; three of four with a partner government agency."""
    first, _ = fiscal_year_bounds(fy)
    partners = (
        None,
        "Consumer Product Safety Commission",
        "Food and Drug Administration",
        "Consumer Product Safety Commission",
    )
    out = []
    for quarter, partner in enumerate(partners, start=1):
        start = first + timedelta(days=91 * (quarter - 1) + 45)
        name = f"FY{fy} Q{quarter} counterfeit and unsafe goods operation"
        out.append(Operation(name, start, start + timedelta(days=20), partner))
    return tuple(out)


def assign_operation_in(uow: UnitOfWork, row: CaseRow, operation: Operation, actor: str) -> None:
    """Record that a case was made in an operation (and a seizure with its partner agency)."""
    before = row.snapshot()
    details = {**json.loads(row.details or "{}"), "operation": operation.name}
    if row.kind == CaseKind.SEIZURE.value and operation.partner_agency:
        details["partner_agency"] = operation.partner_agency
    seen = row.version
    changes = {"version": seen + 1, "details": json.dumps(details, sort_keys=True, default=str)}
    uow.cases.advance(row, seen, changes)
    uow.changes.record(
        actor=actor, action="case.operation", entity=ENTITY, entity_id=str(row.id),
        before=before, after=row.snapshot(),
    )  # fmt: skip


def _assign_operations(uow: UnitOfWork, fy: int, actor: str) -> int:
    tagged = 0
    rows = [r for pti in OPERATION_PTIS for r in uow.cases.matching(pti=pti.value)]
    for op in operations_for(fy):
        for row in rows:
            made = row.kind in (CaseKind.SEIZURE.value, CaseKind.PENALTY.value)
            if made and op.start <= row.opened_on <= op.end:
                assign_operation_in(uow, row, op, actor)
                tagged += 1
    return tagged


@dataclass(slots=True)
class _Importer:
    """An importer's violations this year, read from the penalty cases its findings opened."""

    importer_id: str
    cases: list[CaseRow]

    @property
    def loss_cents(self) -> int:
        return sum(_loss_cents(r) for r in self.cases)

    def main_pti(self) -> PTI:
        counts: dict[str, int] = defaultdict(int)
        for r in self.cases:
            counts[r.pti] += 1
        return PTI(max(sorted(counts), key=lambda p: counts[p]))


def _loss_cents(row: CaseRow) -> int:
    loss = json.loads(row.details or "{}").get("loss_of_duties") or "0"
    return int(Decimal(str(loss)) * 100)


def _importers(rows: list[CaseRow]) -> list[_Importer]:
    grouped: dict[str, list[CaseRow]] = defaultdict(list)
    for r in rows:
        if r.kind == CaseKind.PENALTY.value and r.finding_id and r.importer_id:
            grouped[r.importer_id].append(r)
    return [_Importer(i, sorted(c, key=lambda r: (r.opened_on, r.id))) for i, c in grouped.items()]


def _quota(kind: str, entries: int) -> int:
    return max(1, round(PER_100K[kind] * entries / 100_000))


def _opening(imp: _Importer, kind: CaseKind, on: date, **fields: object) -> CaseOpening:
    evidence = [f"finding:{r.finding_id}" for r in imp.cases]
    details = {"basis_usd": str(Decimal(imp.loss_cents) / 100), "evidence": evidence}
    return CaseOpening(
        kind=kind, pti=imp.main_pti(), opened_on=on, importer_id=imp.importer_id,
        details=details, **fields,  # type: ignore[arg-type]
    )  # fmt: skip


def _plan(
    importers: list[_Importer], entries: int, fy: int, rng: random.Random
) -> list[CaseOpening]:
    """The audits and referrals the year's violations call for, each dated after the finding
    that prompted it and within the fiscal year."""
    _, last = fiscal_year_bounds(fy)
    by_loss = sorted(importers, key=lambda i: (-i.loss_cents, i.importer_id))
    repeat = [i for i in by_loss if len(i.cases) >= 2] or by_loss[:1]
    fraud = [i for i in by_loss if any(r.violation_type in FRAUD_SIGNS for r in i.cases)]
    chosen: list[tuple[_Importer, CaseKind, str | None, int]] = []
    for imp in repeat[: _quota("quick_response_audit", entries)]:
        chosen.append((imp, CaseKind.AUDIT, AuditType.QUICK_RESPONSE.value, 1))
    for imp in by_loss[: _quota("focused_assessment", entries)]:
        chosen.append((imp, CaseKind.AUDIT, AuditType.FOCUSED_ASSESSMENT.value, 0))
    for imp in by_loss[::-1][: _quota("nonaudit_service", entries)]:
        chosen.append((imp, CaseKind.AUDIT, AuditType.NONAUDIT_SERVICE.value, 0))
    for imp in (fraud or by_loss)[: _quota("referral", entries)]:
        chosen.append((imp, CaseKind.REFERRAL, None, 0))
    out = []
    for imp, kind, subtype, after in chosen:
        prompted = imp.cases[min(after, len(imp.cases) - 1)].opened_on
        on = min(last, prompted + timedelta(days=rng.randint(10, 60)))
        out.append(_opening(imp, kind, on, subtype=subtype))
    return out


def open_followups(
    db: Database, *, entries: int, fy: int, seed: int, actor: str = "demo"
) -> dict[str, int]:
    """Tag the year's operations on its cases and open the audits and referrals its
    violations call for, in one unit of work; counts of each."""
    rng = random.Random(f"followups:{seed}")
    counts: dict[str, int] = defaultdict(int)
    with UnitOfWork(db) as uow:
        counts["cases_in_operations"] = _assign_operations(uow, fy, actor)
        importers = _importers(uow.cases.matching())
        openings = _plan(importers, entries, fy, rng) if importers else []
        for opening in openings:
            open_in(uow, opening, actor)
            counts[opening.subtype or opening.kind.value] += 1
        uow.commit()
    return dict(sorted(counts.items()))
