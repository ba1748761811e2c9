"""Whether a bonded facility's bond covers what it secures: the duties on the goods in it.

A warehouse proprietor's or zone operator's custodial bond answers for the duties, taxes and
fees on the goods in its custody should they leave it unpaid. tradeguard's rule (docs/custody.md):
the bond must be at least the **duties on the goods on hand**, each admission counted for the
share of it still in the facility (remaining / quantity) of its duties: those its entry declared,
or else the entry's duty-to-value ratio in the entry lake times its value. Goods whose duties
neither source knows are listed as unpriced, not guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class GoodsOnHand:
    quantity: int
    remaining: int
    value_cents: int
    duty_cents: int | None  # on the whole admission; None when nothing says


@dataclass(frozen=True, slots=True)
class BondCover:
    bond_cents: int
    goods_value_cents: int  # of the goods still on hand
    duties_cents: int  # on the priced goods still on hand
    unpriced_value_cents: int  # goods on hand whose duties nothing says

    @property
    def shortfall_cents(self) -> int:
        return max(0, self.duties_cents - self.bond_cents)

    @property
    def sufficient(self) -> bool:
        return self.shortfall_cents == 0


def _share(cents: int, remaining: int, quantity: int) -> int:
    """The remaining share of an amount, rounded up: a bond must cover the last cent."""
    return -(-cents * remaining // quantity) if quantity else 0


def bond_cover(bond_cents: int, goods: Iterable[GoodsOnHand]) -> BondCover:
    value = duties = unpriced = 0
    for g in goods:
        share = _share(g.value_cents, g.remaining, g.quantity)
        value += share
        if g.duty_cents is None:
            unpriced += share
        else:
            duties += _share(g.duty_cents, g.remaining, g.quantity)
    return BondCover(bond_cents, value, duties, unpriced)
