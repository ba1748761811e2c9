"""`model simulate`: replay a labelled dataset's test period with inspect-and-learn policies.

The KCS files are the one labelled public dataset we have; every row was inspected, so the
simulation can reveal to each policy exactly the labels it paid for (docs/model.md). The
exploration strategy is chosen on a validation split of the training file (its last quarter
replayed from a model on the rest), never on the test period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from tradeguard.domain.errors import InvalidInput
from tradeguard.risk import kcs
from tradeguard.risk.selection import Policy
from tradeguard.risk.simulation import (
    Dataset,
    Progress,
    SimulationConfig,
    SimulationResult,
    simulate,
)

KCS = Dataset(spec=kcs.KCS_SPEC, revenue_of=kcs.duty_at_stake, history_of=kcs.findings_of)
# The KCS training file is 2020: January to September train, October to December validate.
VALIDATION_FROM = date(2020, 10, 1)
# The bar for a hybrid: normalised precision at least this, and more frauds than exploit.
PRECISION_FLOOR = 0.85


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


def validate_kcs(
    train_file: Path,
    config: SimulationConfig,
    at: date = VALIDATION_FROM,
    progress: Progress | None = None,
) -> SimulationResult:
    """Replay the training file from `at` on, from a model trained on the rows before it."""
    lines = kcs.read_kcs(train_file)
    before = lines.filter(pl.col("entry_date") < at)
    after = lines.filter(pl.col("entry_date") >= at)
    if before.height == 0 or after.height == 0:
        raise InvalidInput(f"{train_file.name} has no rows on both sides of {at}", field="at")
    return simulate(before, after, KCS, config, progress)


@dataclass(frozen=True, slots=True)
class StrategyChoice:
    """The hybrid a validation run recommends, and whether it met the bar there."""

    policy: Policy
    hits: int
    exploit_hits: int
    norm_precision: float

    @property
    def beats_exploit(self) -> bool:
        return self.hits > self.exploit_hits

    @property
    def meets_floor(self) -> bool:
        return self.norm_precision >= PRECISION_FLOOR


def choose_hybrid(validation: SimulationResult) -> StrategyChoice:
    """The hybrid that found the most frauds on validation (ties: more revenue), preferring
    those at or above the precision floor; exploit's hits beside it."""
    hybrids = [p for p in validation.config.policies if p.name.startswith("HYBRID")]
    if not hybrids or Policy.EXPLOIT not in validation.config.policies:
        raise InvalidInput("validation needs exploit and at least one hybrid", field="policies")

    def rank(policy: Policy) -> tuple[bool, int, float]:
        row = validation.overall(policy)
        norm = row.hits / row.oracle_hits if row.oracle_hits else 0.0
        return norm >= PRECISION_FLOOR, row.hits, row.revenue

    best = max(hybrids, key=rank)
    row = validation.overall(best)
    return StrategyChoice(
        policy=best,
        hits=row.hits,
        exploit_hits=validation.overall(Policy.EXPLOIT).hits,
        norm_precision=row.hits / row.oracle_hits if row.oracle_hits else 0.0,
    )
