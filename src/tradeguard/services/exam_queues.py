"""What waits on officers: holds overdue for their finding, and the Centers' review queues."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import Any

from tradeguard.domain.exams import EXAM_COSTS, ExamType
from tradeguard.store.database import Database
from tradeguard.store.exams import CLOSED
from tradeguard.store.unit_of_work import UnitOfWork


def overdue(db: Database, *, overdue_days: int, today: date | None = None) -> dict[str, Any]:
    """Holds with no finding more than `overdue_days` after planning, by officer and port."""
    today = today or date.today()
    cutoff = today - timedelta(days=overdue_days)
    with UnitOfWork(db) as uow:
        late = [h for h in uow.holds.waiting() if (h.planned_on or h.created_on) < cutoff]
    holds = [
        {
            "hold_id": h.id, "entry_no": h.entry_no, "port": h.port_code, "officer": h.officer,
            "lane": h.lane, "exam_type": h.exam_type,
            "days_open": (today - (h.planned_on or h.created_on)).days,
        }
        for h in late
    ]  # fmt: skip
    by_officer = Counter((h["officer"] or "unassigned", h["port"]) for h in holds)
    by_port = Counter(h["port"] for h in holds)
    return {
        "overdue_days": overdue_days,
        "holds": holds,
        "by_officer": [
            {"officer": o, "port": p, "holds": n} for (o, p), n in sorted(by_officer.items())
        ],
        "by_port": [{"port": p, "holds": n} for p, n in sorted(by_port.items())],
    }


def center_queues(db: Database) -> dict[str, Any]:
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
    return {
        "centers": [
            {
                "center": c,
                "queue": queue[c],
                "reviewed": done[c],
                "workload_hours": float(queue[c] * hours),
            }
            for c in sorted(set(queue) | set(done))
        ]
    }
