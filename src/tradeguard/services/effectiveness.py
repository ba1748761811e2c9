"""Do the rules work, and how compliant are imports? Read from holds and their findings.

Rule effectiveness counts each rule version's holds, findings and violations; compliance uses the
random sample only. An importer whose last K findings under a rule were all clean is removed from
that rule (logged in the change log, reversible).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tradeguard.domain.compliance import (
    Rate,
    RevenueGap,
    SampleFinding,
    compliance_rates,
    revenue_gap,
)
from tradeguard.domain.effectiveness import RuleTally, earns_exemption, lift
from tradeguard.domain.errors import NotFound
from tradeguard.domain.pti import PTI
from tradeguard.store.database import Database
from tradeguard.store.exams import FindingRow, HoldRow, RuleExemptionRow
from tradeguard.store.unit_of_work import UnitOfWork

ENTITY = "rule_exemption"


def _is_sample(hold: HoldRow) -> bool:
    return hold.sampled or hold.lane == "random"


def _sample_findings(pairs: list[tuple[HoldRow, FindingRow | None]]) -> list[SampleFinding]:
    out = []
    for hold, finding in pairs:
        if finding is None or not _is_sample(hold):
            continue
        violated = (
            frozenset({PTI(finding.pti)})
            if finding.result == "violation" and finding.pti
            else frozenset()
        )
        out.append(SampleFinding(violated, finding.duty_shortfall_usd))
    return out


@dataclass(frozen=True, slots=True)
class ComplianceReport:
    """The random sample's violation rate, overall and per PTI, and the revenue gap it implies."""

    overall: Rate
    ptis: dict[PTI, Rate]
    revenue_gap: RevenueGap

    @property
    def sample_size(self) -> int:
        return self.overall.examined

    def as_json(self) -> dict[str, Any]:
        gap = self.revenue_gap
        return {
            "sample_size": self.sample_size,
            "overall": self.overall.document(),
            "ptis": [{"pti": pti.value, **rate.document()} for pti, rate in self.ptis.items()],
            "revenue_gap": {
                "entries": gap.entries,
                "estimate_usd": float(gap.estimate_usd),
                "ci_usd": [float(gap.ci_usd[0]), float(gap.ci_usd[1])],
            },
        }


@dataclass(frozen=True, slots=True)
class RuleEffect:
    """One rule version's holds, findings and violations, its hit rate with a Wilson interval,
    the duty its violations found, and its lift over the random sample's rate for its PTI."""

    rule_id: str
    version: int | None
    holds: int
    findings: int
    violations: int
    hit_rate: float | None
    hit_rate_ci: list[float]
    revenue_found_usd: float
    lift: float | None


@dataclass(frozen=True, slots=True)
class RuleEffectiveness:
    rules: list[RuleEffect]

    def as_json(self) -> dict[str, Any]:
        return {"rules": [asdict(r) for r in self.rules]}


def compliance(db: Database) -> ComplianceReport:
    """Violation rate of the random sample, overall and per PTI, with 95% intervals, and the
    revenue gap it implies on all entries of the latest targeting run."""
    with UnitOfWork(db) as uow:
        sample = _sample_findings(uow.holds.with_findings())
        run = uow.runs.latest_or_none()
        entries = run.entries if run is not None else 0
    overall, per_pti = compliance_rates(sample)
    gap = revenue_gap((f.duty_shortfall_usd for f in sample), entries)
    return ComplianceReport(overall, per_pti, gap)


