"""A hold: an entry a targeting run did not release, waiting for its exam.

Its states and the moves between them: created OPEN; planning makes it PLANNED (an exam within
the port's capacity) or RELEASED (no capacity left); a finding CLOSES it, exactly once.
"""

from __future__ import annotations

from enum import StrEnum

from tradeguard.domain.errors import Conflict


class HoldStatus(StrEnum):
    OPEN = "open"
    PLANNED = "planned"
    RELEASED = "released"
    CLOSED = "closed"


# Holds an officer still has to act on.
WAITING = (HoldStatus.OPEN, HoldStatus.PLANNED)


def close(status: str, hold_id: int) -> HoldStatus:
    """The status after a finding: CLOSED; a hold already closed has had its finding."""
    if HoldStatus(status) is HoldStatus.CLOSED:
        raise Conflict(f"hold {hold_id} already has a finding")
    return HoldStatus.CLOSED


def plan(status: str, hold_id: int, *, examined: bool) -> HoldStatus:
    """The status after planning: PLANNED when an exam was scheduled, RELEASED otherwise."""
    if HoldStatus(status) is HoldStatus.CLOSED:
        raise Conflict(f"hold {hold_id} is closed and cannot be planned again")
    return HoldStatus.PLANNED if examined else HoldStatus.RELEASED
