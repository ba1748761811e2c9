"""Backtest draft rules: run them over the loaded declarations before anything is published."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

import polars as pl

from tradeguard.config import Settings
from tradeguard.domain.rule import PublishedRule
from tradeguard.services.quota_charging import quota_fills
from tradeguard.services.rule_hits import entry_hits_frame, read_findings
from tradeguard.services.rules import read_rules_file
from tradeguard.targeting.admissibility_columns import NOTHING, AdmissibilityData
from tradeguard.targeting.compiler import compile_rules
from tradeguard.targeting.lanes import hit_matrix


@dataclass(frozen=True, slots=True)
class BacktestRow:
    """One draft rule over the loaded entries: how many it would hold, and how many of those
    were examined before and found violating (None when no findings say)."""

    rule_id: str
    risk: str
    pti: str
    entries: int
    share: float
    examined: int | None
    hit_rate: float | None

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def backtest(
    settings: Settings, path: Path, reference: AdmissibilityData = NOTHING
) -> list[BacktestRow]:
    """Run draft rules over the loaded declarations; per rule, entries held and hit rate.
    `reference` is the admissibility data the admissibility columns compile from."""
    drafts = [PublishedRule(rule=r, version=0) for r in read_rules_file(path)]
    compiled = compile_rules(drafts, None, reference, quota_fills(settings.lake_dir))
    hits = entry_hits_frame(settings, compiled, seed=0, sample_rate=0.0)
    findings = read_findings(settings)
    outcome: pl.DataFrame | None = None
    if findings is not None and not hits.is_empty():
        outcome = findings.group_by("entry_no").agg(pl.col("violation").any().alias("violation"))
        hits = hits.join(outcome, on="entry_no", how="left")
    report = []
    matrix = hit_matrix(hits, compiled) if not hits.is_empty() else None
    for i, r in enumerate(compiled):
        held = hits.filter(pl.Series(matrix[:, i])) if matrix is not None else hits
        examined: int | None = None
        hit_rate: float | None = None
        if outcome is not None:
            looked_at = held.filter(pl.col("violation").is_not_null())
            examined = looked_at.height
            if looked_at.height:
                hit_rate = round(int(looked_at["violation"].sum()) / looked_at.height, 4)
        report.append(
            BacktestRow(
                rule_id=r.rule.id,
                risk=r.rule.risk.value,
                pti=r.rule.pti.value,
                entries=held.height,
                share=round(held.height / hits.height, 6) if hits.height else 0.0,
                examined=examined,
                hit_rate=hit_rate,
            )
        )
    return report
