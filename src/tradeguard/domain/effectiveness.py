"""Does a rule work? Its hit rate with a Wilson interval, its lift over the random sample, and
when an importer has earned removal from it.

The Wilson score interval is used because hit rates sit near 0 or 1 with few findings, where the
normal approximation gives intervals outside [0, 1].
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

Z95 = 1.959963984540054


def wilson_interval(successes: int, trials: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for a proportion; (0, 1) when there are no trials."""
    if trials < 0 or not 0 <= successes <= trials:
        raise ValueError(f"need 0 <= successes <= trials, got {successes} of {trials}")
    if trials == 0:
        return (0.0, 1.0)
    p = successes / trials
    z2 = z * z
    centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
    half = z * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / (1 + z2 / trials)
    # exact ends at 0 and n successes (floating point would leave a few 1e-17 of the edge)
    lo = 0.0 if successes == 0 else max(0.0, min(p, centre - half))
    hi = 1.0 if successes == trials else min(1.0, max(p, centre + half))
    return (lo, hi)


@dataclass(frozen=True, slots=True)
class RuleTally:
    """What one rule version's holds produced."""

    holds: int
    findings: int
    violations: int

    @property
    def hit_rate(self) -> float | None:
        return self.violations / self.findings if self.findings else None

    @property
    def hit_rate_ci(self) -> tuple[float, float]:
        return wilson_interval(self.violations, self.findings)


def lift(hit_rate: float | None, random_rate: float | None) -> float | None:
    """How many times likelier the rule finds a violation than a random exam for the same PTI;
    unknown when either rate is unknown or the random sample found none."""
    if hit_rate is None or not random_rate:
        return None
    return hit_rate / random_rate


def clean_streak(results_oldest_first: Sequence[bool]) -> int:
    """Clean findings in a row at the end of a history under a rule (True = violation)."""
    streak = 0
    for violation in reversed(results_oldest_first):
        if violation:
            break
        streak += 1
    return streak


def earns_exemption(results_oldest_first: Sequence[bool], k: int) -> bool:
    """An importer is removed from a rule after k clean findings in a row under it."""
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    return clean_streak(results_oldest_first) >= k
