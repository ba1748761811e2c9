"""Cases in the store, on SQLite and PostgreSQL: moves, money, audit, locking, crashes."""

from __future__ import annotations

import json
import threading
from datetime import date
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from tradeguard.domain.cases import CaseKind
from tradeguard.domain.cases.opening import CaseOpening
from tradeguard.domain.errors import Conflict, InvalidInput, NotFound
from tradeguard.domain.pti import PTI
from tradeguard.services import cases as service
from tradeguard.store.cases import CaseDeadlineRow, CaseEventRow, CaseRow
from tradeguard.store.change_log import ChangeEntry
from tradeguard.store.database import Database
from tradeguard.store.unit_of_work import UnitOfWork


def penalty_opening(**kw: object) -> CaseOpening:
    values: dict[str, object] = dict(
        kind=CaseKind.PENALTY, pti=PTI.REVENUE, opened_on=date(2024, 3, 1),
        importer_id="IMP-1", culpability="negligence", violation_date=date(2023, 11, 2),
        maximum=D("20000.00"), demanded=D("20000.00"),
    )  # fmt: skip
    values.update(kw)
    return CaseOpening(**values)  # type: ignore[arg-type]


def counts(db: Database) -> tuple[int, int, int, int]:
    with db.session() as s:
        return tuple(  # type: ignore[return-value]
            s.scalar(select(func.count()).select_from(t))
            for t in (CaseRow, CaseEventRow, CaseDeadlineRow, ChangeEntry)
        )


def test_penalty_lifecycle_keeps_assessed_mitigated_collected_apart(database: Database) -> None:
    cid = service.open_case(database, penalty_opening(), "fpf")
    service.move_case(database, cid, "prepenalty_notice", "fpf", on=date(2024, 3, 4))
    service.move_case(database, cid, "penalty_notice", "fpf", on=date(2024, 3, 20))
    service.move_case(database, cid, "petitioned", "fpf", on=date(2024, 4, 2))
    service.move_case(database, cid, "mitigated", "fpf", amount=D("3500.10"), on=date(2024, 5, 1))
    final = service.move_case(database, cid, "paid", "fpf", on=date(2024, 5, 20))
    assert (final.assessed, final.mitigated, final.collected) == (
        D("20000.00"), D("3500.10"), D("3500.10"),
    )  # fmt: skip
    assert final.state == "paid" and final.closed_on == date(2024, 5, 20)
    assert final.version == 6
    shown = service.show_case(database, cid, today=date(2024, 6, 1))
    assert [h.to_state for h in shown.history] == [
        "open", "prepenalty_notice", "penalty_notice", "petitioned", "mitigated", "paid",
    ]  # fmt: skip
    assert all(d.met_on is not None for d in shown.deadlines)
    assert shown.allowed_moves == ()


def test_every_change_is_audited_with_before_and_after(database: Database) -> None:
    cid = service.open_case(database, penalty_opening(), "fpf")
    service.move_case(database, cid, "prepenalty_notice", "alice", on=date(2024, 3, 4))
    with database.session() as s:
        entries = list(s.scalars(select(ChangeEntry).order_by(ChangeEntry.id)))
    assert [(e.action, e.actor, e.entity_id) for e in entries] == [
        ("case.open", "fpf", str(cid)),
        ("case.move", "alice", str(cid)),
    ]
    assert entries[0].before is None
    before, after = json.loads(entries[1].before or ""), json.loads(entries[1].after or "")
    assert (before["state"], after["state"]) == ("open", "prepenalty_notice")
    assert (before["version"], after["version"]) == (1, 2)


def test_refused_moves_write_nothing(database: Database) -> None:
    cid = service.open_case(database, penalty_opening(), "fpf")
    before = counts(database)
    with pytest.raises(Conflict, match="cannot move"):
        service.move_case(database, cid, "paid", "fpf")
    with pytest.raises(InvalidInput) as caught:
        service.move_case(database, cid, "prepenalty_notice", "fpf", amount=D("1"))
    assert caught.value.field == "amount"
    service.move_case(database, cid, "prepenalty_notice", "fpf")
    with pytest.raises(InvalidInput, match="statutory maximum"):
        service.move_case(database, cid, "penalty_notice", "fpf", amount=D("20000.01"))
    with pytest.raises(NotFound):
        service.move_case(database, 999_999, "paid", "fpf")
    after = counts(database)
    assert after[0] == before[0] and after[1] == before[1] + 1  # only the one good move
    assert service.show_case(database, cid).version == 2


