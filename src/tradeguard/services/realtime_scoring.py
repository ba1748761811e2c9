"""Real-time scoring of one declaration: its lane and matched rules, and the model's view.

The rules in force and the active model are the batch run's (services.targeting), so a
declaration scored on arrival gets the lane tomorrow's batch run would give it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import polars as pl
from pydantic import ValidationError

from tradeguard.config import Settings
from tradeguard.domain.declaration import Declaration
from tradeguard.domain.errors import InvalidInput
from tradeguard.services.admissibility import reference_in_force
from tradeguard.services.quota_charging import quota_fills
from tradeguard.services.rule_hits import center_lookup, findings_path, read_findings
from tradeguard.services.targeting import active_model, parse_stage, rules_in_force
from tradeguard.store.advance_lake import advance_lake
from tradeguard.store.database import Database
from tradeguard.store.history import LakeHistory
from tradeguard.store.lake import POLARS_SCHEMA, EntryLake
from tradeguard.targeting.compiler import compile_for_scoring
from tradeguard.targeting.kept_snapshot import snapshot_from_kept
from tradeguard.targeting.realtime import RealtimeScorer, Score, take_snapshot
from tradeguard.targeting.sampling import SampleRates

if TYPE_CHECKING:
    from tradeguard.risk.model import RiskModel


def read_declaration(payload: Any) -> list[Declaration]:
    """One declaration: entry-level fields at the top and its lines under "lines"."""
    if not isinstance(payload, dict) or not isinstance(payload.get("lines"), list):
        raise InvalidInput('expected a JSON object with a non-empty "lines" list', "lines")
    header = {k: v for k, v in payload.items() if k != "lines"}
    if not payload["lines"]:
        raise InvalidInput("the declaration has no lines", "lines")
    lines = []
    for index, line in enumerate(payload["lines"], start=1):
        try:
            lines.append(Declaration.model_validate({**header, **line}))
        except ValidationError as error:
            problem = error.errors()[0]
            field = ".".join(str(p) for p in problem["loc"])
            raise InvalidInput(f"line {index}: {field}: {problem['msg']}", field) from None
    if len({d.entry_no for d in lines}) != 1:
        raise InvalidInput("all lines must carry the same entry_no", "entry_no")
    return lines


def realtime_scorer(
    db: Database,
    settings: Settings,
    *,
    stage: str = "entry",
    seed: int = 0,
    sample_rate: float | SampleRates = 0.01,
    release_trusted_low: bool = True,
) -> RealtimeScorer:
    rates = sample_rate if isinstance(sample_rate, SampleRates) else SampleRates(sample_rate)
    # A published rule never stops real-time scoring: one it cannot evaluate is skipped, named.
    lake = EntryLake(settings.lake_dir)
    snapshot = lake.snapshot()
    compiled, unavailable = compile_for_scoring(
        rules_in_force(db),
        parse_stage(stage),
        reference_in_force(db),
        quota_fills(settings.lake_dir, snapshot),
    )
    filed = advance_lake(settings.home).snapshot()
    history = take_snapshot(None, None, None if filed.is_empty() else filed.duckdb_relation_sql())
    if not snapshot.is_empty():  # the lake's kept history: a build costs the history's size
        kept = LakeHistory(lake).for_snapshot(snapshot, findings_path(settings))
        advance = history.advance
        history = snapshot_from_kept(kept.path)
        history.advance = advance
    return RealtimeScorer(
        compiled,
        history,
        center_for_hts=center_lookup(settings),
        seed=seed,
        rates=rates,
        release_trusted_low=release_trusted_low,
        unavailable=unavailable,
    )


@dataclass(frozen=True, slots=True)
class ModelOpinion:
    """The risk model's view of one declaration, beside the rules' lane (never instead of it)."""

    risk_score: float
    expected_yield_usd: float
    reasons: list[str]


@dataclass(frozen=True, slots=True)
class ScoredDeclaration:
    """One declaration's lane, matched rules and the model's opinion when a model is active."""

    score: Score
    opinion: ModelOpinion | None

    def as_json(self) -> dict[str, Any]:
        """The `score` document (`tradeguard score --json`, `POST /api/score`)."""
        score, opinion = self.score, self.opinion
        return {
            "entry_no": score.entry_no,
            "lane": score.lane.value,
            "reasons": [
                {
                    "rule_id": r.rule.id,
                    "version": r.published.version,
                    "name": r.rule.name,
                    "rationale": r.rule.rationale,
                    "risk": r.rule.risk.value,
                    "pti": r.rule.pti.value,
                }
                for r in score.matched
            ],
            "sampled": score.sampled,
            "unavailable_rules": list(score.unavailable),
            "risk_score": None if opinion is None else opinion.risk_score,
            "expected_yield_usd": None if opinion is None else opinion.expected_yield_usd,
            "model_reasons": [] if opinion is None else opinion.reasons,
            "ms": round(score.ms, 3),
        }


def model_opinion(settings: Settings, lines: list[Declaration]) -> ModelOpinion | None:
    """The active risk model's view of one declaration: score, expected yield and reasons."""
    return opinion_of(active_model(settings), read_findings(settings), lines)


def opinion_of(
    model: RiskModel | None, findings: pl.DataFrame | None, lines: list[Declaration]
) -> ModelOpinion | None:
    """`model_opinion` with the model and findings already loaded (a server keeps both)."""
    if model is None or not lines:
        return None
    frame = pl.DataFrame(
        [{**line.model_dump(mode="python"), "duty_mismatch": line.duty_mismatch} for line in lines]
    ).with_columns(pl.lit("realtime").alias("batch_id"))
    frame = frame.cast(
        {name: dtype for name, dtype in POLARS_SCHEMA.items() if name in frame.columns}
    )
    row = model.score(frame, findings).row(0, named=True)
    return ModelOpinion(
        risk_score=round(float(row["risk_score"]), 6),
        expected_yield_usd=round(float(row["expected_yield_usd"]), 2),
        reasons=list(row["reasons"]),
    )
