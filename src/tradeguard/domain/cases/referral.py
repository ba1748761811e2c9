"""Referral to Homeland Security Investigations (HSI) with the evidence attached."""

from __future__ import annotations

from tradeguard.domain.cases.base import CaseKind, CaseMachine, table

MACHINE = CaseMachine(
    kind=CaseKind.REFERRAL,
    initial="drafted",
    moves=table(
        {
            "drafted": ("referred", "withdrawn"),
            "referred": ("accepted", "declined"),
            "accepted": ("closed",),
        }
    ),
)
