"""Each Center's post-entry work on one page: queue, reviews done against capacity, findings by
kind, duty found and lost to liquidation, overdue requests for information, and how many import
specialists the missed reviews would have needed (how staffing limits the work)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from tradeguard.config import Settings
from tradeguard.domain.reviews import OPEN_STATES, Liquidation, ReviewState
from tradeguard.reference.positions import load_staffing_parameters
from tradeguard.services.center_reviews import REVIEW_SHARE_OF_TIME, center_staffing, national_share
from tradeguard.store.database import Database
from tradeguard.store.reviews import ReviewRow
from tradeguard.store.unit_of_work import UnitOfWork


@dataclass(slots=True)
class CenterDashboard:
    center: str
    specialists: float
    capacity_hours: float
    hours_used: float
    queue: int = 0
    reviews: int = 0
    reviews_done: int = 0
    missed: int = 0
    missed_expected_yield_usd: float = 0.0
    violations: int = 0
    findings_by_kind: dict[str, int] = field(default_factory=dict)
    notices: dict[str, int] = field(default_factory=dict)
    duty_found_usd: float = 0.0
    overdue_rfis: int = 0
    timed_out_rfis: int = 0
    closed_after_liquidation: int = 0
    duty_foregone_usd: float = 0.0
    liquidation: dict[str, int] = field(default_factory=dict)
    specialists_to_clear_missed: float = 0.0


@dataclass(frozen=True, slots=True)
class CenterDashboards:
    as_of: date
    centers: list[CenterDashboard]

    def as_json(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat(), "centers": [asdict(c) for c in self.centers]}

    def totals(self) -> dict[str, Any]:
        c = self.centers
        return {
            "reviews": sum(d.reviews for d in c),
            "reviews_done": sum(d.reviews_done for d in c),
            "missed": sum(d.missed for d in c),
            "duty_found_usd": round(sum(d.duty_found_usd for d in c), 2),
            "timed_out_rfis": sum(d.timed_out_rfis for d in c),
            "notices": sum(sum(d.notices.values()) for d in c),
            "closed_after_liquidation": sum(d.closed_after_liquidation for d in c),
            "duty_foregone_usd": round(sum(d.duty_foregone_usd for d in c), 2),
        }


def _staff(db: Database, settings: Settings) -> dict[str, tuple[float, float]]:
    with UnitOfWork(db) as uow:
        run = uow.center_reviews.latest_post_entry_run()
        if run is None:
            return {}
        path = Path(run.decisions_path)
    if not path.exists():
        return {}
    frame = pl.read_parquet(path)
    staff = center_staffing(frame, national_share(settings, frame), {})
    return {c: (float(s.specialists), float(s.capacity_hours)) for c, s in staff.items()}


def _add(board: CenterDashboard, row: ReviewRow, as_of: date) -> None:
    state = row.current
    if state is ReviewState.MISSED:
        board.missed += 1
        board.missed_expected_yield_usd += float(row.expected_yield_usd)
        return
    board.reviews += 1
    board.hours_used += float(row.hours)
    board.queue += state in OPEN_STATES
    if row.notice_kind:
        board.notices[row.notice_kind] = board.notices.get(row.notice_kind, 0) + 1
    if state is ReviewState.ESCALATED or row.escalated_on is not None:
        board.timed_out_rfis += 1
    overdue = state in (ReviewState.RFI_SENT, ReviewState.REMINDED) and (
        row.rfi_due_on is not None and row.rfi_due_on < as_of
    )
    board.overdue_rfis += overdue or state is ReviewState.ESCALATED
    status = row.clock.status(as_of).value
    board.liquidation[status] = board.liquidation.get(status, 0) + 1
    if state is not ReviewState.CLOSED:
        return
    board.reviews_done += 1
    if row.result == "violation":
        board.violations += 1
        board.findings_by_kind[row.kind] = board.findings_by_kind.get(row.kind, 0) + 1
        board.duty_found_usd += float(row.duty_found_usd)
    lost = row.duty_foregone()
    due = row.clock.due
    if due is not None and row.closed_on is not None and row.closed_on >= due:
        board.closed_after_liquidation += 1
        board.duty_foregone_usd += float(lost)


def center_dashboards(db: Database, settings: Settings, *, as_of: date) -> CenterDashboards:
    staff = _staff(db, settings)
    with UnitOfWork(db) as uow:
        rows = uow.center_reviews.every()
    hours_per_fte = float(load_staffing_parameters(None).productive_hours_per_fte)
    boards: dict[str, CenterDashboard] = {}
    for center in sorted(set(staff) | {r.center for r in rows}):
        fte, capacity = staff.get(center, (0.0, 0.0))
        boards[center] = CenterDashboard(center, fte, capacity, 0.0)
    missed_hours: dict[str, float] = defaultdict(float)
    for row in rows:
        _add(boards[row.center], row, as_of)
        if row.current is ReviewState.MISSED:
            missed_hours[row.center] += float(row.hours)
    share = _share_of_year(db, settings)
    for board in boards.values():
        yearly = missed_hours[board.center] / share if share else 0.0
        board.specialists_to_clear_missed = round(
            yearly / (hours_per_fte * float(REVIEW_SHARE_OF_TIME)), 1
        )
        board.duty_found_usd = round(board.duty_found_usd, 2)
        board.duty_foregone_usd = round(board.duty_foregone_usd, 2)
        board.missed_expected_yield_usd = round(board.missed_expected_yield_usd, 2)
        board.hours_used = round(board.hours_used, 2)
    return CenterDashboards(as_of, list(boards.values()))


def _share_of_year(db: Database, settings: Settings) -> float:
    """The national share the loaded year represents (missed hours scale up by it)."""
    with UnitOfWork(db) as uow:
        run = uow.center_reviews.latest_post_entry_run()
        path = Path(run.decisions_path) if run is not None else None
    if path is None or not path.exists():
        return 0.0
    return float(national_share(settings, pl.read_parquet(path, columns=["entry_no"])))


@dataclass(frozen=True, slots=True)
class LiquidationWindow:
    """The window liquidation closes: reviews closed after it, the duty foregone, and the
    reviews by liquidation status."""

    closed_after_liquidation: int
    duty_foregone_usd: float
    by_status: dict[str, int]

    def as_json(self) -> dict[str, Any]:
        foregone, late = self.duty_foregone_usd, self.closed_after_liquidation
        return {"closed_after_liquidation": late, "duty_foregone_usd": foregone, **self.by_status}


def liquidation_window(dashboards: CenterDashboards) -> LiquidationWindow:
    t = dashboards.totals()
    statuses: Counter[str] = Counter()
    for board in dashboards.centers:
        statuses.update(board.liquidation)
    by_status = {s.value: statuses.get(s.value, 0) for s in Liquidation}
    return LiquidationWindow(t["closed_after_liquidation"], t["duty_foregone_usd"], by_status)
