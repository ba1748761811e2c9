"""Targeting: decide a lane for every loaded entry (batch) or for one declaration (real time).

A batch run evaluates every active rule version in one pass of the chosen engine, adds the random
compliance sample and, when a risk model is active, its score; it records the run and writes the
decisions Parquet the exam planners read.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl
from pydantic import ValidationError

from tradeguard.config import Settings
from tradeguard.domain.declaration import Declaration
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.rule import Lane, PublishedRule, Stage
from tradeguard.reference import load_reference
from tradeguard.services.effectiveness import active_exemptions
from tradeguard.services.rules import active_rules
from tradeguard.store.database import Database
from tradeguard.store.lake import POLARS_SCHEMA, EntryLake
from tradeguard.store.targeting_runs import TargetingRun, latest
from tradeguard.targeting import engine_duckdb, engine_polars
from tradeguard.targeting.compiler import CompiledRule, compile_rules
from tradeguard.targeting.lanes import DECISION_SCHEMA, decisions
from tradeguard.targeting.realtime import RealtimeScorer, Score, take_snapshot
from tradeguard.targeting.sampling import SampleRates

ENGINES = ("duckdb", "polars", "spark")
if TYPE_CHECKING:
    from tradeguard.risk.model import RiskModel

LANE_ORDER = {lane.value: i for i, lane in enumerate(Lane)}


def findings_path(settings: Settings) -> Path:
    return settings.home / "findings" / "findings.parquet"


def read_findings(settings: Settings) -> pl.DataFrame | None:
    path = findings_path(settings)
    return pl.read_parquet(path) if path.exists() else None


def center_lookup(settings: Settings) -> Callable[[str], str | None]:
    """Reference data's HTS → Center mapping."""
    reference = load_reference(settings.home)

    def center(hts10: str) -> str | None:
        try:
            return reference.center_for_hts(hts10)
        except Exception:  # an HTS the schedule does not know has no Center
            return None

    return center


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


def entry_hits_frame(
    settings: Settings,
    rules: list[CompiledRule],
    *,
    seed: int,
    sample_rate: float | SampleRates,
    engine: str = "duckdb",
) -> pl.DataFrame:
    """Per entry: context, rule-hit masks and `sampled` (an empty frame on an empty lake)."""
    if engine not in ENGINES:
        raise InvalidInput(f"unknown engine {engine!r}; expected one of: {', '.join(ENGINES)}")
    lake = EntryLake(settings.lake_dir).snapshot()  # one view of the lake for the whole run
    if lake.is_empty():
        return pl.DataFrame()
    rates = sample_rate if isinstance(sample_rate, SampleRates) else SampleRates(sample_rate)
    source = lake.duckdb_relation_sql()
    center = center_lookup(settings)
    con = engine_duckdb.connect()
    mapping: dict[str, str] | None = None
    if center is not None:
        codes = [r[0] for r in con.sql(f"SELECT DISTINCT hts10 FROM {source}").fetchall()]
        mapping = {h: c for h in codes if (c := center(h)) is not None}
        con.close()
        con = engine_duckdb.connect(mapping)
    if engine == "polars" and engine_polars.handles(rules, findings_path(settings)):
        con.close()
        # Same hits as DuckDB, about 3x faster here; otherwise DuckDB below does the run.
        return engine_polars.entry_hits(
            lake.scan(), rules, center_map=mapping, seed=seed, rates=rates
        )
    if engine == "spark":
        con.close()
        from tradeguard.targeting import engine_spark

        table = engine_spark.entry_hits(
            engine_spark.session(settings.spark_master),
            lake.files(),
            rules,
            findings_path=findings_path(settings),
            center_map=mapping,
            seed=seed,
            rates=rates,
        )
    else:
        table = engine_duckdb.entry_hits(
            con,
            source,
            rules,
            findings_path=findings_path(settings),
            with_centers=center is not None,
            seed=seed,
            rates=rates,
        )
        con.close()
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    return frame


def _active_model(settings: Settings) -> RiskModel | None:
    # Imported here: LightGBM takes seconds to import, and most commands never score.
    from tradeguard.risk.registry import load_active

    return load_active(settings.models_dir)


