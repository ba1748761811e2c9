"""The annual trade enforcement report: one fiscal year, from the system's own data.

It gathers what the other use cases already compute (PTI performance against targets, case
outcomes and money, holds and findings, rule effectiveness, the random-sample compliance rate,
staffing against need and the hiring plan, the recommendation tracker) into one value that
services/annual_report_html.py renders as HTML and PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tradeguard.config import Settings
from tradeguard.domain.fiscal import fiscal_year_bounds
from tradeguard.domain.hiring_plan import PositionPlan
from tradeguard.domain.staffing_gaps import PositionGap
from tradeguard.services.case_reports import EnforcementReport, enforcement_report
from tradeguard.services.effectiveness import compliance, rule_effectiveness
from tradeguard.services.oversight import TrackerReport, track
from tradeguard.services.oversight_checks import HIRING_HORIZON_YEARS
from tradeguard.services.performance import PerformanceReport, performance_report
from tradeguard.services.staffing import hiring_plan, staffing_gaps
from tradeguard.store.database import Database
from tradeguard.store.oversight import HoldOutcomes
from tradeguard.store.unit_of_work import UnitOfWork

# Rules shown in the report's effectiveness table, most violations found first.
TOP_RULES = 12


@dataclass(frozen=True, slots=True)
class AnnualReport:
    fy: int
    as_of: date
    performance: PerformanceReport
    enforcement: EnforcementReport
    holds: HoldOutcomes
    rules: list[dict[str, Any]]  # services.effectiveness.rule_effectiveness, top rules
    rules_measured: int
    compliance: dict[str, Any]  # services.effectiveness.compliance
    gaps: list[PositionGap]
    plans: list[PositionPlan]
    tracker: TrackerReport

    @property
    def period(self) -> tuple[date, date]:
        return fiscal_year_bounds(self.fy)

    @property
    def target_fy(self) -> int:
        return self.fy + HIRING_HORIZON_YEARS


def annual_report(
    db: Database, settings: Settings, fy: int, *, as_of: date | None = None
) -> AnnualReport:
    """Every section for fiscal year `fy`; the tracker is evaluated, not recorded (the
    `oversight` command records)."""
    today = as_of or date.today()
    first, last = fiscal_year_bounds(fy)
    with UnitOfWork(db) as work:
        holds = work.oversight.hold_outcomes(first, last)
    rules = rule_effectiveness(db).as_json()["rules"]
    ranked = sorted(rules, key=lambda r: (r["violations"], r["hit_rate"] or 0), reverse=True)
    return AnnualReport(
        fy=fy,
        as_of=today,
        performance=performance_report(db, settings, fy, as_of=today, with_history=True),
        enforcement=enforcement_report(db, fy),
        holds=holds,
        rules=ranked[:TOP_RULES],
        rules_measured=len(rules),
        compliance=compliance(db).as_json(),
        gaps=staffing_gaps(),
        plans=hiring_plan(fy + HIRING_HORIZON_YEARS),
        tracker=track(db, settings, fy, as_of=today, record=False),
    )
