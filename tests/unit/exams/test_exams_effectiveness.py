"""Hit rates, their Wilson interval, lift, and exemption after clean findings in a row."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.domain.effectiveness import (
    RuleTally,
    clean_streak,
    earns_exemption,
    lift,
    wilson_interval,
)


def test_wilson_interval_matches_the_textbook_value() -> None:
    # 8 of 10: Wilson 95% interval is about (0.490, 0.943)
    lo, hi = wilson_interval(8, 10)
    assert lo == pytest.approx(0.4902, abs=1e-4)
    assert hi == pytest.approx(0.9433, abs=1e-4)


def test_wilson_interval_stays_inside_zero_one_at_the_edges() -> None:
    assert wilson_interval(0, 5)[0] == 0.0
    assert wilson_interval(5, 5)[1] == 1.0
    assert wilson_interval(0, 0) == (0.0, 1.0)


@given(st.integers(min_value=1, max_value=5000), st.data())
def test_wilson_interval_contains_the_observed_rate(trials: int, data: st.DataObject) -> None:
    successes = data.draw(st.integers(min_value=0, max_value=trials))
    lo, hi = wilson_interval(successes, trials)
    assert 0.0 <= lo <= successes / trials <= hi <= 1.0


def test_hand_made_rule_tally_and_lift() -> None:
    # 12 holds, 10 examined, 4 violations; random exams for the PTI find violations 5% of the time
    tally = RuleTally(holds=12, findings=10, violations=4)
    assert tally.hit_rate == pytest.approx(0.4)
    assert lift(tally.hit_rate, 0.05) == pytest.approx(8.0)
    assert lift(tally.hit_rate, 0.0) is None
    assert lift(None, 0.05) is None
    assert RuleTally(holds=3, findings=0, violations=0).hit_rate is None


def test_exemption_needs_k_clean_findings_in_a_row() -> None:
    history = [True, False, False]  # True = violation, oldest first
    assert clean_streak(history) == 2
    assert not earns_exemption(history, 3)
    assert earns_exemption([*history, False], 3)
    assert not earns_exemption([False, False, False, True], 3)
    with pytest.raises(ValueError):
        earns_exemption([], 0)
