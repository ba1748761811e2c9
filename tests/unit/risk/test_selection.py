"""Inspection policies: each picks k distinct rows; exploit takes the top; hybrids keep the top
k - e and explore the rest their own way."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tradeguard.risk.selection import Policy, pick, top, weighted_draw


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(1, 60),
    k=st.integers(1, 70),
    e=st.integers(0, 70),
    policy=st.sampled_from(list(Policy)),
    seed=st.integers(0, 1000),
)
def test_every_policy_picks_k_distinct_rows(n: int, k: int, e: int, policy: Policy, seed: int):
    rng = np.random.default_rng(seed)
    scores = rng.random(n)
    known = rng.random(n) < 0.5
    picks = pick(policy, scores, k, e, np.random.default_rng(seed), known)
    picked = picks.rows
    assert len(picked) == min(k, n)
    assert picks.explored == (0 if policy in (Policy.EXPLOIT, Policy.RANDOM) else min(e, k, n))
    assert picks.pool >= picks.explored
    assert len(set(picked.tolist())) == len(picked)
    assert all(0 <= i < n for i in picked)


def test_exploit_takes_the_highest_scores_ties_by_row_order() -> None:
    scores = np.array([0.1, 0.9, 0.5, 0.9, 0.2])
    assert top(scores, 3).tolist() == [1, 3, 2]
    picked = pick(Policy.EXPLOIT, scores, 3, 1, np.random.default_rng(0), np.ones(5, bool))
    assert picked.rows.tolist() == [1, 3, 2]


def test_hybrids_keep_the_top_and_explore_outside_it() -> None:
    scores = np.linspace(1.0, 0.0, 100)  # row 0 scores highest
    known = np.ones(100, dtype=bool)
    known[[70, 80]] = False
    hybrids = [p for p in Policy if p.name.startswith("HYBRID")]
    assert len(hybrids) == 4
    for policy in hybrids:
        picked = pick(policy, scores, 10, 2, np.random.default_rng(1), known).rows
        assert picked[:8].tolist() == list(range(8))
        assert all(i >= 8 for i in picked[8:])
    novelty = pick(Policy.HYBRID_NOVELTY, scores, 10, 2, np.random.default_rng(1), known)
    # Never-labelled importers first, best scored first; they stand for the 2 such rows.
    assert novelty.rows[8:].tolist() == [70, 80] and novelty.pool == 2


def test_boundary_explores_only_the_band_just_below_the_cut_off() -> None:
    scores = np.linspace(1.0, 0.0, 1000)  # row 0 scores highest
    known = np.ones(1000, dtype=bool)
    for seed in range(20):
        picks = pick(Policy.HYBRID_BOUNDARY, scores, 100, 10, np.random.default_rng(seed), known)
        assert picks.rows[:90].tolist() == list(range(90))
        # The band: the 100 rows ranked after the exploited 90, and no further down.
        assert all(90 <= i < 190 for i in picks.rows[90:]) and picks.pool == 100
    wide = pick(Policy.HYBRID_BOUNDARY, scores, 100, 10, np.random.default_rng(0), known, 3.0)
    assert wide.pool == 300


def test_uncertainty_draws_favour_scores_near_one_half() -> None:
    scores = np.array([0.5] * 50 + [0.01] * 950)
    rng = np.random.default_rng(3)
    hits = 0
    for _ in range(50):
        drawn = weighted_draw(np.arange(1000), scores * (1 - scores), 10, rng)
        hits += int((drawn < 50).sum())
    # Rows at 0.5 carry 25x the weight of rows at 0.01: most draws land among the 5% of them.
    assert hits / 500 > 0.4


def test_random_needs_no_model() -> None:
    assert not Policy.RANDOM.uses_model
    assert all(p.uses_model for p in Policy if p is not Policy.RANDOM)


def test_an_explored_label_stands_for_the_rows_it_was_drawn_from_capped() -> None:
    from tradeguard.risk.simulation import explore_weight

    assert explore_weight(546, 6, 50.0) == 50.0  # 546 / 6 = 91, capped
    assert explore_weight(546, 6, 10.0) == 10.0
    assert explore_weight(30, 10) == 3.0
    assert explore_weight(5, 10) == 1.0  # never below one row
    assert explore_weight(10, 0) == 1.0
