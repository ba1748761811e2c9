"""The measure catalogue: every definition a plan may name, with its unit, its natural direction,
the stores it reads and the sentence of GAO-17-618 it answers. Plans refer to measures by these
keys; a key not listed here is a lint problem, never a crash.

Case fields the enforcement measures read (written by whoever opens the case): `kind`, `subtype`
(the audit type), `details.domestic_value_usd`, `details.partner_agency`, `details.operation`.
"""

from __future__ import annotations

from dataclasses import dataclass

from tradeguard.domain.measures import audits as a
from tradeguard.domain.measures import enforcement as e
from tradeguard.domain.measures import exams as x
from tradeguard.domain.measures import reviews as r
from tradeguard.domain.measures import sources as q
from tradeguard.domain.measures.enforcement import Compute
from tradeguard.domain.measures.facts import Filters, PerformanceFacts
from tradeguard.domain.measures.value import MeasureValue

HOLDS, FINDINGS, CASES = "holds (exams store)", "findings (exams store)", "cases store"
DECIDED = f"{FINDINGS}, decisions"
AUDITS = "cases store: audit cases, subtype"
SEIZURES = "cases store: seizure cases"
REMOVALS = "rule exemptions (exams store), rule versions"
REVIEWS = "Center reviews (centers store): state, closed_on, duty, liquidation"


@dataclass(frozen=True, slots=True)
class Definition:
    key: str
    compute: Compute
    unit: str  # count | percent | USD | days | ratio
    direction: str  # higher | lower: which way is better, unless the plan says otherwise
    title: str
    source: str  # the stores and fields it reads
    report: str  # the sentence of GAO-17-618 it answers
    # whether the port and Center filters apply (audits and EAPA concern importers, not entries)
    placed: bool = True


def _d(key: str, compute: Compute, unit: str, direction: str, title: str, source: str,
       report: str, placed: bool = True) -> Definition:  # fmt: skip
    return Definition(key, compute, unit, direction, title, source, report, placed)


