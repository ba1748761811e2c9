"""Liquidated damages: the claim against a bond when its conditions are broken (19 CFR 172).

The claim is issued for the amount the bond fixes (for a custodial bond, 19 CFR 113.63: the value
of the merchandise in default, three times it for restricted goods, $1,000 for a default that
involves no merchandise). The principal may petition for cancellation within 60 days; the Fines,
Penalties and Forfeitures officer may cancel it, or cancel it on payment of a lesser amount.
"""

from __future__ import annotations

from tradeguard.domain.cases.base import CaseKind, CaseMachine, table

PETITION_DAYS = 60

MACHINE = CaseMachine(
    kind=CaseKind.LIQUIDATED_DAMAGES,
    initial="issued",
    moves=table(
        {
            "issued": ("petitioned", "paid", "cancelled", "referred_for_collection"),
            "petitioned": ("mitigated", "cancelled"),
            "mitigated": ("paid", "referred_for_collection"),
        }
    ),
    amount_on_entry={"mitigated": "mitigated", "paid": "collected"},
)
