"""The review sample and the ratio estimator: reproducible draws, exact in a census, and an
interval that covers the truth about as often as it says (checked by simulation)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from tradeguard.domain.drawback.sample import PaidClaim, Stratum, draw, estimate, stratify

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


@settings(deadline=None, max_examples=1)
@given(st.just(None))
def test_the_95_percent_interval_covers_the_true_loss_most_of_the_time(_: None) -> None:
    rng = random.Random(5)
    population = [PaidClaim(i, rng.randrange(1_000, 5_000_000)) for i in range(1, 1501)]
    # 10% of claims have their whole refund overpaid: the unsupported exports.
    truth = {c.claim_id: c.paid_cents if rng.random() < 0.10 else 0 for c in population}
    true_loss = sum(truth.values())
    covered = 0
    runs = 200
    for seed in range(runs):
        strata = draw(population, 240, seed)
        sampled = {i: truth[i] for s in strata for i in s.sampled}
        result = estimate(strata, sampled)
        covered += result.low_cents <= true_loss <= result.high_cents
    assert covered / runs >= 0.88  # nominal 95%; ratio estimators run a little under


def test_the_worked_example_in_docs_drawback_md() -> None:
    small = [100, 200, 300, 400, 500, 600, 1000]
    first = Stratum(1, tuple(PaidClaim(i, p) for i, p in enumerate(small, 1)), (1, 2, 5))
    second = Stratum(2, (PaidClaim(8, 2000), PaidClaim(9, 4000)), (8, 9))
    result = estimate([first, second], {1: 0, 2: 200, 5: 0, 8: 0, 9: 0})
    assert (result.estimate_cents, result.low_cents, result.high_cents) == (775, 200, 1608)
    assert round(result.strata[0].variance, 2) == 180833.33
