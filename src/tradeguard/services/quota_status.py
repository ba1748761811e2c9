"""The quota status report: for each quota and period, the quantity charged within it, over it,
and the day it filled (what CBP publishes weekly as its commodity status report)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.quota_status import QuotaPeriodStatus, period_statuses
from tradeguard.domain.quotas import Quota
from tradeguard.reference.quotas import packaged_quotas
from tradeguard.services.quota_charging import recorded_charges


@dataclass(frozen=True, slots=True)
class QuotaStatusReport:
    """Every (quota, period) charged so far, in the quota file's order; `quotas` are all the
    packaged definitions, charged or not, so a reader sees what is tracked."""

    periods: tuple[QuotaPeriodStatus, ...]
    quotas: tuple[Quota, ...]

    @property
    def filled(self) -> int:
        return sum(1 for p in self.periods if p.filled)

    @property
    def entries_over(self) -> int:
        return sum(p.entries_over for p in self.periods)

    def as_json(self) -> dict[str, Any]:
        return {
            "periods": [p.as_json() for p in self.periods],
            "filled": self.filled,
            "entries_over": self.entries_over,
            "quotas": [q.as_json() for q in self.quotas],
        }


def quota_status(
    lake_dir: Path, *, period: str | None = None, quota_id: str | None = None
) -> QuotaStatusReport:
    """The status of every quota period charged in the lake, optionally one period label
    ("2026", "FY2026", "2024-Q3") or one quota; an unknown quota id is refused."""
    quotas = packaged_quotas()
    if quota_id is not None and quota_id not in {q.quota_id for q in quotas}:
        known = ", ".join(q.quota_id for q in quotas)
        raise InvalidInput(f"unknown quota {quota_id!r}; expected one of: {known}", "quota")
    rows = period_statuses(quotas, recorded_charges(lake_dir))
    chosen = tuple(
        r
        for r in rows
        if (period is None or r.period == period) and (quota_id is None or r.quota_id == quota_id)
    )
    return QuotaStatusReport(chosen, quotas)
