"""Lane precedence, trusted-trader release, and the vectorised lanes equal the pure function."""

from __future__ import annotations

import itertools
from datetime import date

import numpy as np
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.domain.rule import Lane, PublishedRule, Risk, Rule, decide_lane
from tradeguard.targeting.compiler import compile_rules
from tradeguard.targeting.lanes import _true_cells, decisions

M, H, MED, L = Risk.MANDATORY, Risk.HIGH, Risk.MEDIUM, Risk.LOW


@pytest.mark.parametrize(
    ("risks", "trusted", "sampled", "lane"),
    [
        ({M, L}, True, True, Lane.MANDATORY),
        ({M}, True, False, Lane.MANDATORY),  # trusted traders never get fewer mandatory exams
        ({H}, True, True, Lane.DISCRETIONARY),
        ({MED}, False, False, Lane.DISCRETIONARY),
        ({L}, False, False, Lane.DISCRETIONARY),
        ({L}, True, False, Lane.RELEASE),  # trusted, held only by a low rule: released
        ({L}, True, True, Lane.RANDOM),  # ... but still in the random sample
        ({L, MED}, True, False, Lane.DISCRETIONARY),
        (set(), False, True, Lane.RANDOM),
        (set(), False, False, Lane.RELEASE),
    ],
)
def test_lane_precedence(risks: set[Risk], trusted: bool, sampled: bool, lane: Lane) -> None:
    assert decide_lane(risks, trusted_trader=trusted, sampled=sampled) == lane


def test_trusted_low_release_can_be_switched_off() -> None:
    lane = decide_lane({L}, trusted_trader=True, sampled=False, release_trusted_low=False)
    assert lane == Lane.DISCRETIONARY


def _rule(rule_id: str, risk: Risk) -> PublishedRule:
    rule = Rule(
        id=rule_id,
        name=f"rule {rule_id}",
        rationale="a rationale the officer reads",
        pti="Revenue",
        risk=risk,
        stages=("entry",),
        where="value_usd > 0",
        owner="NTAG",
    )
    return PublishedRule(rule=rule, version=3)


@pytest.mark.parametrize("release_trusted_low", [True, False])
def test_vectorised_lanes_equal_the_pure_function(release_trusted_low: bool) -> None:
    compiled = compile_rules([_rule(f"R-T-{r.name}", r) for r in Risk], None)
    rows = []
    combos = list(itertools.product([False, True], repeat=len(compiled) + 3))
    for n, combo in enumerate(combos):
        *hits, ctpat, isa, sampled = combo
        row = {c.column: h for c, h in zip(compiled, hits, strict=True)}
        row.update(entry_no=f"E{n:04d}", ctpat=ctpat, isa=isa, sampled=sampled)
        row.update(entry_date=date(2026, 1, 1), port_code="2704", importer_id="I", center=None)
        row.update(value_usd=1.0, duty_usd=0.0)
        rows.append(row)
    frame = decisions(
        pl.DataFrame(rows), compiled, stage="entry", release_trusted_low=release_trusted_low
    )
    for row, decided in zip(rows, frame.iter_rows(named=True), strict=True):
        risks = {c.rule.risk for c in compiled if row[c.column]}
        expected = decide_lane(
            risks,
            trusted_trader=row["ctpat"] or row["isa"],
            sampled=row["sampled"],
            release_trusted_low=release_trusted_low,
        )
        assert decided["lane"] == expected.value, row
        assert decided["rule_ids"] == [c.rule.id for c in compiled if row[c.column]]
        assert decided["rule_versions"] == [c.published.ref for c in compiled if row[c.column]]
        assert all(v.endswith("@3") for v in decided["rule_versions"])


@given(st.integers(0, 40), st.integers(0, 70), st.floats(0, 1), st.integers(0, 2**32 - 1))
def test_true_cells_equal_nonzero(height: int, width: int, density: float, seed: int) -> None:
    matrix = np.random.default_rng(seed).random((height, width)) < density
    rows, cols = _true_cells(matrix)
    expected_rows, expected_cols = np.nonzero(matrix)
    assert rows.tolist() == expected_rows.tolist() and cols.tolist() == expected_cols.tolist()
