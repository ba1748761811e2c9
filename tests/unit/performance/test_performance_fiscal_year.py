"""September 30 belongs to fiscal year N, October 1 to N+1, for every kind of fact."""

from __future__ import annotations

from datetime import date

import pytest

from tradeguard.domain.measures import (
    AuditFact,
    BondDemandFact,
    CaseFact,
    DecisionFact,
    Filters,
    FindingFact,
    HoldFact,
    PenaltyFact,
    PerformanceFacts,
    SeizureFact,
    compute,
)

LAST_DAY, FIRST_DAY = date(2026, 9, 30), date(2026, 10, 1)
PTI = "Revenue"


def facts_on(day: date) -> PerformanceFacts:
    return PerformanceFacts(
        as_of=date(2027, 6, 1),
        holds=(HoldFact("H1", "E1", "mandatory", day, finding_on=day),),
        findings=(FindingFact("E1", 1, day, True, "targeted", PTI),),
        decisions=(DecisionFact("E1", "mandatory", day, (PTI,)),),
        cases=(CaseFact(1, "duty_demand", PTI, "billed", day, demanded_cents=100),),
        seizures=(SeizureFact(2, PTI, day, "seized"),),
        penalties=(PenaltyFact(3, PTI, day, assessed_cents=100),),
        audits=(AuditFact(4, PTI, date(2026, 1, 1), completed_on=day),),
        bond_demands=(BondDemandFact(5, PTI, day, 100),),
    )


KEYS = [
    "exams.total",
    "findings.violations",
    "targeting.hit_rate_pct",
    "duties.demanded_usd",
    "seizures.count",
    "penalties.assessed_usd",
    "audits.completed",
    "bonds.demands",
]


@pytest.mark.parametrize("key", KEYS)
def test_september_30_counts_in_the_fiscal_year_it_ends(key: str) -> None:
    facts = facts_on(LAST_DAY)
    assert compute(key, facts, 2026, Filters()).value
    assert not compute(key, facts, 2027, Filters()).value


@pytest.mark.parametrize("key", KEYS)
def test_october_1_counts_in_the_next_fiscal_year(key: str) -> None:
    facts = facts_on(FIRST_DAY)
    assert not compute(key, facts, 2026, Filters()).value
    assert compute(key, facts, 2027, Filters()).value


def test_a_hit_rate_belongs_to_the_year_of_the_entry_not_of_the_finding() -> None:
    facts = PerformanceFacts(
        as_of=date(2027, 6, 1),
        findings=(FindingFact("E1", 1, FIRST_DAY, True, "targeted", PTI),),
        decisions=(DecisionFact("E1", "mandatory", LAST_DAY, (PTI,)),),
    )
    assert compute("targeting.hit_rate_pct", facts, 2026, Filters()).value == 100
    assert compute("targeting.hit_rate_pct", facts, 2027, Filters()).value is None
    # while the violation itself was found in FY2027
    assert compute("findings.violations", facts, 2027, Filters()).value == 1
