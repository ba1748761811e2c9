"""The measure catalogue: every definition a plan may name, with its unit, its natural direction
and where its data comes from. Plans refer to measures by these keys; a key not listed here is a
lint finding, never a crash.
"""

from __future__ import annotations

from dataclasses import dataclass

from tradeguard.domain.measures import enforcement as e
from tradeguard.domain.measures import exams as x
from tradeguard.domain.measures.enforcement import Compute
from tradeguard.domain.measures.facts import Filters, PerformanceFacts
from tradeguard.domain.measures.value import MeasureValue

HOLDS, FINDINGS, CASES = "holds (exams store)", "findings (exams store)", "cases store"


@dataclass(frozen=True, slots=True)
class Definition:
    key: str
    compute: Compute
    unit: str  # count | percent | USD | days | ratio
    direction: str  # higher | lower: which way is better, unless the plan says otherwise
    title: str
    source: str
    # whether the port and Center filters apply (audits and EAPA concern importers, not entries)
    placed: bool = True


def _d(key: str, compute: Compute, unit: str, direction: str, title: str, source: str,
       placed: bool = True) -> Definition:  # fmt: skip
    return Definition(key, compute, unit, direction, title, source, placed)


CATALOGUE: dict[str, Definition] = {
    d.key: d
    for d in (
        _d("exams.total", x.exams_in_lane(None), "count", "higher", "Exams, all lanes", HOLDS),
        _d(
            "exams.mandatory",
            x.exams_in_lane("mandatory"),
            "count",
            "higher",
            "Exams in the mandatory lane",
            HOLDS,
        ),
        _d(
            "exams.discretionary",
            x.exams_in_lane("discretionary"),
            "count",
            "higher",
            "Exams in the discretionary lane",
            HOLDS,
        ),
        _d(
            "exams.random",
            x.exams_in_lane("random"),
            "count",
            "higher",
            "Exams of the random compliance sample",
            HOLDS,
        ),
        _d(
            "holds.with_finding_pct",
            x.holds_with_finding,
            "percent",
            "higher",
            "Holds with a finding recorded",
            HOLDS,
        ),
        _d("holds.overdue", x.overdue_holds, "count", "lower", "Overdue holds", HOLDS),
        _d(
            "holds.days_to_finding",
            x.days_hold_to_finding,
            "days",
            "lower",
            "Median days from hold to finding",
            HOLDS,
        ),
        _d(
            "findings.violations",
            x.violations_found,
            "count",
            "higher",
            "Violations found (entry lines)",
            FINDINGS,
        ),
        _d(
            "targeting.hit_rate_pct",
            x.rule_hit_rate,
            "percent",
            "higher",
            "Rule hit rate (targeted entries in violation)",
            f"{FINDINGS}, decisions",
        ),
        _d(
            "targeting.lift_over_random",
            x.lift_over_random,
            "ratio",
            "higher",
            "Lift of targeting over the random sample",
            f"{FINDINGS}, decisions",
        ),
        _d(
            "compliance.rate_pct",
            x.compliance_rate,
            "percent",
            "higher",
            "Compliance rate of the random sample (95% interval)",
            FINDINGS,
        ),
        _d("seizures.count", e.seizures_count, "count", "higher", "Seizures", CASES),
        _d(
            "seizures.domestic_value_usd",
            e.seizures_domestic_value,
            "USD",
            "higher",
            "Domestic value of goods seized",
            CASES,
        ),
        _d(
            "penalties.assessed_usd",
            e.penalty_money("assessed"),
            "USD",
            "higher",
            "Penalties assessed",
            CASES,
        ),
        _d(
            "penalties.mitigated_usd",
            e.penalty_money("mitigated"),
            "USD",
            "lower",
            "Penalties mitigated",
            CASES,
        ),
        _d(
            "penalties.collected_usd",
            e.penalty_money("collected"),
            "USD",
            "higher",
            "Penalties collected",
            CASES,
        ),
        _d(
            "duties.demanded_usd",
            e.duty_money("demanded"),
            "USD",
            "higher",
            "Duties demanded",
            CASES,
        ),
        _d(
            "duties.collected_usd",
            e.duty_money("collected"),
            "USD",
            "higher",
            "Duties collected on demands",
            CASES,
        ),
        _d(
            "audits.completed",
            e.audits_completed,
            "count",
            "higher",
            "Audits completed",
            CASES,
            placed=False,
        ),
        _d(
            "audits.revenue_identified_usd",
            e.audit_revenue("identified"),
            "USD",
            "higher",
            "Revenue identified by audits",
            CASES,
            placed=False,
        ),
        _d(
            "audits.revenue_collected_usd",
            e.audit_revenue("collected"),
            "USD",
            "higher",
            "Revenue collected from audits",
            CASES,
            placed=False,
        ),
        _d(
            "eapa.on_time_pct",
            e.eapa_on_time,
            "percent",
            "higher",
            "EAPA determinations on time",
            f"{CASES} (deadlines)",
            placed=False,
        ),
        _d("bonds.demands", e.bond_demands_count, "count", "higher", "Bond demands", CASES),
        _d(
            "bonds.demanded_usd",
            e.bond_demands_amount,
            "USD",
            "higher",
            "Additional bond coverage demanded",
            CASES,
        ),
    )
}


def compute(key: str, facts: PerformanceFacts, fy: int, filters: Filters) -> MeasureValue:
    """The actual of catalogue measure `key`; KeyError for a key not in the catalogue."""
    return CATALOGUE[key].compute(facts, fy, filters)