def test_two_sessions_moving_the_same_case_one_wins_the_other_conflicts(database: Database) -> None:
    cid = service.open_case(database, penalty_opening(), "fpf")
    with UnitOfWork(database) as first_look:
        seen = first_look.cases.get(cid)  # held: this officer's view of the case
        assert seen.version == 1
        # while this officer looks, another one moves the case and commits
        service.move_case(database, cid, "prepenalty_notice", "bob")
        before = counts(database)
        with pytest.raises(Conflict, match="changed by someone else"):
            service.move_in(first_look, cid, "cancelled", "carol")
        first_look.rollback()
    assert counts(database) == before
    shown = service.show_case(database, cid)
    assert (shown.state, shown.version) == ("prepenalty_notice", 2)
    with pytest.raises(Conflict, match="version 2, not 1"):
        service.move_case(database, cid, "cancelled", "carol", expected_version=1)
    service.move_case(database, cid, "cancelled", "carol", expected_version=2)


def test_a_crash_inside_the_unit_of_work_leaves_no_half_written_case(database: Database) -> None:
    before = counts(database)
    with pytest.raises(RuntimeError), UnitOfWork(database) as uow:
        cid = service.open_in(uow, penalty_opening(), "fpf")
        service.move_in(uow, cid, "prepenalty_notice", "fpf")
        raise RuntimeError("power cut between two writes")
    assert counts(database) == before


def test_due_lists_overdue_first_then_by_date(database: Database) -> None:
    seizure = service.open_case(
        database, CaseOpening(kind=CaseKind.SEIZURE, pti=PTI.IPR, opened_on=date(2024, 1, 2)), "sps"
    )
    service.move_case(database, seizure, "noticed", "sps", on=date(2024, 1, 3))
    eapa = service.open_case(
        database, CaseOpening(kind=CaseKind.EAPA, pti=PTI.ADCVD, opened_on=date(2024, 2, 1)), "ti"
    )
    rows = service.due_deadlines(database, today=date(2024, 2, 20))
    assert [(r.case_id, r.name, r.status) for r in rows] == [
        (seizure, "petition for relief", "overdue"),
        (eapa, "initiate investigation", "alert"),  # due 2024-02-23 (Presidents' Day skipped)
    ]
    assert rows[1].due_on == date(2024, 2, 23)
    soon = service.due_deadlines(database, today=date(2024, 2, 1), within_days=3)
    assert [(r.case_id, r.status, r.days_left) for r in soon] == [(seizure, "alert", 1)]
    service.move_case(database, seizure, "petitioned", "sps", on=date(2024, 1, 20))
    assert [r.case_id for r in service.due_deadlines(database, today=date(2024, 2, 20))] == [eapa]


def test_list_filters(database: Database) -> None:
    a = service.open_case(database, penalty_opening(), "fpf")
    b = service.open_case(database, penalty_opening(pti=PTI.TEXTILES), "fpf")
    assert [c.id for c in service.list_cases(database)] == [a, b]
    assert [c.id for c in service.list_cases(database, pti=PTI.TEXTILES)] == [b]
    assert service.list_cases(database, kind=CaseKind.SEIZURE) == []
    assert [c.id for c in service.list_cases(database, state="open")] == [a, b]


def test_two_officers_at_once_on_threads_exactly_one_wins(database: Database) -> None:
    cid = service.open_case(database, penalty_opening(), "fpf")
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def officer(name: str, target: str) -> None:
        try:
            with UnitOfWork(database) as uow:
                seen = uow.cases.get(cid)
                barrier.wait(timeout=10)
                service.move_in(uow, cid, target, name, expected_version=seen.version)
                uow.commit()
            outcomes[name] = "moved"
        except Conflict:
            outcomes[name] = "conflict"

    threads = [
        threading.Thread(target=officer, args=("ann", "prepenalty_notice")),
        threading.Thread(target=officer, args=("ben", "cancelled")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes.values()) == ["conflict", "moved"]
    winner = next(n for n, o in outcomes.items() if o == "moved")
    shown = service.show_case(database, cid)
    assert shown.version == 2
    assert [h.actor for h in shown.history] == ["fpf", winner]
