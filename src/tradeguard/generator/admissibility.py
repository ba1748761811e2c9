"""Synthetic admissibility reference data that generated entries hit, deterministic by seed.

Built from the lines already generated (so orders name goods and manufacturers that were really
imported): IPR recordations whose authorized manufacturers leave out a planted counterfeiter,
ITC exclusion orders (a limited and a general order in force, one whose patent has expired, one
on goods nobody imports, each with the days its trade alert took or none), and withhold release
orders on one producer and one region. `expected_*` give the truth the screening must find,
computed with the domain's plain meaning (docs/admissibility.md, "In the demo").
"""

from __future__ import annotations

import csv
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from tradeguard.domain.admissibility import (
    ExclusionOrder,
    OrderKind,
    Recordation,
    RecordationKind,
    authorized_for_marks,
)
from tradeguard.domain.admissibility_csv import ORDER_FIELDS, RECORDATION_FIELDS, WRO_FIELDS
from tradeguard.domain.withhold_release import WithholdReleaseOrder


@dataclass(frozen=True, slots=True)
class LineFacts:
    entry_no: str
    hts10: str
    manufacturer_id: str
    origin_country: str
    entry_date: date


@dataclass(frozen=True, slots=True)
class AdmissibilityScenario:
    recordations: tuple[Recordation, ...]
    exclusion_orders: tuple[ExclusionOrder, ...]
    withhold_orders: tuple[WithholdReleaseOrder, ...]
    alert_lag_days: dict[str, int | None]  # None: the alert was never issued

    def write(self, out_dir: Path) -> dict[str, Path]:
        out_dir.mkdir(parents=True, exist_ok=True)
        files = {
            "recordations": (RECORDATION_FIELDS, [_recordation_row(r) for r in self.recordations]),
            "exclusion_orders": (ORDER_FIELDS, [_order_row(o) for o in self.exclusion_orders]),
            "withhold_orders": (WRO_FIELDS, [_wro_row(w) for w in self.withhold_orders]),
        }
        paths = {}
        for name, (fields, rows) in files.items():
            path = out_dir / f"{name}.csv"
            with path.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.DictWriter(handle, fieldnames=fields)
                writer.writeheader()
                writer.writerows(rows)
            paths[name] = path
        return paths

    def expected_excluded(self, lines: Sequence[LineFacts]) -> set[str]:
        return {
            x.entry_no
            for x in lines
            if any(
                o.covers(x.hts10, x.manufacturer_id, x.entry_date) for o in self.exclusion_orders
            )
        }

    def expected_withheld(self, lines: Sequence[LineFacts]) -> set[str]:
        return {
            x.entry_no
            for x in lines
            if any(
                w.covers(x.hts10, x.manufacturer_id, x.origin_country, x.entry_date)
                for w in self.withhold_orders
            )
        }

    def expected_unauthorized(self, lines: Sequence[LineFacts]) -> set[str]:
        recs = list(self.recordations)
        return {
            x.entry_no
            for x in lines
            if authorized_for_marks(recs, x.hts10, x.manufacturer_id, x.entry_date) is False
        }


def _d(day: date | None) -> str:
    return "" if day is None else day.isoformat()


def _recordation_row(r: Recordation) -> dict[str, str]:
    return {
        "recordation_no": r.recordation_no, "kind": r.kind.value, "owner": r.owner,
        "marks": ";".join(r.marks), "hts_scope": ";".join(r.hts_scope),
        "authorized_manufacturers": ";".join(r.authorized_manufacturers),
        "recorded_on": _d(r.recorded_on), "expires_on": _d(r.expires_on),
    }  # fmt: skip


def _order_row(o: ExclusionOrder) -> dict[str, str]:
    return {
        "order_no": o.order_no, "investigation": o.investigation, "kind": o.kind.value,
        "product": o.product, "hts_scope": ";".join(o.hts_scope),
        "respondents": ";".join(o.respondents), "effective_on": _d(o.effective_on),
        "expires_on": _d(o.expires_on), "rescinded_on": _d(o.rescinded_on),
    }  # fmt: skip


