"""Compliance measured on the random sample: rates, interval coverage, revenue gap."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from tradeguard.domain.compliance import SampleFinding, compliance_rates, revenue_gap
from tradeguard.domain.pti import PTI


def test_rates_per_pti_and_overall() -> None:
    sample = [
        SampleFinding(frozenset({PTI.REVENUE}), Decimal("100")),
        SampleFinding(frozenset({PTI.IPR}), Decimal("0")),
        SampleFinding(frozenset(), Decimal("0")),
        SampleFinding(frozenset(), Decimal("0")),
    ]
    overall, per_pti = compliance_rates(sample)
    assert (overall.violations, overall.examined, overall.rate) == (2, 4, 0.5)
    assert per_pti[PTI.REVENUE].rate == 0.25
    assert per_pti[PTI.AGRICULTURE].violations == 0
    lo, hi = overall.ci
    assert lo < 0.5 < hi


@pytest.mark.parametrize("true_rate", [0.03, 0.2])
def test_the_95_interval_covers_the_true_rate_about_95_times_in_100(true_rate: float) -> None:
    rng = random.Random(20170618)
    covered = 0
    for _ in range(400):
        sample = [
            SampleFinding(
                frozenset({PTI.REVENUE}) if rng.random() < true_rate else frozenset(), Decimal(0)
            )
            for _ in range(300)
        ]
        lo, hi = compliance_rates(sample)[0].ci
        covered += lo <= true_rate <= hi
    # binomial(400, 0.95) has sd ~4.4: 0.90..0.99 leaves > 4 sd of room on either side
    assert 0.90 <= covered / 400 <= 0.99


def test_revenue_gap_scales_the_mean_shortfall_to_all_entries() -> None:
    gap = revenue_gap([Decimal("0"), Decimal("0"), Decimal("30"), Decimal("10")], entries=1000)
    assert gap.estimate_usd == Decimal("10000.00")
    assert gap.ci_usd[0] <= gap.estimate_usd <= gap.ci_usd[1]
    assert revenue_gap([], entries=1000).estimate_usd == Decimal(0)
