"""`model simulate`: replay a labelled dataset's test period with inspect-and-learn policies.

The KCS files are the one labelled public dataset we have; every row was inspected, so the
simulation can reveal to each policy exactly the labels it paid for (docs/model.md).
"""

from __future__ import annotations

from pathlib import Path

from tradeguard.risk import kcs
from tradeguard.risk.simulation import (
    Dataset,
    Progress,
    SimulationConfig,
    SimulationResult,
    simulate,
)

KCS = Dataset(spec=kcs.KCS_SPEC, revenue_of=kcs.duty_at_stake, history_of=kcs.findings_of)


def simulate_kcs(
    train_file: Path,
    test_file: Path,
    config: SimulationConfig,
    progress: Progress | None = None,
) -> SimulationResult:
    """Train on --train (all labels known), then replay --test week by week."""
    train = kcs.read_kcs(train_file)
    test = kcs.read_kcs(test_file)
    return simulate(train, test, KCS, config, progress)
