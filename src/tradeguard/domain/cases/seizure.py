"""Seizure: notice to the interested parties, 30 days to petition for relief, storage while held,
a decision (remission or forfeiture) and a disposal (returned, destroyed or sold).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tradeguard.domain.cases.base import CaseKind, CaseMachine, table
from tradeguard.domain.cases.money import cents

MACHINE = CaseMachine(
    kind=CaseKind.SEIZURE,
    initial="seized",
    moves=table(
        {
            "seized": ("noticed",),
            "noticed": ("petitioned", "forfeited", "remitted"),
            "petitioned": ("remitted", "forfeited"),
            "remitted": ("returned",),
            "forfeited": ("destroyed", "sold"),
        }
    ),
    amount_on_entry={"sold": "collected"},
)

PETITION_DAYS = 30
DISPOSALS = frozenset({"returned", "destroyed", "sold"})
# goods are in the seized property specialist's custody until disposal
IN_CUSTODY = frozenset({"seized", "noticed", "petitioned", "remitted", "forfeited"})


def storage_days(seized_on: date, until: date) -> int:
    """Days in storage, counting the seizure day; zero if `until` is before it."""
    return max(0, (until - seized_on).days + 1)


def storage_cost(seized_on: date, until: date, daily_rate: Decimal) -> Decimal:
    return cents(daily_rate * storage_days(seized_on, until))
