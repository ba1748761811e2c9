"""What the facility use cases return: a facility as officers read it, with its reviews."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tradeguard.domain.cases.money import from_cents
from tradeguard.store.facilities import FacilityRow, ReviewRow


@dataclass(frozen=True, slots=True)
class ReviewView:
    id: int
    reviewed_on: date
    reviewer: str
    risk_level: str
    findings: int
    evidence: list[str]


@dataclass(frozen=True, slots=True)
class FacilityView:
    code: str
    name: str
    kind: str
    class_code: str
    operator: str
    port_code: str
    bond_no: str
    bond_amount: Decimal
    registered_on: date
    state: str
    risk_level: str | None
    reviewed_on: date | None
    review_due: date
    review_status: str
    on_reference_list: bool
    reviews: list[ReviewView]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def review_status(row: FacilityRow, due: date, today: date) -> str:
    """`overdue` past its due date; `never reviewed` before then when no review exists yet."""
    if row.state == "closed":
        return "closed"
    if due < today:
        return "overdue"
    return "never reviewed" if row.risk_level is None else "current"


def facility_view(
    row: FacilityRow, reviews: list[ReviewRow], on_list: bool, today: date
) -> FacilityView:
    due = row.facility().review_due
    return FacilityView(
        code=row.code,
        name=row.name,
        kind=row.kind,
        class_code=row.class_code,
        operator=row.operator,
        port_code=row.port_code,
        bond_no=row.bond_no,
        bond_amount=from_cents(row.bond_amount_cents),
        registered_on=row.registered_on,
        state=row.state,
        risk_level=row.risk_level,
        reviewed_on=row.reviewed_on,
        review_due=due,
        review_status=review_status(row, due, today),
        on_reference_list=on_list,
        reviews=[
            ReviewView(
                r.id, r.reviewed_on, r.reviewer, r.risk_level, r.findings, json.loads(r.evidence)
            )
            for r in reviews
        ],
    )
