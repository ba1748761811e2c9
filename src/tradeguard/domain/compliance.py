"""Trade compliance measured on the random sample: the violation rate of all imports, per PTI and
overall, with a 95% interval, and the revenue gap it implies.

Only random-sample exams measure compliance: targeted exams are chosen for being risky, so their
violation rate says how good the targeting is, not how compliant imports are.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from tradeguard.domain.effectiveness import Z95, wilson_interval
from tradeguard.domain.pti import PTI


@dataclass(frozen=True, slots=True)
class SampleFinding:
    """One random-sample exam's result: the PTIs it found violated and the duty shortfall."""

    violation_ptis: frozenset[PTI]
    duty_shortfall_usd: Decimal


@dataclass(frozen=True, slots=True)
class Rate:
    violations: int
    examined: int

    @property
    def rate(self) -> float | None:
        return self.violations / self.examined if self.examined else None

    @property
    def ci(self) -> tuple[float, float]:
        return wilson_interval(self.violations, self.examined)

    def document(self) -> dict[str, object]:
        lo, hi = self.ci
        return {
            "violations": self.violations,
            "examined": self.examined,
            "rate": self.rate,
            "ci": [lo, hi],
        }


@dataclass(frozen=True, slots=True)
class RevenueGap:
    """Estimated duty not paid on all imports: mean shortfall per sampled entry × entries."""

    entries: int
    estimate_usd: Decimal
    ci_usd: tuple[Decimal, Decimal]


def compliance_rates(findings: Sequence[SampleFinding]) -> tuple[Rate, dict[PTI, Rate]]:
    """The overall rate (an entry with any violation) and the rate per PTI."""
    n = len(findings)
    overall = Rate(sum(1 for f in findings if f.violation_ptis), n)
    per_pti = {pti: Rate(sum(1 for f in findings if pti in f.violation_ptis), n) for pti in PTI}
    return overall, per_pti


def revenue_gap(shortfalls: Iterable[Decimal], entries: int) -> RevenueGap:
    """Scale the sample's mean shortfall to the population, with a normal 95% interval."""
    values = [float(s) for s in shortfalls]
    n = len(values)
    if n == 0 or entries <= 0:
        return RevenueGap(entries, Decimal(0), (Decimal(0), Decimal(0)))
    mean = sum(values) / n
    var = sum((v - mean) ** 2 for v in values) / (n - 1) if n > 1 else 0.0
    half = Z95 * math.sqrt(var / n)

    def usd(x: float) -> Decimal:
        return Decimal(str(round(max(0.0, x) * entries, 2)))

    return RevenueGap(entries, usd(mean), (usd(mean - half), usd(mean + half)))
