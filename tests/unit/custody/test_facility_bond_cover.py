"""The facility bond rule: duties on the goods on hand, each admission's remaining share rounded
up to the cent, never a cent short of the exact share; the bond is short by the difference."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from tradeguard.domain.facilities_bonds import GoodsOnHand, bond_cover


@st.composite
def goods(draw: st.DrawFn) -> GoodsOnHand:
    quantity = draw(st.integers(1, 10_000))
    duty = draw(st.one_of(st.none(), st.integers(0, 10**11)))
    return GoodsOnHand(quantity, draw(st.integers(0, quantity)), draw(st.integers(0, 10**12)), duty)


@given(st.integers(1, 10**12), st.lists(goods(), max_size=30))
def test_the_cover_never_loses_a_cent(bond: int, held: list[GoodsOnHand]) -> None:
    cover = bond_cover(bond, held)
    priced = [g for g in held if g.duty_cents is not None]
    exact = sum(Fraction(g.duty_cents or 0) * g.remaining / g.quantity for g in priced)
    assert exact <= cover.duties_cents < exact + len(priced) + 1
    unpriced = sum(
        Fraction(g.value_cents) * g.remaining / g.quantity for g in held if g not in priced
    )
    assert unpriced <= cover.unpriced_value_cents < unpriced + len(held) + 1
    assert cover.shortfall_cents == max(0, cover.duties_cents - bond)
    assert cover.sufficient == (bond >= cover.duties_cents)


def test_goods_gone_owe_nothing_and_goods_whole_owe_their_duty() -> None:
    whole, gone = GoodsOnHand(10, 10, 100_00, 7_00), GoodsOnHand(10, 0, 500_00, 90_00)
    cover = bond_cover(5_00, [whole, gone])
    assert (cover.duties_cents, cover.goods_value_cents, cover.shortfall_cents) == (700, 10000, 200)
