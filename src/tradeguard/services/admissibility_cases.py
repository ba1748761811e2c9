"""Cases that admissibility opens: goods denied entry (exported or destroyed) and liquidated
damages claims for breaches of bond conditions, petitioned and mitigated like penalties through
the ordinary case moves (`tradeguard cases move`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tradeguard.domain.cases import CaseKind
from tradeguard.domain.cases.opening import CaseOpening
from tradeguard.domain.pti import PTI
from tradeguard.domain.redelivery import Breach, claim_amount
from tradeguard.services.cases import open_case
from tradeguard.store.database import Database


@dataclass(frozen=True, slots=True)
class CaseOpened:
    case_id: int
    kind: CaseKind
    entry_no: str
    demanded: Decimal

    def as_json(self) -> dict[str, Any]:
        return {"case_id": self.case_id, "kind": self.kind.value, "entry_no": self.entry_no,
                "demanded": str(self.demanded)}  # fmt: skip


def deny_entry(
    db: Database,
    *,
    entry_no: str,
    importer_id: str,
    pti: PTI,
    reason: str,
    on: date,
    actor: str,
) -> CaseOpened:
    """Refuse the goods admission: a `denied_entry` case, closed when exported or destroyed."""
    opening = CaseOpening(
        kind=CaseKind.DENIED_ENTRY, pti=pti, opened_on=on, importer_id=importer_id,
        entry_no=entry_no, violation_type="excluded", details={"reason": reason},
    )  # fmt: skip
    case_id = open_case(db, opening, actor)
    return CaseOpened(case_id, CaseKind.DENIED_ENTRY, entry_no, opening.demanded)


def claim_liquidated_damages(
    db: Database,
    *,
    entry_no: str,
    importer_id: str,
    breach: Breach,
    value_usd: Decimal,
    restricted: bool,
    on: date,
    actor: str,
    pti: PTI = PTI.IPR,
) -> CaseOpened:
    """Issue a claim against the importer's bond for the amount its conditions fix."""
    amount = claim_amount(breach, value_usd, restricted=restricted)
    opening = CaseOpening(
        kind=CaseKind.LIQUIDATED_DAMAGES, pti=pti, opened_on=on, importer_id=importer_id,
        entry_no=entry_no, subtype=None, demanded=amount,
        details={"breach": breach.value, "value_usd": str(value_usd), "restricted": restricted},
    )  # fmt: skip
    case_id = open_case(db, opening, actor)
    return CaseOpened(case_id, CaseKind.LIQUIDATED_DAMAGES, entry_no, amount)
