"""The snapshot of the system's own data that every measure is computed from.

Measures are pure functions over this snapshot, so a unit test builds a handful of rows by hand
and knows the answer. The rows are plain dataclasses rather than data frames because the domain
imports only the standard library; services/performance_facts.py fills them from the stores and
keeps only the decisions of entries that were held, found on or cased, so the snapshot stays small.
Money is integer cents, dates are datetime.date, PTIs are the full names of domain.pti.PTI.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from tradeguard.domain.fiscal import fiscal_year


@dataclass(frozen=True, slots=True)
class HoldFact:
    """A hold on an entry for exam or review.

    `held_on` (the entry date, when the goods are stopped) places the hold in a fiscal year;
    `placed_on` (when the system created it, default held_on) starts the clock to its finding,
    `finding_on` (when a finding closed it) stops it.
    """

    hold_id: str
    entry_no: str
    lane: str  # mandatory | discretionary | random
    held_on: date
    finding_on: date | None = None
    placed_on: date | None = None
    pti: str | None = None
    port_code: str | None = None
    center: str | None = None


@dataclass(frozen=True, slots=True)
class FindingFact:
    """One finding on an entry line; `violation` False records a clean exam."""

    entry_no: str
    line_no: int
    finding_date: date
    violation: bool
    source: str  # targeted | random
    pti: str | None = None
    violation_type: str | None = None


@dataclass(frozen=True, slots=True)
class ReviewFact:
    """A Center's post-entry review (services/center_reviews.py): missed, open or closed, with
    the duty it found and lost to liquidation; `account` when the importer has a national
    account manager."""

    center: str
    importer_id: str
    entry_date: date
    state: str
    closed_on: date | None = None
    result: str | None = None
    duty_found_cents: int = 0
    foregone_cents: int = 0
    account: bool = False


@dataclass(frozen=True, slots=True)
class DecisionFact:
    """The targeting decision of an entry: which PTIs' rules hit it, and where it entered."""

    entry_no: str
    lane: str
    entry_date: date
    pti_hits: tuple[str, ...] = ()
    sampled: bool = False
    port_code: str | None = None
    center: str | None = None


@dataclass(frozen=True, slots=True)
class CaseFact:
    """Any enforcement case, with its money; duty demands are read from here."""

    case_id: int
    kind: str
    pti: str
    state: str
    opened_on: date
    closed_on: date | None = None
    entry_no: str | None = None
    demanded_cents: int = 0
    assessed_cents: int = 0
    mitigated_cents: int = 0
    collected_cents: int = 0
    identified_cents: int = 0
    subtype: str | None = None
    # details.operation: the enforcement operation the case was opened under, if any
    operation: str | None = None


@dataclass(frozen=True, slots=True)
class SeizureFact:
    """A seizure; `partner_agency` (details.partner_agency) names the partner government agency
    (FDA, CPSC, USDA, HSI, ...) whose joint operation made it."""

    case_id: int
    pti: str
    seized_on: date
    state: str
    domestic_value_cents: int = 0
    entry_no: str | None = None
    partner_agency: str | None = None


@dataclass(frozen=True, slots=True)
class PenaltyFact:
    case_id: int
    pti: str
    opened_on: date
    assessed_cents: int = 0
    mitigated_cents: int = 0
    collected_cents: int = 0
    entry_no: str | None = None


@dataclass(frozen=True, slots=True)
class AuditFact:
    """A Regulatory Audit assignment, completed when its report is issued. `audit_type` is the
    case's subtype: focused_assessment, quick_response_audit, survey or nonaudit_service."""

    case_id: int
    pti: str
    opened_on: date
    completed_on: date | None = None
    identified_cents: int = 0
    collected_cents: int = 0
    entry_no: str | None = None
    audit_type: str | None = None


@dataclass(frozen=True, slots=True)
class EapaFact:
    """An EAPA investigation: its determination deadline and when it was determined."""

    case_id: int
    pti: str
    initiated_on: date
    due_on: date
    determined_on: date | None = None


@dataclass(frozen=True, slots=True)
class BondDemandFact:
    case_id: int
    pti: str
    opened_on: date
    demanded_cents: int = 0
    entry_no: str | None = None


@dataclass(frozen=True, slots=True)
class RemovalFact:
    """An importer taken off a targeting rule after clean findings (a rule exemption granted on
    `removed_on`); `pti` is the rule's."""

    rule_id: str
    importer_id: str
    removed_on: date
    pti: str | None = None
    reversed_on: date | None = None


@dataclass(frozen=True, slots=True)
class Filters:
    """Which slice a measure counts: one PTI, one port, one Center of Excellence and Expertise."""

    pti: str | None = None
    port: str | None = None
    center: str | None = None

    @property
    def placed(self) -> bool:
        return self.port is not None or self.center is not None


@dataclass(frozen=True)
class PerformanceFacts:
    """Everything the catalogue reads, as of `as_of` (the day the snapshot was taken)."""

    as_of: date
    overdue_days: int = 5
    holds: tuple[HoldFact, ...] = ()
    findings: tuple[FindingFact, ...] = ()
    decisions: tuple[DecisionFact, ...] = ()
    cases: tuple[CaseFact, ...] = ()
    seizures: tuple[SeizureFact, ...] = ()
    penalties: tuple[PenaltyFact, ...] = ()
    audits: tuple[AuditFact, ...] = ()
    eapa: tuple[EapaFact, ...] = ()
    bond_demands: tuple[BondDemandFact, ...] = ()
    removals: tuple[RemovalFact, ...] = ()
    reviews: tuple[ReviewFact, ...] = ()

    @cached_property
    def decision_of(self) -> dict[str, DecisionFact]:
        return {d.entry_no: d for d in self.decisions}

    def at(self, entry_no: str | None, filters: Filters) -> bool:
        """Whether an entry entered at the filter's port and Center (unknown entries do not)."""
        if not filters.placed:
            return True
        decision = self.decision_of.get(entry_no or "")
        if decision is None:
            return False
        if filters.port is not None and decision.port_code != filters.port:
            return False
        return filters.center is None or decision.center == filters.center

    def entry_date(self, entry_no: str, default: date) -> date:
        decision = self.decision_of.get(entry_no)
        return decision.entry_date if decision is not None else default

    def latest_fiscal_year(self) -> int:
        """The latest fiscal year with data, not after the snapshot's: the year of the latest
        entry examined (hold) or decided; without entries, of the latest finding or case; the
        snapshot's own year when there is no data at all. A report opens on this year rather
        than on a calendar year the data has not reached."""
        entries = [h.held_on for h in self.holds] + [d.entry_date for d in self.decisions]
        others = [f.finding_date for f in self.findings] + [c.opened_on for c in self.cases]
        days = [d for d in (entries or others) if d <= self.as_of]
        return fiscal_year(max(days)) if days else fiscal_year(self.as_of)


def in_fy(day: date | None, first: date, last: date) -> bool:
    return day is not None and first <= day <= last
