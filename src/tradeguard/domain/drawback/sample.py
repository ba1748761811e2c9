"""The review sample of paid drawback claims, and the revenue loss it lets us estimate.

OIG-15-76 asked for "a statistical method for identifying potential revenue loss". The method:

1. Stratify the paid claims by refund paid into strata of about equal total value (large
   claims, where the money is, form a small stratum that is sampled far more heavily).
2. Draw a simple random sample without replacement in each stratum (equal allocation, at least
   two per stratum, the whole stratum when it is smaller), reproducibly from a seed.
3. Reviewers record, for each sampled claim, the refund that should not have been paid (zero for
   a clean claim).
4. Estimate each stratum's loss with the ratio estimator (loss per dollar paid in the sample times
   the stratum's dollars paid), add the strata, and give a 95% interval from the usual
   linearised variance with the finite population correction. docs/drawback.md works an example.
5. Where that variance is zero although claims are left unreviewed (every reviewed claim lost
   the same share of its refund, most often none), the stratum's variance comes instead from
   the exact (Clopper-Pearson) bound on the share of claims that could differ: a sample that
   finds nothing does not prove the stratum clean.

Money is integer cents; the estimate is a statistic and is rounded to the cent at the end.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import NormalDist

from tradeguard.domain.errors import InvalidInput

STRATA = 3
MIN_PER_STRATUM = 2
CONFIDENCE = 0.95


@dataclass(frozen=True, slots=True)
class PaidClaim:
    claim_id: int
    paid_cents: int


@dataclass(frozen=True, slots=True)
class Stratum:
    number: int
    claims: tuple[PaidClaim, ...]
    sampled: tuple[int, ...]  # claim ids

    @property
    def paid_cents(self) -> int:
        return sum(c.paid_cents for c in self.claims)


def stratify(claims: Sequence[PaidClaim], strata: int = STRATA) -> list[tuple[PaidClaim, ...]]:
    """Cut the claims, smallest refund first, where the running total passes each 1/strata of
    the whole: strata of about equal value, so a few large claims make a stratum of their own."""
    ordered = sorted(claims, key=lambda c: (c.paid_cents, c.claim_id))
    whole = sum(c.paid_cents for c in ordered)
    groups: list[list[PaidClaim]] = [[] for _ in range(strata)]
    running = 0
    for claim in ordered:
        index = min(strata - 1, running * strata // whole) if whole else 0
        groups[index].append(claim)
        running += claim.paid_cents
    return [tuple(g) for g in groups if g]


def draw(claims: Sequence[PaidClaim], size: int, seed: int) -> list[Stratum]:
    """The sample: `size` claims shared equally among the strata, each a random draw."""
    if size < MIN_PER_STRATUM:
        raise InvalidInput(f"a sample needs at least {MIN_PER_STRATUM} claims", "size")
    if not claims:
        raise InvalidInput("no paid claims to sample", "claims")
    rng = random.Random(seed)
    groups = stratify(claims)
    share = max(MIN_PER_STRATUM, size // len(groups))
    return [
        Stratum(
            n + 1,
            group,
            tuple(sorted(c.claim_id for c in rng.sample(list(group), min(share, len(group))))),
        )
        for n, group in enumerate(groups)
    ]


@dataclass(frozen=True, slots=True)
class StratumEstimate:
    number: int
    claims: int
    paid_cents: int
    sampled: int
    reviewed: int
    found_cents: int
    estimate_cents: int
    variance: float  # of the estimate, in cents squared


@dataclass(frozen=True, slots=True)
class LossEstimate:
    claims: int
    paid_cents: int
    sampled: int
    reviewed: int
    found_cents: int  # overpayments the reviews found, a floor for the loss
    estimate_cents: int
    low_cents: int
    high_cents: int
    confidence: float
    strata: tuple[StratumEstimate, ...]


def zero_event_bound(reviewed: int) -> float:
    """The exact (Clopper-Pearson) upper bound, at the interval's upper tail (97.5%), on the
    share of claims unlike the `reviewed` ones when none of those differs: 1 - 0.025^(1/n),
    about 3.7/n (the rule of three's 97.5% sibling); 1 when nothing was reviewed."""
    if reviewed == 0:
        return 1.0
    return 1.0 - ((1.0 - CONFIDENCE) / 2) ** (1.0 / reviewed)


def _z() -> float:
    return NormalDist().inv_cdf(0.5 + CONFIDENCE / 2)


def _variance(
    x: Sequence[int], y: Sequence[int], ratio: float, big_n: int, unreviewed: int
) -> float:
    """The linearised variance of the ratio estimate; when it is zero but claims paying
    `unreviewed` cents are unreviewed, the variance whose 1.96 standard errors reach the
    zero-event bound: that share of the unreviewed refunds differing from the ratio seen by
    as much as a refund can (all lost, or none lost, whichever is further)."""
    n = len(x)
    if n == big_n:
        return 0.0
    variance = 0.0
    if n > 1:
        residuals = [yi - ratio * xi for xi, yi in zip(x, y, strict=True)]
        spread = sum(e * e for e in residuals) / (n - 1)
        variance = big_n * big_n * (1 - n / big_n) * spread / n
    elif n == 1:
        variance = float(big_n * big_n * (1 - 1 / big_n) * max(y) ** 2)
    if variance > 0:
        return variance
    share = min(1.0, ratio)
    reach = zero_event_bound(n) * unreviewed * max(share, 1.0 - share)
    return (reach / _z()) ** 2


def _stratum(stratum: Stratum, findings: Mapping[int, int]) -> StratumEstimate:
    paid = {c.claim_id: c.paid_cents for c in stratum.claims}
    reviewed = [i for i in stratum.sampled if i in findings]
    x = [paid[i] for i in reviewed]
    y = [findings[i] for i in reviewed]
    big_n, n = len(stratum.claims), len(reviewed)
    ratio = sum(y) / sum(x) if sum(x) else 0.0
    return StratumEstimate(
        stratum.number,
        big_n,
        stratum.paid_cents,
        len(stratum.sampled),
        n,
        sum(y),
        round(ratio * stratum.paid_cents),
        _variance(x, y, ratio, big_n, stratum.paid_cents - sum(x)),
    )


def estimate(strata: Sequence[Stratum], findings: Mapping[int, int]) -> LossEstimate:
    """Revenue loss over all paid claims from the reviewed ones (`findings`: claim id → cents
    overpaid). Unreviewed sampled claims are left out of their stratum's ratio."""
    for claim_id, cents in findings.items():
        if cents < 0:
            raise InvalidInput(f"claim {claim_id}: an overpayment cannot be negative", "overpaid")
    parts = tuple(_stratum(s, findings) for s in strata)
    total = sum(p.estimate_cents for p in parts)
    found = sum(p.found_cents for p in parts)
    paid = sum(p.paid_cents for p in parts)
    half = _z() * math.sqrt(sum(p.variance for p in parts))
    return LossEstimate(
        claims=sum(p.claims for p in parts),
        paid_cents=paid,
        sampled=sum(p.sampled for p in parts),
        reviewed=sum(p.reviewed for p in parts),
        found_cents=found,
        estimate_cents=total,
        # Rounded outwards to the cent. The loss the reviews found is certain, so the interval
        # never goes below it; nor above what was paid, as no claim loses more than its refund.
        low_cents=max(found, math.floor(total - half)),
        high_cents=max(total, min(paid, math.ceil(total + half))),
        confidence=CONFIDENCE,
        strata=parts,
    )
