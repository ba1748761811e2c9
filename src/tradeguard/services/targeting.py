"""Targeting: decide a lane for every loaded entry (batch) or for one declaration (real time).

A batch run evaluates every active rule version in one pass of the chosen engine, adds the random
compliance sample and, when a risk model is active, its score; it records the run and writes the
decisions Parquet the exam planners read.
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from tradeguard.config import Settings
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.rule import Lane, PublishedRule, Stage
from tradeguard.services.admissibility import reference_in_force
from tradeguard.services.effectiveness import active_exemptions
from tradeguard.services.quota_charging import quota_fills
from tradeguard.services.rule_hits import (
    entry_hits_frame,
    findings_path,
    read_findings,
)
from tradeguard.services.rules import active_rules
from tradeguard.store.database import Database
from tradeguard.store.history import LakeHistory, LakeWindow
from tradeguard.store.lake import EntryLake
from tradeguard.store.targeting_runs import TargetingRun
from tradeguard.store.unit_of_work import UnitOfWork
from tradeguard.targeting.compiler import compile_rules
from tradeguard.targeting.engines import DEFAULT_ENGINE, pick_engine
from tradeguard.targeting.lanes import DECISION_SCHEMA, decisions
from tradeguard.targeting.sampling import SampleRates

if TYPE_CHECKING:
    from tradeguard.risk.model import RiskModel

LANE_ORDER = {lane.value: i for i, lane in enumerate(Lane)}


def rules_in_force(db: Database) -> list[PublishedRule]:
    """Active rule versions, each also leaving out the importers that earned an exemption from
    it after clean reviews (operational data kept by the effectiveness service; the version a
    decision records is unchanged)."""
    published = active_rules(db)
    earned = active_exemptions(db)
    out = []
    for p in published:
        extra = set(earned.get(p.rule.id, ()))
        if extra - set(p.rule.exempt_importers):
            exempt = tuple(sorted(extra | set(p.rule.exempt_importers)))
            p = PublishedRule(p.rule.model_copy(update={"exempt_importers": exempt}), p.version)
        out.append(p)
    return out


def parse_stage(text: str) -> Stage:
    try:
        return Stage(text)
    except ValueError:
        names = ", ".join(s.value for s in Stage)
        raise InvalidInput(f"unknown stage {text!r}; expected one of: {names}", "stage") from None


def active_model(settings: Settings) -> RiskModel | None:
    # Imported here: LightGBM takes seconds to import, and most commands never score.
    from tradeguard.risk.registry import load_active

    return load_active(settings.models_dir)


def _scored_lines(
    settings: Settings, window: tuple[date | None, date | None]
) -> tuple[pl.DataFrame, pl.DataFrame | None, dict[str, date] | None]:
    """The lines the model scores, their findings and first sightings: the whole lake, or a
    window's lines with the lake's kept history (the same scores at the window's cost)."""
    lake = EntryLake(settings.lake_dir)
    snapshot = lake.snapshot()
    if window == (None, None):
        return snapshot.scan().collect(), read_findings(settings), None
    kept = LakeHistory(lake).for_snapshot(snapshot, findings_path(settings))
    lines = LakeWindow(snapshot, *window).scan().collect()
    seen = pl.read_parquet(kept.path("importers"))
    first_seen = dict(zip(seen["importer_id"], seen["first_seen"], strict=True))
    return lines, pl.read_parquet(kept.path("findings")), first_seen


def _apply_risk_model(
    settings: Settings, frame: pl.DataFrame, window: tuple[date | None, date | None]
) -> pl.DataFrame:
    """Fill risk_score, expected yield and reasons from the active model, when there is one."""
    model = active_model(settings)
    if model is None:
        return frame
    # Reasons are shown beside holds, so only held entries are explained.
    held = frame.filter(pl.col("lane") != Lane.RELEASE.value).get_column("entry_no").to_list()
    lines, findings, first_seen = _scored_lines(settings, window)
    if model.spec.first_seen_key != "importer_id":  # kept history knows importers' only
        lines, findings, first_seen = _scored_lines(settings, (None, None))
    scores = model.score(lines, findings, explain=held, first_seen=first_seen)
    scores = pl.DataFrame(scores).select(
        "entry_no",
        pl.col("risk_score").cast(pl.Float64).alias("_score"),
        pl.col("expected_yield_usd").cast(pl.Float64).alias("_yield"),
        pl.col("reasons").alias("_reasons"),
    )
    return (
        frame.join(scores, on="entry_no", how="left")
        .with_columns(
            risk_score=pl.col("_score"),
            expected_yield_usd=pl.col("_yield"),
            model_reasons=pl.col("_reasons"),
        )
        .drop("_score", "_yield", "_reasons")
    )


@dataclass(frozen=True, slots=True)
class TargetingResult:
    run_id: int
    entries: int
    lanes: dict[str, int]
    rule_hits: dict[str, int]
    pti_hits: dict[str, int]
    seconds: float
    decisions_path: Path

    def as_json(self) -> dict[str, Any]:
        return {
            "entries": self.entries,
            "lanes": self.lanes,
            "rule_hits": self.rule_hits,
            "pti_hits": self.pti_hits,
            "seconds": self.seconds,
        }


def _counts(frame: pl.DataFrame, column: str) -> dict[str, int]:
    if frame.is_empty():
        return {}
    exploded = frame.select(pl.col(column).explode().drop_nulls())
    counted = exploded.group_by(column).len().sort(column)
    return {str(k): int(n) for k, n in counted.iter_rows()}


def run_targeting(
    db: Database,
    settings: Settings,
    *,
    stage: str = "entry",
    engine: str = DEFAULT_ENGINE.value,
    sample_rate: float | SampleRates = 0.01,
    seed: int = 0,
    release_trusted_low: bool = True,
    out: Path | None = None,
    entered_from: date | None = None,
    entered_to: date | None = None,
) -> TargetingResult:
    """Decide every loaded entry's lane, or only those entered in [entered_from, entered_to]:
    a daily run reads the day's lines only, and its history from the lake's kept history
    (store/history.py), so it decides as a run over everything loaded would."""
    started = time.perf_counter()
    if entered_from and entered_to and entered_to < entered_from:
        raise InvalidInput(f"--to {entered_to} is before --from {entered_from}", "to")
    picked = pick_engine(engine)
    rates = sample_rate if isinstance(sample_rate, SampleRates) else SampleRates(sample_rate)
    compiled = compile_rules(
        rules_in_force(db),
        parse_stage(stage),
        reference_in_force(db),
        quota_fills(settings.lake_dir),
    )
    window = (entered_from, entered_to)
    hits = entry_hits_frame(settings, compiled, seed=seed, sample_rate=rates, engine=picked,
                            entered_from=entered_from, entered_to=entered_to)  # fmt: skip
    if hits.is_empty():
        frame = pl.DataFrame(schema=DECISION_SCHEMA)
    else:
        frame = decisions(hits, compiled, stage=stage, release_trusted_low=release_trusted_low)
        frame = _in_window(frame, entered_from, entered_to)
        frame = _in_lane_order(_apply_risk_model(settings, frame, window))
    lanes = {lane.value: 0 for lane in Lane}
    lanes.update(_counts(frame, "lane") if frame.height else {})
    run = TargetingRun(
        at=datetime.now(UTC),
        stage=stage,
        engine=picked.value,
        seed=seed,
        sample_rate=rates.default,
        entries=frame.height,
        lanes=json.dumps(lanes),
        rule_versions=json.dumps([c.published.ref for c in compiled]),
        decisions_path="",
        seconds=0.0,
    )
    path = _record_run(db, settings, run, frame, out, started)
    return TargetingResult(
        run_id=run.id,
        entries=frame.height,
        lanes=lanes,
        rule_hits=_counts(frame, "rule_ids"),
        pti_hits=_counts(frame, "pti_hits"),
        seconds=run.seconds,
        decisions_path=path,
    )


def _in_window(
    frame: pl.DataFrame, entered_from: date | None, entered_to: date | None
) -> pl.DataFrame:
    if entered_from is not None:
        frame = frame.filter(pl.col("entry_date") >= entered_from)
    if entered_to is not None:
        frame = frame.filter(pl.col("entry_date") <= entered_to)
    return frame


def _in_lane_order(frame: pl.DataFrame) -> pl.DataFrame:
    """Holds first, each lane by expected yield (highest first), then entry number."""
    return frame.sort(
        pl.col("lane").replace_strict(LANE_ORDER, return_dtype=pl.Int8),
        pl.col("expected_yield_usd"),
        "entry_no",
        descending=[False, True, False],
        nulls_last=True,
    )


def _record_run(
    db: Database,
    settings: Settings,
    run: TargetingRun,
    frame: pl.DataFrame,
    out: Path | None,
    started: float,
) -> Path:
    """Store the run and its decisions (named by the run's id) in one unit of work."""
    with UnitOfWork(db) as uow:
        uow.runs.add(run)
        path = settings.decisions_dir / f"run-{run.id}" / "decisions.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        frame.write_parquet(path)
        if out is not None:
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, out)
        run.decisions_path = str(path)
        run.seconds = round(time.perf_counter() - started, 3)
        uow.commit()
    return path


def latest_run(db: Database) -> TargetingRun | None:
    with UnitOfWork(db) as uow:
        return uow.runs.latest_or_none()
