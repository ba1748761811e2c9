"""The random compliance sample: the SQL formula equals Python's hashlib, and is deterministic."""

from __future__ import annotations

import hashlib

import duckdb
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tradeguard.domain.errors import InvalidInput
from tradeguard.targeting.sampling import (
    SampleRates,
    is_sampled,
    sample_fraction,
    sample_fraction_sql,
    sample_sql,
)


def _python(entry_no: str, seed: int) -> float:
    # The formula as the issue states it, written out independently.
    return int(hashlib.md5(f"{entry_no}:{seed}".encode()).hexdigest()[:15], 16) / 16**15


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.text(alphabet="ABCDEFGHJK0123456789-'", min_size=1, max_size=14), min_size=1),
    st.integers(min_value=0, max_value=2**31 - 1),
)
def test_duckdb_fraction_equals_hashlib(entries: list[str], seed: int) -> None:
    table = pa.table({"entry_no": entries})
    con = duckdb.connect()
    con.register("t", table)
    rows = con.sql(f"SELECT entry_no, {sample_fraction_sql('entry_no', seed)} FROM t").fetchall()
    for entry_no, fraction in rows:
        assert fraction == _python(entry_no, seed) == sample_fraction(entry_no, seed)


def test_sample_is_deterministic_and_near_its_rate() -> None:
    entries = [f"ABC{n:08d}" for n in range(20000)]
    first = [is_sampled(e, 7, 0.05) for e in entries]
    assert first == [is_sampled(e, 7, 0.05) for e in entries]
    assert 0.04 < sum(first) / len(entries) < 0.06
    other_seed = [is_sampled(e, 8, 0.05) for e in entries]
    assert other_seed != first


def test_rate_per_center_in_sql() -> None:
    rates = SampleRates(0.0, {"Electronics": 1.0})
    con = duckdb.connect()
    con.register("t", pa.table({"e": ["A1", "A2"], "c": ["Electronics", "Apparel"]}))
    rows = con.sql(f"SELECT c, {sample_sql('e', 'c', 1, rates)} FROM t ORDER BY c").fetchall()
    assert rows == [("Apparel", False), ("Electronics", True)]
    assert rates.rate_for("Electronics") == 1.0 and rates.rate_for(None) == 0.0


def test_rate_outside_zero_one_is_refused() -> None:
    with pytest.raises(InvalidInput, match="sample rate"):
        SampleRates(1.5)
