"""`model promote`: make a challenger the active model only when it has proved better.

The proof is out of time: the entries examined after the challenger's training window, ranked
by each model's recorded (shadow) score. Each model's precision is the violation rate among the
top quarter of those entries by its score; a paired bootstrap over the entries gives the
confidence that the challenger's precision is higher. Promote at 95% or more, with at least 30
examined entries; otherwise refuse, with the figures (docs/model.md).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

import numpy as np
import polars as pl

from tradeguard.config import Settings
from tradeguard.domain.errors import InvalidInput, NotFound
from tradeguard.risk import registry
from tradeguard.services.model_shadow import recorded_findings
from tradeguard.store.database import Database
from tradeguard.store.score_log import ScoreLog
from tradeguard.store.unit_of_work import UnitOfWork

CONFIDENCE = 0.95
MIN_EXAMINED = 30
TOP_SHARE = 0.25
RESAMPLES = 2000


@dataclass(frozen=True, slots=True)
class PromotionCase:
    challenger: str
    champion: str | None
    since: str | None
    examined: int
    champion_precision: float | None
    challenger_precision: float | None
    confidence: float | None
    promote: bool
    reason: str

    def as_json(self) -> dict[str, object]:
        return {**asdict(self), "required_confidence": CONFIDENCE, "top_share": TOP_SHARE}


def precision_at(scores: np.ndarray, labels: np.ndarray, share: float = TOP_SHARE) -> float:
    """Violation rate among the top `share` of entries by score (ties by order)."""
    k = max(1, int(round(share * len(scores))))
    return float(labels[np.argsort(-scores, kind="stable")[:k]].mean())


def bootstrap_confidence(
    champion: np.ndarray, challenger: np.ndarray, labels: np.ndarray, seed: int = 0
) -> float:
    """Share of paired resamples of the entries in which the challenger's precision is higher."""
    rng = np.random.default_rng(seed)
    n = len(labels)
    wins = 0
    for _ in range(RESAMPLES):
        i = rng.integers(0, n, n)
        wins += precision_at(challenger[i], labels[i]) > precision_at(champion[i], labels[i])
    return wins / RESAMPLES


def _examined_since(settings: Settings, since: date) -> pl.DataFrame:
    findings = recorded_findings(settings)
    if findings is None:
        return pl.DataFrame(schema={"entry_no": pl.String, "violation": pl.Boolean})
    return (
        findings.filter(pl.col("finding_date").cast(pl.Date) > since)
        .group_by("entry_no")
        .agg(pl.col("violation").any())
    )


def promotion_case(settings: Settings, version: str) -> PromotionCase:
    """The figures for promoting `version` over the active model, and the verdict."""
    if version not in registry.versions(settings.models_dir):
        raise NotFound(f"no model version {version}")
    champion = registry.active_version(settings.models_dir)
    if champion == version:
        raise InvalidInput(f"{version} is already the active model", field="version")
    empty = PromotionCase(version, champion, None, 0, None, None, None, False, "")
    if champion is None:
        return _replace(empty, promote=True, reason="no active model: the first one is promoted")
    window = registry.load(settings.models_dir, version).meta.get("window", {})
    since = date.fromisoformat(str(window["until"]))
    log = ScoreLog(settings.models_dir)
    joined = (
        _examined_since(settings, since)
        .join(log.read(champion).select("entry_no", a="risk_score"), on="entry_no")
        .join(log.read(version).select("entry_no", b="risk_score"), on="entry_no")
        .sort("entry_no")
    )
    case = _replace(empty, since=since.isoformat(), examined=joined.height)
    if joined.height < MIN_EXAMINED:
        return _replace(
            case,
            reason=f"only {joined.height} entries examined since {since} have shadow scores "
            f"from both models; at least {MIN_EXAMINED} are needed",
        )
    labels = joined["violation"].cast(pl.Float64).to_numpy()
    a, b = joined["a"].to_numpy(), joined["b"].to_numpy()
    confidence = bootstrap_confidence(a, b, labels)
    better = confidence >= CONFIDENCE
    return _replace(
        case,
        champion_precision=round(precision_at(a, labels), 4),
        challenger_precision=round(precision_at(b, labels), 4),
        confidence=round(confidence, 4),
        promote=better,
        reason=(
            f"the challenger's precision is higher with {confidence:.1%} confidence"
            + ("" if better else f"; {CONFIDENCE:.0%} is required")
        ),
    )


def _replace(case: PromotionCase, **changes: object) -> PromotionCase:
    return PromotionCase(**{**asdict(case), **changes})  # type: ignore[arg-type]


def promote(db: Database, settings: Settings, version: str, *, actor: str) -> PromotionCase:
    """Make `version` active when its case holds, recording the figures in the change log."""
    case = promotion_case(settings, version)
    if not case.promote:
        return case
    with UnitOfWork(db) as uow:
        uow.changes.record(
            actor=actor,
            action="promote",
            entity="risk_model",
            entity_id=version,
            before={"active": case.champion},
            after=case.as_json(),
        )
        # The pointer moves before the commit: if it cannot be written, nothing is logged.
        registry.set_active(settings.models_dir, version)
        uow.commit()
    return case
