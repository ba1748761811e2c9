"""An e-allegation: a tip from the public or industry about a possible trade violation.

Submitters are anonymous; they get back a receipt number and nothing else, so nothing one
submitter sends can ever be shown to another.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from tradeguard.domain.errors import Conflict, InvalidInput, RateLimited
from tradeguard.domain.pti import PTI, parse_pti

DESCRIPTION_MIN = 20
DESCRIPTION_MAX = 5000
FIELD_MAX = 200
RECEIPT_PATTERN = re.compile(r"^EA-[A-Z2-7]{10}$")
# Control characters other than tab and newlines have no place in a free-text tip.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class AllegationStatus(StrEnum):
    """A submitted allegation waits as RECEIVED until triage opens a case or closes it."""

    RECEIVED = "received"
    CASE_OPENED = "case opened"
    CLOSED = "closed"


def parse_status(text: str) -> AllegationStatus:
    """A status as a user types it (`case opened`, `case_opened`); InvalidInput naming it."""
    cleaned = text.strip().lower().replace("_", " ")
    try:
        return AllegationStatus(cleaned)
    except ValueError:
        names = ", ".join(s.value for s in AllegationStatus)
        raise InvalidInput(f"unknown status {text!r}; expected one of: {names}", "status") from None


def triage(status: str, receipt: str, *, opened: bool) -> AllegationStatus:
    """The status after triage; an allegation is triaged once, so a second triage is refused."""
    if AllegationStatus(status) is not AllegationStatus.RECEIVED:
        raise Conflict(f"e-allegation {receipt} was already triaged ({status})")
    return AllegationStatus.CASE_OPENED if opened else AllegationStatus.CLOSED


class SubmissionLimitReached(RateLimited):
    """Too many submissions from one client address in the window; try again later."""


@dataclass(frozen=True, slots=True)
class AllegationSubmission:
    pti: PTI
    description: str
    importer: str | None = None
    company: str | None = None
    contact: str | None = None


def _text(raw: Mapping[str, object], field: str, *, required: bool, maximum: int) -> str | None:
    value = raw.get(field)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidInput(f"{field} is required", field)
        return None
    if not isinstance(value, str):
        raise InvalidInput(f"{field} must be text", field)
    cleaned = value.strip()
    if _CONTROL.search(cleaned):
        raise InvalidInput(f"{field} contains control characters", field)
    if len(cleaned) > maximum:
        raise InvalidInput(f"{field} is longer than {maximum} characters", field)
    return cleaned


def validate_submission(raw: Mapping[str, object]) -> AllegationSubmission:
    """Check every field of a submitted form or JSON body; the first problem names its field."""
    pti_text = _text(raw, "pti", required=True, maximum=FIELD_MAX)
    assert pti_text is not None
    description = _text(raw, "description", required=True, maximum=DESCRIPTION_MAX)
    assert description is not None
    if len(description) < DESCRIPTION_MIN:
        raise InvalidInput(
            f"description must say what happened in at least {DESCRIPTION_MIN} characters",
            "description",
        )
    return AllegationSubmission(
        pti=parse_pti(pti_text),
        description=description,
        importer=_text(raw, "importer", required=False, maximum=FIELD_MAX),
        company=_text(raw, "company", required=False, maximum=FIELD_MAX),
        contact=_text(raw, "contact", required=False, maximum=FIELD_MAX),
    )
