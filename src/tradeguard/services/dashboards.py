"""The two management dashboards as data: PTI plans (actual against target, year by year) and
staffing (gaps and the hiring plan). The pages draw the charts; the numbers come from here."""

from __future__ import annotations

from datetime import date
from typing import Any

from tradeguard.config import Settings
from tradeguard.domain.fiscal import fiscal_year
from tradeguard.domain.pti import PTI
from tradeguard.reference.positions import load_positions
from tradeguard.services.performance import (
    default_plans_dir,
    history,
    load_plans,
    report,
)
from tradeguard.services.performance_facts import build_facts
from tradeguard.services.staffing import gaps_document, hiring_plan, plan_document, staffing_gaps
from tradeguard.store.database import Database


def current_fy(today: date | None = None) -> int:
    return fiscal_year(today or date.today())


def performance_dashboard(db: Database, settings: Settings, fy: int) -> dict[str, Any]:
    """The report for `fy` and, per PTI, each measure's actual and target over its plan years."""
    plans = load_plans([default_plans_dir(settings)])
    facts = build_facts(db, settings)
    document = report(plans, facts, fy)
    document["history"] = {
        pti.value: series for pti in PTI if (series := history(plans, facts, pti))
    }
    return document


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
