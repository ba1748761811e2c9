"""The demo's AD/CVD step: generate a history, replay it, and sum it up for the report.

The nonpayment score is evaluated out of time: learnt from what was known on the first day of
the last fiscal year, applied to the lines entered from then on, checked against the truth.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tradeguard.generator.adcvd import YEARS, generate_adcvd, write_adcvd
from tradeguard.services.adcvd_cycle import replay_history
from tradeguard.services.adcvd_measures import CollectionMeasures, collection_measures
from tradeguard.services.adcvd_risk import (
    RiskAnalysis,
    ScoreEvaluation,
    evaluate_score,
    risk_analysis,
)
from tradeguard.store.database import Database

# the AD/CVD history grows with the demo, within bounds that keep the step to seconds
MIN_LINES, MAX_LINES, ENTRIES_PER_LINE = 1500, 5000, 25


@dataclass(frozen=True, slots=True)
class _Money:
    cents: int

    def __str__(self) -> str:
        return f"${self.cents / 100:,.2f}"


@dataclass(frozen=True, slots=True)
class AdcvdSummary:
    """Six years of AD/CVD history replayed: bills, collection measures, the nonpayment
    factors and the score's out-of-time evaluation."""

    fy: int
    lines: int
    as_of: date
    bills_issued: int
    measures: CollectionMeasures
    analysis: RiskAnalysis
    evaluation: ScoreEvaluation

    def as_json(self) -> dict[str, Any]:
        m, late, unpaid = self.measures, self.measures.late, self.measures.unpaid
        analysis, evaluation = self.analysis, self.evaluation
        first = self.fy - YEARS + 1
        return {
            "history": f"FY{first}-FY{self.fy}: {self.lines} lines, as of {self.as_of}",
            "bills_issued": self.bills_issued,
            "late_liquidations": {
                "lines": f"{late.late_lines} of {late.lines} "
                f"({late.late_lines / max(late.lines, 1):.0%})",
                "instructions": f"{late.late_instructions} of {late.instructions}",
                "causes": late.by_cause,
            },
            "unpaid_bills": {
                "count": unpaid.count,
                "uncollected": str(_Money(unpaid.uncollected_cents)),
                "mean_days_past_due": unpaid.mean_days_past_due,
                "by_age": unpaid.by_age,
                "still_owed": f"{unpaid.owed} bills, {_Money(unpaid.owed_cents)}",
                "written_off": f"{unpaid.written_off} bills, {_Money(unpaid.written_off_cents)}",
            },
            "bond_coverage": f"{m.coverage.share:.0%} of {_Money(m.coverage.exposure_cents)} "
            f"owed on {m.coverage.open_bills} open bills",
            "risk_factors": {
                f.factor.value: f"risk {f.risk} ({f.level}): {f.likelihood:.0%} unpaid, "
                f"{f.significance:.0%} of unpaid dollars"
                for f in analysis.factors[:4]
            },
            "nonpayment_score": {
                "test": f"{evaluation.test_lines} lines entered from {evaluation.cutoff}",
                "precision_top_10%": f"{evaluation.precision_top_decile:.1%}",
                "base_rate": f"{evaluation.base_rate:.1%}",
                "lift": f"{evaluation.lift:.1f}×",
            },
        }


def adcvd_summary(db: Database, folder: Path, entries: int, seed: int, fy: int) -> AdcvdSummary:
    lines = min(MAX_LINES, max(MIN_LINES, entries // ENTRIES_PER_LINE))
    data = generate_adcvd(lines, seed, fy)
    write_adcvd(data, folder)
    cycle = replay_history(db, folder, data.as_of, "demo")
    return AdcvdSummary(
        fy, lines, data.as_of, cycle.bills,
        collection_measures(db, data.as_of),
        risk_analysis(db, data.as_of),
        evaluate_score(db, folder / "adcvd_truth.parquet", data.cutoff),
    )  # fmt: skip