def rule_effectiveness(db: Database) -> RuleEffectiveness:
    """Per rule version: holds, findings, violations, hit rate with its Wilson interval, duty
    found, and lift over the random sample's violation rate for the rule's PTI."""
    with UnitOfWork(db) as uow:
        pairs = uow.holds.with_findings()
        rule_pti = {
            f"{r.rule_id}@{r.version}": str(json.loads(r.content).get("pti", ""))
            for r in uow.rules.every_version()
        }
    _, per_pti = compliance_rates(_sample_findings(pairs))
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    revenue: dict[str, Decimal] = defaultdict(Decimal)
    for hold, finding in pairs:
        for ref in hold.refs():
            tally = counts[ref]
            tally[0] += 1
            if finding is None:
                continue
            tally[1] += 1
            if finding.result == "violation":
                tally[2] += 1
                revenue[ref] += finding.duty_shortfall_usd
    rules = []
    for ref in sorted(counts):
        rule_id, _, version = ref.partition("@")
        t = RuleTally(*counts[ref])
        pti = rule_pti.get(ref)
        random_rate = per_pti[PTI(pti)].rate if pti in {p.value for p in PTI} else None
        lo, hi = t.hit_rate_ci
        rules.append(
            RuleEffect(
                rule_id, int(version) if version.isdigit() else None, t.holds, t.findings,
                t.violations, t.hit_rate, [lo, hi], float(revenue[ref]),
                lift(t.hit_rate, random_rate),
            )
        )  # fmt: skip
    return RuleEffectiveness(rules)


# -- exemptions ----------------------------------------------------------------------------------
def exempt_after_clean_in(
    uow: UnitOfWork, hold: HoldRow, k: int, actor: str, today: date
) -> list[dict[str, str]]:
    """After a clean finding: remove the importer from each of the hold's rules under which its
    last k findings were all clean. Works in the caller's unit of work (same transaction)."""
    granted: list[dict[str, str]] = []
    rule_ids = hold.ids()
    if not rule_ids:
        return granted
    history = uow.holds.importer_history(hold.importer_id)
    for rule_id in rule_ids:
        results = [result == "violation" for ids, result in history if rule_id in json.loads(ids)]
        if not earns_exemption(results, k):
            continue
        row = uow.exemptions.find(rule_id, hold.importer_id)
        if row is not None and row.active:
            continue
        before = None if row is None else row.snapshot()
        reason = f"{k} clean findings in a row under {rule_id}"
        if row is None:
            row = RuleExemptionRow(rule_id=rule_id, importer_id=hold.importer_id)
            uow.exemptions.add(row)
        row.active, row.reason, row.created_on, row.created_by = True, reason, today, actor
        row.reversed_on = row.reversed_by = None
        uow.exemptions.flush()
        uow.changes.record(
            actor=actor, action="rule_exemption.grant", entity=ENTITY,
            entity_id=f"{rule_id}/{hold.importer_id}", before=before, after=row.snapshot(),
        )  # fmt: skip
        granted.append({"rule_id": rule_id, "importer_id": hold.importer_id})
    return granted


@dataclass(frozen=True, slots=True)
class ExemptionReversed:
    """The exemption as it stands after reversal: on record, inactive, with who reversed it."""

    rule_id: str
    importer_id: str
    active: bool
    reason: str
    created_on: date
    created_by: str
    reversed_on: date | None
    reversed_by: str | None

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def reverse_exemption(
    db: Database, rule_id: str, importer_id: str, *, actor: str, today: date | None = None
) -> ExemptionReversed:
    """Put an importer back under a rule (the exemption stays on record, inactive)."""
    with UnitOfWork(db) as uow:
        row = uow.exemptions.find_active(rule_id, importer_id)
        if row is None:
            raise NotFound(f"importer {importer_id} is not exempt from {rule_id}")
        before = row.snapshot()
        row.active, row.reversed_on, row.reversed_by = False, today or date.today(), actor
        uow.changes.record(
            actor=actor, action="rule_exemption.reverse", entity=ENTITY,
            entity_id=f"{rule_id}/{importer_id}", before=before, after=row.snapshot(),
        )  # fmt: skip
        uow.commit()
        return ExemptionReversed(**row.snapshot())


def active_exemptions(db: Database) -> dict[str, list[str]]:
    """Importers removed from each rule, for targeting to leave out."""
    out: dict[str, list[str]] = defaultdict(list)
    with UnitOfWork(db) as uow:
        for row in uow.exemptions.active():
            out[row.rule_id].append(row.importer_id)
    return dict(out)
