"""History features see only findings dated strictly before the line's entry date."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from tradeguard.risk.features import FeatureSpec, build_features, fit_state

SPEC = FeatureSpec(
    categorical=("importer_id",),
    numeric=("value",),
    history_keys=("importer_id",),
    hts_col="hts6",
)
DAY = date(2026, 3, 1)


def _lines() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "entry_date": [DAY, DAY + timedelta(days=10)],
            "importer_id": ["A", "A"],
            "hts6": ["950300", "950300"],
            "origin_country": ["CN", "CN"],
            "value": [100.0, 200.0],
            "quantity": [10.0, 10.0],
        }
    )


def _history(days: list[int], violations: list[bool]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "importer_id": ["A"] * len(days),
            "finding_date": [DAY + timedelta(days=d) for d in days],
            "violation": violations,
        },
        schema={"importer_id": pl.String, "finding_date": pl.Date, "violation": pl.Boolean},
    )


@settings(max_examples=40, deadline=None)
@given(
    past=st.lists(st.tuples(st.integers(-60, -1), st.booleans()), max_size=8),
    future=st.lists(st.tuples(st.integers(0, 60), st.booleans()), min_size=1, max_size=8),
)
def test_findings_on_or_after_the_entry_date_never_change_its_features(
    past: list[tuple[int, bool]], future: list[tuple[int, bool]]
) -> None:
    lines = _lines().head(1)
    before = _history([d for d, _ in past], [v for _, v in past])
    both = pl.concat([before, _history([d for d, _ in future], [v for _, v in future])])
    state = fit_state(lines, before, SPEC)
    assert build_features(lines, before, SPEC, state).equals(
        build_features(lines, both, SPEC, state)
    )


def test_a_past_violation_raises_the_importers_rate_and_count() -> None:
    lines = _lines()
    history = _history([-3, 5], [True, True])
    state = fit_state(lines, _history([], []), SPEC)
    feats = build_features(lines, history, SPEC, state)
    # First line: one finding before it; second line: both.
    assert feats["importer_id_past_findings"].to_list() == [1.0, 2.0]
    rates = feats["importer_id_past_rate"].to_list()
    assert 0 < rates[0] < rates[1] < 1


def test_same_day_findings_are_not_history() -> None:
    lines = _lines().head(1)
    state = fit_state(lines, _history([], []), SPEC)
    feats = build_features(lines, _history([0], [True]), SPEC, state)
    assert feats["importer_id_past_findings"].to_list() == [0.0]


def test_unit_value_is_compared_with_the_training_median() -> None:
    lines = _lines()
    state = fit_state(lines, _history([], []), SPEC)
    feats = build_features(lines, _history([], []), SPEC, state)
    # unit values 10 and 20, median 15.
    assert feats["unit_value_vs_median"].to_list() == [10 / 15, 20 / 15]


def test_first_seen_age_counts_days_since_the_importers_first_entry() -> None:
    lines = _lines()
    state = fit_state(lines, _history([], []), SPEC)
    feats = build_features(lines, _history([], []), SPEC, state)
    assert feats["first_seen_days"].to_list() == [0.0, 10.0]


def test_unseen_categories_become_missing_not_an_error() -> None:
    lines = _lines()
    state = fit_state(lines, _history([], []), SPEC)
    other = lines.with_columns(pl.lit("NEW").alias("importer_id"))
    feats = build_features(other, _history([], []), SPEC, state)
    assert feats["importer_id"].null_count() == 2


def test_a_zero_median_gives_a_missing_ratio_not_infinity() -> None:
    lines = _lines().with_columns(pl.lit(0.0).alias("value"))
    state = fit_state(lines, _history([], []), SPEC)
    feats = build_features(
        lines.with_columns(pl.lit(5.0).alias("value")), _history([], []), SPEC, state
    )
    assert feats["unit_value_vs_median"].to_list() == [None, None]