def _apply_risk_model(settings: Settings, frame: pl.DataFrame) -> pl.DataFrame:
    """Fill risk_score, expected yield and reasons from the active model, when there is one."""
    model = _active_model(settings)
    if model is None:
        return frame
    # Reasons are shown beside holds, so only held entries are explained.
    held = frame.filter(pl.col("lane") != Lane.RELEASE.value).get_column("entry_no").to_list()
    lines = EntryLake(settings.lake_dir).scan().collect()
    scores = model.score(lines, read_findings(settings), explain=held)
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
    engine: str = "duckdb",
    sample_rate: float | SampleRates = 0.01,
    seed: int = 0,
    release_trusted_low: bool = True,
    out: Path | None = None,
    entered_from: date | None = None,
    entered_to: date | None = None,
) -> TargetingResult:
    """Decide every loaded entry's lane, or only those entered in [entered_from, entered_to]:
    a daily run decides the day's entries while history still comes from everything loaded."""
    started = time.perf_counter()
    if entered_from and entered_to and entered_to < entered_from:
        raise InvalidInput(f"--to {entered_to} is before --from {entered_from}", "to")
    if engine not in ENGINES:
        raise InvalidInput(f"unknown engine {engine!r}; expected one of: {', '.join(ENGINES)}")
    rates = sample_rate if isinstance(sample_rate, SampleRates) else SampleRates(sample_rate)
    compiled = compile_rules(rules_in_force(db), parse_stage(stage))
    hits = entry_hits_frame(settings, compiled, seed=seed, sample_rate=rates, engine=engine)
    if hits.is_empty():
        frame = pl.DataFrame(schema=DECISION_SCHEMA)
    else:
        frame = decisions(hits, compiled, stage=stage, release_trusted_low=release_trusted_low)
        if entered_from is not None:
            frame = frame.filter(pl.col("entry_date") >= entered_from)
        if entered_to is not None:
            frame = frame.filter(pl.col("entry_date") <= entered_to)
        frame = _apply_risk_model(settings, frame)
        frame = frame.sort(
            pl.col("lane").replace_strict(LANE_ORDER, return_dtype=pl.Int8),
            pl.col("expected_yield_usd"),
            "entry_no",
            descending=[False, True, False],
            nulls_last=True,
        )
    lanes = {lane.value: 0 for lane in Lane}
    lanes.update(_counts(frame, "lane") if frame.height else {})
    with db.session() as session:
        run = TargetingRun(
            at=datetime.now(UTC),
            stage=stage,
            engine=engine,
            seed=seed,
            sample_rate=rates.default,
            entries=frame.height,
            lanes=json.dumps(lanes),
            rule_versions=json.dumps([c.published.ref for c in compiled]),
            decisions_path="",
            seconds=0.0,
        )
        session.add(run)
        session.flush()
        path = settings.decisions_dir / f"run-{run.id}" / "decisions.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        frame.write_parquet(path)
        if out is not None:
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, out)
        run.decisions_path = str(path)
        run.seconds = round(time.perf_counter() - started, 3)
        run_id, seconds = run.id, run.seconds
    return TargetingResult(
        run_id=run_id,
        entries=frame.height,
        lanes=lanes,
        rule_hits=_counts(frame, "rule_ids"),
        pti_hits=_counts(frame, "pti_hits"),
        seconds=seconds,
        decisions_path=path,
    )


def latest_run(db: Database) -> TargetingRun | None:
    with db.session() as session:
        return latest(session)


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
    compiled = compile_rules(rules_in_force(db), parse_stage(stage))
    lake = EntryLake(settings.lake_dir).snapshot()
    findings = engine_duckdb.findings_relation(findings_path(settings))
    snapshot = take_snapshot(None if lake.is_empty() else lake.duckdb_relation_sql(), findings)
    return RealtimeScorer(
        compiled,
        snapshot,
        center_for_hts=center_lookup(settings),
        seed=seed,
        rates=rates,
        release_trusted_low=release_trusted_low,
    )


def model_opinion(settings: Settings, lines: list[Declaration]) -> dict[str, Any] | None:
    """The active risk model's view of one declaration: score, expected yield and reasons."""
    model = _active_model(settings)
    if model is None or not lines:
        return None
    frame = pl.DataFrame(
        [{**line.model_dump(mode="python"), "duty_mismatch": line.duty_mismatch} for line in lines]
    ).with_columns(pl.lit("realtime").alias("batch_id"))
    frame = frame.cast(
        {name: dtype for name, dtype in POLARS_SCHEMA.items() if name in frame.columns}
    )
    row = model.score(frame, read_findings(settings)).row(0, named=True)
    return {
        "risk_score": round(float(row["risk_score"]), 6),
        "expected_yield_usd": round(float(row["expected_yield_usd"]), 2),
        "reasons": list(row["reasons"]),
    }


def score_json(score: Score, opinion: dict[str, Any] | None = None) -> dict[str, Any]:
    """The `score` document: lane and rule reasons, and the model's view beside them."""
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
        "risk_score": None if opinion is None else opinion["risk_score"],
        "expected_yield_usd": None if opinion is None else opinion["expected_yield_usd"],
        "model_reasons": [] if opinion is None else opinion["reasons"],
        "ms": round(score.ms, 3),
    }
