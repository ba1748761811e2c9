"""A recorded violation finding: what an officer or import specialist found on one entry line.

Exams record these when a hold is closed with a violation; cases open from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tradeguard.domain.pti import PTI

VIOLATION_TYPES = frozenset(
    {
        "misclassification",
        "transshipment",
        "undervaluation",
        "false_preference",
        "counterfeit",
        "unsafe",
        "textile_origin",
        "quota_evasion",
    }
)


@dataclass(frozen=True, slots=True)
class ViolationFinding:
    finding_id: str
    hold_id: str
    entry_no: str
    line_no: int
    rule_id: str
    rule_version: int
    pti: PTI
    violation_type: str
    finding_date: date
    importer_id: str
    manufacturer_id: str
    declared_hts10: str
    true_hts10: str
    declared_origin: str
    true_origin: str
    declared_value_usd: Decimal
    true_value_usd: Decimal
    duty_paid_usd: Decimal
    true_duty_rate: Decimal
    adcvd_rate: Decimal | None
    domestic_value_usd: Decimal
    culpability: str = "negligence"
    # when the violation happened (the entry date); the penalty statute of limitations runs from
    # it. Unknown means the finding date, which the service flags as a late, not early, bound.
    violation_date: date | None = None
