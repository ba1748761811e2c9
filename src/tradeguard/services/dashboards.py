"""The staffing dashboard as data: gaps and the hiring plan (the PTI performance page reads
services/performance.py). The page draws the charts; the numbers come from here."""

from __future__ import annotations

from datetime import date
from typing import Any

from tradeguard.domain.fiscal import fiscal_year
from tradeguard.reference.positions import load_positions
from tradeguard.services.staffing import gaps_document, hiring_plan, plan_document, staffing_gaps


def current_fy(today: date | None = None) -> int:
    return fiscal_year(today or date.today())


def staffing_dashboard(target_fy: int) -> dict[str, Any]:
    """Gaps against the law and the model, and the hiring plan with each position's target."""
    plans = hiring_plan(target_fy)
    document = plan_document(target_fy, plans)
    actuals = {p.name: p.actuals for p in load_positions()}
    for position in document["positions"]:
        position["actuals"] = {
            str(fy): n for fy, n in sorted(actuals.get(position["position"], {}).items())
        }
    return {"plan": document, "gaps": gaps_document(staffing_gaps())}
