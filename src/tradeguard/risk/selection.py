"""Which declarations to inspect, given the model's scores: exploit, explore, or both.

Exploiting alone inspects only what the model already believes, so it learns only about that;
exploring spends a share of the inspections elsewhere so the next model sees what this one
misses. Each policy here is a small pure function over scores; ties break by row order.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

# hybrid_boundary explores among the BOUNDARY_BAND x k rows ranked just below the exploited top.
BOUNDARY_BAND = 1.0


class Policy(StrEnum):
    EXPLOIT = "exploit"  # the top k by score
    RANDOM = "random"  # k at random: the compliance sample, no model
    HYBRID_RANDOM = "hybrid_random"  # top k - e, and e at random from the rest
    HYBRID_UNCERTAINTY = "hybrid_uncertainty"  # top k - e, and e drawn with weight p(1 - p)
    HYBRID_NOVELTY = "hybrid_novelty"  # top k - e, and the e best-scored never-labelled importers
    HYBRID_BOUNDARY = "hybrid_boundary"  # top k - e, and e by p(1 - p) from the ranks just below

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


@dataclass(frozen=True, slots=True)
class Picks:
    """Rows to inspect, exploited first; `pool` is how many rows the explored ones were drawn
    from, so that each explored label can stand for pool / explored rows when retraining."""

    rows: np.ndarray
    exploited: int
    pool: int

    @property
    def explored(self) -> int:
        return len(self.rows) - self.exploited


def pick(
    policy: Policy,
    scores: np.ndarray,
    k: int,
    n_explore: int,
    rng: np.random.Generator,
    known: np.ndarray,
    band: float = BOUNDARY_BAND,
) -> Picks:
    """k rows to inspect (or all rows when fewer).

    `known` marks rows whose importer already has a labelled declaration (for novelty); `band`
    is the width of hybrid_boundary's band below the exploited top, in multiples of k."""
    n = len(scores)
    k = min(k, n)
    if policy is Policy.EXPLOIT:
        return Picks(top(scores, k), k, 0)
    if policy is Policy.RANDOM:
        return Picks(np.asarray(rng.choice(n, size=k, replace=False), dtype=np.int64), k, 0)
    exploit = top(scores, k - min(n_explore, k))
    rest = _rest(n, exploit)
    e = k - len(exploit)
    pool = rest
    if policy is Policy.HYBRID_RANDOM:
        extra = weighted_draw(rest, np.ones(len(rest)), e, rng)
    elif policy is Policy.HYBRID_UNCERTAINTY:
        p = scores[rest]
        extra = weighted_draw(rest, p * (1.0 - p), e, rng)
    elif policy is Policy.HYBRID_BOUNDARY:
        # The rows the model ranks just below its cut-off: where one more label most changes
        # which rows make the cut (margin sampling), and where frauds are still common.
        pool = rest[top(scores[rest], max(e, int(round(band * k))))]
        p = scores[pool]
        extra = weighted_draw(pool, p * (1.0 - p), e, rng)
    else:
        pool = rest[~known[rest]]
        chosen = pool[top(scores[pool], e)]
        # Too few new importers this week: the remaining slots go to the next best scores.
        others = rest[~np.isin(rest, chosen)]
        extra = np.concatenate([chosen, others[top(scores[others], e - len(chosen))]])
    rows = np.concatenate([exploit, extra]).astype(np.int64)
    return Picks(rows, len(exploit), max(len(pool), len(extra)))
