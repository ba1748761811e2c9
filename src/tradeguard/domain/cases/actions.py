"""Which enforcement actions a violation finding calls for: GAO-17-618 Table 1.

Per Priority Trade Issue, the report lists the potential enforcement actions (besides targeting):
demand duties owed, issue penalties, seize, demand additional bond coverage. Counterfeit and unsafe
goods are seized whatever the PTI; fraud is referred to HSI as well.
"""

from __future__ import annotations

from tradeguard.domain.cases.base import CaseKind
from tradeguard.domain.pti import PTI

DUTY, PENALTY, SEIZE, BOND = (
    CaseKind.DUTY_DEMAND,
    CaseKind.PENALTY,
    CaseKind.SEIZURE,
    CaseKind.BOND_DEMAND,
)

TABLE_1: dict[PTI, tuple[CaseKind, ...]] = {
    PTI.AGRICULTURE: (DUTY, PENALTY),
    PTI.ADCVD: (DUTY, PENALTY, BOND),
    PTI.IMPORT_SAFETY: (SEIZE, PENALTY),
    PTI.IPR: (SEIZE, PENALTY),
    PTI.TEXTILES: (DUTY, PENALTY),
    PTI.TRADE_AGREEMENTS: (DUTY, PENALTY),
    PTI.REVENUE: (DUTY, PENALTY),
}

SEIZABLE = frozenset({"counterfeit", "unsafe"})


def actions_for(pti: PTI, violation_type: str, culpability: str) -> tuple[CaseKind, ...]:
    """Case kinds a finding calls for, in the order they should be opened."""
    if violation_type == "excluded":  # refused admission: exported or destroyed, no duty owed
        return (CaseKind.DENIED_ENTRY,)
    kinds = list(TABLE_1[pti])
    if violation_type in SEIZABLE and SEIZE not in kinds:
        kinds.insert(0, SEIZE)
    if culpability == "fraud":
        kinds.append(CaseKind.REFERRAL)
    return tuple(kinds)
