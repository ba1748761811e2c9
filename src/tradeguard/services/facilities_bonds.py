"""Bond sufficiency of bonded warehouses and zones: each facility's bond against the duties on
the goods it holds (the rule: domain/facilities_bonds.py, docs/custody.md). Shown in the
facilities report and read by the oversight tracker's facility check."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tradeguard.domain.facilities_bonds import GoodsOnHand, bond_cover
from tradeguard.store.database import Database
from tradeguard.store.entry_lines import entry_exposures
from tradeguard.store.facilities import AdmissionRow
from tradeguard.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class FacilityBond:
    code: str
    name: str
    bond_no: str
    bond_cents: int
    goods_value_cents: int
    duties_cents: int
    unpriced_value_cents: int
    shortfall_cents: int


@dataclass(frozen=True, slots=True)
class FacilityBondReport:
    as_of: date
    facilities: list[FacilityBond]

    @property
    def insufficient(self) -> list[FacilityBond]:
        return [f for f in self.facilities if f.shortfall_cents > 0]

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "insufficient": [f.code for f in self.insufficient]}


def _duty(row: AdmissionRow, rates: dict[str, tuple[int, int]]) -> int | None:
    """What the admission declared, else its entry's duty-to-value ratio in the lake."""
    if row.duty_cents is not None:
        return row.duty_cents
    if row.entry_no in rates:
        duty, value = rates[row.entry_no]
        return -(-row.value_cents * duty // value) if value else 0
    return None


def facility_bonds(
    db: Database, lake_dir: Path | None = None, *, today: date | None = None
) -> FacilityBondReport:
    """Every facility not closed, its bond against the duties on the goods it holds now."""
    today = today or date.today()
    with UnitOfWork(db) as work:
        sites = [f for f in work.facilities.every() if f.state != "closed"]
        on_hand = work.facilities.goods_on_hand()
    undeclared = {a.entry_no for a, _ in on_hand if a.duty_cents is None}
    known = entry_exposures(lake_dir, undeclared) if lake_dir and undeclared else {}
    rates = {no: (e.duties_taxes_fees_cents, e.value_cents) for no, e in known.items()}
    goods: dict[int, list[GoodsOnHand]] = {}
    for a, f in on_hand:
        remaining = a.quantity - a.withdrawn
        goods.setdefault(f.id, []).append(
            GoodsOnHand(a.quantity, remaining, a.value_cents, _duty(a, rates))
        )
    out = []
    for f in sorted(sites, key=lambda s: s.code):
        cover = bond_cover(f.bond_amount_cents, goods.get(f.id, []))
        out.append(
            FacilityBond(
                f.code,
                f.name,
                f.bond_no,
                cover.bond_cents,
                cover.goods_value_cents,
                cover.duties_cents,
                cover.unpriced_value_cents,
                cover.shortfall_cents,
            )  # fmt: skip
        )
    return FacilityBondReport(today, out)
