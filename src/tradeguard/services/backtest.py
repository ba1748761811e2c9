"""Backtest draft rules: run them over the loaded declarations before anything is published."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from tradeguard.config import Settings
from tradeguard.domain.rule import PublishedRule
from tradeguard.services.rule_hits import entry_hits_frame, read_findings
from tradeguard.services.rules import read_rules_file
from tradeguard.targeting.admissibility_columns import NOTHING, AdmissibilityData
from tradeguard.targeting.compiler import compile_rules
from tradeguard.targeting.lanes import hit_matrix


def backtest(
    settings: Settings, path: Path, reference: AdmissibilityData = NOTHING
) -> list[dict[str, Any]]:
    """Run draft rules over the loaded declarations; per rule, entries held and hit rate.
    `reference` is the admissibility data the admissibility columns compile from."""
    drafts = [PublishedRule(rule=r, version=0) for r in read_rules_file(path)]
    compiled = compile_rules(drafts, None, reference)
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
        row: dict[str, Any] = {
            "rule_id": r.rule.id,
            "risk": r.rule.risk.value,
            "pti": r.rule.pti.value,
            "entries": held.height,
            "share": round(held.height / hits.height, 6) if hits.height else 0.0,
            "examined": None,
            "hit_rate": None,
        }
        if outcome is not None:
            examined = held.filter(pl.col("violation").is_not_null())
            row["examined"] = examined.height
            if examined.height:
                row["hit_rate"] = round(examined["violation"].sum() / examined.height, 4)
        report.append(row)
    return report
