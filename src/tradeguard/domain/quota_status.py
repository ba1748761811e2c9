"""A quota's standing in each period: what was charged within it and over it, and when it
filled. Pure arithmetic over charges (domain/quotas.py), in whole units."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tradeguard.domain.quotas import Charge, FillPoint, Quota, QuotaKind, fill_points, period_of


@dataclass(frozen=True, slots=True)
class QuotaPeriodStatus:
    """One quota in one period. `filled_on` is the entry date of the first line that did not
    fit; entries from then on were refused the in-quota rate (tariff-rate) or entry for
    consumption (absolute)."""

    quota_id: str
    name: str
    kind: QuotaKind
    period: str
    start: date
    end: date
    quantity: int
    unit: str
    in_quota: int
    over_quota: int
    lines: int
    lines_over: int
    entries_over: int
    filled_on: date | None
    source: str

    @property
    def remaining(self) -> int:
        return self.quantity - self.in_quota

    @property
    def percent_filled(self) -> Decimal:
        if self.quantity == 0:
            return Decimal(100)
        return (Decimal(100) * self.in_quota / self.quantity).quantize(Decimal("0.1"))

    @property
    def filled(self) -> bool:
        return self.filled_on is not None or self.remaining == 0

    def as_json(self) -> dict[str, object]:
        return {
            "quota_id": self.quota_id, "name": self.name, "kind": self.kind.value,
            "period": self.period, "start": self.start.isoformat(), "end": self.end.isoformat(),
            "quantity": self.quantity, "unit": self.unit, "in_quota": self.in_quota,
            "over_quota": self.over_quota, "remaining": self.remaining,
            "percent_filled": str(self.percent_filled), "filled": self.filled,
            "filled_on": self.filled_on.isoformat() if self.filled_on else None,
            "lines": self.lines, "lines_over": self.lines_over, "entries_over": self.entries_over,
        }  # fmt: skip


def period_statuses(quotas: Sequence[Quota], charges: Iterable[Charge]) -> list[QuotaPeriodStatus]:
    """Every (quota, period) with at least one charge, by quota file order then period."""
    charges = list(charges)
    points: dict[tuple[str, str], FillPoint] = {
        (p.quota_id, p.period): p for p in fill_points(quotas, charges)
    }
    grouped: dict[tuple[str, str], list[Charge]] = {}
    for c in charges:
        grouped.setdefault((c.quota_id, c.period), []).append(c)
    order = {q.quota_id: i for i, q in enumerate(quotas)}
    out = []
    for q in quotas:
        for (qid, label), group in grouped.items():
            if qid != q.quota_id:
                continue
            window = period_of(q.period, group[0].entry_date)
            over = [c for c in group if c.over_quota > 0]
            point = points.get((qid, label))
            out.append(
                QuotaPeriodStatus(
                    qid, q.name, q.kind, label, window.start, window.end, q.quantity, q.unit,
                    sum(c.in_quota for c in group), sum(c.over_quota for c in group), len(group),
                    len(over), len({c.entry_no for c in over}),
                    point.entry_date if point else None, q.source,
                )
            )  # fmt: skip
    return sorted(out, key=lambda s: (order[s.quota_id], s.start))
