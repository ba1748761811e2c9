"""What happens to a synthetic case after it opens: the moves an officer would make, with dates.

Pure and deterministic for a seed: `draw_moves(case, rng, as_of)` walks the case's own state
machine (domain/cases/) from its first state, choosing each next state and its delay from the
tables below, and stops at a state that ends the case or at the first move dated after `as_of`
(what has not happened yet). Money is integer cents. The shares and delays are stated assumptions
calibrated to GAO-17-618's ratios (docs/cases.md, "The demo's case outcomes"): penalties
collected are about 1.5% of those assessed in the year ($3.5M of $237M in FY2015), audits collect
about 55% of the revenue they identify (almost $60M of $109M), and a seizure is forfeited only
after the 30-day petition window.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from tradeguard.domain.cases import CaseKind, machine_for
from tradeguard.domain.cases.business_days import add_business_days
from tradeguard.domain.cases.eapa import DETERMINATION_DAYS, INITIATE_BUSINESS_DAYS
from tradeguard.domain.cases.seizure import PETITION_DAYS

# Forfeited unsafe goods are destroyed. Counterfeits are destroyed too, unless the trademark
# owner consents to a sale with the mark obliterated (19 U.S.C. 1526(e)): a stated share.
COUNTERFEIT_SOLD = 0.1


@dataclass(frozen=True, slots=True)
class CaseSketch:
    """What the outcome of a case depends on, read from its row."""

    kind: CaseKind
    state: str
    opened_on: date
    demanded_cents: int = 0
    subtype: str | None = None
    violation_type: str | None = None
    # the goods' domestic value (seizure proceeds), the revenue basis of an audit
    basis_cents: int = 0


@dataclass(frozen=True, slots=True)
class PlannedMove:
    to: str
    on: date
    amount_cents: int | None = None


# state -> ((next state, weight), ...); a weight left to "" keeps the case where it is
Branches = Mapping[str, tuple[tuple[str, float], ...]]
# state entered -> (fewest, most) calendar days after the previous move
Delays = Mapping[str, tuple[int, int]]

BRANCHES: dict[CaseKind, Branches] = {
    CaseKind.PENALTY: {
        "open": (("prepenalty_notice", 0.9), ("cancelled", 0.1)),
        "prepenalty_notice": (("penalty_notice", 0.95), ("cancelled", 0.05)),
        # most parties petition; a few pay in full; silence goes to collection
        "penalty_notice": (
            ("petitioned", 0.72),
            ("paid", 0.003),
            ("referred_for_collection", 0.2),
            ("cancelled", 0.077),
        ),  # fmt: skip
        "petitioned": (("mitigated", 0.85), ("cancelled", 0.1), ("penalty_notice", 0.05)),
        "mitigated": (("paid", 0.6), ("referred_for_collection", 0.4)),
        "referred_for_collection": (("paid", 0.1), ("written_off", 0.4), ("", 0.5)),
    },
    CaseKind.SEIZURE: {
        "seized": (("noticed", 1.0),),
        "noticed": (("petitioned", 0.25), ("forfeited", 0.75)),
        "petitioned": (("remitted", 0.3), ("forfeited", 0.7)),
        "remitted": (("returned", 1.0),),
        "forfeited": (("destroyed", 0.55), ("sold", 0.45)),
    },
    CaseKind.DUTY_DEMAND: {
        "open": (("billed", 0.97), ("cancelled", 0.03)),
        "billed": (("paid", 0.75), ("protested", 0.15), ("cancelled", 0.04), ("", 0.06)),
        "protested": (("billed", 0.7), ("cancelled", 0.3)),
    },
    CaseKind.BOND_DEMAND: {
        "open": (("demanded", 0.97), ("cancelled", 0.03)),
        "demanded": (("posted", 0.8), ("escalated", 0.1), ("cancelled", 0.1)),
    },
    CaseKind.REFERRAL: {
        "drafted": (("referred", 0.95), ("withdrawn", 0.05)),
        "referred": (("accepted", 0.6), ("declined", 0.4)),
        "accepted": (("closed", 1.0),),
    },
    CaseKind.EAPA: {
        "received": (("initiated", 0.85), ("not_initiated", 0.15)),
        "initiated": (("interim_measures", 0.7), ("evasion_found", 0.15), ("no_evasion", 0.15)),
        "interim_measures": (("evasion_found", 0.75), ("no_evasion", 0.25)),
        "evasion_found": (("filer_notified", 1.0),),
        "no_evasion": (("filer_notified", 1.0),),
        "not_initiated": (("filer_notified", 1.0),),
    },
    CaseKind.AUDIT: {
        "planned": (("fieldwork", 0.97), ("cancelled", 0.03)),
        "fieldwork": (("report_issued", 1.0),),
        "report_issued": (("closed", 1.0),),
    },
}

DELAYS: dict[CaseKind, Delays] = {
    CaseKind.PENALTY: {
        "prepenalty_notice": (20, 60),
        "penalty_notice": (12, 30),
        "petitioned": (20, 58),
        "mitigated": (60, 180),
        "paid": (15, 55),
        "referred_for_collection": (61, 90),
        "written_off": (120, 300),
        "cancelled": (20, 120),
    },  # fmt: skip
    CaseKind.SEIZURE: {
        "noticed": (3, 14),
        "petitioned": (5, PETITION_DAYS),
        "remitted": (30, 120),
        # forfeiture only once the petition window has passed (or the petition is denied)
        "forfeited": (PETITION_DAYS + 1, PETITION_DAYS + 45),
        "returned": (7, 30),
        "destroyed": (15, 90),
        "sold": (30, 120),
    },  # fmt: skip
    CaseKind.DUTY_DEMAND: {
        "billed": (5, 30),
        "paid": (10, 45),
        "protested": (20, 90),
        "cancelled": (30, 150),
    },  # fmt: skip
    CaseKind.BOND_DEMAND: {
        "demanded": (3, 14),
        "posted": (10, 30),
        "escalated": (31, 45),
        "cancelled": (10, 40),
    },  # fmt: skip
    CaseKind.REFERRAL: {
        "referred": (5, 20),
        "withdrawn": (5, 30),
        "accepted": (14, 60),
        "declined": (14, 90),
        "closed": (180, 540),
    },  # fmt: skip
    CaseKind.EAPA: {
        # initiated: business days (below); a determination is due 300 days after initiation
        "interim_measures": (45, 90),
        "evasion_found": (150, 250),
        "no_evasion": (150, 250),
        "not_initiated": (5, 15),
        "filer_notified": (3, 10),
    },  # fmt: skip
    CaseKind.AUDIT: {"fieldwork": (15, 60), "cancelled": (10, 40), "closed": (30, 150)},
}

# days from fieldwork to the audit report, by audit type (a focused assessment is the longest)
REPORT_DAYS = {
    "focused_assessment": (240, 400),
    "quick_response_audit": (60, 150),
    "survey": (30, 90),
    "nonaudit_service": (20, 60),
}
# what an audit's report identifies: the basis (the duties lost on the findings that opened it)
# times this range, as the audit extends the finding over the importer's other entries
IDENTIFIED_TIMES = {
    "focused_assessment": (3.0, 8.0),
    "quick_response_audit": (1.5, 4.0),
    "survey": (0.0, 1.0),
    "nonaudit_service": (0.0, 0.0),
}
MITIGATED_SHARE = (0.01, 0.06)  # of the assessment, after a petition (see docs/cases.md)
COMPROMISE_SHARE = (0.05, 0.2)  # of the debt, when a penalty referred for collection is paid
AUDIT_UNCOLLECTED = 0.2  # audits that collect nothing of what they identified
AUDIT_COLLECTED_SHARE = (0.4, 1.0)  # of what is identified, for the others
SALE_SHARE = (0.2, 0.5)  # of the domestic value, for forfeited goods sold at auction


def _choose(rng: random.Random, options: tuple[tuple[str, float], ...]) -> str:
    names = [name for name, _ in options]
    return rng.choices(names, weights=[weight for _, weight in options])[0]


def _share(rng: random.Random, bounds: tuple[float, float], cents: int) -> int:
    return round(cents * rng.uniform(*bounds))


def _delay(case: CaseSketch, state: str, to: str, day: date, rng: random.Random) -> date:
    if case.kind is CaseKind.EAPA and to == "initiated":
        return add_business_days(day, rng.randint(5, INITIATE_BUSINESS_DAYS))
    if case.kind is CaseKind.AUDIT and to == "report_issued":
        return day + timedelta(days=rng.randint(*REPORT_DAYS[case.subtype or "survey"]))
    fewest, most = DELAYS[case.kind][to]
    if case.kind is CaseKind.EAPA and state == "interim_measures":
        # the determination counts from initiation; keep it within the 300 days, mostly
        fewest, most = max(1, fewest - 90), DETERMINATION_DAYS - 90
    return day + timedelta(days=rng.randint(fewest, most))


@dataclass(slots=True)
class _Money:
    """The money a case has reached so far, to price the next move."""

    assessed: int = 0
    mitigated: int = 0
    identified: int = 0


def _amount(case: CaseSketch, state: str, to: str, money: _Money, rng: random.Random) -> int | None:
    """The amount a move carries, in cents; None where the machine takes none or a default."""
    kind = case.kind
    if kind is CaseKind.PENALTY:
        if to == "penalty_notice":
            money.assessed = case.demanded_cents  # the proposed amount is assessed
            return money.assessed
        if to == "mitigated":
            money.mitigated = _share(rng, MITIGATED_SHARE, money.assessed)
            return money.mitigated
        if to == "paid":
            owed = money.mitigated or money.assessed
            if state == "referred_for_collection":
                return _share(rng, COMPROMISE_SHARE, owed)
            return owed
    if kind is CaseKind.AUDIT:
        if to == "report_issued":
            times = IDENTIFIED_TIMES[case.subtype or "survey"]
            money.identified = _share(rng, times, case.basis_cents)
            return money.identified
        if to == "closed":
            if rng.random() < AUDIT_UNCOLLECTED:
                return 0
            return _share(rng, AUDIT_COLLECTED_SHARE, money.identified)
    if kind is CaseKind.SEIZURE and to == "sold":
        return _share(rng, SALE_SHARE, case.basis_cents)
    return None


def _next_state(case: CaseSketch, state: str, rng: random.Random) -> str:
    if case.kind is CaseKind.SEIZURE and state == "forfeited":
        if case.violation_type == "unsafe":
            return "destroyed"
        if case.violation_type == "counterfeit":
            return "sold" if rng.random() < COUNTERFEIT_SOLD else "destroyed"
    return _choose(rng, BRANCHES[case.kind][state])


def draw_moves(case: CaseSketch, rng: random.Random, as_of: date) -> list[PlannedMove]:
    """The moves the case makes from its current state up to `as_of`, each legal in its
    machine, dated on or after the previous one, with its amount in cents where it has one."""
    machine = machine_for(case.kind)
    branches = BRANCHES.get(case.kind, {})
    state, day, money = case.state, case.opened_on, _Money()
    moves: list[PlannedMove] = []
    while state in branches and state not in machine.terminal:
        to = _next_state(case, state, rng)
        if not to:
            break  # the case waits (unpaid bill, debt still in collection)
        day = _delay(case, state, to, day, rng)
        if day > as_of:
            break  # not yet happened
        machine.check_move(state, to)
        moves.append(PlannedMove(to, day, _amount(case, state, to, money, rng)))
        state = to
    return moves
