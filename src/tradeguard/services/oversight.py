"""The audit-recommendation tracker: each open recommendation with its evidence from the stores.

A run evaluates every recommendation's check for a fiscal year (default: the latest year the
stores hold holds or cases for), and records the recommendations whose status changed since the
last recorded run, so the history of each is kept.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from tradeguard.config import Settings
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.fiscal import fiscal_year
from tradeguard.domain.oversight import (
    Evidence,
    EvidenceStatus,
    Recommendation,
    Scope,
    StatusChange,
    changes,
    no_data,
)
from tradeguard.reference.recommendations import load_recommendations
from tradeguard.services.oversight_checks import CHECKS
from tradeguard.services.oversight_evidence import EvidenceContext
from tradeguard.store.database import Database
from tradeguard.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class TrackedRecommendation:
    recommendation: Recommendation
    evidence: Evidence
    criterion: str

    def as_json(self) -> dict[str, Any]:
        r = self.recommendation
        return {
            "id": r.id, "report": r.report, "report_title": r.report_title,
            "date": r.report_date.isoformat(), "topic": r.topic, "text": r.text,
            "status_as_of_report": r.status_as_of_report, "source": r.source,
            "scope": r.scope.value, "features": list(r.features), "criterion": self.criterion,
            "evidence": self.evidence.as_json(),
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class TrackerReport:
    fy: int
    as_of: date
    recommendations: tuple[TrackedRecommendation, ...]
    changes: tuple[StatusChange, ...]

    @property
    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in EvidenceStatus}
        for t in self.recommendations:
            out[t.evidence.status.value] += 1
        out[Scope.OUTSIDE.value] = sum(
            t.recommendation.scope is Scope.OUTSIDE for t in self.recommendations
        )
        return out

    def as_json(self) -> dict[str, Any]:
        return {
            "fiscal_year": self.fy,
            "as_of": self.as_of.isoformat(),
            "counts": self.counts,
            "recommendations": [t.as_json() for t in self.recommendations],
            "changes": [change_json(c) for c in self.changes],
        }


def change_json(change: StatusChange) -> dict[str, Any]:
    return {
        "id": change.recommendation_id,
        "status": change.status.value,
        "previous": change.previous.value if change.previous else None,
        "recorded_at": change.recorded_at,
    }


def criterion_of(recommendation: Recommendation) -> str:
    if recommendation.outside:
        return "outside platform"
    check = CHECKS[recommendation.check or ""]
    return " ".join((check.__doc__ or "").split())


def evaluate(ctx: EvidenceContext) -> tuple[TrackedRecommendation, ...]:
    """Each recommendation's evidence; one check runs once however many recommendations share it."""
    done: dict[str, Evidence] = {}
    out = []
    for rec in load_recommendations():
        if rec.outside:
            evidence = no_data(f"outside platform: {rec.outside}")
        else:
            name = rec.check or ""
            if name not in done:
                done[name] = CHECKS[name](ctx)
            evidence = done[name]
        out.append(TrackedRecommendation(rec, evidence, criterion_of(rec)))
    return tuple(out)


def default_fy(db: Database, today: date) -> int:
    with UnitOfWork(db) as work:
        day = work.oversight.latest_activity_day()
    return fiscal_year(day or today)


def track(
    db: Database,
    settings: Settings,
    fy: int | None = None,
    *,
    as_of: date | None = None,
    record: bool = True,
) -> TrackerReport:
    """Evaluate every recommendation and (unless `record` is False) keep the status changes."""
    today = as_of or date.today()
    year = fy or default_fy(db, today)
    tracked = evaluate(EvidenceContext(db, settings, year, today))
    moved: list[StatusChange] = []
    if record:
        at = datetime.now(UTC)
        with UnitOfWork(db) as work:
            before = {k: EvidenceStatus(v) for k, v in work.oversight.latest_statuses().items()}
            now = {t.recommendation.id: t.evidence.status for t in tracked}
            figures = {t.recommendation.id: t.evidence.figures for t in tracked}
            for rec_id, (previous, status) in changes(before, now).items():
                work.oversight.record_change(
                    rec_id, status.value, previous.value if previous else None,
                    figures[rec_id], at,
                )  # fmt: skip
                moved.append(
                    StatusChange(rec_id, status, previous, at.isoformat(), figures[rec_id])
                )
            work.commit()
    return TrackerReport(year, today, tracked, tuple(moved))


def tracker_summary(db: Database, settings: Settings, fy: int) -> dict[str, Any]:
    """A recorded run's counts, for the demo's summary."""
    report = track(db, settings, fy)
    return {"fy": str(fy), **report.counts, "changes_recorded": len(report.changes)}


def history(db: Database, recommendation_id: str | None = None) -> list[StatusChange]:
    """Every recorded status change, oldest first."""
    with UnitOfWork(db) as work:
        rows = work.oversight.status_history(recommendation_id)
        return [
            StatusChange(
                r.recommendation_id,
                EvidenceStatus(r.status),
                EvidenceStatus(r.previous) if r.previous else None,
                r.recorded_at.isoformat(),
                json.loads(r.figures),
            )
            for r in rows
        ]


SORTS = ("id", "report", "date", "topic", "evidence")


def select_tracked(
    tracked: tuple[TrackedRecommendation, ...],
    *,
    status: str | None = None,
    report: str | None = None,
    text: str | None = None,
    sort: str = "id",
    descending: bool = False,
) -> list[TrackedRecommendation]:
    """The tracker's rows filtered (evidence status, report, words in the topic or text) and
    sorted; `id` keeps the report's own order (Table 8, Table 10, GAO-17-618)."""
    if sort not in SORTS:
        raise InvalidInput(f"sort must be one of {', '.join(SORTS)}, got {sort!r}", "sort")
    if status and status not in {s.value for s in EvidenceStatus} | {Scope.OUTSIDE.value}:
        raise InvalidInput(f"unknown evidence status {status!r}", "status")
    words = (text or "").lower().split()
    rows = [
        t
        for t in tracked
        if (not status or t.evidence.status.value == status
            or (status == Scope.OUTSIDE.value and t.recommendation.outside))
        and (not report or t.recommendation.report == report)
        and all(w in f"{t.recommendation.topic} {t.recommendation.text}".lower() for w in words)
    ]  # fmt: skip
    order = {t.recommendation.id: i for i, t in enumerate(tracked)}
    keys = {
        "id": lambda t: (order[t.recommendation.id],),
        "report": lambda t: (t.recommendation.report, order[t.recommendation.id]),
        "date": lambda t: (t.recommendation.report_date, order[t.recommendation.id]),
        "topic": lambda t: (t.recommendation.topic, order[t.recommendation.id]),
        "evidence": lambda t: (t.evidence.status.value, order[t.recommendation.id]),
    }
    return sorted(rows, key=keys[sort], reverse=descending)
