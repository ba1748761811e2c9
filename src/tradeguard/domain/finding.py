"""A recorded violation finding: what an officer or import specialist found on one entry line.

Exams record these when a hold is closed with a violation; cases open from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.pti import PTI

# A finding records what was found: it cannot predate the entry it is about, nor lie in the
# future beyond a day (an officer's "today" may be ahead of the server's by a time zone).
FUTURE_TOLERANCE = timedelta(days=1)

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
        "excluded",  # goods an exclusion order or a withhold release order bars
    }
)


def check_finding_date(found_on: date, *, entry_date: date, today: date) -> date:
    """The finding date if it lies between the entry date and tomorrow; else InvalidInput."""
    if found_on < entry_date:
        raise InvalidInput(
            f"finding_date {found_on} is before the entry date {entry_date}", "finding_date"
        )
    if found_on > today + FUTURE_TOLERANCE:
        raise InvalidInput(
            f"finding_date {found_on} is in the future (today is {today})", "finding_date"
        )
    return found_on


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

    def __post_init__(self) -> None:
        if self.violation_date is not None and self.finding_date < self.violation_date:
            raise InvalidInput(
                f"finding_date {self.finding_date} is before the violation ({self.violation_date})",
                "finding_date",
            )
