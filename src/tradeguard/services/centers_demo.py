"""The demo's Centers step: target the year's entry summaries at post-entry, queue each Center's
reviews within its import specialists' hours, replay the reviews to an as-of date after the year
(requests for information, notices of action, findings, liquidation), and report each Center."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tradeguard.config import Settings
from tradeguard.domain.fiscal import fiscal_year_bounds
from tradeguard.services.center_dashboards import (
    CenterDashboards,
    LiquidationWindow,
    center_dashboards,
    liquidation_window,
)
from tradeguard.services.center_reviews import plan_reviews
from tradeguard.services.review_moves import sweep_requests
from tradeguard.services.review_simulation import ReviewsReplayed, replay_reviews
from tradeguard.services.targeting import TargetingResult, run_targeting
from tradeguard.store.database import Database

# The demo looks at the Centers' work four months after the fiscal year, or today if that is
# sooner (cases refuse dates in the future): early entries have liquidated, late ones wait.
AS_OF_AFTER_YEAR_END = timedelta(days=120)


@dataclass(frozen=True, slots=True)
class CentersDemo:
    generated_dir: Path
    seed: int
    fy: int

    @property
    def year_end(self) -> date:
        return fiscal_year_bounds(self.fy)[1]

    @property
    def entered_to(self) -> date:
        """The year but its last fortnight (the demo's model step decides that at entry)."""
        return self.year_end - timedelta(days=14)


@dataclass(frozen=True, slots=True)
class CentersSummary:
    """The year's post-entry targeting, the reviews planned and replayed, and each Center."""

    targeted: TargetingResult
    as_of: date
    planned_reviews: int
    replayed: ReviewsReplayed
    reminded: int
    boards: CenterDashboards

    @property
    def liquidation(self) -> LiquidationWindow:
        return liquidation_window(self.boards)

    def as_json(self) -> dict[str, Any]:
        return {
            "post_entry_targeting": {
                "entries": self.targeted.entries, "lanes": self.targeted.lanes,
            },
            "as_of": self.as_of.isoformat(),
            "totals": {
                **self.boards.totals(),
                "planned": self.planned_reviews,
                "requests_for_information": self.replayed.rfis,
                "liquidations_extended": self.replayed.extended,
                "cases_opened": self.replayed.cases_opened,
                "reminded_at_as_of": self.reminded,
            },
            "liquidation": self.liquidation.as_json(),
            "centers": {
                b.center: {
                    "reviews": b.reviews, "capacity_hours": b.capacity_hours,
                    "hours_used": b.hours_used, "missed": b.missed,
                    "missed_expected_yield_usd": b.missed_expected_yield_usd,
                    "duty_found_usd": b.duty_found_usd,
                }
                for b in self.boards.centers
            },
        }  # fmt: skip


def centers_summary(db: Database, settings: Settings, demo: CentersDemo) -> CentersSummary:
    targeted = run_targeting(
        db, settings, stage="post-entry", seed=demo.seed, entered_to=demo.entered_to
    )
    planned = plan_reviews(db, settings, actor="demo", replay=True)
    as_of = min(demo.year_end + AS_OF_AFTER_YEAR_END, date.today())
    replayed = replay_reviews(
        db, settings, demo.generated_dir / "truth.parquet", demo.seed, as_of=as_of
    )
    swept = sweep_requests(db, on=as_of, actor="demo")
    boards = center_dashboards(db, settings, as_of=as_of)
    return CentersSummary(targeted, as_of, planned.reviews, replayed, len(swept.reminded), boards)
