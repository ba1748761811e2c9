"""Precision and recall at an inspection rate: our model, random selection, an XGBoost baseline.

precision@n = share of violations among the top n% scored; recall@n = share of all violations
found there; n_inspected = round(n x rows). Ties are broken by row order so results repeat.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl
import xgboost as xgb

from tradeguard.domain.errors import InvalidInput
from tradeguard.risk.features import FeatureSpec, build_features, fit_state, to_matrix
from tradeguard.risk.model import ROUNDS, RiskModel, train_lines

DEFAULT_RATES = (0.01, 0.02, 0.05, 0.10)

XGB_PARAMS = {
    "objective": "binary:logistic",
    "tree_method": "hist",
    "max_depth": 6,
    "learning_rate": 0.1,
    "subsample": 0.8,
    "colsample_bytree": 0.8,
    "nthread": 2,
}
XGB_ROUNDS = 300


@dataclass(frozen=True, slots=True)
class AtRate:
    rate: float
    precision: float
    recall: float
    n_inspected: int

    def to_json(self) -> dict[str, float | int]:
        return {
            "rate": self.rate,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "n_inspected": self.n_inspected,
        }


def parse_rates(text: str) -> tuple[float, ...]:
    """ "0.01,0.05" -> (0.01, 0.05); each rate must lie in (0, 1]."""
    rates: list[float] = []
    for part in text.split(","):
        try:
            rate = float(part.strip())
        except ValueError:
            raise InvalidInput(f"not a number: {part.strip()!r}", field="rate") from None
        if not 0 < rate <= 1:
            raise InvalidInput(f"each rate must be in (0, 1], got {rate}", field="rate")
        rates.append(rate)
    return tuple(rates)


def at_rates(scores: np.ndarray, labels: np.ndarray, rates: tuple[float, ...]) -> list[AtRate]:
    """Inspect the top round(rate x rows) by score; count the violations found."""
    order = np.argsort(-scores, kind="stable")
    total = float(labels.sum())
    out = []
    for rate in rates:
        k = int(round(rate * len(labels)))
        hits = float(labels[order[:k]].sum())
        out.append(
            AtRate(
                rate=rate,
                precision=hits / k if k else 0.0,
                recall=hits / total if total else 0.0,
                n_inspected=k,
            )
        )
    return out


def random_selection(labels: np.ndarray, rates: tuple[float, ...], seed: int) -> list[AtRate]:
    """A random compliance sample of the same size, drawn with the seed."""
    scores = np.random.default_rng(seed).random(len(labels))
    return at_rates(scores, labels, rates)


def xgboost_scores(
    train_x: np.ndarray, train_y: np.ndarray, test_x: np.ndarray, seed: int
) -> np.ndarray:
    """The baseline: XGBoost on the same features, categories as plain integer codes."""
    booster = xgb.train(
        {**XGB_PARAMS, "seed": seed},
        xgb.DMatrix(train_x, label=train_y),
        num_boost_round=XGB_ROUNDS,
    )
    return np.asarray(booster.predict(xgb.DMatrix(test_x)), dtype=np.float64)


def evaluate_forward(
    train: pl.DataFrame,
    train_history: pl.DataFrame,
    test: pl.DataFrame,
    spec: FeatureSpec,
    *,
    rates: tuple[float, ...] = DEFAULT_RATES,
    seed: int = 0,
    rounds: int = ROUNDS,
) -> dict[str, list[dict[str, float | int]]]:
    """Train on `train`, score `test` with history from training findings only.

    The test lines' own labels are never used as history: at scoring time their exams have not
    happened yet.
    """
    if train.height == 0 or test.height == 0:
        raise InvalidInput("the train and test files must both have rows", field="train")
    y_train = train["violation"].cast(pl.Int8).to_numpy()
    y_test = test["violation"].cast(pl.Int8).to_numpy()
    model: RiskModel = train_lines(train, y_train, train_history, spec, seed=seed, rounds=rounds)
    ours = model.predict_lines(test, train_history)
    state = fit_state(train, train_history, spec)
    base = xgboost_scores(
        to_matrix(build_features(train, train_history, spec, state)),
        y_train,
        to_matrix(build_features(test, train_history, spec, state)),
        seed,
    )
    return {
        "model": [r.to_json() for r in at_rates(ours, y_test, rates)],
        "random": [r.to_json() for r in random_selection(y_test, rates, seed)],
        "xgboost": [r.to_json() for r in at_rates(base, y_test, rates)],
    }
