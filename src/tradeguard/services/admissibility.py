"""Admissibility reference data as a use case: import recordations, exclusion orders and withhold
release orders from CSV; record an order's trade alert; report alert timeliness (GAO-15-78) and
the orders that merit asking the ITC to rescind them; hand targeting what is in force.

An import reads and checks the whole file first, so one bad row writes nothing; a row whose
number is already stored replaces it (the ITC rescinds or modifies orders; re-import the list).
"""

from __future__ import annotations

import csv
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from tradeguard.domain import admissibility_csv as rows
from tradeguard.domain.admissibility import (
    ALERT_TARGET_DAYS,
    AlertStatus,
    ExclusionOrder,
    Recordation,
    alert_status,
    check_alert_date,
    rescission_reasons,
)
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.withhold_release import WithholdReleaseOrder
from tradeguard.store.admissibility import (
    ExclusionOrderRow,
    RecordationRow,
    WithholdOrderRow,
    dump,
)
from tradeguard.store.database import Database
from tradeguard.store.unit_of_work import UnitOfWork
from tradeguard.targeting.admissibility_columns import AdmissibilityData

T = TypeVar("T")


class ReferenceKind(StrEnum):
    RECORDATIONS = "recordations"
    EXCLUSION_ORDERS = "exclusion_orders"
    WITHHOLD_ORDERS = "withhold_orders"


@dataclass(frozen=True, slots=True)
class ReferenceImported:
    kind: ReferenceKind
    path: str
    imported: int
    numbers: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "path": self.path, "imported": self.imported,
                "numbers": list(self.numbers)}  # fmt: skip


def _parse_all(source: str, found: Sequence[rows.Row], parse: Callable[[rows.Row], T]) -> list[T]:
    """Every row parsed, or InvalidInput naming the row's line and the field."""
    parsed = []
    # a file's first data row is its line 2 (after the header); the API's rows count from 1
    label, first = ("row", 1) if source == "api" else ("line", 2)
    for line, row in enumerate(found, start=first):
        try:
            parsed.append(parse(row))
        except InvalidInput as error:
            raise InvalidInput(f"{source} {label} {line}: {error}", error.field) from None
    if not parsed:
        raise InvalidInput(f"{source} has no rows", "file")
    return parsed


