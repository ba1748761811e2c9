"""A rule's hit rate and lift month by month, from the findings that closed its holds.

Hit rate is violations per finding of the rule's holds in the month; lift divides it by the
random sample's violation rate in the rule's PTI in the same month, so a rule is compared with
what an unflagged import looked like at the time. The rule page also shows the predicate laid
out one condition a line (targeting/readable.py).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass

from tradeguard.store.database import Database
from tradeguard.store.rules import versions_of
from tradeguard.store.unit_of_work import UnitOfWork
from tradeguard.targeting.readable import pretty_predicate

__all__ = ["MonthPoint", "pretty_predicate", "rule_months"]


@dataclass(frozen=True, slots=True)
class MonthPoint:
    month: str  # YYYY-MM
    findings: int
    violations: int
    random_rate: float | None

    @property
    def hit_rate(self) -> float | None:
        return self.violations / self.findings if self.findings else None

    @property
    def lift(self) -> float | None:
        if self.hit_rate is None or not self.random_rate:
            return None
        return self.hit_rate / self.random_rate


def rule_months(db: Database, rule_id: str) -> list[MonthPoint]:
    """Every month in which a finding closed one of the rule's holds (any version), in order."""
    with UnitOfWork(db) as work:
        versions = versions_of(work.session, rule_id)
        pti = str(json.loads(versions[-1].content).get("pti", "")) if versions else ""
        findings = work.oversight.dated_findings()
    refs = {f"{v.rule_id}@{v.version}" for v in versions}
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    sample: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for f in findings:
        month = f.finding_date.strftime("%Y-%m")
        if refs.intersection(f.rule_versions):
            tally[month][0] += 1
            tally[month][1] += f.violation
        if f.sampled:
            sample[month][0] += 1
            sample[month][1] += f.violation and f.pti == pti
    return [
        MonthPoint(
            month,
            tally[month][0],
            tally[month][1],
            sample[month][1] / sample[month][0] if sample[month][0] else None,
        )
        for month in sorted(tally)
    ]
