"""The facility controls OIG-16-54 asked for: facility codes reconciled against the reference
list, and compliance reviews due by risk level with the overdue ones listed."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from tradeguard.services.facilities import list_facilities, reference_codes
from tradeguard.services.facilities_views import FacilityView
from tradeguard.store.database import Database


@dataclass(frozen=True, slots=True)
class CodeMismatch:
    code: str
    field: str
    registry: str
    reference: str


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """Codes the registry uses that the list lacks, list entries with no facility, and codes on
    both whose port, kind or class disagree."""

    facilities: int
    reference_codes: int
    reconciled: int
    not_on_list: list[str]
    no_facility: list[str]
    mismatched: list[CodeMismatch]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ReviewDue:
    code: str
    name: str
    risk_level: str | None
    reviewed_on: date | None
    review_due: date
    days_overdue: int


@dataclass(frozen=True, slots=True)
class ReviewsReport:
    as_of: date
    by_risk_level: dict[str, int]
    never_reviewed: int
    overdue: list[ReviewDue]
    due_within_90_days: list[ReviewDue]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def reconcile_codes(db: Database, *, today: date | None = None) -> Reconciliation:
    facilities = list_facilities(db, today=today)
    listed = reference_codes()
    used = {f.code for f in facilities}
    mismatched = []
    for f in facilities:
        ref = listed.get(f.code)
        if ref is None:
            continue
        for name, ours, theirs in (
            ("port_code", f.port_code, ref.port),
            ("kind", f.kind, ref.kind),
            ("class_code", f.class_code, ref.class_code),
        ):
            if ours != theirs:
                mismatched.append(CodeMismatch(f.code, name, ours, theirs))
    bad = {m.code for m in mismatched}
    return Reconciliation(
        facilities=len(facilities),
        reference_codes=len(listed),
        reconciled=len(used & set(listed) - bad),
        not_on_list=sorted(used - set(listed)),
        no_facility=sorted(set(listed) - used),
        mismatched=mismatched,
    )


def _due(f: FacilityView, today: date) -> ReviewDue:
    return ReviewDue(
        f.code,
        f.name,
        f.risk_level,
        f.reviewed_on,
        f.review_due,
        max(0, (today - f.review_due).days),
    )


def reviews_due(db: Database, *, today: date | None = None, within_days: int = 90) -> ReviewsReport:
    """Reviews falling due (high yearly, medium every two years, low every three; a new
    facility within 90 days of registration), the overdue ones first."""
    today = today or date.today()
    facilities = [f for f in list_facilities(db, today=today) if f.state != "closed"]
    levels: dict[str, int] = {}
    for f in facilities:
        key = f.risk_level or "none"
        levels[key] = levels.get(key, 0) + 1
    overdue = sorted(
        (_due(f, today) for f in facilities if f.review_due < today),
        key=lambda d: (-d.days_overdue, d.code),
    )
    soon = sorted(
        (_due(f, today) for f in facilities if 0 <= (f.review_due - today).days <= within_days),
        key=lambda d: (d.review_due, d.code),
    )
    return ReviewsReport(
        as_of=today,
        by_risk_level=dict(sorted(levels.items())),
        never_reviewed=sum(1 for f in facilities if f.risk_level is None),
        overdue=overdue,
        due_within_90_days=soon,
    )
