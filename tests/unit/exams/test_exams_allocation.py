"""Exam allocation within a port's capacity: the invariants the report asks for."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tradeguard.domain.exams import (
    DISCRETIONARY,
    EXAM_COSTS,
    MANDATORY,
    RANDOM,
    ExamType,
    HoldToPlan,
    allocate,
    exam_type_for,
    fallback_yield,
)
from tradeguard.domain.pti import PTI

PORTS = ("2704", "1001", "3901")

holds_strategy = st.lists(
    st.tuples(
        st.sampled_from(PORTS),
        st.sampled_from((MANDATORY, DISCRETIONARY, DISCRETIONARY, RANDOM)),
        st.integers(min_value=0, max_value=50_000),
        st.sampled_from([c.hours for c in EXAM_COSTS.values()]),
    ),
    max_size=40,
).map(
    lambda rows: [
        HoldToPlan(i, port, lane, Decimal(y), hours)
        for i, (port, lane, y, hours) in enumerate(rows, start=1)
    ]
)
capacity_strategy = st.fixed_dictionaries(
    {p: st.integers(min_value=0, max_value=40).map(Decimal) for p in PORTS}
)


@settings(max_examples=300, deadline=None)
@given(holds_strategy, capacity_strategy)
def test_allocation_invariants(holds: list[HoldToPlan], capacity: dict[str, Decimal]) -> None:
    result = allocate(holds, capacity)
    by_id = {h.hold_id: h for h in holds}
    # mandatory and random-sample holds are always examined
    assert {h.hold_id for h in holds if h.lane != DISCRETIONARY} <= result.examined
    # every discretionary hold is either examined or missed, never both
    discretionary = {h.hold_id for h in holds if h.lane == DISCRETIONARY}
    assert result.examined & result.missed == set()
    assert (result.examined | result.missed) >= discretionary
    for port, plan in result.ports.items():
        examined = [by_id[i] for i in result.examined if by_id[i].port == port]
        missed = [by_id[i] for i in result.missed if by_id[i].port == port]
        used = sum((h.hours for h in examined), Decimal(0))
        assert plan.hours_used == used
        must = sum((h.hours for h in examined if h.lane != DISCRETIONARY), Decimal(0))
        # hours exceed capacity only by the holds that must be examined
        assert used <= max(plan.capacity_hours, must)
        assert plan.backlog_hours == max(Decimal(0), must - plan.capacity_hours)
        if must > plan.capacity_hours:
            assert plan.discretionary_examined == 0
        # no discretionary hold examined while a higher-yield one at the port is missed
        best_missed = max((h.expected_yield for h in missed), default=None)
        for h in examined:
            if h.lane == DISCRETIONARY and best_missed is not None:
                assert h.expected_yield >= best_missed
        assert plan.missed == len(missed)
        assert plan.missed_expected_yield == sum((h.expected_yield for h in missed), Decimal(0))


def test_a_port_without_capacity_examines_only_what_it_must() -> None:
    holds = [
        HoldToPlan(1, "2704", MANDATORY, Decimal(0), Decimal(4)),
        HoldToPlan(2, "2704", DISCRETIONARY, Decimal(900), Decimal(1)),
    ]
    plan = allocate(holds, {}).ports["2704"]
    assert (plan.mandatory, plan.discretionary_examined, plan.missed) == (1, 0, 1)
    assert plan.backlog_hours == Decimal(4)
    assert plan.missed_expected_yield == Decimal(900)


def test_highest_yield_first_and_stop_at_the_first_that_does_not_fit() -> None:
    holds = [
        HoldToPlan(1, "2704", DISCRETIONARY, Decimal(100), Decimal(4)),
        HoldToPlan(2, "2704", DISCRETIONARY, Decimal(500), Decimal(4)),
        HoldToPlan(3, "2704", DISCRETIONARY, Decimal(50), Decimal(1)),
    ]
    result = allocate(holds, {"2704": Decimal(5)})
    # hold 1 does not fit after hold 2; hold 3 would, but is worth less than the missed hold 1
    assert result.examined == {2}
    assert result.missed == {1, 3}


def test_exam_type_follows_stage_lane_and_suspicion() -> None:
    assert exam_type_for("discretionary", "post-entry", [PTI.IPR]) is ExamType.DOCUMENT_REVIEW
    assert exam_type_for("mandatory", "entry", [PTI.REVENUE]) is ExamType.PHYSICAL
    assert exam_type_for("discretionary", "entry", [PTI.IPR]) is ExamType.PHYSICAL
    assert exam_type_for("discretionary", "entry", [PTI.REVENUE]) is ExamType.NII


def test_fallback_yield_uses_the_highest_risk_rule() -> None:
    assert fallback_yield(Decimal("1000"), ["low", "high"]) == Decimal("200.00")
    assert fallback_yield(Decimal("1000"), []) == Decimal("0.00")


@settings(max_examples=200, deadline=None)
@given(holds_strategy, capacity_strategy, st.lists(st.booleans(), min_size=40, max_size=40))
def test_exploration_never_exceeds_capacity_and_changes_nothing_at_zero(
    holds: list[HoldToPlan], capacity: dict[str, Decimal], unseen: list[bool]
) -> None:
    marked = [
        HoldToPlan(h.hold_id, h.port, h.lane, h.expected_yield, h.hours, unseen[i])
        for i, h in enumerate(holds)
    ]
    plain, explored = allocate(holds, capacity), allocate(marked, capacity, Decimal("0.1"))
    assert allocate(marked, capacity).examined == plain.examined
    discretionary = {h.hold_id for h in holds if h.lane == DISCRETIONARY}
    assert (explored.examined | explored.missed) >= discretionary
    assert explored.examined & explored.missed == set()
    for port, plan in explored.ports.items():
        must = plain.ports[port].hours_used - sum(
            (h.hours for h in holds if h.port == port and h.hold_id in plain.examined
             and h.lane == DISCRETIONARY), Decimal(0)
        )  # fmt: skip
        assert plan.hours_used <= max(plan.capacity_hours, must)
        assert plan.explored <= plan.discretionary_examined


def test_exploration_gives_a_share_of_the_hours_to_never_examined_importers() -> None:
    # Ten known importers' holds outrank the never-examined one's; 10 hours, 1 hour each.
    holds = [HoldToPlan(i, "2704", DISCRETIONARY, Decimal(1000 - i), Decimal(1)) for i in range(12)]
    holds.append(HoldToPlan(99, "2704", DISCRETIONARY, Decimal(5), Decimal(1), unseen=True))
    exploit = allocate(holds, {"2704": Decimal(10)})
    assert 99 not in exploit.examined and exploit.ports["2704"].explored == 0
    explore = allocate(holds, {"2704": Decimal(10)}, Decimal("0.1"))
    plan = explore.ports["2704"]
    # 9 hours by yield, the tenth to the unseen importer's hold.
    assert 99 in explore.examined and plan.explored == 1 and plan.discretionary_examined == 10
    assert explore.examined - {99} == set(range(9))
