"""Workload drivers measured from the entry lake (annualised and scaled to the nation), passed in,
or defaulted, and which it was."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.workload import WorkloadScope
from tradeguard.reference.positions import load_staffing_parameters
from tradeguard.services.workload import (
    SHARE_FILE,
    driver_volumes,
    lake_counts,
    record_national_share,
    recorded_national_share,
)
from tradeguard.store.lake import LAKE_SCHEMA, EntryLake


def load_lines(
    lake_dir: Path, entries: dict[str, int], days: int = 2, first: date = date(2026, 1, 1)
) -> None:
    """Commit a batch with the given lines per entry number, dated from `first` over `days`."""
    rows = [
        {
            "entry_no": entry_no,
            "line_no": line,
            "entry_date": first + timedelta(days=n % days),
        }
        for n, (entry_no, lines) in enumerate(entries.items())
        for line in range(1, lines + 1)
    ]
    table = pa.Table.from_pylist(
        rows,
        schema=pa.schema(
            [f for f in LAKE_SCHEMA if f.name in ("entry_no", "line_no", "entry_date")]
        ),
    )
    for field in LAKE_SCHEMA:
        if field.name not in table.column_names:
            table = table.append_column(field, pa.nulls(table.num_rows, field.type))
    EntryLake(lake_dir).append(table, source="test", source_sha256="0" * 64)


def test_an_empty_lake_measures_nothing(tmp_path: Path) -> None:
    assert lake_counts(tmp_path / "lake") == {}
    workload = driver_volumes(load_staffing_parameters(), lake_dir=tmp_path / "lake")
    assert workload.volumes["entries"].measured is False
    assert workload.volumes["entries"].units == 30_000_000
    assert workload.scope is None and "no loaded data" in workload.note


def test_without_a_national_share_the_lakes_sample_is_not_used(tmp_path: Path) -> None:
    load_lines(tmp_path / "lake", {"ABC-1234567-1": 3, "ABC-1234568-9": 1, "ABC-1234569-7": 2})
    assert lake_counts(tmp_path / "lake") == {"entries": 3, "lines": 6}
    workload = driver_volumes(
        load_staffing_parameters(), lake_dir=tmp_path / "lake", measured={"audits": 12}
    )
    volumes = workload.volumes
    assert (volumes["entries"].units, volumes["entries"].measured) == (30_000_000, False)
    assert (volumes["lines"].units, volumes["lines"].measured) == (120_000_000, False)
    assert (volumes["audits"].units, volumes["audits"].measured) == (12, True)
    assert volumes["seizures"].measured is False and volumes["seizures"].units == 28_865
    assert "no national share is recorded" in workload.note


def test_the_sample_is_annualised_and_scaled_by_the_recorded_share(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    # 4 entries and 7 lines from 1 January to 14 March: 73 days, a fifth of a year
    load_lines(lake, {"ABC-1234567-1": 3, "ABC-1234568-9": 1, "ABC-1234569-7": 2})
    load_lines(lake, {"ABC-1234570-5": 1}, days=1, first=date(2026, 3, 14))
    record_national_share(lake, Decimal("0.0001"), "one port in ten thousand")
    workload = driver_volumes(load_staffing_parameters(), lake_dir=lake)
    assert workload.sample is not None and workload.sample.days_covered == 73
    assert workload.volumes["entries"].units == 200_000  # 4 x 5 x 10,000
    assert workload.volumes["entries"].measured is True
    assert workload.volumes["lines"].units == 350_000
    assert workload.share is not None and workload.share.source == "one port in ten thousand"
    given_share = driver_volumes(
        load_staffing_parameters(), lake_dir=lake, national_share=Decimal("0.001")
    )
    assert given_share.volumes["entries"].units == 20_000


def test_a_share_record_is_read_back_and_bad_ones_are_refused(tmp_path: Path) -> None:
    assert recorded_national_share(tmp_path) is None
    record_national_share(tmp_path, Decimal("0.25"), "a quarter")
    recorded = recorded_national_share(tmp_path)
    assert recorded is not None and (recorded.share, recorded.source) == (
        Decimal("0.25"),
        "a quarter",
    )
    with pytest.raises(InvalidInput) as raised:
        record_national_share(tmp_path, Decimal("1.5"), "too much")
    assert raised.value.field == "national_share"
    assert recorded_national_share(tmp_path) == recorded  # nothing half-written
    (tmp_path / SHARE_FILE).write_text("{not json")
    with pytest.raises(InvalidInput, match="staffing scope"):
        recorded_national_share(tmp_path)


@given(
    units=st.integers(0, 10_000_000),
    days=st.integers(1, 1_000),
    share=st.decimals(min_value=Decimal("0.00001"), max_value=1, places=5),
)
def test_scaling_is_units_times_a_year_over_days_over_share(
    units: int, days: int, share: Decimal
) -> None:
    scaled = WorkloadScope(days, share).national_units(units)
    exact = Decimal(units) * 365 / (days * share)
    assert abs(scaled - exact) <= Decimal("0.5")
    if days == 365 and share == 1:
        assert scaled == units
