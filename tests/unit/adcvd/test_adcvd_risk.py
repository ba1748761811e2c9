"""Nonpayment risk: the analysis, the learnt weights, the score and its reasons, and entry-time
facts that never look past the entry day."""

from __future__ import annotations

from datetime import date, timedelta

from tradeguard.domain.adcvd import EntryDeposit
from tradeguard.domain.adcvd.history import BillFact, ReviewFact, entry_factors
from tradeguard.domain.adcvd.risk import (
    Factor,
    Outcome,
    analyse,
    learn_weights,
    precision_at,
    score,
)  # fmt: skip

NEW, SHORT = Factor.NEW_IMPORTER, Factor.BOND_SHORT


def outcomes() -> list[Outcome]:
    """Ten bills: new importers leave 3 of 4 unpaid (big), others 1 of 6 (small)."""
    rows = [Outcome(frozenset({NEW}), True, 100_000_00) for _ in range(3)]
    rows.append(Outcome(frozenset({NEW}), False, 0))
    rows.append(Outcome(frozenset({SHORT}), True, 1_000_00))
    rows += [Outcome(frozenset({SHORT}) if i % 2 else frozenset(), False, 0) for i in range(5)]
    return rows


def test_likelihood_times_significance_ranks_the_new_importer_first() -> None:
    base, factors = analyse(outcomes())
    assert base == 0.4
    first = factors[0]
    assert first.factor is NEW and first.likelihood == 0.75 and first.lift == 0.75 / 0.4
    assert round(first.significance, 4) == round(300_000_00 / 301_000_00, 4)
    assert first.risk == 6 and first.level == "high"  # lift 1.9: medium; dollars: high
    short = next(f for f in factors if f.factor is SHORT)
    assert short.risk < first.risk


def test_weights_raise_the_score_of_the_risky_factor_and_say_why() -> None:
    weights = learn_weights(outcomes())
    assert weights.by_factor[NEW] > 0 > weights.by_factor[SHORT]
    assert Factor.LARGE_INCREASE not in weights.by_factor  # not known at entry
    risky = score(frozenset({NEW, SHORT}), weights)
    plain = score(frozenset(), weights)
    assert risky.probability > plain.probability
    assert [f for f, _ in risky.reasons] == [NEW]


def test_precision_at_the_top_decile() -> None:
    ranked = [True, False] + [False] * 18
    assert precision_at(ranked, 0.10) == 0.5
    assert precision_at([], 0.1) == 0.0


def line(entry: str, day: date, importer: str = "IMP1", bond: int = 100_00) -> EntryDeposit:
    return EntryDeposit(entry, 1, day, importer, "A-570-967", 10_000_00, 1_200_000,
                        "continuous", bond)  # fmt: skip


def test_entry_facts_use_only_what_was_known_on_the_entry_day() -> None:
    start = date(2020, 1, 1)
    lines = [
        line("OLD00000001", start, "IMP0", bond=10**9),
        line("NEW00000001", start + timedelta(days=400)),
        line("NEW00000002", start + timedelta(days=500)),
        line("NEW00000003", start + timedelta(days=900)),
    ]
    bills = [BillFact("IMP1", start + timedelta(days=450), None)]
    reviews = [ReviewFact("A-570-967", start + timedelta(days=480), True)]
    found = entry_factors(lines, {}, bills, reviews)
    old = found[("OLD00000001", 1)]
    first = found[("NEW00000001", 1)]
    second = found[("NEW00000002", 1)]
    third = found[("NEW00000003", 1)]
    assert NEW not in old and SHORT not in old  # the warm-up year, and a big bond
    assert NEW in first and Factor.UNPAID_HISTORY not in first and Factor.RATE_ROSE not in first
    assert Factor.UNPAID_HISTORY in second and Factor.RATE_ROSE in second and SHORT in second
    assert NEW not in third  # first seen over a year before
    assert Factor.HIGH_DEPOSIT_RATE in first and Factor.SINGLE_BOND not in first
