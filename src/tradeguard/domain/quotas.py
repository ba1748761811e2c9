"""Import quotas: what each one covers, its periods, and charging lines against it in order.

A tariff-rate quota lets a quantity enter per period at the in-quota rate; once it is filled,
goods still enter, at the over-quota rate. An absolute quota lets no more enter for consumption
in the period (the goods are warehoused, exported, destroyed or abandoned). CBP charges
quantities in the order entries are presented: here, entry date, then entry number, then line
number, so the order is the same whichever file or process loaded a line. Quantities are whole
units of the quota's unit (a fraction is charged as a whole unit: any line over a filled quota
is over it). A line is charged to at most one quota: quotas may not overlap (`overlapping`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal
from enum import StrEnum

from tradeguard.domain.errors import InvalidInput


class QuotaKind(StrEnum):
    TARIFF_RATE = "tariff_rate"
    ABSOLUTE = "absolute"


class QuotaPeriod(StrEnum):
    CALENDAR_YEAR = "calendar_year"
    FISCAL_YEAR = "fiscal_year"  # 1 October to 30 September, named by the year it ends
    QUARTER = "quarter"  # calendar quarters


@dataclass(frozen=True, slots=True)
class PeriodWindow:
    label: str
    start: date
    end: date


def period_of(period: QuotaPeriod, on: date) -> PeriodWindow:
    """The quota period holding the day `on`."""
    if period is QuotaPeriod.CALENDAR_YEAR:
        return PeriodWindow(str(on.year), date(on.year, 1, 1), date(on.year, 12, 31))
    if period is QuotaPeriod.FISCAL_YEAR:
        fy = on.year + 1 if on.month >= 10 else on.year
        return PeriodWindow(f"FY{fy}", date(fy - 1, 10, 1), date(fy, 9, 30))
    q = (on.month - 1) // 3
    start = date(on.year, 3 * q + 1, 1)
    end = date(on.year + 1, 1, 1) if q == 3 else date(on.year, 3 * q + 4, 1)
    return PeriodWindow(f"{on.year}-Q{q + 1}", start, date.fromordinal(end.toordinal() - 1))


@dataclass(frozen=True, slots=True)
class Quota:
    """One quota as the HTSUS (or the proclamation) sets it, with where that is written.

    `countries` empty means every country except `excluded_countries` ("other countries or
    areas"); otherwise only those listed. `hts_scope` are HTS prefixes of the in-quota lines.
    """

    quota_id: str
    name: str
    kind: QuotaKind
    hts_scope: tuple[str, ...]
    countries: tuple[str, ...]
    excluded_countries: tuple[str, ...]
    period: QuotaPeriod
    quantity: int
    unit: str
    in_quota_rate: str
    over_quota_rate: str
    effective_from: date
    effective_to: date | None
    source: str

    def __post_init__(self) -> None:
        if self.quantity < 0:
            raise InvalidInput(f"quota {self.quota_id}: quantity must be >= 0", "quantity")
        if not self.hts_scope or not all(p.isdigit() for p in self.hts_scope):
            raise InvalidInput(f"quota {self.quota_id}: HTS scope must be digits", "hts_scope")
        if self.countries and self.excluded_countries:
            raise InvalidInput(
                f"quota {self.quota_id}: name countries or exclusions, not both", "countries"
            )

    def as_json(self) -> dict[str, object]:
        return {
            "quota_id": self.quota_id, "name": self.name, "kind": self.kind.value,
            "hts_scope": list(self.hts_scope), "countries": list(self.countries),
            "excluded_countries": list(self.excluded_countries), "period": self.period.value,
            "quantity": self.quantity, "unit": self.unit, "in_quota_rate": self.in_quota_rate,
            "over_quota_rate": self.over_quota_rate,
            "effective_from": self.effective_from.isoformat(),
            "effective_to": self.effective_to.isoformat() if self.effective_to else None,
            "source": self.source,
        }  # fmt: skip

    def takes_country(self, country: str) -> bool:
        if self.countries:
            return country in self.countries
        return country not in self.excluded_countries

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)

    def covers(self, hts10: str, country: str, unit: str, on: date) -> bool:
        """The line counts against this quota (in scope, origin, unit and dates)."""
        return (
            unit == self.unit
            and self.in_force(on)
            and self.takes_country(country)
            and any(hts10.startswith(p) for p in self.hts_scope)
        )


def _scopes_meet(a: Quota, b: Quota) -> bool:
    return any(p.startswith(q) or q.startswith(p) for p in a.hts_scope for q in b.hts_scope)


def _countries_meet(a: Quota, b: Quota) -> bool:
    if a.countries and b.countries:
        return bool(set(a.countries) & set(b.countries))
    if a.countries:
        return any(b.takes_country(c) for c in a.countries)
    if b.countries:
        return any(a.takes_country(c) for c in b.countries)
    return True  # both "every country except ...": some country is in neither exclusion


def _windows_meet(a: Quota, b: Quota) -> bool:
    a_end, b_end = a.effective_to or date.max, b.effective_to or date.max
    return a.effective_from <= b_end and b.effective_from <= a_end


def overlapping(quotas: Sequence[Quota]) -> list[tuple[str, str]]:
    """Pairs of quotas some line could count against both (a charge must have one home)."""
    return [
        (a.quota_id, b.quota_id)
        for i, a in enumerate(quotas)
        for b in quotas[i + 1 :]
        if a.unit == b.unit and _scopes_meet(a, b) and _countries_meet(a, b) and _windows_meet(a, b)
    ]


def whole_units(quantity: float | Decimal) -> int:
    """The quantity charged for a declared quantity: whole units, any fraction rounded up."""
    if isinstance(quantity, float):
        if not math.isfinite(quantity):
            raise InvalidInput("quantity must be finite", "quantity")
        quantity = Decimal(repr(quantity))
    return int(quantity.to_integral_value(rounding=ROUND_CEILING))


@dataclass(frozen=True, slots=True)
class QuotaLine:
    """What charging reads from one declared line."""

    entry_no: str
    line_no: int
    entry_date: date
    hts10: str
    origin_country: str
    unit: str
    quantity: int  # whole units (whole_units)

    @property
    def order(self) -> tuple[date, str, int]:
        """Presentation order: entry date, then entry number, then line number."""
        return (self.entry_date, self.entry_no, self.line_no)


@dataclass(frozen=True, slots=True)
class Charge:
    """One line's charge: how much of it entered within the quota and how much over it."""

    quota_id: str
    period: str
    entry_no: str
    line_no: int
    entry_date: date
    in_quota: int
    over_quota: int


def quota_for(quotas: Sequence[Quota], line: QuotaLine) -> Quota | None:
    for quota in quotas:
        if quota.covers(line.hts10, line.origin_country, line.unit, line.entry_date):
            return quota
    return None


def charge(quotas: Sequence[Quota], lines: Iterable[QuotaLine]) -> list[Charge]:
    """Charge every covered line in presentation order; what the period has left goes to the
    line in full or in part, the rest of the line is over the quota."""
    used: dict[tuple[str, str], int] = {}
    charges: list[Charge] = []
    for line in sorted(lines, key=lambda x: x.order):
        quota = quota_for(quotas, line)
        if quota is None:
            continue
        window = period_of(quota.period, line.entry_date)
        key = (quota.quota_id, window.label)
        left = quota.quantity - used.get(key, 0)
        within = min(line.quantity, max(left, 0))
        used[key] = used.get(key, 0) + within
        charges.append(
            Charge(
                quota.quota_id, window.label, line.entry_no, line.line_no, line.entry_date,
                within, line.quantity - within,
            )
        )  # fmt: skip
    return charges


@dataclass(frozen=True, slots=True)
class FillPoint:
    """The first line of a quota period that did not fit: it and every later covered line of
    the period with a positive quantity are over the quota."""

    quota_id: str
    period: str
    start: date
    end: date
    entry_date: date
    entry_no: str
    line_no: int


def fill_points(quotas: Sequence[Quota], charges: Iterable[Charge]) -> list[FillPoint]:
    by_id = {q.quota_id: q for q in quotas}
    points: dict[tuple[str, str], FillPoint] = {}
    for c in sorted(charges, key=lambda c: (c.entry_date, c.entry_no, c.line_no)):
        key = (c.quota_id, c.period)
        if c.over_quota > 0 and key not in points:
            window = period_of(by_id[c.quota_id].period, c.entry_date)
            points[key] = FillPoint(
                c.quota_id, c.period, window.start, window.end, c.entry_date, c.entry_no,
                c.line_no,
            )  # fmt: skip
    return sorted(points.values(), key=lambda p: (p.quota_id, p.start))


def over_filled(quotas: Sequence[Quota], points: Sequence[FillPoint], line: QuotaLine) -> bool:
    """The plain meaning of the `quota_filled` rule column for one line."""
    quota = quota_for(quotas, line)
    if quota is None or line.quantity <= 0:
        return False
    for p in points:
        if p.quota_id == quota.quota_id and p.start <= line.entry_date <= p.end:
            return line.order >= (p.entry_date, p.entry_no, p.line_no)
    return False
