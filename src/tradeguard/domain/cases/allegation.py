"""Triage of a public e-allegation: opened into an enforcement case, or closed with a reason.

The intake form and the allegation itself belong to tradeguard.domain.allegation; this case only
records what enforcement did with it.
"""

from __future__ import annotations

from tradeguard.domain.cases.base import CaseKind, CaseMachine, table

MACHINE = CaseMachine(
    kind=CaseKind.ALLEGATION,
    initial="received",
    moves=table({"received": ("case_opened", "closed")}),
)

TRIAGE_BUSINESS_DAYS = 15
