"""Bond sufficiency: whether an importer's continuous bond covers what it should, and the bond
demand an insufficient bond opens (the arithmetic is domain.cases.bond)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tradeguard.domain.cases import CaseKind
from tradeguard.domain.cases.bond import check_bond
from tradeguard.domain.cases.money import ZERO
from tradeguard.domain.cases.opening import CaseOpening
from tradeguard.domain.pti import PTI
from tradeguard.services.cases import open_case
from tradeguard.store.database import Database

__all__ = ["BondSufficiency", "check_bond_sufficiency"]


@dataclass(frozen=True, slots=True)
class BondSufficiency:
    current: Decimal
    required: Decimal
    sufficient: bool
    shortfall: Decimal
    case_id: int | None  # the bond demand an insufficient bond opened

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def check_bond_sufficiency(
    db: Database,
    *,
    importer_id: str,
    current_bond: Decimal,
    prior_12_month_dtf: Decimal,
    actor: str,
    adcvd_exposure: Decimal = ZERO,
    pti: PTI = PTI.REVENUE,
    on: date | None = None,
) -> BondSufficiency:
    """Compare the importer's bond with what it needs; an insufficient bond opens a bond demand."""
    check = check_bond(current_bond, prior_12_month_dtf, adcvd_exposure)
    case_id = None
    if not check.sufficient:
        opening = CaseOpening(
            kind=CaseKind.BOND_DEMAND,
            pti=pti,
            opened_on=on or date.today(),
            importer_id=importer_id,
            demanded=check.required,
            details={
                "current_bond": str(check.current),
                "prior_12_month_dtf": str(prior_12_month_dtf),
                "adcvd_exposure": str(adcvd_exposure),
                "shortfall": str(check.shortfall),
            },
        )
        case_id = open_case(db, opening, actor)
    return BondSufficiency(
        check.current, check.required, check.sufficient, check.shortfall, case_id
    )
