"""One review's moves: request for information, reminder, escalation, the importer's response,
the notice of action proposed and taken, liquidation extended, and the finding that closes it.

The finding goes through services.findings exactly as an exam's does (it closes the review's
hold, prices the duty, opens the cases, counts for rule effectiveness and the model); the review
then takes the finding's duty. Recording and the review's closing are two transactions: closing
again after a failure between them only copies the finding already recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from tradeguard.config import Settings
from tradeguard.domain.errors import Conflict, InvalidInput
from tradeguard.domain.reviews import NoticeKind, ReviewState
from tradeguard.services.findings import record_findings
from tradeguard.store.database import Database
from tradeguard.store.reviews import ReviewRow
from tradeguard.store.unit_of_work import UnitOfWork


class ReviewMove(StrEnum):
    RFI = "rfi"
    REMIND = "remind"
    ESCALATE = "escalate"
    RESPOND = "respond"
    PROPOSE_NOTICE = "propose-notice"
    TAKE_NOTICE = "take-notice"
    EXTEND_LIQUIDATION = "extend-liquidation"


def parse_move(text: str) -> ReviewMove:
    try:
        return ReviewMove(text.strip().lower())
    except ValueError:
        names = ", ".join(m.value for m in ReviewMove)
        raise InvalidInput(f"unknown move {text!r}; expected one of: {names}", "move") from None


@dataclass(frozen=True, slots=True)
class ReviewView:
    """A review as officers see it (the CLI and API render this)."""

    id: int
    hold_id: int
    center: str
    kind: str
    lane: str
    entry_no: str
    importer_id: str
    entry_date: date
    state: str
    specialist: str | None
    rfi_due_on: date | None
    notice_kind: str | None
    result: str | None
    duty_found_usd: Decimal
    liquidation: str
    liquidation_due: date | None
    adcvd_case_no: str | None

    def as_json(self) -> dict[str, Any]:
        return {
            k: (str(v) if isinstance(v, (date, Decimal)) else v)
            for k, v in ((s, getattr(self, s)) for s in self.__slots__)
        }


def view_of(row: ReviewRow, as_of: date) -> ReviewView:
    return ReviewView(
        row.id, row.hold_id, row.center, row.kind, row.lane, row.entry_no, row.importer_id,
        row.entry_date, row.state, row.specialist, row.rfi_due_on, row.notice_kind, row.result,
        row.duty_found_usd, row.clock.status(as_of).value, row.clock.due, row.adcvd_case_no,
    )  # fmt: skip


def apply_move(row: ReviewRow, move: ReviewMove, on: date, notice: NoticeKind | None) -> None:
    """The row's domain move for `move` (the demo's simulation calls this too)."""
    if move is ReviewMove.PROPOSE_NOTICE:
        if notice is None:
            raise InvalidInput("a notice of action needs its kind", "notice")
        row.propose_notice(notice, on)
        return
    moves = {
        ReviewMove.RFI: row.send_rfi,
        ReviewMove.REMIND: row.remind,
        ReviewMove.ESCALATE: row.escalate,
        ReviewMove.RESPOND: row.respond,
        ReviewMove.TAKE_NOTICE: row.take_notice,
        ReviewMove.EXTEND_LIQUIDATION: row.extend_liquidation,
    }
    moves[move](on)


def move_review(
    db: Database,
    review_id: int,
    move: ReviewMove,
    *,
    on: date,
    actor: str,
    notice: NoticeKind | None = None,
) -> ReviewView:
    with UnitOfWork(db) as uow:
        row = uow.center_reviews.get(review_id)
        before = row.snapshot()
        apply_move(row, move, on, notice)
        uow.changes.record(
            actor=actor, action=f"review.{move.value}", entity="review",
            entity_id=str(row.id), before=before, after=row.snapshot(),
        )  # fmt: skip
        uow.commit()
        return view_of(row, on)


@dataclass(frozen=True, slots=True)
class RequestsSwept:
    reminded: list[int]
    escalated: list[int]


def sweep_requests(db: Database, *, on: date, actor: str) -> RequestsSwept:
    """Remind every request past its due date; escalate every reminder past its grace."""
    reminded: list[int] = []
    escalated: list[int] = []
    with UnitOfWork(db) as uow:
        for row in uow.center_reviews.in_states({ReviewState.RFI_SENT, ReviewState.REMINDED}):
            assert row.rfi_due_on is not None
            if on <= row.rfi_due_on:
                continue
            before = row.snapshot()
            if row.current is ReviewState.RFI_SENT:
                row.remind(on)
                reminded.append(row.id)
            else:
                row.escalate(on)
                escalated.append(row.id)
            uow.changes.record(
                actor=actor, action="review.sweep", entity="review", entity_id=str(row.id),
                before=before, after=row.snapshot(),
            )  # fmt: skip
        uow.commit()
    return RequestsSwept(reminded, escalated)


@dataclass(frozen=True, slots=True)
class ReviewsClosed:
    views: list[ReviewView]
    cases: list[int]


def close_reviews(
    db: Database,
    settings: Settings,
    findings: dict[int, dict[str, Any]],
    *,
    actor: str,
    today: date,
) -> ReviewsClosed:
    """Close reviews (by id) with the finding rows given for each (the `exams record` format,
    without hold_id): check every move first, record the findings, then close the reviews."""
    with UnitOfWork(db) as uow:
        rows = {i: uow.center_reviews.get(i) for i in findings}
        recorded = {r.id for r in rows.values() if uow.findings.for_hold(r.hold_id) is not None}
    for review_id, row in rows.items():
        result = str(findings[review_id].get("result") or "").strip().lower()
        if row.current is ReviewState.CLOSED:
            raise Conflict(f"review {review_id} is already closed")
        if result == "violation" and row.current is not ReviewState.NOTICE_TAKEN:
            raise Conflict(f"review {review_id} is {row.state}: take the notice of action first")
    fresh = [
        {**findings[i], "hold_id": rows[i].hold_id} for i in sorted(findings) if i not in recorded
    ]
    cases = record_findings(db, settings, fresh, actor=actor, today=today).cases if fresh else []
    with UnitOfWork(db) as uow:
        out = []
        for review_id in sorted(findings):
            row = uow.center_reviews.get(review_id)
            found = uow.findings.for_hold(row.hold_id)
            assert found is not None
            before = row.snapshot()
            row.close(found.result, found.finding_date, found.duty_shortfall_usd)
            uow.changes.record(
                actor=actor, action="review.close", entity="review", entity_id=str(row.id),
                before=before, after=row.snapshot(),
            )  # fmt: skip
            out.append(view_of(row, today))
        uow.commit()
        return ReviewsClosed(out, cases)
