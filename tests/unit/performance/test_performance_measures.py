"""Every catalogue measure on one small hand-made year with answers worked out by hand.

The year (FY2026): port 2704 / Center "Electronics" and port 1001 / Center "Apparel".
- Decisions: E1 (AD/CVD rule hit, 2704), E2 (IPR rule hit, 1001), E3 (AD/CVD hit, 2704),
  R1..R4 random sample (R1-R2 at 2704, R3-R4 at 1001).
- Holds: E1 mandatory, E2 and E3 discretionary, R1..R4 random; all held 2026-03-01.
  Findings 2 days later except E3 (9 days later) and R4 (none yet).
- Findings: E1 line 1 AD/CVD violation, line 2 clean; E2 IPR violation; E3 clean;
  R1 Revenue violation; R2, R3 clean. So targeted 2 of 3 entries violate, random 1 of 3.
- Cases: seizure (IPR, $1,234.56 domestic value, E2, with FDA; one more in FY2025), penalty
  (IPR, assessed 1000, mitigated 400, collected 600, operation "Mega Flex"), duty demand
  (AD/CVD, demanded 500, collected 200, E1), audits completed in FY2026: a Revenue focused
  assessment (report issued 2026-05-01, identified 900, collected 300), a Revenue quick response
  audit, an AD/CVD survey and an AD/CVD nonaudit service (another quick response audit completes
  in FY2027), two EAPA investigations (one determined on time, one late), bond demand (AD/CVD,
  $50,000, E3), a denied entry (Import Safety, E3, operation "Safe Harbor") and an IPR referral
  in operation "Safe Harbor": two distinct operations.
- Importers removed from rules: two from AD/CVD rules in FY2026 (one later put back), one from
  an IPR rule in FY2025.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tradeguard.domain.measures import (
    CATALOGUE,
    AuditFact,
    BondDemandFact,
    CaseFact,
    DecisionFact,
    EapaFact,
    Filters,
    FindingFact,
    HoldFact,
    PenaltyFact,
    PerformanceFacts,
    RemovalFact,
    SeizureFact,
    compute,
)
from tradeguard.domain.measures.facts import ReviewFact

AD, IPR, REV, SAFETY = (
    "Antidumping and Countervailing Duties",
    "Intellectual Property Rights",
    "Revenue",
    "Import Safety",
)
DAY = date(2026, 3, 1)
LATER = date(2026, 3, 3)


def decision(entry: str, lane: str, port: str, hits: tuple[str, ...] = ()) -> DecisionFact:
    center = "Electronics" if port == "2704" else "Apparel"
    return DecisionFact(entry, lane, DAY, hits, lane == "random", port, center)


def hold(entry: str, lane: str, found: date | None = LATER) -> HoldFact:
    return HoldFact(f"H-{entry}", entry, lane, DAY, finding_on=found)


def finding(entry: str, violation: bool, source: str, pti: str | None = None, line: int = 1):  # type: ignore[no-untyped-def]
    return FindingFact(entry, line, LATER, violation, source, pti)


FACTS = PerformanceFacts(
    as_of=date(2026, 11, 1),
    overdue_days=5,
    reviews=(
        ReviewFact(
            "Electronics",
            "IMP9",
            date(2026, 1, 5),
            "closed",
            date(2026, 2, 1),
            "clean",
            duty_found_cents=5_000,
            account=True,
        ),
        ReviewFact(
            "Electronics",
            "IMP8",
            date(2025, 10, 5),
            "closed",
            date(2026, 9, 1),
            "violation",
            duty_found_cents=10_000,
            foregone_cents=10_000,
        ),
        ReviewFact("Machinery", "IMP8", date(2026, 3, 5), "missed"),
    ),  # fmt: skip
    decisions=(
        decision("E1", "mandatory", "2704", (AD,)),
        decision("E2", "discretionary", "1001", (IPR,)),
        decision("E3", "discretionary", "2704", (AD,)),
        decision("R1", "random", "2704"),
        decision("R2", "random", "2704"),
        decision("R3", "random", "1001"),
        decision("R4", "random", "1001"),
    ),
    holds=(
        hold("E1", "mandatory"),
        hold("E2", "discretionary"),
        hold("E3", "discretionary", date(2026, 3, 10)),
        hold("R1", "random"),
        hold("R2", "random"),
        hold("R3", "random"),
        hold("R4", "random", None),
    ),
    findings=(
        finding("E1", True, "targeted", AD),
        finding("E1", False, "targeted", line=2),
        finding("E2", True, "targeted", IPR),
        finding("E3", False, "targeted"),
        finding("R1", True, "random", REV),
        finding("R2", False, "random"),
        finding("R3", False, "random"),
    ),
    cases=(
        CaseFact(1, "duty_demand", AD, "billed", DAY, None, "E1", 50_000, collected_cents=20_000),
        CaseFact(2, "penalty", IPR, "mitigated", DAY, entry_no="E2", operation="Mega Flex"),
        CaseFact(
            10, "denied_entry", SAFETY, "exported", DAY, entry_no="E3", operation="Safe Harbor"
        ),
        CaseFact(11, "referral", IPR, "referred", DAY, entry_no="E2", operation="Safe Harbor"),
    ),
    seizures=(
        SeizureFact(3, IPR, DAY, "noticed", 123_456, "E2", partner_agency="FDA"),
        SeizureFact(12, IPR, date(2025, 9, 30), "sold", 100, "E2", partner_agency="CPSC"),
    ),
    penalties=(PenaltyFact(2, IPR, DAY, 100_000, 40_000, 60_000, "E2"),),
    audits=(
        AuditFact(
            4,
            REV,
            date(2025, 8, 1),
            date(2026, 5, 1),
            90_000,
            30_000,
            audit_type="focused_assessment",
        ),
        AuditFact(5, REV, DAY, None, audit_type="survey"),
        AuditFact(13, REV, DAY, date(2026, 6, 1), audit_type="quick_response_audit"),
        AuditFact(14, AD, DAY, date(2026, 4, 1), audit_type="survey"),
        AuditFact(15, AD, DAY, date(2026, 4, 2), audit_type="nonaudit_service"),
        AuditFact(16, AD, DAY, date(2026, 10, 1), audit_type="quick_response_audit"),
    ),  # fmt: skip
    eapa=(
        EapaFact(6, AD, date(2025, 6, 1), due_on=date(2026, 3, 28), determined_on=date(2026, 3, 1)),
        EapaFact(7, AD, date(2025, 7, 1), due_on=date(2026, 4, 27), determined_on=date(2026, 5, 1)),
        # falls due in FY2027: not counted in FY2026
        EapaFact(8, AD, date(2026, 1, 5), due_on=date(2026, 11, 1)),
    ),
    bond_demands=(BondDemandFact(9, AD, DAY, 5_000_000, "E3"),),
    removals=(
        RemovalFact("AD-1", "IMP1", date(2026, 2, 1), AD),
        RemovalFact("AD-1", "IMP2", date(2026, 5, 1), AD, reversed_on=date(2026, 6, 1)),
        RemovalFact("IPR-1", "IMP3", date(2025, 9, 30), IPR),
    ),
)

ALL, AD_ONLY, IPR_ONLY = Filters(), Filters(pti=AD), Filters(pti=IPR)
PORT_2704, APPAREL = Filters(port="2704"), Filters(center="Apparel")

# (catalogue key, filters, expected value)
CASES = [
    ("exams.total", ALL, "7"),
    ("exams.total", PORT_2704, "4"),
    ("exams.total", AD_ONLY, "2"),
    ("exams.mandatory", ALL, "1"),
    ("exams.discretionary", ALL, "2"),
    ("exams.random", ALL, "4"),
    ("exams.random", APPAREL, "2"),
    ("holds.with_finding_pct", ALL, "85.71"),  # 6 of 7
    ("holds.with_finding_pct", AD_ONLY, "100.00"),
    ("holds.overdue", ALL, "2"),  # E3 found after 9 days; R4 still open
    ("holds.days_to_finding", ALL, "2"),  # median of 2,2,9,2,2,2
    ("holds.days_to_finding", AD_ONLY, "5.5"),  # median of 2 and 9
    ("findings.violations", ALL, "3"),
    ("findings.violations", IPR_ONLY, "1"),
    ("findings.violations", PORT_2704, "2"),
    ("targeting.hit_rate_pct", ALL, "66.67"),  # E1, E2 of E1, E2, E3
    ("targeting.hit_rate_pct", AD_ONLY, "50.00"),  # E1 of E1, E3
    ("targeting.lift_over_random", ALL, "2.00"),  # (2/3) / (1/3)
    ("compliance.rate_pct", ALL, "66.67"),  # R2, R3 of R1..R3
    ("compliance.rate_pct", AD_ONLY, "100.00"),  # no AD/CVD violation in the sample
    ("seizures.count", ALL, "1"),
    ("seizures.count", PORT_2704, "0"),
    ("seizures.domestic_value_usd", IPR_ONLY, "1234.56"),
    ("seizures.with_partner_agency", ALL, "1"),  # the CPSC one was in FY2025
    ("seizures.with_partner_agency", PORT_2704, "0"),
    ("penalties.count", ALL, "1"),
    ("penalties.count", AD_ONLY, "0"),
    ("admissibility.denied_entries", ALL, "1"),
    ("admissibility.denied_entries", PORT_2704, "1"),
    ("admissibility.denied_entries", APPAREL, "0"),
    ("operations.enforcement_count", ALL, "2"),
    ("operations.enforcement_count", IPR_ONLY, "2"),
    ("operations.enforcement_count", Filters(pti=SAFETY), "1"),
    ("targeting.importers_removed", ALL, "2"),
    ("targeting.importers_removed", IPR_ONLY, "0"),
    ("penalties.assessed_usd", ALL, "1000.00"),
    ("penalties.mitigated_usd", ALL, "400.00"),
    ("penalties.collected_usd", IPR_ONLY, "600.00"),
    ("penalties.collected_usd", AD_ONLY, "0.00"),
    ("duties.demanded_usd", ALL, "500.00"),
    ("duties.collected_usd", AD_ONLY, "200.00"),
    ("audits.completed", ALL, "4"),
    ("audits.completed", AD_ONLY, "2"),
    ("audits.focused_assessments", ALL, "1"),
    ("audits.quick_response", ALL, "1"),  # the AD/CVD one completes in FY2027
    ("audits.surveys", ALL, "1"),  # the Revenue survey has no report yet
    ("audits.surveys", Filters(pti=REV), "0"),
    ("audits.nonaudit_services", AD_ONLY, "1"),
    ("audits.revenue_identified_usd", Filters(pti=REV), "900.00"),
    ("audits.revenue_collected_usd", ALL, "300.00"),
    ("eapa.on_time_pct", ALL, "50.00"),
    ("bonds.demands", AD_ONLY, "1"),
    ("bonds.demanded_usd", PORT_2704, "50000.00"),
    ("bonds.demanded_usd", APPAREL, "0.00"),
    # the Centers' reviews (two closed in FY2026, one of them after liquidation; one missed)
    ("reviews.done", ALL, "2"),
    ("reviews.missed", ALL, "1"),
    ("reviews.duty_found_usd", ALL, "150.00"),
    ("reviews.closed_after_liquidation", ALL, "1"),
    ("reviews.duty_foregone_usd", ALL, "100.00"),
    ("accounts.compliance_pct", ALL, "100.00"),
]


@pytest.mark.parametrize(("key", "filters", "expected"), CASES)
def test_measure_on_the_hand_made_year(key: str, filters: Filters, expected: str) -> None:
    assert compute(key, FACTS, 2026, filters).value == Decimal(expected)


def test_every_catalogue_measure_has_a_known_answer_here() -> None:
    assert {key for key, _, _ in CASES} == set(CATALOGUE)


def test_compliance_rate_comes_with_its_95_percent_interval() -> None:
    result = compute("compliance.rate_pct", FACTS, 2026, ALL)
    assert result.interval is not None
    low, high = result.interval
    # Wilson interval for 2 of 3: 20.77% to 93.85%
    assert (low, high) == (Decimal("20.77"), Decimal("93.85"))
    assert low < result.value < high  # type: ignore[operator]


def test_nothing_measured_is_none_not_zero() -> None:
    empty = PerformanceFacts(as_of=date(2026, 11, 1))
    for key in (
        "targeting.hit_rate_pct",
        "compliance.rate_pct",
        "holds.days_to_finding",
        "targeting.lift_over_random",
        "eapa.on_time_pct",
        "holds.with_finding_pct",
    ):
        assert compute(key, empty, 2026, ALL).value is None, key
    assert compute("exams.total", empty, 2026, ALL).value == 0


def test_a_finding_after_the_snapshot_does_not_count_yet() -> None:
    early = PerformanceFacts(as_of=date(2026, 3, 2), holds=FACTS.holds, decisions=FACTS.decisions)
    assert compute("holds.with_finding_pct", early, 2026, ALL).value == Decimal("0.00")


def test_port_filter_on_an_entry_the_system_never_decided_excludes_it() -> None:
    facts = PerformanceFacts(
        as_of=DAY, seizures=(SeizureFact(1, IPR, DAY, "seized", 100, "UNKNOWN"),)
    )
    assert compute("seizures.count", facts, 2026, Filters(port="2704")).value == 0
    assert compute("seizures.count", facts, 2026, ALL).value == 1


def test_the_latest_fiscal_year_with_data_is_that_of_the_latest_entry() -> None:
    assert FACTS.latest_fiscal_year() == 2026  # as of FY2027, but the entries are FY2026
    cases_only = PerformanceFacts(as_of=date(2027, 3, 1), cases=FACTS.cases[:1])
    assert cases_only.latest_fiscal_year() == 2026
    assert PerformanceFacts(as_of=date(2026, 10, 1)).latest_fiscal_year() == 2027
    after = HoldFact("H-F", "F1", "random", date(2026, 10, 2))  # entered after the snapshot
    future = PerformanceFacts(as_of=date(2026, 9, 15), holds=(after, hold("E1", "mandatory")))
    assert future.latest_fiscal_year() == 2026
