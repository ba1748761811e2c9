"""The unit of work writes only what it commits, and hands back what it read."""

from __future__ import annotations

import pytest

from tests.integration.exams.conftest import World
from tradeguard.domain.errors import Conflict, NotFound
from tradeguard.domain.hold import HoldStatus
from tradeguard.services import exams
from tradeguard.store.unit_of_work import UnitOfWork


def _first_planned(world: World) -> int:
    exams.plan_exams(world.db)
    with UnitOfWork(world.db) as uow:
        planned = uow.holds.planned()
    assert planned, "the fixture run plans at least one exam"
    assert planned[0].status == HoldStatus.PLANNED  # read rows stay loaded after the block
    return planned[0].id


def test_a_committed_change_stays_and_an_uncommitted_one_does_not(world: World) -> None:
    hold_id = _first_planned(world)
    with UnitOfWork(world.db) as uow:
        uow.holds.get_many([hold_id])[hold_id].close()
    with UnitOfWork(world.db) as uow:
        assert uow.holds.get_many([hold_id])[hold_id].status == HoldStatus.PLANNED
        uow.holds.get_many([hold_id])[hold_id].close()
        uow.commit()
    with UnitOfWork(world.db) as uow:
        hold = uow.holds.get_many([hold_id])[hold_id]
        assert hold.status == HoldStatus.CLOSED
        with pytest.raises(Conflict):
            hold.close()


def test_an_error_rolls_back_and_a_missing_hold_is_named(world: World) -> None:
    hold_id = _first_planned(world)
    with pytest.raises(NotFound, match="no hold 999999"):
        with UnitOfWork(world.db) as uow:
            uow.holds.get_many([hold_id])[hold_id].close()
            uow.holds.get_many([999999])
            uow.commit()
    with UnitOfWork(world.db) as uow:
        assert uow.holds.get_many([hold_id])[hold_id].status == HoldStatus.PLANNED
