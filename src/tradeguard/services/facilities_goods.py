"""Goods in bonded warehouses and zones: admissions, withdrawals, and the five-year limit.

Goods left in a bonded warehouse past five years from importation are regarded as abandoned
(19 U.S.C. 1557(a)); the report lists them for the port to act on. Zones have no limit.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from tradeguard.domain.cases.money import from_cents, to_cents
from tradeguard.domain.entry_number import entry_no_problem
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.facilities import (
    Admission,
    FacilityKind,
    check_admission,
    check_facility_code,
    warehouse_limit,
)
from tradeguard.store.database import Database
from tradeguard.store.facilities import AdmissionRow, WithdrawalRow
from tradeguard.store.unit_of_work import UnitOfWork


class WithdrawalPurpose(StrEnum):
    CONSUMPTION = "consumption"
    EXPORT = "export"
    TRANSFER = "transfer"
    DESTRUCTION = "destruction"


def parse_purpose(text: str) -> WithdrawalPurpose:
    try:
        return WithdrawalPurpose(text.strip().lower())
    except ValueError:
        names = ", ".join(p.value for p in WithdrawalPurpose)
        raise InvalidInput(
            f"unknown purpose {text!r}; expected one of: {names}", "purpose"
        ) from None


@dataclass(frozen=True, slots=True)
class AdmissionView:
    id: int
    facility: str
    entry_no: str
    description: str
    quantity: int
    remaining: int
    value: Decimal
    imported_on: date
    admitted_on: date
    limit_on: date | None
    duty: Decimal | None = None  # estimated duties on the whole admission, when declared

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class OverLimitReport:
    as_of: date
    goods: list[AdmissionView]
    value: Decimal

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _view(row: AdmissionRow, code: str, kind: FacilityKind) -> AdmissionView:
    return AdmissionView(
        row.id,
        code,
        row.entry_no,
        row.description,
        row.quantity,
        row.quantity - row.withdrawn,
        from_cents(row.value_cents),
        row.imported_on,
        row.admitted_on,
        warehouse_limit(kind, row.imported_on),
        None if row.duty_cents is None else from_cents(row.duty_cents),
    )


def admit_goods(
    db: Database, code: str, goods: Admission, actor: str, *, today: date | None = None
) -> AdmissionView:
    """Admit goods (by their entry) to an active facility."""
    today = today or date.today()
    checked = check_admission(goods, today)
    entry_no = checked.entry_no.strip().upper()
    problem = entry_no_problem(entry_no)
    if problem:
        raise InvalidInput(f"entry number {checked.entry_no!r} {problem}", "entry_no")
    with UnitOfWork(db) as uow:
        facility = uow.facilities.get(check_facility_code(code))
        facility.facility().check_admits()
        row = uow.facilities.add_admission(
            AdmissionRow(
                facility_id=facility.id,
                entry_no=entry_no,
                description=checked.description.strip(),
                quantity=checked.quantity,
                withdrawn=0,
                value_cents=to_cents(checked.value),
                duty_cents=None if checked.duty is None else to_cents(checked.duty),
                imported_on=checked.imported_on,
                admitted_on=checked.admitted_on,
            )
        )
        view = _view(row, facility.code, FacilityKind(facility.kind))
        uow.changes.record(
            actor=actor,
            action="facility.admit",
            entity="facility",
            entity_id=facility.code,
            after=view.as_json(),
        )
        uow.commit()
    return view


def withdraw_goods(
    db: Database,
    admission_id: int,
    quantity: int,
    purpose: WithdrawalPurpose,
    actor: str,
    *,
    on: date | None = None,
    today: date | None = None,
) -> AdmissionView:
    """Withdraw part or all of an admission; never more than remains."""
    today = today or date.today()
    day = on or today
    if (day - today).days > 1:
        raise InvalidInput(f"withdrawn_on {day} is in the future", "withdrawn_on")
    with UnitOfWork(db) as uow:
        row = uow.facilities.admission(admission_id)
        goods = row.admission()
        goods.withdraw(quantity, day)
        row.withdrawn = goods.withdrawn
        uow.facilities.add_withdrawal(
            WithdrawalRow(
                admission_id=row.id,
                quantity=quantity,
                withdrawn_on=day,
                purpose=purpose.value,
                recorded_by=actor,
            )
        )
        facility = uow.facilities.by_id(row.facility_id)
        view = _view(row, facility.code, FacilityKind(facility.kind))
        uow.changes.record(
            actor=actor,
            action="facility.withdraw",
            entity="facility",
            entity_id=facility.code,
            after={"admission": row.id, "quantity": quantity, "purpose": purpose},
        )
        uow.commit()
    return view


def goods_in(db: Database, code: str) -> list[AdmissionView]:
    with UnitOfWork(db) as uow:
        facility = uow.facilities.get(check_facility_code(code))
        kind = FacilityKind(facility.kind)
        return [_view(a, facility.code, kind) for a in uow.facilities.admissions_of(facility.id)]


def goods_over_limit(db: Database, *, today: date | None = None) -> OverLimitReport:
    """Goods still in a bonded warehouse past five years from importation."""
    today = today or date.today()
    over = []
    with UnitOfWork(db) as uow:
        for admission, facility in uow.facilities.goods_on_hand():
            view = _view(admission, facility.code, FacilityKind(facility.kind))
            if view.limit_on is not None and view.limit_on < today:
                over.append(view)
    value = sum((g.value * g.remaining / g.quantity for g in over), Decimal("0"))
    return OverLimitReport(today, over, value.quantize(Decimal("0.01")))