def read_csv(path: Path, fields: Sequence[str]) -> list[rows.Row]:
    """The CSV's rows as dicts; InvalidInput names the first missing column."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            missing = [f for f in fields if f not in header]
            if missing:
                raise InvalidInput(f"{path.name}: missing column {missing[0]}", missing[0])
            return list(reader)
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput(f"cannot read {path}: {error}", "file") from None


FIELDS = {
    ReferenceKind.RECORDATIONS: rows.RECORDATION_FIELDS,
    ReferenceKind.EXCLUSION_ORDERS: rows.ORDER_FIELDS,
    ReferenceKind.WITHHOLD_ORDERS: rows.WRO_FIELDS,
}


def _unique(numbers: list[str], field: str) -> tuple[str, ...]:
    seen: set[str] = set()
    for number in numbers:
        if number in seen:
            raise InvalidInput(f"{field} {number!r} appears twice in the file", field)
        seen.add(number)
    return tuple(numbers)


def _recordation_row(r: Recordation) -> RecordationRow:
    return RecordationRow(
        recordation_no=r.recordation_no, kind=r.kind.value, owner=r.owner, marks=dump(r.marks),
        hts_scope=dump(r.hts_scope), authorized_manufacturers=dump(r.authorized_manufacturers),
        recorded_on=r.recorded_on, expires_on=r.expires_on,
    )  # fmt: skip


def _order_row(o: ExclusionOrder, stored: ExclusionOrderRow | None) -> ExclusionOrderRow:
    return ExclusionOrderRow(
        order_no=o.order_no, investigation=o.investigation, kind=o.kind.value, product=o.product,
        hts_scope=dump(o.hts_scope), respondents=dump(o.respondents),
        effective_on=o.effective_on, expires_on=o.expires_on, rescinded_on=o.rescinded_on,
        alerted_on=stored.alerted_on if stored else None,  # a re-import keeps the alert
        alerted_by=stored.alerted_by if stored else None,
    )  # fmt: skip


def _withhold_row(w: WithholdReleaseOrder) -> WithholdOrderRow:
    return WithholdOrderRow(
        wro_no=w.wro_no, merchandise=w.merchandise, producer=w.producer, region=w.region,
        hts_scope=dump(w.hts_scope), issued_on=w.issued_on, revoked_on=w.revoked_on,
    )  # fmt: skip


def import_reference(
    db: Database, kind: ReferenceKind, path: Path, actor: str
) -> ReferenceImported:
    """Import one CSV of recordations, exclusion orders or withhold release orders."""
    return store_reference(db, kind, read_csv(path, FIELDS[kind]), str(path), actor)


def store_reference(
    db: Database, kind: ReferenceKind, found: Sequence[rows.Row], source: str, actor: str
) -> ReferenceImported:
    """Store rows (from a file or the API) once every one of them has been checked."""
    with UnitOfWork(db) as uow:
        repo = uow.admissibility
        if kind is ReferenceKind.RECORDATIONS:
            recs = _parse_all(source, found, rows.recordation)
            numbers = _unique([r.recordation_no for r in recs], "recordation_no")
            for r in recs:
                repo.put(_recordation_row(r))
        elif kind is ReferenceKind.EXCLUSION_ORDERS:
            orders = _parse_all(source, found, rows.exclusion_order)
            numbers = _unique([o.order_no for o in orders], "order_no")
            stored = {r.order_no: r for r in repo.exclusion_orders()}
            for o in orders:
                repo.put(_order_row(o, stored.get(o.order_no)))
        else:
            wros = _parse_all(source, found, rows.withhold_order)
            numbers = _unique([w.wro_no for w in wros], "wro_no")
            for w in wros:
                repo.put(_withhold_row(w))
        uow.changes.record(
            actor=actor, action=f"admissibility.import_{kind.value}", entity=kind.value,
            entity_id=Path(source).name, after={"numbers": list(numbers)},
        )  # fmt: skip
        uow.commit()
    return ReferenceImported(kind=kind, path=source, imported=len(numbers), numbers=numbers)


def reference_in_force(db: Database) -> AdmissibilityData:
    """What targeting compiles the admissibility rule columns from."""
    with UnitOfWork(db) as uow:
        repo = uow.admissibility
        return AdmissibilityData(
            recordations=tuple(r.domain() for r in repo.recordations()),
            exclusion_orders=tuple(o.domain() for o in repo.exclusion_orders()),
            withhold_orders=tuple(w.domain() for w in repo.withhold_orders()),
        )


@dataclass(frozen=True, slots=True)
class AlertRecorded:
    order_no: str
    alerted_on: date
    lag_days: int
    status: AlertStatus

    def as_json(self) -> dict[str, Any]:
        return {"order_no": self.order_no, "alerted_on": self.alerted_on.isoformat(),
                "lag_days": self.lag_days, "status": self.status.value}  # fmt: skip


def record_alert(
    db: Database, order_no: str, alerted_on: date, actor: str, *, today: date | None = None
) -> AlertRecorded:
    """Record the trade alert that told the ports of an order; the time from order to alert is
    what GAO-15-78 asked CBP to set a time frame for and measure."""
    today = today or date.today()
    with UnitOfWork(db) as uow:
        row = uow.admissibility.exclusion_order(order_no)
        check_alert_date(row.domain(), alerted_on, today)
        before = None if row.alerted_on is None else row.alerted_on.isoformat()
        row.alerted_on, row.alerted_by = alerted_on, actor
        uow.changes.record(
            actor=actor, action="admissibility.alert", entity="exclusion_order",
            entity_id=order_no, before=before, after=alerted_on.isoformat(),
        )  # fmt: skip
        effective_on = row.effective_on
        uow.commit()
    status = alert_status(effective_on, alerted_on, today)
    return AlertRecorded(order_no, alerted_on, (alerted_on - effective_on).days, status)


@dataclass(frozen=True, slots=True)
class OrderAlert:
    order: ExclusionOrder
    alerted_on: date | None
    lag_days: int | None
    status: AlertStatus

    def as_json(self) -> dict[str, Any]:
        o = self.order
        return {
            "order_no": o.order_no, "investigation": o.investigation, "kind": o.kind.value,
            "product": o.product, "hts_scope": list(o.hts_scope),
            "respondents": list(o.respondents), "effective_on": o.effective_on.isoformat(),
            "expires_on": o.expires_on.isoformat() if o.expires_on else None,
            "alerted_on": self.alerted_on.isoformat() if self.alerted_on else None,
            "lag_days": self.lag_days, "status": self.status.value,
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class AlertReport:
    target_days: int
    orders: tuple[OrderAlert, ...]

    def count(self, status: AlertStatus) -> int:
        return sum(1 for o in self.orders if o.status is status)

    @property
    def median_lag_days(self) -> float | None:
        lags = [o.lag_days for o in self.orders if o.lag_days is not None]
        return float(statistics.median(lags)) if lags else None

    def as_json(self) -> dict[str, Any]:
        return {
            "target_days": self.target_days, "median_lag_days": self.median_lag_days,
            **{s.value: self.count(s) for s in AlertStatus},
            "orders": [o.as_json() for o in self.orders],
        }  # fmt: skip


def alert_report(db: Database, *, today: date | None = None) -> AlertReport:
    today = today or date.today()
    with UnitOfWork(db) as uow:
        stored = [(r.domain(), r.alerted_on) for r in uow.admissibility.exclusion_orders()]
    orders = tuple(
        OrderAlert(
            order=o,
            alerted_on=alerted,
            lag_days=None if alerted is None else (alerted - o.effective_on).days,
            status=alert_status(o.effective_on, alerted, today),
        )  # fmt: skip
        for o, alerted in stored
    )
    return AlertReport(target_days=ALERT_TARGET_DAYS, orders=orders)


@dataclass(frozen=True, slots=True)
class RescissionCandidate:
    order_no: str
    product: str
    covered_entries: int
    reasons: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {"order_no": self.order_no, "product": self.product,
                "covered_entries": self.covered_entries, "reasons": list(self.reasons)}  # fmt: skip


def rescission_review(
    db: Database, covered: dict[str, int], *, today: date | None = None
) -> list[RescissionCandidate]:
    """Orders whose conditions changed, with why; `covered` counts entries per order_no."""
    today = today or date.today()
    with UnitOfWork(db) as uow:
        orders = [r.domain() for r in uow.admissibility.exclusion_orders()]
    out = []
    for o in orders:
        reasons = rescission_reasons(o, today, covered.get(o.order_no, 0))
        if reasons:
            out.append(
                RescissionCandidate(
                    o.order_no, o.product, covered.get(o.order_no, 0), tuple(reasons)
                )
            )
    return out
