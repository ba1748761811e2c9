"""The demo's case outcomes: legal moves, dated in order within bounds, money in integer cents,
never more collected than assessed, and the same outcome for the same seed."""

from __future__ import annotations

import random
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tradeguard.domain.cases import CaseKind, machine_for
from tradeguard.domain.cases.business_days import business_days_between
from tradeguard.domain.cases.eapa import DETERMINATION_DAYS, INITIATE_BUSINESS_DAYS
from tradeguard.domain.cases.seizure import PETITION_DAYS
from tradeguard.generator.case_outcomes import BRANCHES, CaseSketch, PlannedMove, draw_moves

AS_OF = date(2026, 11, 29)
OPENED = date(2025, 10, 1)
SUBTYPES = {CaseKind.AUDIT: ["focused_assessment", "quick_response_audit", "survey",
                             "nonaudit_service"], CaseKind.PENALTY: ["1592", "1526"]}  # fmt: skip


@st.composite
def sketches(draw: st.DrawFn) -> CaseSketch:
    kind = draw(st.sampled_from(sorted(BRANCHES)))
    return CaseSketch(
        kind=kind,
        state=machine_for(kind).initial,
        opened_on=OPENED + timedelta(days=draw(st.integers(0, 364))),
        demanded_cents=draw(st.integers(0, 10**10)),
        subtype=draw(st.sampled_from(SUBTYPES.get(kind, [None]))),
        violation_type=draw(st.sampled_from(["counterfeit", "unsafe", "misclassification"])),
        basis_cents=draw(st.integers(0, 10**9)),
    )


def _walk(case: CaseSketch, moves: list[PlannedMove]) -> None:
    machine = machine_for(case.kind)
    state, day = case.state, case.opened_on
    for move in moves:
        machine.check_move(state, move.to)  # raises on an illegal move
        assert day <= move.on <= AS_OF
        assert move.amount_cents is None or isinstance(move.amount_cents, int)
        assert move.amount_cents is None or move.amount_cents >= 0
        state, day = move.to, move.on


def _money(case: CaseSketch, moves: list[PlannedMove]) -> dict[str, int]:
    fields = machine_for(case.kind).amount_on_entry
    out: dict[str, int] = {}
    for move in moves:
        if move.to in fields and move.amount_cents is not None:
            out[fields[move.to]] = move.amount_cents
    return out


@settings(max_examples=400, deadline=None)
@given(case=sketches(), seed=st.integers(0, 2**32))
def test_moves_are_legal_dated_in_order_and_priced_in_cents(case: CaseSketch, seed: int) -> None:
    moves = draw_moves(case, random.Random(seed), AS_OF)
    assert moves == draw_moves(case, random.Random(seed), AS_OF)  # deterministic by seed
    _walk(case, moves)
    money = _money(case, moves)
    if case.kind is CaseKind.PENALTY:
        assessed = money.get("assessed", 0)
        assert money.get("collected", 0) <= assessed <= case.demanded_cents
        assert money.get("mitigated", 0) <= assessed
    if case.kind is CaseKind.AUDIT:
        assert money.get("collected", 0) <= money.get("identified", 0)


def _case(kind: CaseKind, **fields: object) -> CaseSketch:
    base = {"state": machine_for(kind).initial, "opened_on": OPENED}
    return CaseSketch(kind=kind, **{**base, **fields})  # type: ignore[arg-type]


def test_a_seizure_is_forfeited_only_after_the_petition_window() -> None:
    case = _case(CaseKind.SEIZURE, violation_type="counterfeit", basis_cents=500_000)
    for seed in range(300):
        moves = {m.to: m.on for m in draw_moves(case, random.Random(seed), AS_OF)}
        if "forfeited" in moves and "petitioned" not in moves:
            assert moves["forfeited"] > moves["noticed"] + timedelta(days=PETITION_DAYS)
        if "petitioned" in moves:
            assert moves["petitioned"] <= moves["noticed"] + timedelta(days=PETITION_DAYS)


def test_an_eapa_investigation_keeps_its_statutory_clocks() -> None:
    case = _case(CaseKind.EAPA)
    for seed in range(300):
        moves = {m.to: m.on for m in draw_moves(case, random.Random(seed), AS_OF)}
        if "initiated" in moves:
            assert business_days_between(OPENED, moves["initiated"]) <= INITIATE_BUSINESS_DAYS
            for determined in ("evasion_found", "no_evasion"):
                if determined in moves:
                    days = (moves[determined] - moves["initiated"]).days
                    assert days <= DETERMINATION_DAYS


def test_nothing_happens_after_the_day_it_is_drawn_for() -> None:
    late = _case(CaseKind.PENALTY, opened_on=AS_OF - timedelta(days=3), demanded_cents=10_000)
    assert draw_moves(late, random.Random(1), AS_OF) in ([], [PlannedMove("cancelled", AS_OF)])


def test_many_penalties_collect_a_small_share_of_what_they_assess() -> None:
    """GAO-17-618: $3.5M collected of $237M assessed in FY2015 (1.5%); the demo's shares keep
    the year's ratio within a factor of three of it."""
    assessed = collected = 0
    for n in range(3000):
        rng = random.Random(n)
        opened = OPENED + timedelta(days=rng.randint(0, 364))
        case = _case(CaseKind.PENALTY, opened_on=opened, demanded_cents=rng.randint(10**4, 10**8))
        money = _money(case, draw_moves(case, rng, AS_OF))
        assessed += money.get("assessed", 0)
        collected += money.get("collected", 0)
    assert 0.005 < collected / assessed < 0.045
