"""Money in the generator is integer cents; duty rounding must equal Decimal's, to the cent."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.generator.assemble import MONEY, decimal_array, duty_cents

cents = st.integers(min_value=1, max_value=10**13)
micro = st.integers(min_value=0, max_value=4_000_000)


@given(st.lists(st.tuples(cents, micro), min_size=1, max_size=50))
def test_duty_cents_equals_decimal_quantize(pairs: list[tuple[int, int]]) -> None:
    value = np.array([v for v, _ in pairs], dtype=np.int64)
    rate = np.array([r for _, r in pairs], dtype=np.int64)
    got = duty_cents(value, rate)
    for (v, r), d in zip(pairs, got, strict=True):
        expected = (Decimal(v) / 100 * (Decimal(r) / 1_000_000)).quantize(Decimal("0.01"))
        assert Decimal(int(d)) / 100 == expected


@given(st.lists(cents, min_size=1, max_size=50), st.data())
def test_decimal_arrays_hold_exact_cents_and_nulls(values: list[int], data: st.DataObject) -> None:
    valid = np.array(data.draw(st.lists(st.booleans(), min_size=len(values), max_size=len(values))))
    array = decimal_array(np.array(values, dtype=np.int64), MONEY, valid=valid)
    assert array.type == pa.decimal128(18, 2)
    expected = [Decimal(v) / 100 if ok else None for v, ok in zip(values, valid, strict=True)]
    assert array.to_pylist() == expected
