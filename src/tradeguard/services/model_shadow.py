"""Score entries with the champion and, in shadow, with every challenger; record all of it.

Only the active model's score decides a lane (targeting reads it); a challenger's scores are
recorded beside it so that promotion can later compare the two on the same entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from tradeguard.config import Settings
from tradeguard.domain.errors import InvalidInput
from tradeguard.risk import registry
from tradeguard.risk.model import RiskModel
from tradeguard.services.model import findings_path
from tradeguard.store.lake import EntryLake
from tradeguard.store.score_log import ScoreLog

TOP_SHARE = 0.10


@dataclass(frozen=True, slots=True)
class ShadowReport:
    champion: str | None
    challengers: list[str]
    entries: int
    # Share of the champion's top-10% entries that each challenger also puts in its top 10%.
    top_overlap: dict[str, float]

    def as_json(self) -> dict[str, object]:
        return {
            "champion": self.champion,
            "challengers": self.challengers,
            "entries": self.entries,
            "top_overlap": self.top_overlap,
        }


def window_lines(
    settings: Settings, entered_from: date | None, entered_to: date | None
) -> pl.DataFrame:
    """The lake's lines of entries entered in the window (all when unbounded)."""
    lake = EntryLake(settings.lake_dir)
    if lake.is_empty():
        raise InvalidInput(f"no declarations in {lake.declarations_dir}", field="declarations")
    scan = lake.scan()
    if entered_from is not None:
        scan = scan.filter(pl.col("entry_date") >= entered_from)
    if entered_to is not None:
        scan = scan.filter(pl.col("entry_date") <= entered_to)
    return scan.collect()


def recorded_findings(settings: Settings) -> pl.DataFrame | None:
    path = findings_path(settings)
    return pl.read_parquet(path) if path.is_file() else None


def score_entries(
    model: RiskModel, lines: pl.DataFrame, findings: pl.DataFrame | None
) -> pl.DataFrame:
    """entry_no, entry_date, risk_score for every entry of `lines` (no reasons: none are shown)."""
    dates = lines.group_by("entry_no").agg(pl.col("entry_date").min().cast(pl.Date))
    scored = model.score(lines, findings, explain=[]).select("entry_no", "risk_score")
    return scored.join(dates, on="entry_no", how="left")


def _top(scores: pl.DataFrame, share: float) -> set[str]:
    n = max(1, round(share * scores.height))
    return set(scores.sort("risk_score", "entry_no", descending=[True, False]).head(n)["entry_no"])


def shadow_score(
    settings: Settings, *, entered_from: date | None = None, entered_to: date | None = None
) -> ShadowReport:
    """Score the window's entries with the active model and each challenger; record them all."""
    champion = registry.active_version(settings.models_dir)
    if champion is None:
        raise InvalidInput("no active model yet; train one first (model train)", field="model")
    rivals = registry.challengers(settings.models_dir)
    lines = window_lines(settings, entered_from, entered_to)
    findings = recorded_findings(settings)
    log = ScoreLog(settings.models_dir)
    tops: dict[str, set[str]] = {}
    entries = 0
    for version in [champion, *rivals]:
        scores = score_entries(registry.load(settings.models_dir, version), lines, findings)
        log.record(version, scores)
        tops[version] = _top(scores, TOP_SHARE)
        entries = scores.height
    overlap = {
        v: round(len(tops[v] & tops[champion]) / max(len(tops[champion]), 1), 4) for v in rivals
    }
    return ShadowReport(champion, rivals, entries, overlap)
