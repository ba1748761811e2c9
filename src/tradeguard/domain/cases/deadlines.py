"""Deadlines a case acquires when it enters a state, and the states that meet them.

Each rule is data: (kind, state entered) -> name, how far ahead (calendar or business days, or
years), how early to alert, and which later states meet it. Business days skip weekends and US
federal holidays.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tradeguard.domain.cases import denied_entry, eapa, liquidated_damages, seizure
from tradeguard.domain.cases.allegation import TRIAGE_BUSINESS_DAYS
from tradeguard.domain.cases.base import CaseKind
from tradeguard.domain.cases.bond import POST_DAYS
from tradeguard.domain.cases.business_days import add_business_days

STATUTE_YEARS = 5  # 19 U.S.C. 1621: five years from the violation


@dataclass(frozen=True, slots=True)
class Deadline:
    name: str
    due_on: date
    alert_on: date
    satisfied_by: frozenset[str]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    days: int
    satisfied_by: frozenset[str]
    business: bool = False
    alert_days: int = 5


def _rule(name: str, days: int, met: tuple[str, ...], **kw: int | bool) -> Rule:
    return Rule(name, days, frozenset(met), **kw)  # type: ignore[arg-type]


RULES: dict[tuple[CaseKind, str], tuple[Rule, ...]] = {
    (CaseKind.DUTY_DEMAND, "billed"): (
        _rule("payment due", 30, ("paid", "protested", "cancelled")),
    ),
    (CaseKind.DUTY_DEMAND, "protested"): (
        _rule("protest decision", 730, ("billed", "cancelled"), alert_days=60),
    ),
    (CaseKind.PENALTY, "prepenalty_notice"): (
        _rule("pre-penalty response", 7, ("penalty_notice", "cancelled"), business=True),
    ),
    (CaseKind.PENALTY, "penalty_notice"): (
        _rule(
            "petition or payment",
            60,
            ("petitioned", "paid", "referred_for_collection", "cancelled"),
        ),
    ),
    (CaseKind.PENALTY, "mitigated"): (
        _rule("payment of mitigated amount", 60, ("paid", "referred_for_collection")),
    ),
    (CaseKind.SEIZURE, "noticed"): (
        _rule(
            "petition for relief", seizure.PETITION_DAYS, ("petitioned", "forfeited", "remitted")
        ),
    ),
    (CaseKind.BOND_DEMAND, "demanded"): (
        _rule("post sufficient bond", POST_DAYS, ("posted", "cancelled", "escalated")),
    ),
    (CaseKind.EAPA, "received"): (
        _rule(
            "initiate investigation",
            eapa.INITIATE_BUSINESS_DAYS,
            ("initiated", "not_initiated"),
            business=True,
        ),
    ),
    (CaseKind.EAPA, "initiated"): (
        _rule("interim measures", eapa.INTERIM_DAYS, ("interim_measures", *eapa.DETERMINED)),
        _rule("determination", eapa.DETERMINATION_DAYS, tuple(eapa.DETERMINED), alert_days=30),
    ),
    (CaseKind.LIQUIDATED_DAMAGES, "issued"): (
        _rule(
            "petition or payment",
            liquidated_damages.PETITION_DAYS,
            ("petitioned", "paid", "cancelled", "referred_for_collection"),
        ),
    ),
    (CaseKind.DENIED_ENTRY, "refused"): (
        _rule("export", denied_entry.EXPORT_DAYS, ("exported", "destroyed")),
    ),
    (CaseKind.ALLEGATION, "received"): (
        _rule("triage", TRIAGE_BUSINESS_DAYS, ("case_opened", "closed"), business=True),
    ),
}

PENALTY_OPEN_STATES = ("paid", "referred_for_collection", "cancelled", "written_off")


def add_years(day: date, years: int) -> date:
    """Same calendar day `years` later; February 29 becomes February 28."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _due(rule: Rule, start: date, extended: bool) -> date:
    days = rule.days
    if rule.name == "determination" and extended:
        days = eapa.EXTENDED_DETERMINATION_DAYS
    if rule.business:
        return add_business_days(start, days)
    return start + timedelta(days=days)


def deadlines_on_entry(
    kind: CaseKind, state: str, entered_on: date, *, extended: bool = False
) -> list[Deadline]:
    """Deadlines that start when a case of `kind` enters `state` on `entered_on`."""
    out = []
    for rule in RULES.get((kind, state), ()):
        due = _due(rule, entered_on, extended)
        out.append(
            Deadline(rule.name, due, due - timedelta(days=rule.alert_days), rule.satisfied_by)
        )
    return out


def statute_of_limitations(violation_date: date) -> Deadline:
    """The five-year limit on a penalty claim, alerted a year ahead and again when it is near."""
    due = add_years(violation_date, STATUTE_YEARS)
    return Deadline(
        "statute of limitations", due, due - timedelta(days=365), frozenset(PENALTY_OPEN_STATES)
    )


def status(deadline_due: date, alert_on: date, today: date) -> str:
    if today > deadline_due:
        return "overdue"
    if today >= alert_on:
        return "alert"
    return "upcoming"
