"""The staffing dashboard as data: gaps and the hiring plan (the PTI performance page reads
services/performance.py). The page draws the charts; the numbers come from here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tradeguard.domain.fiscal import fiscal_year
from tradeguard.reference.positions import load_positions
from tradeguard.services.staffing import (
    GapsReport,
    HiringPlanReport,
    hiring_plan,
    plan_report,
    staffing_gaps,
)


def current_fy(today: date | None = None) -> int:
    return fiscal_year(today or date.today())


@dataclass(frozen=True, slots=True)
class StaffingDashboard:
    """Gaps against the law and the model, and the hiring plan beside each position's actuals."""

    plan: HiringPlanReport
    gaps: GapsReport
    actuals: dict[str, dict[int, int]]  # position -> fiscal year -> people on board

    def as_json(self) -> dict[str, Any]:
        document = self.plan.as_json()
        for position in document["positions"]:
            by_year = self.actuals.get(position["position"], {})
            position["actuals"] = {str(fy): n for fy, n in sorted(by_year.items())}
        return {"plan": document, "gaps": self.gaps.as_json()}


def staffing_dashboard(target_fy: int) -> StaffingDashboard:
    plan = plan_report(target_fy, hiring_plan(target_fy))
    actuals = {p.name: dict(p.actuals) for p in load_positions()}
    return StaffingDashboard(plan, GapsReport(staffing_gaps()), actuals)
