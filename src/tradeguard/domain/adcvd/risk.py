"""Nonpayment risk: the factors, the likelihood × significance analysis, and the entry score.

GAO-16-542 asked CBP to analyse the likelihood and significance of the risks that AD/CV duty
bills go unpaid and to predict which entries pose heightened risk. Each factor is a yes/no fact
known at entry time, named here with the one-line reason it matters. The analysis measures each
factor on settled bills; the score adds the factors' learnt weights (log likelihood ratios, so a
weight is how much more often the factor is seen on bills that went unpaid than on paid ones).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum


class Factor(StrEnum):
    NEW_IMPORTER = "new_importer"
    UNPAID_HISTORY = "unpaid_history"
    BOND_SHORT = "bond_short"
    RATE_ROSE = "rate_rose"
    HIGH_DEPOSIT_RATE = "high_deposit_rate"
    SINGLE_BOND = "single_bond"
    # known only at liquidation: used by the analysis of bills, never by the entry-time score
    LARGE_INCREASE = "large_increase"


EXPLANATION: dict[Factor, str] = {
    Factor.NEW_IMPORTER: "importer's first AD/CVD entry was less than a year before this one",
    Factor.UNPAID_HISTORY: "importer had an AD/CVD bill past due and unpaid on the entry day",
    Factor.BOND_SHORT: "bond smaller than the importer's unliquidated AD/CVD deposits",
    Factor.RATE_ROSE: "a review of the order in the last two years raised its rate",
    Factor.HIGH_DEPOSIT_RATE: "deposit rate of 100% or more",
    Factor.SINGLE_BOND: "covered by a single transaction bond, not a continuous bond",
    Factor.LARGE_INCREASE: "final rate at least 1.5 times the deposit rate",
}
AT_ENTRY = frozenset(Factor) - {Factor.LARGE_INCREASE}

# Ratings of the analysis: likelihood by lift over the base rate, significance by share of
# the unpaid dollars; the risk is the cell of the 3 × 3 matrix (low 1 … high 9).
LIFT_LEVELS = ((2.0, 3), (1.25, 2))
SHARE_LEVELS = ((0.40, 3), (0.15, 2))
LEVEL_NAMES = {1: "low", 2: "low", 3: "medium", 4: "medium", 6: "high", 9: "high"}


@dataclass(frozen=True, slots=True)
class Outcome:
    """A settled bill (or an entry line) with its factors and what went unpaid."""

    factors: frozenset[Factor]
    unpaid: bool
    unpaid_cents: int


@dataclass(frozen=True, slots=True)
class FactorRisk:
    factor: Factor
    bills: int
    unpaid: int
    likelihood: float  # share of the factor's bills left unpaid
    lift: float  # likelihood over the base rate
    significance: float  # share of all unpaid dollars on the factor's bills
    risk: int  # likelihood level × significance level, 1 … 9

    @property
    def level(self) -> str:
        return LEVEL_NAMES.get(self.risk, "medium")


def _level(value: float, levels: tuple[tuple[float, int], ...]) -> int:
    return next((level for bound, level in levels if value >= bound), 1)


def analyse(outcomes: Iterable[Outcome]) -> tuple[float, list[FactorRisk]]:
    """Base rate and each factor's likelihood × significance, highest risk first."""
    rows = list(outcomes)
    unpaid_total = sum(o.unpaid_cents for o in rows if o.unpaid)
    base = sum(o.unpaid for o in rows) / len(rows) if rows else 0.0
    found: list[FactorRisk] = []
    for factor in Factor:
        mine = [o for o in rows if factor in o.factors]
        unpaid = sum(o.unpaid for o in mine)
        likelihood = unpaid / len(mine) if mine else 0.0
        lift = likelihood / base if base else 0.0
        dollars = sum(o.unpaid_cents for o in mine if o.unpaid)
        significance = dollars / unpaid_total if unpaid_total else 0.0
        risk = _level(lift, LIFT_LEVELS) * _level(significance, SHARE_LEVELS)
        found.append(FactorRisk(factor, len(mine), unpaid, likelihood, lift, significance, risk))
    found.sort(key=lambda f: (-f.risk, -f.lift, f.factor.value))
    return base, found


@dataclass(frozen=True, slots=True)
class Weights:
    prior: float  # log odds of nonpayment with no factor present
    by_factor: Mapping[Factor, float]


def learn_weights(outcomes: Iterable[Outcome]) -> Weights:
    """Log likelihood ratio of each factor between unpaid and paid outcomes (add-one smoothed)."""
    rows = list(outcomes)
    bad = [o for o in rows if o.unpaid]
    good = [o for o in rows if not o.unpaid]
    prior = math.log((len(bad) + 1) / (len(good) + 1))
    weights = {}
    for factor in (f for f in Factor if f in AT_ENTRY):
        p_bad = (sum(factor in o.factors for o in bad) + 1) / (len(bad) + 2)
        p_good = (sum(factor in o.factors for o in good) + 1) / (len(good) + 2)
        weights[factor] = math.log(p_bad / p_good)
    return Weights(prior, weights)


@dataclass(frozen=True, slots=True)
class Score:
    probability: float
    reasons: tuple[tuple[Factor, float], ...]  # factors present that raise the score


def score(factors: frozenset[Factor], weights: Weights) -> Score:
    logit = weights.prior + sum(weights.by_factor.get(f, 0.0) for f in factors)
    raising = sorted(
        ((f, weights.by_factor.get(f, 0.0)) for f in factors if weights.by_factor.get(f, 0) > 0),
        key=lambda pair: -pair[1],
    )
    return Score(1 / (1 + math.exp(-logit)), tuple(raising))


def precision_at(ranked_truth: list[bool], share: float) -> float:
    """Share of true nonpayment among the top `share` of entries ranked by score."""
    if not ranked_truth:
        return 0.0
    top = ranked_truth[: max(1, round(share * len(ranked_truth)))]
    return sum(top) / len(top)
