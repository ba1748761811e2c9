"""A Center's post-entry review of an entry summary: its kinds, states and moves, and the
liquidation clock that closes its window.

A review is queued within the Center's import-specialist capacity (or missed), may send the
importer a request for information (CBP Form 28: a due date, one reminder, then escalation when
unanswered), may propose and then take a notice of action (CBP Form 29), and closes with a
finding. The entry liquidates about 314 days after entry unless extended or suspended; a
violation found after liquidation is duty foregone. Hours and days are documented in
docs/centers.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from tradeguard.domain.errors import Conflict, InvalidInput
from tradeguard.domain.pti import PTI


class ReviewKind(StrEnum):
    CLASSIFICATION = "classification"
    VALUATION = "valuation"
    ORIGIN_PREFERENCE = "origin_preference"
    ADCVD_SCOPE = "adcvd_scope"


# Import-specialist hours per review by kind (planning assumption, docs/centers.md), around the
# staffing model's standard of 0.42-0.75 hours per document review (staffing_parameters.yaml): a
# classification check against the ruling history; a valuation with invoices and related-party
# tests; an origin or preference claim with certificates and bills of materials; an AD/CVD scope
# question read against the order's scope language and Commerce's rulings.
REVIEW_HOURS: dict[ReviewKind, Decimal] = {
    ReviewKind.CLASSIFICATION: Decimal("0.5"),
    ReviewKind.VALUATION: Decimal("0.75"),
    ReviewKind.ORIGIN_PREFERENCE: Decimal("1.0"),
    ReviewKind.ADCVD_SCOPE: Decimal("0.9"),
}

# Which review a rule's Priority Trade Issue calls for; goods-description PTIs are classification.
_KIND_OF_PTI: dict[PTI, ReviewKind] = {
    PTI.ADCVD: ReviewKind.ADCVD_SCOPE,
    PTI.TRADE_AGREEMENTS: ReviewKind.ORIGIN_PREFERENCE,
    PTI.REVENUE: ReviewKind.VALUATION,
}
_KIND_ORDER = (
    ReviewKind.ADCVD_SCOPE,
    ReviewKind.ORIGIN_PREFERENCE,
    ReviewKind.VALUATION,
    ReviewKind.CLASSIFICATION,
)


def review_kind_for(ptis: Iterable[PTI]) -> ReviewKind:
    """The most specific review the hits call for (AD/CVD scope before origin before value)."""
    kinds = {_KIND_OF_PTI.get(p, ReviewKind.CLASSIFICATION) for p in ptis}
    return next((k for k in _KIND_ORDER if k in kinds), ReviewKind.CLASSIFICATION)


def parse_review_kind(text: str) -> ReviewKind:
    try:
        return ReviewKind(text.strip().lower())
    except ValueError:
        names = ", ".join(k.value for k in ReviewKind)
        raise InvalidInput(
            f"unknown review kind {text!r}; expected one of: {names}", "kind"
        ) from None


class ReviewState(StrEnum):
    QUEUED = "queued"
    MISSED = "missed"
    RFI_SENT = "rfi_sent"
    REMINDED = "reminded"
    ESCALATED = "escalated"
    RESPONDED = "responded"
    NOTICE_PROPOSED = "notice_proposed"
    NOTICE_TAKEN = "notice_taken"
    CLOSED = "closed"


class NoticeKind(StrEnum):
    RATE_ADVANCE = "rate_advance"
    VALUE_ADVANCE = "value_advance"
    RECLASSIFICATION = "reclassification"
    ORIGIN_DENIED = "origin_denied"
    PREFERENCE_DENIED = "preference_denied"


def parse_notice_kind(text: str) -> NoticeKind:
    try:
        return NoticeKind(text.strip().lower())
    except ValueError:
        names = ", ".join(k.value for k in NoticeKind)
        raise InvalidInput(
            f"unknown notice of action {text!r}; expected one of: {names}", "notice"
        ) from None


# Days the importer has to answer a request for information (CBP Form 28 asks for 30), the grace
# after the reminder before the request is escalated, and the response time a proposed notice of
# action gives (20 working days, about 28 calendar days).
RFI_RESPONSE_DAYS = 30
RFI_GRACE_DAYS = 15
NOTICE_RESPONSE_DAYS = 28

OPEN_STATES = frozenset(
    {
        ReviewState.QUEUED,
        ReviewState.RFI_SENT,
        ReviewState.REMINDED,
        ReviewState.ESCALATED,
        ReviewState.RESPONDED,
        ReviewState.NOTICE_PROPOSED,
        ReviewState.NOTICE_TAKEN,
    }
)


def _require(state: ReviewState, allowed: Iterable[ReviewState], move: str, review: str) -> None:
    if state not in set(allowed):
        raise Conflict(f"review {review} is {state.value}: cannot {move}")


def send_rfi(state: ReviewState, review: str, on: date) -> tuple[ReviewState, date]:
    """A request for information; returns the new state and the response due date."""
    _require(state, {ReviewState.QUEUED}, "send a request for information", review)
    return ReviewState.RFI_SENT, on + timedelta(days=RFI_RESPONSE_DAYS)


def remind(state: ReviewState, review: str, on: date, due: date) -> tuple[ReviewState, date]:
    """A reminder once the due date has passed unanswered; returns the new due date."""
    _require(state, {ReviewState.RFI_SENT}, "remind", review)
    if on <= due:
        raise Conflict(f"review {review}: the response is not due until {due}")
    return ReviewState.REMINDED, on + timedelta(days=RFI_GRACE_DAYS)


def escalate(state: ReviewState, review: str, on: date, due: date) -> ReviewState:
    """Unanswered after the reminder: the specialist decides on the information held."""
    _require(state, {ReviewState.REMINDED}, "escalate", review)
    if on <= due:
        raise Conflict(f"review {review}: the reminder's due date {due} has not passed")
    return ReviewState.ESCALATED


def respond(state: ReviewState, review: str) -> ReviewState:
    _require(state, {ReviewState.RFI_SENT, ReviewState.REMINDED}, "record a response", review)
    return ReviewState.RESPONDED


def propose_notice(state: ReviewState, review: str) -> ReviewState:
    allowed = {ReviewState.QUEUED, ReviewState.RESPONDED, ReviewState.ESCALATED}
    _require(state, allowed, "propose a notice of action", review)
    return ReviewState.NOTICE_PROPOSED


def take_notice(state: ReviewState, review: str) -> ReviewState:
    _require(state, {ReviewState.NOTICE_PROPOSED}, "take the notice of action", review)
    return ReviewState.NOTICE_TAKEN


def close(state: ReviewState, review: str, result: str) -> ReviewState:
    """A violation closes only after its notice of action is taken; a clean review closes from
    any open state but a pending notice."""
    if result == "violation":
        _require(state, {ReviewState.NOTICE_TAKEN}, "close with a violation", review)
    else:
        allowed = OPEN_STATES - {ReviewState.NOTICE_PROPOSED, ReviewState.NOTICE_TAKEN}
        _require(state, allowed, "close clean", review)
    return ReviewState.CLOSED


# -- liquidation ---------------------------------------------------------------------------------
# Entries liquidate about 314 days after entry (CBP's practice within 19 U.S.C. 1504's one year);
# an extension adds a year, at most three times (19 U.S.C. 1504(b)).
LIQUIDATION_DAYS = 314
EXTENSION_DAYS = 365
MAX_EXTENSIONS = 3


class Liquidation(StrEnum):
    SCHEDULED = "scheduled"
    EXTENDED = "extended"
    SUSPENDED = "suspended"
    LIQUIDATED = "liquidated"


@dataclass(frozen=True, slots=True)
class LiquidationClock:
    entry_date: date
    extensions: int = 0
    suspended: bool = False

    @property
    def due(self) -> date | None:
        """The liquidation date, or None while suspended (AD/CVD: until Commerce instructs)."""
        if self.suspended:
            return None
        return self.entry_date + timedelta(LIQUIDATION_DAYS + EXTENSION_DAYS * self.extensions)

    def status(self, as_of: date) -> Liquidation:
        due = self.due
        if due is None:
            return Liquidation.SUSPENDED
        if as_of >= due:
            return Liquidation.LIQUIDATED
        return Liquidation.EXTENDED if self.extensions else Liquidation.SCHEDULED

    def extend(self, review: str, on: date) -> LiquidationClock:
        due = self.due
        if due is None:
            raise Conflict(f"review {review}: the entry's liquidation is suspended")
        if on >= due:
            raise Conflict(f"review {review}: the entry liquidated on {due}")
        if self.extensions >= MAX_EXTENSIONS:
            raise Conflict(f"review {review}: liquidation already extended {MAX_EXTENSIONS} times")
        return LiquidationClock(self.entry_date, self.extensions + 1, self.suspended)

    def duty_foregone(self, closed_on: date | None, duty_found: Decimal) -> Decimal:
        """Duty found after the entry liquidated cannot be billed: it is lost."""
        due = self.due
        if closed_on is None or due is None or closed_on < due:
            return Decimal(0)
        return duty_found
