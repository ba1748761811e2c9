"""The generated year is consistent with FY2015 as GAO-17-618 reports it (docs/generator.md)."""

from __future__ import annotations

from decimal import Decimal

from tradeguard.domain.pti import PTI
from tradeguard.generator import generate, summary


def test_calibration_figures_on_a_modest_sample() -> None:
    figures = summary(generate(entries=20_000, seed=7))
    assert figures["entries"] == 20_000
    assert 2.0 <= figures["lines"] / figures["entries"] <= 3.5
    # $2.4 trillion over ~30 million entry summaries: about $80,000 per entry
    assert 40_000 <= figures["value_usd"] / figures["entries"] <= 160_000
    # $46 billion on $2.4 trillion: about 1.9%
    assert 0.010 <= figures["duty_to_value"] <= 0.030
    assert figures["duty_to_value"] == round(float(figures["duty_usd"] / figures["value_usd"]), 6)
    # trusted traders carry over half the value (report: over 50% in 2016)
    assert figures["trusted_value_share"] > 0.5
    assert 0.01 <= figures["violation_entry_rate"] <= 0.05
    assert set(figures["violations_by_pti"]) == {p.value for p in PTI}
    assert all(n > 0 for n in figures["violations_by_pti"].values())
    assert isinstance(figures["value_usd"], Decimal)
