"""EAPA (Enforce and Protect Act, 19 U.S.C. 1517) evasion investigation.

Initiated within 15 business days of receiving the allegation; interim measures within 90
calendar days of initiation; determination within 300 calendar days of initiation (360 when
extended); the party that filed the allegation is told the outcome (state `filer_notified`).
"""

from __future__ import annotations

from tradeguard.domain.cases.base import CaseKind, CaseMachine, table

MACHINE = CaseMachine(
    kind=CaseKind.EAPA,
    initial="received",
    moves=table(
        {
            "received": ("initiated", "not_initiated"),
            "initiated": ("interim_measures", "evasion_found", "no_evasion"),
            "interim_measures": ("evasion_found", "no_evasion"),
            "evasion_found": ("filer_notified",),
            "no_evasion": ("filer_notified",),
            "not_initiated": ("filer_notified",),
        }
    ),
)

INITIATE_BUSINESS_DAYS = 15
INTERIM_DAYS = 90
DETERMINATION_DAYS = 300
EXTENDED_DETERMINATION_DAYS = 360
DETERMINED = frozenset({"evasion_found", "no_evasion"})
