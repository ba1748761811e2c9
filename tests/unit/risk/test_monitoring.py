"""Drift, calibration and held precision: the figures the monitor alerts on."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import polars as pl
import pytest

from tradeguard.risk import monitoring
from tradeguard.risk.monitoring import (
    calibration,
    expected_calibration_error,
    held_precision,
    psi,
    weekly_psi,
)


def test_psi_is_near_zero_for_the_same_population_and_high_for_a_shifted_one() -> None:
    rng = np.random.default_rng(0)
    reference = rng.beta(2, 8, 5000)
    assert psi(reference, rng.beta(2, 8, 5000)) < monitoring.PSI_WATCH
    assert psi(reference, rng.beta(5, 5, 5000)) > monitoring.PSI_ALERT


def test_psi_survives_tied_scores_and_empty_bins() -> None:
    reference = np.array([0.1] * 900 + [0.9] * 100)
    value = psi(reference, np.array([0.9] * 1000))
    assert np.isfinite(value) and value > monitoring.PSI_ALERT


def test_weekly_psi_groups_by_monday_weeks() -> None:
    rng = np.random.default_rng(1)
    days = [date(2026, 3, 2) + timedelta(days=int(d)) for d in rng.integers(0, 14, 400)]
    scores = pl.DataFrame({"entry_date": days, "risk_score": rng.random(400)})
    weeks = weekly_psi(scores, rng.random(1000))
    assert [w.week for w in weeks] == [date(2026, 3, 2), date(2026, 3, 9)]
    assert sum(w.entries for w in weeks) == 400
    assert all(w.state == "stable" for w in weeks)


def test_calibration_of_a_true_probability_is_close_and_of_a_doubled_one_is_not() -> None:
    rng = np.random.default_rng(2)
    p = rng.beta(1, 6, 20_000)
    observed = (rng.random(p.size) < p).astype(float)
    good = calibration(p, observed)
    assert len(good) == 10 and sum(d.entries for d in good) == p.size
    assert expected_calibration_error(good) < 0.01
    bad = calibration(np.minimum(1, 2 * p + 0.1), observed)
    assert expected_calibration_error(bad) > monitoring.ECE_ALERT


def test_held_precision_counts_entries_of_targeted_findings_by_week() -> None:
    findings = pl.DataFrame(
        {
            "entry_no": ["A", "A", "B", "C", "D"],
            "finding_date": [date(2026, 3, 3)] * 3 + [date(2026, 3, 10)] * 2,
            "violation": [False, True, False, True, True],
            "source": ["targeted", "targeted", "targeted", "targeted", "random"],
        }
    )
    weeks = held_precision(findings)
    assert [(w.week, w.examined, w.violations) for w in weeks] == [
        (date(2026, 3, 2), 2, 1),
        (date(2026, 3, 9), 1, 1),
    ]
    assert weeks[0].precision == pytest.approx(0.5)
