"""Every move of every case machine: the ones in its table are allowed, all others refused."""

from __future__ import annotations

import pytest

from tradeguard.domain.cases import MACHINES, CaseKind, parse_kind
from tradeguard.domain.errors import Conflict, InvalidInput

PAIRS = [
    pytest.param(m, source, target, id=f"{m.kind.value}:{source}->{target}")
    for m in MACHINES.values()
    for source in sorted(m.states)
    for target in sorted(m.states)
]


@pytest.mark.parametrize(("machine", "source", "target"), PAIRS)
def test_move_allowed_exactly_when_in_the_table(machine, source, target) -> None:
    if target in machine.moves.get(source, frozenset()):
        machine.check_move(source, target)
    else:
        with pytest.raises(Conflict, match="cannot move"):
            machine.check_move(source, target)


@pytest.mark.parametrize("machine", list(MACHINES.values()), ids=lambda m: m.kind.value)
def test_every_state_is_reachable_and_some_state_ends_the_case(machine) -> None:
    reached = {machine.initial}
    frontier = [machine.initial]
    while frontier:
        for nxt in machine.allowed(frontier.pop()):
            if nxt not in reached:
                reached.add(nxt)
                frontier.append(nxt)
    assert reached == set(machine.states)
    assert machine.terminal and machine.initial not in machine.terminal


def test_an_unknown_state_is_bad_input_naming_the_field() -> None:
    with pytest.raises(InvalidInput) as caught:
        MACHINES[CaseKind.PENALTY].check_move("open", "forgiven")
    assert caught.value.field == "to"


def test_every_kind_has_a_machine_and_parses_by_name() -> None:
    assert set(MACHINES) == set(CaseKind)
    assert parse_kind("Duty-Demand") is CaseKind.DUTY_DEMAND
    with pytest.raises(InvalidInput):
        parse_kind("parking_ticket")


def test_penalty_keeps_assessed_mitigated_and_collected_on_separate_states() -> None:
    machine = MACHINES[CaseKind.PENALTY]
    assert machine.amount_on_entry == {
        "penalty_notice": "assessed",
        "mitigated": "mitigated",
        "paid": "collected",
    }
