"""E-allegations: anyone may submit one; only triage roles may read them.

A submitter gets a receipt number and nothing else. Submissions are limited per client address
(kept only as a hash) and overall per hour, so that the public form cannot be used to flood the
triage queue; both counts and the insert happen under the intake lock, so concurrent submissions
cannot slip past a limit together.
"""

from __future__ import annotations

import base64
import hashlib
import math
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tradeguard.domain.allegation import SubmissionLimitReached, validate_submission
from tradeguard.store.allegations import (
    AllegationRow,
    count_from_client_since,
    count_since,
    hold_intake,
    oldest_since,
    recent_allegations,
)
from tradeguard.store.change_log import record_change
from tradeguard.store.database import Database

SUBMISSIONS_PER_WINDOW = 5
SUBMISSIONS_OVERALL = 500
WINDOW = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class AllegationForTriage:
    receipt: str
    submitted_at: datetime
    pti: str
    description: str
    importer: str | None
    company: str | None
    contact: str | None
    status: str

    def as_json(self) -> dict[str, object]:
        return {
            "receipt": self.receipt,
            "submitted_at": self.submitted_at.isoformat(),
            "pti": self.pti,
            "description": self.description,
            "importer": self.importer,
            "company": self.company,
            "contact": self.contact,
            "status": self.status,
        }


def _utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything is stored in UTC, so say so."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _seconds_until(moment: datetime, now: datetime) -> int:
    return max(1, math.ceil((moment - now).total_seconds()))


def _receipt() -> str:
    return "EA-" + base64.b32encode(secrets.token_bytes(10)).decode()[:10]


def _client_hash(address: str) -> str:
    return hashlib.sha256(f"tradeguard-allegation:{address}".encode()).hexdigest()


def submit_allegation(
    db: Database,
    raw: Mapping[str, object],
    *,
    client_address: str,
    limit: int = SUBMISSIONS_PER_WINDOW,
    overall: int = SUBMISSIONS_OVERALL,
    window: timedelta = WINDOW,
    now: datetime | None = None,
) -> str:
    """Validate and store one e-allegation; return only its receipt number.

    `limit` is per client address and `overall` for everyone, both within `window`. `now` is
    the moment of submission (the demo replays a past year; the form never sets it)."""
    submission = validate_submission(raw)
    now = now or datetime.now(UTC)
    client = _client_hash(client_address)
    since = now - window
    with db.session() as session:
        hold_intake(session, now)
        if count_from_client_since(session, client, since) >= limit:
            raise SubmissionLimitReached(
                "too many e-allegations from this address; please try again later",
                _seconds_until(_utc(oldest_since(session, since, client)) + window, now),
            )
        if count_since(session, since) >= overall:
            raise SubmissionLimitReached(
                "the e-allegation form is taking too many submissions; please try again later",
                _seconds_until(_utc(oldest_since(session, since)) + window, now),
            )
        receipt = _receipt()
        session.add(
            AllegationRow(
                receipt=receipt,
                submitted_at=now,
                pti=submission.pti.value,
                description=submission.description,
                importer=submission.importer,
                company=submission.company,
                contact=submission.contact,
                client_hash=client,
                status="received",
            )
        )
        # The audit entry names the receipt and PTI only: the tip itself is for triage roles.
        record_change(
            session,
            actor="public",
            action="submit",
            entity="allegation",
            entity_id=receipt,
            after={"pti": submission.pti.value, "status": "received"},
        )
        return receipt


def allegations_for_triage(db: Database, *, limit: int = 200) -> list[AllegationForTriage]:
    with db.session() as session:
        return [
            AllegationForTriage(
                r.receipt,
                _utc(r.submitted_at),
                r.pti,
                r.description,
                r.importer,
                r.company,
                r.contact,
                r.status,
            )
            for r in recent_allegations(session, limit)
        ]
