"""A hold's moves: planned or released by planning, closed once by a finding."""

from __future__ import annotations

import pytest

from tradeguard.domain import hold
from tradeguard.domain.errors import Conflict
from tradeguard.domain.hold import HoldStatus


@pytest.mark.parametrize("status", [HoldStatus.OPEN, HoldStatus.PLANNED, HoldStatus.RELEASED])
def test_a_finding_closes_any_hold_not_yet_closed(status: HoldStatus) -> None:
    assert hold.close(status.value, 7) is HoldStatus.CLOSED


def test_a_second_finding_is_a_conflict() -> None:
    with pytest.raises(Conflict, match="hold 7 already has a finding"):
        hold.close("closed", 7)


def test_planning_schedules_or_releases_but_never_reopens_a_closed_hold() -> None:
    assert hold.plan("open", 1, examined=True) is HoldStatus.PLANNED
    assert hold.plan("planned", 1, examined=False) is HoldStatus.RELEASED
    with pytest.raises(Conflict):
        hold.plan("closed", 1, examined=True)
