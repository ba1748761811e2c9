"""Enforcement results per Priority Trade Issue and fiscal year.

A case counts in the fiscal year it was opened. Money is summed in integer cents, so a report
always equals the sum of its cases; assessed, mitigated and collected stay apart because they
differ by orders of magnitude (GAO-17-618: $237M assessed, $3.5M collected in FY2015).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from statistics import median
from typing import Any

from tradeguard.domain.cases import CaseKind, machine_for
from tradeguard.domain.cases.money import from_cents
from tradeguard.domain.cases.seizure import DISPOSALS, IN_CUSTODY
from tradeguard.domain.fiscal import fiscal_year, fiscal_year_bounds
from tradeguard.domain.pti import PTI
from tradeguard.store.cases import CaseRow
from tradeguard.store.database import Database
from tradeguard.store.unit_of_work import UnitOfWork

MONEY = ("demanded", "assessed", "mitigated", "collected", "identified")
Days = dict[str, float | None]  # mean and median days
Counts = dict[str, int]
Money = dict[str, Decimal]


@dataclass(frozen=True, slots=True)
class PtiEnforcement:
    """One PTI's (or all PTIs') cases of the period: counts, money, seizures, time to close."""

    pti: str
    cases_opened: int
    cases_closed: int
    by_kind: Counts
    penalties: Money  # assessed, mitigated, collected
    duty_demands: Money  # demanded, collected
    audits: Money  # identified, collected
    bond_coverage_demanded: Decimal
    seizure_proceeds: Decimal
    seizures: Counts  # in custody, then by disposal
    days_to_close: Days
    closed_by_kind: Counts
    days_to_close_by_kind: dict[str, Days]
    audits_by_type: Counts
    ratios: dict[str, float | None]


@dataclass(frozen=True, slots=True)
class EnforcementReport:
    fiscal_year: int | None  # None: all years
    start: date | None
    end: date | None
    by_pti: list[PtiEnforcement]
    totals: PtiEnforcement

    def as_json(self) -> dict[str, Any]:
        period: dict[str, Any] = {"fiscal_year": self.fiscal_year}
        if self.fiscal_year is not None:
            period.update(start=self.start, end=self.end)
        return {
            **period,
            "by_pti": [asdict(r) for r in self.by_pti],
            "totals": asdict(self.totals),
        }


@dataclass(frozen=True, slots=True)
class SeizedGoods:
    """A seizure whose goods are still held, with days in storage so far."""

    case_id: int
    pti: str
    state: str
    entry_no: str | None
    seized_on: date
    storage_days: int
    next_moves: list[str]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _empty(pti: str) -> dict[str, Any]:
    return {
        "pti": pti,
        "opened": 0,
        "closed": 0,
        "by_kind": Counter[str](),
        "cents": {kind.value: Counter[str]() for kind in CaseKind},
        "seizures": Counter[str](),
        "days_to_close": [],
        "closed_by_kind": Counter[str](),
        "days_by_kind": {kind.value: [] for kind in CaseKind},
        "audits_by_type": Counter[str](),
    }


def _sums(money: Counter[str], names: tuple[str, ...]) -> Money:
    return {name: from_cents(money[name]) for name in names}


def _finish(acc: dict[str, Any]) -> PtiEnforcement:
    money = acc["cents"]
    return PtiEnforcement(
        pti=acc["pti"],
        cases_opened=acc["opened"],
        cases_closed=acc["closed"],
        by_kind=dict(sorted(acc["by_kind"].items())),
        penalties=_sums(money["penalty"], ("assessed", "mitigated", "collected")),
        duty_demands=_sums(money["duty_demand"], ("demanded", "collected")),
        audits=_sums(money["audit"], ("identified", "collected")),
        bond_coverage_demanded=from_cents(money["bond_demand"]["demanded"]),
        seizure_proceeds=from_cents(money["seizure"]["collected"]),
        seizures={
            "in_custody": acc["seizures"]["in_custody"],
            **{d: acc["seizures"][d] for d in sorted(DISPOSALS)},
        },
        days_to_close=_days(acc["days_to_close"]),
        closed_by_kind=dict(sorted(acc["closed_by_kind"].items())),
        days_to_close_by_kind={
            kind: _days(d) for kind, d in sorted(acc["days_by_kind"].items()) if d
        },
        audits_by_type=dict(sorted(acc["audits_by_type"].items())),
        ratios=_ratios(money),
    )


def _days(days: list[int]) -> Days:
    return {
        "mean": round(sum(days) / len(days), 1) if days else None,
        "median": median(days) if days else None,
    }


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _ratios(money: dict[str, Counter[str]]) -> dict[str, float | None]:
    """Collected over what was asked, per kind of money (GAO-17-618: penalties $3.5M of $237M
    assessed, 1.5%; audits almost $60M of over $109M identified, 55%)."""
    penalty, duty, audit = money["penalty"], money["duty_demand"], money["audit"]
    return {
        "penalties_collected_of_assessed": _ratio(penalty["collected"], penalty["assessed"]),
        "penalties_mitigated_of_assessed": _ratio(penalty["mitigated"], penalty["assessed"]),
        "duties_collected_of_demanded": _ratio(duty["collected"], duty["demanded"]),
        "audits_collected_of_identified": _ratio(audit["collected"], audit["identified"]),
    }


def _add(acc: dict[str, Any], row: CaseRow) -> None:
    acc["opened"] += 1
    acc["by_kind"][row.kind] += 1
    for name in MONEY:
        acc["cents"][row.kind][name] += getattr(row, f"{name}_cents")
    if row.closed_on is not None:
        acc["closed"] += 1
        acc["closed_by_kind"][row.kind] += 1
        days = (row.closed_on - row.opened_on).days
        acc["days_to_close"].append(days)
        acc["days_by_kind"].setdefault(row.kind, []).append(days)
    if row.kind == CaseKind.AUDIT.value:
        acc["audits_by_type"][row.subtype or "unknown"] += 1
    if row.kind == CaseKind.SEIZURE.value:
        acc["seizures"]["in_custody" if row.state in IN_CUSTODY else row.state] += 1


def enforcement_report(db: Database, fy: int | None = None) -> EnforcementReport:
    """Counts, money, seizures by disposal and time to close per PTI (all time when fy is None)."""
    first: date | None = None
    last: date | None = None
    if fy is not None:
        first, last = fiscal_year_bounds(fy)
    by_pti = {pti.value: _empty(pti.value) for pti in PTI}
    overall = _empty("all")
    with UnitOfWork(db) as uow:
        for row in uow.cases.opened_between(first, last):
            _add(by_pti.setdefault(row.pti, _empty(row.pti)), row)
            _add(overall, row)
    return EnforcementReport(
        fy, first, last, [_finish(acc) for acc in by_pti.values()], _finish(overall)
    )


def latest_fiscal_year(db: Database, *, today: date | None = None) -> int | None:
    """What a report shows by default: the latest fiscal year with cases that has ended. The
    year in progress only when no earlier year has cases: a few weeks of a new year (post-entry
    reviews open cases months after entry) would read as a collapse of enforcement."""
    current_start, _ = fiscal_year_bounds(fiscal_year(today or date.today()))
    with UnitOfWork(db) as uow:
        ended = uow.cases.latest_opened_on(before=current_start)
        latest = ended or uow.cases.latest_opened_on()
    return None if latest is None else fiscal_year(latest)


def seized_property_inventory(db: Database, *, today: date | None = None) -> list[SeizedGoods]:
    """Seizures whose goods are still held, oldest first, with days in storage so far."""
    today = today or date.today()
    with UnitOfWork(db) as uow:
        seized = uow.cases.seizures_in(set(IN_CUSTODY))
    moves = machine_for(CaseKind.SEIZURE).allowed
    return [
        SeizedGoods(r.id, r.pti, r.state, r.entry_no, r.opened_on, (today - r.opened_on).days + 1,
                    sorted(moves(r.state)))
        for r in seized
    ]  # fmt: skip