def _wro_row(w: WithholdReleaseOrder) -> dict[str, str]:
    return {
        "wro_no": w.wro_no, "merchandise": w.merchandise, "producer": w.producer or "",
        "region": w.region or "", "hts_scope": ";".join(w.hts_scope),
        "issued_on": _d(w.issued_on), "revoked_on": _d(w.revoked_on),
    }  # fmt: skip


def _recordations(rng: random.Random, lines: Sequence[LineFacts], start: date) -> list[Recordation]:
    by_hts6 = Counter(x.hts10[:6] for x in lines)
    out = []
    for n, (hts6, _count) in enumerate(by_hts6.most_common(2), start=1):
        makers = sorted({x.manufacturer_id for x in lines if x.hts10.startswith(hts6)})
        counterfeiter = rng.choice(makers)  # the planted manufacturer nobody authorized
        authorized = tuple(m for m in makers if m != counterfeiter)
        out.append(
            Recordation(
                recordation_no=f"TMK-{n:05d}",
                kind=RecordationKind.TRADEMARK,
                owner=f"Brand Owner {n}",
                marks=(f"MARK{n}",),
                hts_scope=(hts6,),
                authorized_manufacturers=authorized,
                recorded_on=start - timedelta(days=400),
            )  # fmt: skip
        )
    return out


def _orders(
    rng: random.Random, lines: Sequence[LineFacts], start: date, today: date
) -> list[ExclusionOrder]:
    limited, general, expired = rng.sample(list(lines), 3)
    return [
        ExclusionOrder(
            order_no="337-LEO-001", investigation="337-TA-1101", kind=OrderKind.LIMITED,
            product="products under patent A", hts_scope=(limited.hts10[:8],),
            respondents=(limited.manufacturer_id,), effective_on=start,
        ),
        ExclusionOrder(
            order_no="337-GEO-002", investigation="337-TA-1102", kind=OrderKind.GENERAL,
            product="products under patent B", hts_scope=(general.hts10,), respondents=(),
            effective_on=start + timedelta(days=30),
        ),
        ExclusionOrder(
            order_no="337-LEO-003", investigation="337-TA-1103", kind=OrderKind.LIMITED,
            product="products under an expired patent", hts_scope=(expired.hts10,),
            respondents=(expired.manufacturer_id,), effective_on=start - timedelta(days=600),
            expires_on=min(today - timedelta(days=20), start + timedelta(days=60)),
        ),
        ExclusionOrder(
            order_no="337-GEO-004", investigation="337-TA-1104", kind=OrderKind.GENERAL,
            product="goods nobody imports", hts_scope=("9999",), respondents=(),
            effective_on=start - timedelta(days=500),
        ),
    ]  # fmt: skip


def generate_admissibility(
    lines: Sequence[LineFacts], *, seed: int, today: date
) -> AdmissibilityScenario:
    """Reference data for `lines` (needs at least three); the same seed gives the same data."""
    if len(lines) < 3:
        raise ValueError("the admissibility scenario needs at least three generated lines")
    rng = random.Random(seed)
    ordered = sorted(lines, key=lambda x: (x.entry_date, x.entry_no, x.hts10, x.manufacturer_id))
    start = ordered[len(ordered) // 3].entry_date  # orders take effect a third into the year
    producer_line, region_line = rng.sample(ordered, 2)
    withhold = (
        WithholdReleaseOrder(
            wro_no="WRO-0001", merchandise="goods of a named producer", issued_on=start,
            producer=producer_line.manufacturer_id,
        ),
        WithholdReleaseOrder(
            wro_no="WRO-0002", merchandise="goods of a named region", issued_on=start,
            region=region_line.origin_country, hts_scope=(region_line.hts10[:6],),
        ),
    )  # fmt: skip
    return AdmissibilityScenario(
        recordations=tuple(_recordations(rng, ordered, start)),
        exclusion_orders=tuple(_orders(rng, ordered, start, today)),
        withhold_orders=withhold,
        alert_lag_days={
            "337-LEO-001": 6,
            "337-GEO-002": 41,
            "337-LEO-003": 12,
            "337-GEO-004": None,
        },
    )
