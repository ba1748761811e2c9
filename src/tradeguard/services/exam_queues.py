"""What waits on officers: holds overdue for their finding, and the Centers' review queues."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from tradeguard.domain.exams import EXAM_COSTS, ExamType
from tradeguard.store.database import Database
from tradeguard.store.exams import CLOSED
from tradeguard.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class OverdueHold:
    hold_id: int
    entry_no: str
    port: str
    officer: str | None
    lane: str
    exam_type: str | None
    days_open: int


@dataclass(frozen=True, slots=True)
class OverdueHolds:
    """Holds with no finding past the limit, and how many each officer and port has."""

    overdue_days: int
    holds: list[OverdueHold]

    def by_officer(self) -> list[dict[str, Any]]:
        counts = Counter((h.officer or "unassigned", h.port) for h in self.holds)
        return [{"officer": o, "port": p, "holds": n} for (o, p), n in sorted(counts.items())]

    def by_port(self) -> list[dict[str, Any]]:
        counts = Counter(h.port for h in self.holds)
        return [{"port": p, "holds": n} for p, n in sorted(counts.items())]

    def as_json(self) -> dict[str, Any]:
        return {
            "overdue_days": self.overdue_days,
            "holds": [asdict(h) for h in self.holds],
            "by_officer": self.by_officer(),
            "by_port": self.by_port(),
        }


@dataclass(frozen=True, slots=True)
class CenterQueue:
    """A Center's post-entry document reviews: waiting, done, and the hours still queued."""

    center: str
    queue: int
    reviewed: int
    workload_hours: float


def overdue(db: Database, *, overdue_days: int, today: date | None = None) -> OverdueHolds:
    """Holds with no finding more than `overdue_days` after planning, by officer and port."""
    today = today or date.today()
    cutoff = today - timedelta(days=overdue_days)
    with UnitOfWork(db) as uow:
        late = [h for h in uow.holds.waiting() if (h.planned_on or h.created_on) < cutoff]
    holds = [
        OverdueHold(h.id, h.entry_no, h.port_code, h.officer, h.lane, h.exam_type,
                    (today - (h.planned_on or h.created_on)).days)
        for h in late
    ]  # fmt: skip
    return OverdueHolds(overdue_days, holds)


def center_queues(db: Database) -> list[CenterQueue]:
    """Each Center's post-entry document reviews: waiting, done, and the hours still queued."""
    hours = EXAM_COSTS[ExamType.DOCUMENT_REVIEW].hours
    queue: dict[str, int] = defaultdict(int)
    done: dict[str, int] = defaultdict(int)
    with UnitOfWork(db) as uow:
        for h in uow.holds.document_reviews():
            center = h.center or "unassigned"
            if h.status == CLOSED:
                done[center] += 1
            else:
                queue[center] += 1
    return [
        CenterQueue(c, queue[c], done[c], float(queue[c] * hours))
        for c in sorted(set(queue) | set(done))
    ]
