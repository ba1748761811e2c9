"""Oversight evidence for GAO-15-78 from the admissibility feature: the exclusion orders whose
changed conditions (an expired patent, no covered imports in over a year) merit asking the ITC
to rescind them, identified from the stores, and the trade alerts against their time frame."""

from __future__ import annotations

from tradeguard.domain.admissibility import AlertStatus
from tradeguard.domain.oversight import Evidence, met_if, no_data
from tradeguard.services.admissibility import alert_report, rescission_review
from tradeguard.services.admissibility_screening import screen_lake
from tradeguard.services.oversight_evidence import EvidenceContext


def exclusion_order_review(ctx: EvidenceContext) -> Evidence:
    """Met when no exclusion order in force merits a rescission request still unmade; the
    review itself is recomputed from the orders and the entries they covered."""
    alerts = alert_report(ctx.db, today=ctx.as_of)
    if not alerts.orders:
        return no_data("no exclusion order has been imported (tradeguard admissibility)")
    covered = screen_lake(ctx.db, ctx.settings).entries_per_order()
    candidates = rescission_review(ctx.db, covered, today=ctx.as_of)
    figures = {
        "as_of": ctx.as_of.isoformat(),
        "orders": len(alerts.orders),
        "alerts_on_time": alerts.count(AlertStatus.ON_TIME),
        "alerts_late_or_overdue": alerts.count(AlertStatus.LATE)
        + alerts.count(AlertStatus.OVERDUE),
        "merit_rescission": [f"{c.order_no}: {'; '.join(c.reasons)}" for c in candidates][:20],
    }
    return met_if(not candidates, figures)
