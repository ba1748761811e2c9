"""The demo's post-entry reviews: what each queued review would go through, read from the
generator's truth, replayed up to an as-of date.

Each queued review starts after the Center's queue delay; most send the importer a request for
information, which is answered, answered after a reminder, or left unanswered and escalated.
A violation the review detects gets a notice of action, proposed then taken, and the finding
closes the review; when that would fall after liquidation the Center asks for an extension only
if it had already proposed the notice. Deterministic for a seed: reviews in id order, one draw
sequence.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tradeguard.config import Settings
from tradeguard.domain.reviews import (
    NOTICE_RESPONSE_DAYS,
    RFI_GRACE_DAYS,
    RFI_RESPONSE_DAYS,
    NoticeKind,
    ReviewKind,
    ReviewState,
)
from tradeguard.services.exam_simulation import simulate_results
from tradeguard.services.review_moves import close_reviews
from tradeguard.store.database import Database
from tradeguard.store.reviews import ReviewRow
from tradeguard.store.unit_of_work import UnitOfWork

# Days a queued review waits for its import specialist (the Center's queue), and the chances
# that a review asks for information and that the importer answers before and after a reminder.
QUEUE_DELAYS = (20, 45, 60, 90, 120, 180, 240, 300)
RFI_SHARE, ANSWERED, ANSWERED_AFTER_REMINDER = 0.6, 0.7, 0.4

NOTICE_FOR: dict[str, NoticeKind] = {
    "misclassification": NoticeKind.RECLASSIFICATION,
    "undervaluation": NoticeKind.VALUE_ADVANCE,
    "false_preference": NoticeKind.PREFERENCE_DENIED,
    "transshipment": NoticeKind.ORIGIN_DENIED,
    "textile_origin": NoticeKind.ORIGIN_DENIED,
    "quota_evasion": NoticeKind.ORIGIN_DENIED,
}


@dataclass(frozen=True, slots=True)
class ReviewsReplayed:
    rfis: int
    timed_out: int
    notices: int
    closed: int
    extended: int
    cases_opened: int


def _rfi(row: ReviewRow, rng: random.Random, day: date, as_of: date) -> tuple[date, bool]:
    """The request's life; the day the specialist can decide and whether it timed out."""
    if rng.random() >= RFI_SHARE or day > as_of:
        return day, False
    row.send_rfi(day)
    if rng.random() < ANSWERED:
        answered = day + timedelta(rng.randint(7, RFI_RESPONSE_DAYS))
        if answered <= as_of:
            row.respond(answered)
        return answered, False
    reminded = day + timedelta(RFI_RESPONSE_DAYS + 1)
    if reminded > as_of:
        return reminded, False
    row.remind(reminded)
    if rng.random() < ANSWERED_AFTER_REMINDER:
        answered = reminded + timedelta(rng.randint(3, RFI_GRACE_DAYS))
        if answered <= as_of:
            row.respond(answered)
        return answered, False
    escalated = reminded + timedelta(RFI_GRACE_DAYS + 1)
    if escalated <= as_of:
        row.escalate(escalated)
    return escalated, escalated <= as_of


def _notice(row: ReviewRow, found: dict[str, Any], day: date, as_of: date) -> tuple[date, bool]:
    """Propose and take the notice of action; extend liquidation first if the review would
    otherwise close after it. Returns the closing day and whether liquidation was extended."""
    default = NoticeKind.RATE_ADVANCE if row.kind == ReviewKind.ADCVD_SCOPE else None
    kind = NOTICE_FOR.get(str(found.get("violation_type")), default or NoticeKind.RATE_ADVANCE)
    row.propose_notice(kind, day)
    taken = day + timedelta(NOTICE_RESPONSE_DAYS)
    due, extended = row.clock.due, False
    if due is not None and day < due <= taken + timedelta(2) and due <= as_of + timedelta(365):
        row.extend_liquidation(day)
        extended = True
    if taken <= as_of:
        row.take_notice(taken)
    return taken + timedelta(2), extended


def replay_reviews(
    db: Database, settings: Settings, truth_path: Path, seed: int, *, as_of: date
) -> ReviewsReplayed:
    """Replay every queued review up to `as_of`; findings go through services.findings."""
    rng = random.Random(seed)
    with UnitOfWork(db) as uow:
        rows = uow.center_reviews.in_states({ReviewState.QUEUED})
        holds = uow.holds.get_many(r.hold_id for r in rows)
        results = {
            r.hold_id: r.row() for r in simulate_results(list(holds.values()), truth_path, seed)
        }
        closing: dict[int, dict[str, Any]] = {}
        rfis = timed_out = notices = extended = 0
        for row in rows:
            start = row.planned_on + timedelta(rng.choice(QUEUE_DELAYS))
            if start > as_of:
                continue
            decided, late = _rfi(row, rng, start, as_of)
            rfis += row.rfi_sent_on is not None
            timed_out += late
            decided += timedelta(7)
            if row.current not in (
                ReviewState.QUEUED,
                ReviewState.RESPONDED,
                ReviewState.ESCALATED,
            ):
                continue
            found = {k: v for k, v in results[row.hold_id].items() if k != "hold_id"}
            if found["result"] == "violation":
                decided, grew = _notice(row, found, decided, as_of)
                notices += 1
                extended += grew
                if row.current is not ReviewState.NOTICE_TAKEN:
                    continue
            if decided <= as_of:
                closing[row.id] = {**found, "finding_date": decided.isoformat()}
        uow.commit()
    if not closing:
        return ReviewsReplayed(rfis, timed_out, notices, 0, extended, 0)
    closed = close_reviews(db, settings, closing, actor="demo", today=as_of)
    return ReviewsReplayed(rfis, timed_out, notices, len(closed.views), extended, len(closed.cases))
