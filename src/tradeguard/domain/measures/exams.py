"""Measures of the exam floor and of targeting: holds, findings, hit rates and compliance.

A hold counts in the fiscal year of its entry; "violations found" in the fiscal year the finding
was recorded; hit rate, lift and compliance describe the year's imports, so an examined entry
counts in the fiscal year of its entry date (the finding date when the decision is unknown).
Findings are grouped by entry: an entry is in violation when any of its lines is. With a PTI
filter, a violation counts only when it is of that PTI, and a targeted entry belongs to the PTI
when one of that PTI's rules hit it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from statistics import median

from tradeguard.domain.fiscal import fiscal_year_bounds
from tradeguard.domain.measures.facts import Filters, HoldFact, PerformanceFacts, in_fy
from tradeguard.domain.measures.value import (
    NOTHING,
    MeasureValue,
    count,
    percent,
    rounded,
    wilson_percent,
)


def _hold_at(facts: PerformanceFacts, hold: HoldFact, filters: Filters) -> bool:
    if not filters.placed:
        return True
    decision = facts.decision_of.get(hold.entry_no)
    port = hold.port_code or (decision.port_code if decision else None)
    center = hold.center or (decision.center if decision else None)
    if filters.port is not None and port != filters.port:
        return False
    return filters.center is None or center == filters.center


def _hold_of_pti(facts: PerformanceFacts, hold: HoldFact, pti: str | None) -> bool:
    if pti is None or hold.pti == pti:
        return True
    decision = facts.decision_of.get(hold.entry_no)
    return decision is not None and pti in decision.pti_hits


def holds_in(facts: PerformanceFacts, fy: int, filters: Filters) -> list[HoldFact]:
    first, last = fiscal_year_bounds(fy)
    return [
        h
        for h in facts.holds
        if in_fy(h.held_on, first, last)
        and _hold_of_pti(facts, h, filters.pti)
        and _hold_at(facts, h, filters)
    ]


def exams_in_lane(lane: str | None) -> Callable[[PerformanceFacts, int, Filters], MeasureValue]:
    """Holds placed in the year in one lane (all lanes when None)."""

    def measure(facts: PerformanceFacts, fy: int, filters: Filters) -> MeasureValue:
        return count(sum(1 for h in holds_in(facts, fy, filters) if lane in (None, h.lane)))

    return measure


def _finding_day(hold: HoldFact, as_of: date) -> date | None:
    return hold.finding_on if hold.finding_on is not None and hold.finding_on <= as_of else None


def _start(hold: HoldFact) -> date:
    return hold.placed_on or hold.held_on


def holds_with_finding(facts: PerformanceFacts, fy: int, filters: Filters) -> MeasureValue:
    """Share of the year's holds that were closed with a finding."""
    holds = holds_in(facts, fy, filters)
    closed = sum(1 for h in holds if _finding_day(h, facts.as_of) is not None)
    return percent(closed, len(holds))


def overdue_holds(facts: PerformanceFacts, fy: int, filters: Filters) -> MeasureValue:
    """The year's holds whose finding came, or is still missing, more than overdue_days after."""
    late = 0
    for h in holds_in(facts, fy, filters):
        until = _finding_day(h, facts.as_of) or facts.as_of
        late += (until - _start(h)).days > facts.overdue_days
    return count(late)


def days_hold_to_finding(facts: PerformanceFacts, fy: int, filters: Filters) -> MeasureValue:
    """Median days from hold to finding, over the year's holds that have one."""
    days = [
        max(0, (found - _start(h)).days)
        for h in holds_in(facts, fy, filters)
        if (found := _finding_day(h, facts.as_of)) is not None
    ]
    return MeasureValue(rounded(Decimal(median(days)))) if days else NOTHING


def violations_found(facts: PerformanceFacts, fy: int, filters: Filters) -> MeasureValue:
    """Entry lines found in violation during the year."""
    first, last = fiscal_year_bounds(fy)
    return count(
        sum(
            1
            for f in facts.findings
            if f.violation
            and in_fy(f.finding_date, first, last)
            and (filters.pti is None or f.pti == filters.pti)
            and facts.at(f.entry_no, filters)
        )
    )


@dataclass(slots=True)
class _Entry:
    ptis: set[str]
    violated: bool = False


def examined_entries(
    facts: PerformanceFacts, fy: int, filters: Filters, source: str
) -> list[_Entry]:
    """Entries of the year with findings of one source (targeted or random)."""
    first, last = fiscal_year_bounds(fy)
    entries: dict[str, _Entry] = {}
    for f in facts.findings:
        if f.source != source or not in_fy(
            facts.entry_date(f.entry_no, f.finding_date), first, last
        ):
            continue
        if not facts.at(f.entry_no, filters):
            continue
        decision = facts.decision_of.get(f.entry_no)
        entry = entries.setdefault(f.entry_no, _Entry(set(decision.pti_hits if decision else ())))
        if f.pti:
            entry.ptis.add(f.pti)
        entry.violated |= f.violation and (filters.pti is None or f.pti == filters.pti)
    if source == "targeted" and filters.pti is not None:
        return [e for e in entries.values() if filters.pti in e.ptis]
    return list(entries.values())


def rule_hit_rate(facts: PerformanceFacts, fy: int, filters: Filters) -> MeasureValue:
    """Share of targeted, examined entries found in violation."""
    entries = examined_entries(facts, fy, filters, "targeted")
    return percent(sum(e.violated for e in entries), len(entries))


def lift_over_random(facts: PerformanceFacts, fy: int, filters: Filters) -> MeasureValue:
    """Targeted violation rate divided by the random sample's: how much targeting beats chance."""
    targeted = examined_entries(facts, fy, filters, "targeted")
    sampled = examined_entries(facts, fy, filters, "random")
    if not targeted or not sampled:
        return NOTHING
    random_hits = sum(e.violated for e in sampled)
    if random_hits == 0:
        return NOTHING
    ratio = Decimal(sum(e.violated for e in targeted) * len(sampled)) / Decimal(
        len(targeted) * random_hits
    )
    return MeasureValue(rounded(ratio))


def compliance_rate(facts: PerformanceFacts, fy: int, filters: Filters) -> MeasureValue:
    """Share of randomly sampled entries found compliant, with its 95% Wilson interval."""
    sampled = examined_entries(facts, fy, filters, "random")
    if not sampled:
        return NOTHING
    compliant = sum(not e.violated for e in sampled)
    value = percent(compliant, len(sampled)).value
    return MeasureValue(value, wilson_percent(compliant, len(sampled)))


def importers_removed(facts: PerformanceFacts, fy: int, filters: Filters) -> MeasureValue:
    """Importers taken off a targeting rule in the year after clean findings under it (one per
    rule and importer; a later reversal does not undo the year's count)."""
    first, last = fiscal_year_bounds(fy)
    return count(
        sum(
            1
            for r in facts.removals
            if in_fy(r.removed_on, first, last) and (filters.pti is None or r.pti == filters.pti)
        )
    )
