"""What an evidence check is given: the stores, the settings, the fiscal year and the day."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from tradeguard.config import Settings
from tradeguard.domain.fiscal import fiscal_year_bounds
from tradeguard.domain.oversight import Evidence
from tradeguard.store.database import Database


@dataclass(frozen=True, slots=True)
class EvidenceContext:
    db: Database
    settings: Settings
    fy: int
    as_of: date

    @property
    def period(self) -> tuple[date, date]:
        return fiscal_year_bounds(self.fy)


Check = Callable[[EvidenceContext], Evidence]
