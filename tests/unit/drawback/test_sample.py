"""The review sample and the ratio estimator: reproducible draws, exact in a census, and an
interval that covers the truth about as often as it says (checked by simulation)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from tradeguard.domain.drawback.sample import (
    PaidClaim,
    Stratum,
    draw,
    estimate,
    stratify,
    zero_event_bound,
)

claims_strategy = st.lists(st.integers(1, 10**9), min_size=1, max_size=200).map(
    lambda paid: [PaidClaim(i + 1, p) for i, p in enumerate(paid)]
)


@given(claims_strategy)
def test_strata_partition_the_claims_smallest_first(claims: list[PaidClaim]) -> None:
    strata = stratify(claims)
    flat = [c for s in strata for c in s]
    assert sorted(c.claim_id for c in flat) == sorted(c.claim_id for c in claims)
    for lower, upper in zip(strata, strata[1:], strict=False):
        assert max(c.paid_cents for c in lower) <= min(c.paid_cents for c in upper)


@given(claims_strategy, st.integers(2, 100), st.integers(0, 10**6))
def test_the_draw_is_reproducible_and_within_each_stratum(
    claims: list[PaidClaim], size: int, seed: int
) -> None:
    first, again = draw(claims, size, seed), draw(claims, size, seed)
    assert first == again
    for stratum in first:
        ids = {c.claim_id for c in stratum.claims}
        assert set(stratum.sampled) <= ids and len(stratum.sampled) >= min(2, len(ids))


@given(claims_strategy, st.integers(0, 10**6))
def test_a_census_estimates_exactly_what_was_found(claims: list[PaidClaim], seed: int) -> None:
    strata = draw(claims, 10**6, seed)  # the whole population
    rng = random.Random(seed)
    findings = {c.claim_id: rng.choice([0, c.paid_cents // 3]) for c in claims}
    result = estimate(strata, findings)
    assert result.estimate_cents == result.low_cents == result.high_cents == sum(findings.values())


@given(claims_strategy, st.integers(2, 60), st.integers(0, 10**6))
def test_the_interval_brackets_the_estimate_and_never_goes_below_the_found(
    claims: list[PaidClaim], size: int, seed: int
) -> None:
    strata = draw(claims, size, seed)
    findings = {i: 0 if i % 3 else 1 for s in strata for i in s.sampled}
    result = estimate(strata, findings)
    assert result.found_cents <= result.low_cents <= result.estimate_cents <= result.high_cents


@given(claims_strategy, st.integers(2, 60), st.integers(0, 10**6), st.integers(0, 4))
def test_the_interval_has_width_while_any_stratum_is_unreviewed(
    claims: list[PaidClaim], size: int, seed: int, every: int
) -> None:
    """A sample that finds nothing (or the same share lost on every claim) still leaves the
    unreviewed claims unknown: the interval must not collapse onto the estimate."""
    strata = draw(claims, size, seed)
    paid = {c.claim_id: c.paid_cents for c in claims}
    # every = 0: all clean; 1: all wholly overpaid; otherwise every `every`-th claim overpaid.
    findings = {
        i: (0 if every == 0 else paid[i] if every == 1 else paid[i] * (i % every == 0))
        for s in strata
        for i in s.sampled
    }
    result = estimate(strata, findings)
    assert result.low_cents <= result.estimate_cents <= result.high_cents <= result.paid_cents
    if any(len(s.sampled) < len(s.claims) for s in strata):
        assert result.low_cents < result.high_cents


def test_the_zero_event_bound_is_the_exact_binomial_one() -> None:
    # 20 clean reviews: P(no loss in 20 | share p) = (1 - p)^20 = 2.5% at the bound.
    assert abs((1 - zero_event_bound(20)) ** 20 - 0.025) < 1e-12
    assert zero_event_bound(0) == 1.0


def _coverage(share_overpaid: float, size: int, *, partial: bool) -> float:
    """How often, over 200 draws from one population of 1,500 claims with a known loss, the
    95% interval covers that loss."""
    rng = random.Random(5)
    population = [PaidClaim(i, rng.randrange(1_000, 5_000_000)) for i in range(1, 1501)]
    truth = {
        c.claim_id: (c.paid_cents * rng.randint(1, 100) // 100 if partial else c.paid_cents)
        if rng.random() < share_overpaid
        else 0
        for c in population
    }
    true_loss = sum(truth.values())
    covered = 0
    runs = 200
    for seed in range(runs):
        strata = draw(population, size, seed)
        result = estimate(strata, {i: truth[i] for s in strata for i in s.sampled})
        covered += result.low_cents <= true_loss <= result.high_cents
    return covered / runs


@settings(deadline=None, max_examples=1)
@given(st.just(None))
def test_the_95_percent_interval_covers_the_true_loss_most_of_the_time(_: None) -> None:
    # 10% of claims have their whole refund overpaid (the unsupported exports): 93.5% covered;
    # ratio estimators run a little under nominal with rare, all-or-nothing overpayments.
    assert _coverage(0.10, 240, partial=False) >= 0.90
    # 2% overpaid in part, 60 drawn: strata whose sample finds nothing are common; without
    # the zero-event bound their intervals had no width and covered 56% (now 100%).
    assert _coverage(0.02, 60, partial=True) >= 0.93
    # 0.5% overpaid: most samples find nothing (old intervals covered 18.5%; now 100%).
    assert _coverage(0.005, 240, partial=False) >= 0.93


def test_the_worked_example_in_docs_drawback_md() -> None:
    small = [100, 200, 300, 400, 500, 600, 1000]
    first = Stratum(1, tuple(PaidClaim(i, p) for i, p in enumerate(small, 1)), (1, 2, 5))
    second = Stratum(2, (PaidClaim(8, 2000), PaidClaim(9, 4000)), (8, 9))
    result = estimate([first, second], {1: 0, 2: 200, 5: 0, 8: 0, 9: 0})
    assert (result.estimate_cents, result.low_cents, result.high_cents) == (775, 200, 1609)
    assert round(result.strata[0].variance, 2) == 180833.33