# fmt: off
CATALOGUE: dict[str, Definition] = {d.key: d for d in (
    _d("exams.total", x.exams_in_lane(None), "count", "higher",
       "Cargo examinations, all lanes",
       HOLDS, q.TEXTILES_REPORT),
    _d("exams.mandatory", x.exams_in_lane("mandatory"), "count", "higher",
       "Exams in the mandatory lane",
       HOLDS, q.EXAMINATION),
    _d("exams.discretionary", x.exams_in_lane("discretionary"), "count", "higher",
       "Exams in the discretionary lane",
       HOLDS, q.EXAMINATION),
    _d("exams.random", x.exams_in_lane("random"), "count", "higher",
       "Exams of the random compliance sample",
       HOLDS, q.RANDOM_SAMPLE),
    _d("holds.with_finding_pct", x.holds_with_finding, "percent", "higher",
       "Holds with a finding recorded",
       HOLDS, q.RECORDING),
    _d("holds.overdue", x.overdue_holds, "count", "lower",
       "Overdue holds",
       HOLDS, q.RECORDING),
    _d("holds.days_to_finding", x.days_hold_to_finding, "days", "lower",
       "Median days from hold to finding",
       HOLDS, q.RECORDING),
    _d("findings.violations", x.violations_found, "count", "higher",
       "Violations found (entry lines)",
       FINDINGS, q.RECORDING),
    _d("targeting.hit_rate_pct", x.rule_hit_rate, "percent", "higher",
       "Rule hit rate (targeted entries in violation)",
       DECIDED, q.RECORDING),
    _d("targeting.lift_over_random", x.lift_over_random, "ratio", "higher",
       "Lift of targeting over the random sample",
       DECIDED, q.RANDOM_SAMPLE),
    _d("targeting.importers_removed", x.importers_removed, "count", "higher",
       "Importers removed from a targeting rule after clean findings",
       REMOVALS, q.ADCVD_PLAN, placed=False),
    _d("compliance.rate_pct", x.compliance_rate, "percent", "higher",
       "Compliance rate of the random sample (95% interval)",
       FINDINGS, q.RANDOM_SAMPLE),
    _d("seizures.count", e.seizures_count, "count", "higher",
       "Seizures",
       SEIZURES, q.IPR_SEIZURES),
    _d("seizures.domestic_value_usd", e.seizures_domestic_value, "USD", "higher",
       "Domestic value of goods seized",
       f"{SEIZURES}, details.domestic_value_usd", q.TEXTILES_REPORT),
    _d("seizures.with_partner_agency", e.seizures_with_partner_agency, "count", "higher",
       "Seizures in operations with a partner government agency",
       f"{SEIZURES}, details.partner_agency", q.CTAC_REPORT),
    _d("admissibility.denied_entries", e.denied_entries, "count", "higher",
       "Ineligible goods denied entry",
       "cases store: denied_entry cases", q.CTAC_REPORT),
    _d("operations.enforcement_count", e.enforcement_operations, "count", "higher",
       "Enforcement operations conducted",
       f"{CASES}: details.operation", q.CTAC_REPORT),
    _d("penalties.count", e.penalties_count, "count", "higher",
       "Penalties issued",
       "cases store: penalty cases", q.TEXTILES_REPORT),
    _d("penalties.assessed_usd", e.penalty_money("assessed"), "USD", "higher",
       "Penalties assessed",
       "cases store: penalty cases", q.PENALTIES),
    _d("penalties.mitigated_usd", e.penalty_money("mitigated"), "USD", "lower",
       "Penalties mitigated",
       "cases store: penalty cases", q.PENALTIES),
    _d("penalties.collected_usd", e.penalty_money("collected"), "USD", "higher",
       "Penalties collected",
       "cases store: penalty cases", q.PENALTIES),
    _d("duties.demanded_usd", e.duty_money("demanded"), "USD", "higher",
       "Duties demanded",
       "cases store: duty demand cases", q.DUTIES),
    _d("duties.collected_usd", e.duty_money("collected"), "USD", "higher",
       "Duties collected on demands",
       "cases store: duty demand cases", q.DUTIES),
    _d("audits.completed", a.audits_completed, "count", "higher",
       "Regulatory Audit assignments completed",
       AUDITS, q.SURVEYS, placed=False),
    _d("audits.focused_assessments", a.audits_of_type(a.FOCUSED_ASSESSMENT), "count", "higher",
       "Focused assessments completed",
       AUDITS, q.FOCUSED_ASSESSMENT, placed=False),
    _d("audits.quick_response", a.audits_of_type(a.QUICK_RESPONSE_AUDIT), "count", "higher",
       "Quick response audits completed",
       AUDITS, q.QUICK_RESPONSE, placed=False),
    _d("audits.surveys", a.audits_of_type(a.SURVEY), "count", "higher",
       "Surveys of importers completed",
       AUDITS, q.ADCVD_PLAN, placed=False),
    _d("audits.nonaudit_services", a.audits_of_type(a.NONAUDIT_SERVICE), "count", "higher",
       "Nonaudit services delivered",
       AUDITS, q.ADCVD_PLAN, placed=False),
    _d("audits.revenue_identified_usd", a.audit_revenue("identified"), "USD", "higher",
       "Revenue identified by audits",
       AUDITS, q.AUDIT_REVENUE, placed=False),
    _d("audits.revenue_collected_usd", a.audit_revenue("collected"), "USD", "higher",
       "Revenue collected from audits",
       AUDITS, q.AUDIT_REVENUE, placed=False),
    _d("eapa.on_time_pct", e.eapa_on_time, "percent", "higher",
       "EAPA determinations on time",
       f"{CASES} (deadlines)", q.EAPA, placed=False),
    _d("bonds.demands", e.bond_demands_count, "count", "higher",
       "Bond demands",
       "cases store: bond demand cases", q.BONDS),
    _d("bonds.demanded_usd", e.bond_demands_amount, "USD", "higher",
       "Additional bond coverage demanded",
       "cases store: bond demand cases", q.BONDS),
    _d("reviews.done", r.reviews_done, "count", "higher",
       "Post-entry reviews completed by the Centers",
       REVIEWS, q.CENTERS),
    _d("reviews.missed", r.reviews_missed, "count", "lower",
       "Post-entry reviews missed for lack of import specialists' hours",
       REVIEWS, q.CENTERS),
    _d("reviews.duty_found_usd", r.review_duty("found"), "USD", "higher",
       "Duty found by post-entry reviews",
       REVIEWS, q.CENTERS),
    _d("reviews.closed_after_liquidation", r.closed_after_liquidation, "count", "lower",
       "Violations found after the entry liquidated",
       REVIEWS, q.CENTERS),
    _d("reviews.duty_foregone_usd", r.review_duty("foregone"), "USD", "lower",
       "Duty found after liquidation, and so lost",
       REVIEWS, q.CENTERS),
    _d("accounts.compliance_pct", r.account_compliance, "percent", "higher",
       "Compliance of national accounts' importers in post-entry review",
       f"{REVIEWS}; importer accounts", q.CENTERS),
)}
# fmt: on


def compute(key: str, facts: PerformanceFacts, fy: int, filters: Filters) -> MeasureValue:
    """The actual of catalogue measure `key`; KeyError for a key not in the catalogue."""
    return CATALOGUE[key].compute(facts, fy, filters)
