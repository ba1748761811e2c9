"""Which declarations to inspect, given the model's scores: exploit, explore, or both.

Exploiting alone inspects only what the model already believes, so it learns only about that;
exploring spends a share of the inspections elsewhere so the next model sees what this one
misses. Each policy here is a small pure function over scores; ties break by row order.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np


class Policy(StrEnum):
    EXPLOIT = "exploit"  # the top k by score
    RANDOM = "random"  # k at random: the compliance sample, no model
    HYBRID_RANDOM = "hybrid_random"  # top k - e, and e at random from the rest
    HYBRID_UNCERTAINTY = "hybrid_uncertainty"  # top k - e, and e drawn with weight p(1 - p)
    HYBRID_NOVELTY = "hybrid_novelty"  # top k - e, and the e best-scored never-labelled importers

    @property
    def uses_model(self) -> bool:
        return self is not Policy.RANDOM


def top(scores: np.ndarray, k: int) -> np.ndarray:
    """Indexes of the k highest scores, ties by row order."""
    return np.argsort(-scores, kind="stable")[:k]


def _rest(n: int, taken: np.ndarray) -> np.ndarray:
    mask = np.ones(n, dtype=bool)
    mask[taken] = False
    return np.flatnonzero(mask)


def weighted_draw(
    candidates: np.ndarray, weights: np.ndarray, e: int, rng: np.random.Generator
) -> np.ndarray:
    """e candidates drawn without replacement with probability proportional to weight (uniform
    when every weight is zero)."""
    e = min(e, len(candidates))
    if e == 0:
        return np.array([], dtype=np.int64)
    w = np.clip(weights, 0.0, None)
    if w.sum() <= 0 or np.count_nonzero(w) < e:
        w = w + 1e-12
    return np.asarray(rng.choice(candidates, size=e, replace=False, p=w / w.sum()), dtype=np.int64)


def pick(
    policy: Policy,
    scores: np.ndarray,
    k: int,
    n_explore: int,
    rng: np.random.Generator,
    known: np.ndarray,
) -> np.ndarray:
    """Row indexes to inspect: k of them (or all rows when fewer).

    `known` marks rows whose importer already has a labelled declaration (for novelty)."""
    n = len(scores)
    k = min(k, n)
    if policy is Policy.EXPLOIT:
        return top(scores, k)
    if policy is Policy.RANDOM:
        return np.asarray(rng.choice(n, size=k, replace=False), dtype=np.int64)
    exploit = top(scores, k - min(n_explore, k))
    rest = _rest(n, exploit)
    e = k - len(exploit)
    if policy is Policy.HYBRID_RANDOM:
        extra = weighted_draw(rest, np.ones(len(rest)), e, rng)
    elif policy is Policy.HYBRID_UNCERTAINTY:
        p = scores[rest]
        extra = weighted_draw(rest, p * (1.0 - p), e, rng)
    else:
        unknown = rest[~known[rest]]
        chosen = unknown[top(scores[unknown], e)]
        # Too few new importers this week: the remaining slots go to the next best scores.
        others = rest[~np.isin(rest, chosen)]
        extra = np.concatenate([chosen, others[top(scores[others], e - len(chosen))]])
    return np.concatenate([exploit, extra]).astype(np.int64)
