"""The risk model: a LightGBM classifier over the feature builder, with reasons.

Per line it gives the probability of a violation; per entry, 1 - prod(1 - p) over its lines, the
expected duty shortfall recovered, and the top contributing features in words (LightGBM's
per-prediction contributions, which sum to the score's logit).
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl

from tradeguard.risk.features import (
    FeatureSpec,
    FeatureState,
    build_features,
    fit_state,
    to_matrix,
)
from tradeguard.risk.lines import history_from_findings, lines_from_declarations, merge_history
from tradeguard.risk.reasons import phrase, top_features

if TYPE_CHECKING:
    import lightgbm as lgb

# Chosen on 2020 -> 2021-Q1 of the KCS data (docs/model.md); heavy smoothing of categorical
# splits is what lets rare importers and sellers generalise forward in time.
PARAMS: dict[str, Any] = {
    "objective": "binary",
    "learning_rate": 0.05,
    "num_leaves": 63,
    "min_data_in_leaf": 20,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "max_cat_to_onehot": 4,
    "cat_l2": 10.0,
    "cat_smooth": 50.0,
    "deterministic": True,
    "force_row_wise": True,
    "num_threads": 2,
    "verbose": -1,
}
ROUNDS = 1000
# The findings model (trained on our own exams; its reasons sit beside every hold). TreeSHAP
# costs about trees x leaves x depth^2 per line, so it grows fewer, shallower trees than the KCS
# evaluation above, whose documented figures keep PARAMS and ROUNDS (docs/model.md, "Speed").
FINDINGS_PARAMS: dict[str, Any] = {"learning_rate": 0.1, "num_leaves": 15, "max_depth": 4}
FINDINGS_ROUNDS = 100


@dataclass(slots=True)
class RiskModel:
    booster: lgb.Booster
    spec: FeatureSpec
    state: FeatureState
    # Duty shortfall per dollar of declared value among violating training lines.
    yield_ratio: float = 0.0
    meta: dict[str, Any] = field(default_factory=dict)
    # The keyed findings it was trained with, so scoring knows that history without a lake.
    history: pl.DataFrame | None = None

    def features(
        self,
        lines: pl.DataFrame,
        history: pl.DataFrame,
        first_seen: dict[str, date] | None = None,
    ) -> pl.DataFrame:
        return build_features(lines, history, self.spec, self.state, first_seen)

    def predict_lines(
        self,
        lines: pl.DataFrame,
        history: pl.DataFrame,
        first_seen: dict[str, date] | None = None,
    ) -> np.ndarray:
        """Probability of a violation for each line of a line frame."""
        matrix = to_matrix(self.features(lines, history, first_seen))
        return np.asarray(self.booster.predict(matrix), dtype=np.float64)

    def contributions(self, lines: pl.DataFrame, history: pl.DataFrame) -> np.ndarray:
        """Per-feature contributions in logit space; the last column is the bias."""
        matrix = to_matrix(self.features(lines, history))
        return np.asarray(self.booster.predict(matrix, pred_contrib=True), dtype=np.float64)

    def reasons(
        self,
        lines: pl.DataFrame,
        history: pl.DataFrame,
        rows: list[int] | None = None,
        first_seen: dict[str, date] | None = None,
    ) -> list[list[str]]:
        """Top contributing features in words for each (or each chosen) line."""
        chosen = lines if rows is None else lines[rows]
        feats = self.features(chosen, history, first_seen)
        matrix = to_matrix(feats)
        contrib = np.asarray(self.booster.predict(matrix, pred_contrib=True), dtype=np.float64)
        names = feats.columns
        # Plain lists once: item access on frames inside the loop costs far more than the model.
        raw = {n: chosen[n].cast(pl.String).to_list() for n in names if n in chosen.columns}
        out: list[list[str]] = []
        for r in range(chosen.height):
            words = []
            for i in top_features(contrib[r]):
                name = names[i]
                shown = raw[name][r] if name in raw else None
                words.append(
                    phrase(name, float(matrix[r, i]), shown, self.state.base_rate, self.spec)
                )
            out.append(words)
        return out

    def score(
        self,
        declarations: pl.DataFrame,
        findings: pl.DataFrame | None,
        *,
        explain: Collection[str] | None = None,
        first_seen: dict[str, date] | None = None,
    ) -> pl.DataFrame:
        """Entry scores: entry_no, risk_score, expected_yield_usd, reasons (top 3 in words).

        Reasons cost far more than scores (per-feature contributions of every tree), so a
        caller that shows only some entries names them in `explain`; the rest get no reasons.
        A caller scoring a window of the lake passes the lake's `first_seen` (build_features)."""
        lines = lines_from_declarations(declarations)
        history = merge_history(self.history, history_from_findings(findings, declarations))
        key = self.spec.first_seen_key
        if first_seen is None and key:
            # Reasons explain some lines only: they must see the first sightings the scores saw.
            seen = lines.group_by(pl.col(key).cast(pl.String)).agg(pl.col("entry_date").min())
            first_seen = {k: d for k, d in seen.iter_rows() if k is not None}
        p = self.predict_lines(lines, history, first_seen)
        scored = lines.select("entry_no", "line_no", "value").with_columns(
            p=pl.Series(p), _row=pl.int_range(pl.len())
        )
        entries = (
            # Lines of equal probability: the first line is explained, whatever the frame holds.
            scored.sort(["p", "line_no"], descending=[True, False])
            .group_by("entry_no", maintain_order=True)
            .agg(
                risk_score=1.0 - (1.0 - pl.col("p")).product(),
                expected_yield_usd=(pl.col("p") * pl.col("value")).sum() * self.yield_ratio,
                _top=pl.col("_row").first(),
            )
            .sort("entry_no")
        )
        wanted = (
            entries if explain is None else entries.filter(pl.col("entry_no").is_in(list(explain)))
        )
        top = wanted["_top"].to_list()
        why = self.reasons(lines, history, top, first_seen) if wanted.height else []
        explained = wanted.select("entry_no").with_columns(
            reasons=pl.Series("reasons", why, dtype=pl.List(pl.String))
        )
        return (
            entries.drop("_top")
            .join(explained, on="entry_no", how="left")
            .with_columns(pl.col("reasons").fill_null(pl.lit([], dtype=pl.List(pl.String))))
        )

    def to_files(self) -> tuple[str, str]:
        """The booster as LightGBM text and everything else as JSON."""
        doc = {
            "spec": asdict(self.spec),
            "state": self.state.to_json(),
            "yield_ratio": self.yield_ratio,
            "meta": self.meta,
        }
        return self.booster.model_to_string(), json.dumps(doc, indent=1, default=str)

    @classmethod
    def from_files(cls, booster_text: str, doc_text: str) -> RiskModel:
        # Imported here: LightGBM takes about a second to import, and a run with no active
        # model (or one that only asks whether there is one) never needs it.
        import lightgbm as lgb

        doc = json.loads(doc_text)
        spec_doc: dict[str, Any] = {
            k: tuple(v) if isinstance(v, list) else v for k, v in doc["spec"].items()
        }
        return cls(
            booster=lgb.Booster(model_str=booster_text),
            spec=FeatureSpec(**spec_doc),
            state=FeatureState.from_json(doc["state"]),
            yield_ratio=float(doc["yield_ratio"]),
            meta=doc["meta"],
        )


def train_lines(
    lines: pl.DataFrame,
    labels: np.ndarray,
    history: pl.DataFrame,
    spec: FeatureSpec,
    *,
    weights: np.ndarray | None = None,
    seed: int = 0,
    rounds: int = ROUNDS,
    params: dict[str, Any] | None = None,
) -> RiskModel:
    """Fit the builder's state and the booster on labelled lines (history strictly past);
    `params` overrides some of PARAMS (the simulation's faster learning rate)."""
    import lightgbm as lgb  # heavy; see RiskModel.from_files

    state = fit_state(lines, history, spec)
    matrix = to_matrix(build_features(lines, history, spec, state))
    data = lgb.Dataset(
        matrix,
        label=labels.astype(np.float64),
        weight=weights,
        feature_name=spec.feature_names(),
        categorical_feature=list(spec.categorical),
        free_raw_data=True,
    )
    booster = lgb.train({**PARAMS, **(params or {}), "seed": seed}, data, num_boost_round=rounds)
    return RiskModel(booster=booster, spec=spec, state=state, meta={"seed": seed, "rounds": rounds})
