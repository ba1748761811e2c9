"""Rule hits over the whole lake: the engine's per-entry frame, for a run or a backtest.

History (prior findings) comes from the findings Parquet the exams write beside the lake.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import polars as pl

from tradeguard.config import Settings
from tradeguard.reference import load_reference
from tradeguard.store.advance_lake import advance_lake
from tradeguard.store.history import LakeHistory, LakeWindow
from tradeguard.store.lake import EntryLake
from tradeguard.targeting.compiler import CompiledRule
from tradeguard.targeting.engines import Engine, LinesSource, entry_hits, pick_engine
from tradeguard.targeting.sampling import SampleRates


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


def entry_hits_frame(
    settings: Settings,
    rules: list[CompiledRule],
    *,
    seed: int,
    sample_rate: float | SampleRates,
    engine: str | Engine = Engine.DUCKDB,
    entered_from: date | None = None,
    entered_to: date | None = None,
) -> pl.DataFrame:
    """Per entry: context, rule-hit masks and `sampled` (an empty frame on an empty lake).

    With a window (`entered_from`, `entered_to`) only the window's lines are read, with the
    lake's kept history (store/history.py) for everything about the past: the same hits as a
    run over the whole lake, at the window's cost."""
    picked = pick_engine(engine)
    lake = EntryLake(settings.lake_dir)
    snapshot = lake.snapshot()  # one view of the lake for the whole run
    if snapshot.is_empty():
        return pl.DataFrame()
    source: LinesSource = snapshot
    kept = None
    if entered_from is not None or entered_to is not None:
        source = LakeWindow(snapshot, entered_from, entered_to)
        if source.is_empty():
            return pl.DataFrame()
        kept = LakeHistory(lake).for_snapshot(snapshot, findings_path(settings)).path
    filed = advance_lake(settings.home).snapshot()
    return entry_hits(
        picked,
        source,
        rules,
        center=center_lookup(settings),
        findings_path=findings_path(settings),
        seed=seed,
        rates=sample_rate if isinstance(sample_rate, SampleRates) else SampleRates(sample_rate),
        spark_master=settings.spark_master,
        kept=kept,
        advance=None if filed.is_empty() else filed,
    )
