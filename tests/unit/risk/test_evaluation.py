"""Precision and recall at an inspection rate."""

from __future__ import annotations

import numpy as np
import pytest

from tradeguard.domain.errors import InvalidInput
from tradeguard.risk.evaluation import at_rates, parse_rates, random_selection


def test_precision_and_recall_count_the_top_of_the_ranking() -> None:
    scores = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0])
    labels = np.array([1, 0, 1, 0, 0, 0, 1, 0, 0, 0])
    first, second = at_rates(scores, labels, (0.2, 0.5))
    assert (first.n_inspected, first.precision, first.recall) == (2, 0.5, 1 / 3)
    assert (second.n_inspected, second.precision, second.recall) == (5, 0.4, 2 / 3)


def test_random_selection_is_about_the_base_rate_and_repeats_with_its_seed() -> None:
    labels = (np.random.default_rng(0).random(20_000) < 0.2).astype(int)
    a = random_selection(labels, (0.1,), seed=5)
    assert abs(a[0].precision - 0.2) < 0.03
    assert a == random_selection(labels, (0.1,), seed=5)


def test_rates_parse_and_bad_ones_name_the_field() -> None:
    assert parse_rates("0.01, 0.1") == (0.01, 0.1)
    for bad in ("x", "0", "1.5"):
        with pytest.raises(InvalidInput) as error:
            parse_rates(bad)
        assert error.value.field == "rate"
