"""The home page's dashboard for each role, as data: what that role should look at first.

Officers: their own queue and the overdue holds. Analysts: rules needing review and the hit rate
of the busiest rules month by month. Managers: PTI status, staffing against need, and the open
audit recommendations. Admins see every panel.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tradeguard.config import Settings
from tradeguard.domain.roles import Role
from tradeguard.services.effectiveness import rule_effectiveness
from tradeguard.services.exam_queues import OverdueHold, overdue
from tradeguard.services.oversight import TrackedRecommendation, track
from tradeguard.services.oversight_checks import HIRING_HORIZON_YEARS
from tradeguard.services.performance import performance_report
from tradeguard.services.rule_history import MonthPoint, rule_months
from tradeguard.services.staffing import hiring_plan
from tradeguard.store.database import Database
from tradeguard.store.unit_of_work import UnitOfWork

OFFICERS = {Role.CBP_OFFICER, Role.IMPORT_SPECIALIST, Role.ADMIN}
ANALYSTS = {Role.TARGETING_ANALYST, Role.ADMIN}
MANAGERS = {Role.PTI_MANAGER, Role.MANAGEMENT, Role.ADMIN}
# A rule needs review once this many findings show it no better than the random sample.
REVIEW_AFTER_FINDINGS = 5
CHARTED_RULES = 3


@dataclass(frozen=True, slots=True)
class OfficerPanel:
    my_queue: list[dict[str, Any]]
    overdue: list[OverdueHold]
    overdue_days: int


@dataclass(frozen=True, slots=True)
class AnalystPanel:
    needing_review: list[dict[str, Any]]
    months: dict[str, list[MonthPoint]]  # rule id -> hit rate by month


@dataclass(frozen=True, slots=True)
class ManagerPanel:
    fy: int
    pti_statuses: dict[str, int]
    plans_in_force: int
    positions: int
    positions_reaching_target: int
    target_fy: int
    short: dict[str, int]
    recommendation_counts: dict[str, int]
    open_recommendations: list[TrackedRecommendation]


@dataclass(slots=True)
class RoleDashboard:
    officer: OfficerPanel | None = None
    analyst: AnalystPanel | None = None
    manager: ManagerPanel | None = None
    notes: list[str] = field(default_factory=list)


def officer_panel(db: Database, settings: Settings, username: str) -> OfficerPanel:
    with UnitOfWork(db) as work:
        mine = [h.snapshot() for h in work.oversight.holds_waiting_for(username)]
    late = overdue(db, overdue_days=settings.overdue_days)
    return OfficerPanel(mine, late.holds[:50], settings.overdue_days)


def analyst_panel(db: Database) -> AnalystPanel:
    rules = rule_effectiveness(db).as_json()["rules"]
    review = [
        r
        for r in rules
        if r["findings"] >= REVIEW_AFTER_FINDINGS
        and (r["violations"] == 0 or (r["lift"] is not None and r["lift"] < 1))
    ]
    busiest = sorted(rules, key=lambda r: r["findings"], reverse=True)[:CHARTED_RULES]
    return AnalystPanel(review, {r["rule_id"]: rule_months(db, r["rule_id"]) for r in busiest})


def manager_panel(db: Database, settings: Settings, today: date) -> ManagerPanel:
    report = performance_report(db, settings, as_of=today)
    target_fy = report.fy + HIRING_HORIZON_YEARS
    plans = hiring_plan(target_fy)
    tracker = track(db, settings, report.fy, as_of=today, record=False)
    still_open = [t for t in tracker.recommendations if t.evidence.status.value != "met"]
    return ManagerPanel(
        fy=report.fy,
        pti_statuses=report.statuses,
        plans_in_force=len(report.plans),
        positions=len(plans),
        positions_reaching_target=sum(p.feasible for p in plans),
        target_fy=target_fy,
        short={p.position: p.shortfall for p in plans if not p.feasible},
        recommendation_counts=tracker.counts,
        open_recommendations=[t for t in still_open if not t.recommendation.outside],
    )


def dashboard_for(
    db: Database, settings: Settings, role: Role, username: str, *, today: date | None = None
) -> RoleDashboard:
    board = RoleDashboard()
    if role in OFFICERS:
        board.officer = officer_panel(db, settings, username)
    if role in ANALYSTS:
        board.analyst = analyst_panel(db)
    if role in MANAGERS:
        board.manager = manager_panel(db, settings, today or date.today())
    return board
