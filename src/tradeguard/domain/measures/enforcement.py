"""Measures of enforcement results, read from the cases.

A case counts in the fiscal year it was opened (as services/case_reports.py counts them), except
an EAPA investigation, which counts when it is determined or when its determination falls due
undetermined (audits: measures/audits.py). Money is summed in cents.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from tradeguard.domain.fiscal import fiscal_year_bounds
from tradeguard.domain.measures.facts import Filters, PerformanceFacts, in_fy
from tradeguard.domain.measures.value import MeasureValue, count, dollars, percent

Compute = Callable[[PerformanceFacts, int, Filters], MeasureValue]
# the case kind of goods refused admission (exclusion orders, unsafe or ineligible goods)
DENIED_ENTRY = "denied_entry"


def of_pti(row_pti: str | None, filters: Filters) -> bool:
    return filters.pti is None or row_pti == filters.pti


def selected(
    rows: Iterable[Any],
    dated: Callable[[Any], date | None],
    facts: PerformanceFacts,
    fy: int,
    filters: Filters,
) -> list[Any]:
    """The case facts dated (by `dated`) in the fiscal year, of the filter's PTI, and at its port
    or Center when the filter names one."""
    first, last = fiscal_year_bounds(fy)
    return [
        r for r in rows
        if in_fy(dated(r), first, last) and of_pti(r.pti, filters) and facts.at(r.entry_no, filters)
    ]  # fmt: skip


def seizures_count(facts: PerformanceFacts, fy: int, filters: Filters) -> MeasureValue:
    """Seizures made in the year."""
    return count(len(selected(facts.seizures, lambda s: s.seized_on, facts, fy, filters)))


def seizures_domestic_value(facts: PerformanceFacts, fy: int, filters: Filters) -> MeasureValue:
    """Domestic value of the goods seized in the year."""
    seized = selected(facts.seizures, lambda s: s.seized_on, facts, fy, filters)
    return dollars(sum(s.domestic_value_cents for s in seized))


def seizures_with_partner_agency(
    facts: PerformanceFacts, fy: int, filters: Filters
) -> MeasureValue:
    """Seizures made in the year in operations with a partner government agency."""
    seized = selected(facts.seizures, lambda s: s.seized_on, facts, fy, filters)
    return count(sum(1 for s in seized if s.partner_agency))


def penalties_count(facts: PerformanceFacts, fy: int, filters: Filters) -> MeasureValue:
    """Penalty cases opened (penalties issued) in the year."""
    return count(len(selected(facts.penalties, lambda p: p.opened_on, facts, fy, filters)))


def denied_entries(facts: PerformanceFacts, fy: int, filters: Filters) -> MeasureValue:
    """Entries refused admission in the year: cases of kind `denied_entry` opened in it."""
    denied = [c for c in facts.cases if c.kind == DENIED_ENTRY]
    return count(len(selected(denied, lambda c: c.opened_on, facts, fy, filters)))


def enforcement_operations(facts: PerformanceFacts, fy: int, filters: Filters) -> MeasureValue:
    """Distinct enforcement operations (details.operation) under which cases were opened in the
    year: an operation counts once however many seizures and penalties it made."""
    opened = selected(facts.cases, lambda c: c.opened_on, facts, fy, filters)
    return count(len({c.operation for c in opened if c.operation}))


def penalty_money(field: str) -> Compute:
    """Penalty dollars (assessed, mitigated or collected) on penalty cases opened in the year."""

    def measure(facts: PerformanceFacts, fy: int, filters: Filters) -> MeasureValue:
        opened = selected(facts.penalties, lambda p: p.opened_on, facts, fy, filters)
        return dollars(sum(getattr(p, f"{field}_cents") for p in opened))

    return measure


def duty_money(field: str) -> Compute:
    """Duty demanded or collected on duty demand cases opened in the year."""

    def measure(facts: PerformanceFacts, fy: int, filters: Filters) -> MeasureValue:
        demands = [c for c in facts.cases if c.kind == "duty_demand"]
        opened = selected(demands, lambda c: c.opened_on, facts, fy, filters)
        return dollars(sum(getattr(c, f"{field}_cents") for c in opened))

    return measure


def eapa_on_time(facts: PerformanceFacts, fy: int, filters: Filters) -> MeasureValue:
    """Share of EAPA determinations made by their deadline (300 or 360 days from initiation).

    The year's cases are those determined in it plus those that fell due in it, before the
    snapshot, still undetermined: those are late too.
    """
    first, last = fiscal_year_bounds(fy)
    on_time = due = 0
    for e in facts.eapa:
        if not of_pti(e.pti, filters):
            continue
        if e.determined_on is not None and e.determined_on <= facts.as_of:
            if in_fy(e.determined_on, first, last):
                due += 1
                on_time += e.determined_on <= e.due_on
        elif in_fy(e.due_on, first, last) and e.due_on < facts.as_of:
            due += 1
    return percent(on_time, due)


def bond_demands_count(facts: PerformanceFacts, fy: int, filters: Filters) -> MeasureValue:
    """Bond demands (insufficient continuous bonds, AD/CVD exposure) opened in the year."""
    return count(len(selected(facts.bond_demands, lambda b: b.opened_on, facts, fy, filters)))


def bond_demands_amount(facts: PerformanceFacts, fy: int, filters: Filters) -> MeasureValue:
    """Additional bond coverage demanded in the year."""
    opened = selected(facts.bond_demands, lambda b: b.opened_on, facts, fy, filters)
    return dollars(sum(b.demanded_cents for b in opened))
