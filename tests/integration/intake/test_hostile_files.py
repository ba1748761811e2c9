"""Files an attacker or a broken filer system might send: each has one documented outcome.

A column named twice refuses the file naming it; unknown columns are ignored and reported; an
empty file loads no batch; control characters and over-long values reject the line naming the
field; and whatever the cells hold, rows = accepted + rejected.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import TEST_REFS, declaration_row, write_csv, write_jsonl
from tradeguard.config import load_settings
from tradeguard.domain.declaration import COLUMNS
from tradeguard.domain.errors import InvalidInput
from tradeguard.services.ingest import ingest
from tradeguard.store.lake import EntryLake

TODAY = date(2026, 11, 28)


def run(paths: list[Path]):  # type: ignore[no-untyped-def]
    return ingest(paths, load_settings(), refs=TEST_REFS, today=TODAY)


def lake_lines() -> int:
    return EntryLake(load_settings().lake_dir).scan().collect().height


def test_a_column_named_twice_in_a_csv_header_refuses_the_file(home: Path, tmp_path: Path) -> None:
    row = declaration_row()
    header = ",".join([*row, "value_usd"])
    path = tmp_path / "d.csv"
    path.write_text(header + "\n" + ",".join([*row.values(), "1.00"]) + "\n")
    with pytest.raises(InvalidInput, match="column 'value_usd' appears more than once") as caught:
        run([path])
    assert caught.value.field == "value_usd"
    assert lake_lines() == 0


def test_a_key_named_twice_in_a_json_line_refuses_the_file(home: Path, tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    good = json.dumps(declaration_row(1, 1))
    twice = json.dumps(declaration_row(1, 2))[:-1] + ', "hts10": "8507600020"}'
    path.write_text(good + "\n" + twice + "\n")
    with pytest.raises(InvalidInput, match="'hts10' appears more than once .* on line 2"):
        run([path])
    assert lake_lines() == 0


def test_a_json_value_that_looks_like_a_repeated_key_is_not_refused(
    home: Path, tmp_path: Path
) -> None:
    tricky = declaration_row(description='said "hts10": twice, "hts10": yes')
    report = run([write_jsonl(tmp_path / "d.jsonl", [tricky])])
    assert report.accepted == 1


def test_a_column_named_twice_in_parquet_refuses_the_file(home: Path, tmp_path: Path) -> None:
    row = declaration_row()
    names = [*row, "unit"]
    table = pa.Table.from_arrays([pa.array([v]) for v in [*row.values(), "KG"]], names=names)
    pq.write_table(table, tmp_path / "d.parquet")
    with pytest.raises(InvalidInput, match="column 'unit' appears more than once"):
        run([tmp_path / "d.parquet"])


def test_unknown_columns_are_ignored_and_reported(home: Path, tmp_path: Path) -> None:
    rows = [{**declaration_row(), "colour": "red", "Value_USD": "1"}]
    report = run([write_csv(tmp_path / "d.csv", rows)])
    assert (report.rows, report.accepted) == (1, 1)
    assert report.ignored_columns == ["colour", "Value_USD"]
    assert report.as_json()["ignored_columns"] == ["colour", "Value_USD"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("header-only.csv", ",".join(COLUMNS) + "\n"),
        ("zero-bytes.csv", ""),
        ("blank.csv", "\n\n  \n"),
        ("zero-bytes.jsonl", ""),
    ],
)
def test_a_file_without_rows_loads_no_batch(
    home: Path, tmp_path: Path, name: str, content: str
) -> None:
    path = tmp_path / name
    path.write_text(content)
    report = run([path])
    assert (report.rows, report.accepted, report.rejected) == (0, 0, 0)
    assert report.batch_id is None
    assert EntryLake(load_settings().lake_dir).batches() == []


def test_nothing_accepted_loads_no_batch(home: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "d.csv", [declaration_row()])
    assert run([path]).batch_id is not None
    again = run([path])
    assert (again.accepted, again.rejected, again.batch_id) == (0, 1, None)
    assert len(EntryLake(load_settings().lake_dir).batches()) == 1


def test_control_characters_and_huge_values_reject_the_line_naming_the_field(
    home: Path, tmp_path: Path
) -> None:
    rows = [
        declaration_row(1, 1, description="toys\x00"),
        declaration_row(1, 2, description="x" * 1_000_000),
        declaration_row(1, 3, importer_id="IMP\x1b[2J"),
        declaration_row(1, 4, unit="KG\u0085\u0085X"),
        declaration_row(1, 5, description="x" * 500),
    ]
    report = run([write_csv(tmp_path / "d.csv", rows)])
    assert (report.rows, report.accepted, report.rejected) == (5, 1, 4)
    assert report.reasons == {
        "description: contains a control character": 1,
        "description: longer than 500 characters": 1,
        "importer_id: contains a control character": 1,
        "unit: contains a control character": 1,
    }
    quarantine = pl.read_csv(report.quarantine, infer_schema=False)
    assert quarantine.get_column("description").to_list()[0] == "toys\x00"  # as it arrived


# Any text, including control characters, quotes, separators and line breaks, in any columns.
CELL = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(max_codepoint=0x9F), max_size=20),
    st.sampled_from(["", "1" * 20, "9" * 17 + ".99", "1e309", "-0", "2026-02-30", "9999999"]),
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    edits=st.lists(
        st.tuples(st.integers(0, 5), st.sampled_from(COLUMNS), CELL), min_size=1, max_size=12
    )
)
def test_ingest_never_crashes_and_counts_every_row(
    home: Path, tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[int, str, str]]
) -> None:
    rows = [declaration_row(serial, 1) for serial in range(1, 7)]
    for index, column, value in edits:
        rows[index][column] = value
    before = lake_lines()
    report = run([write_csv(tmp_path_factory.mktemp("f") / "d.csv", rows)])
    assert report.rows == 6 == report.accepted + report.rejected
    assert lake_lines() == before + report.accepted
    assert sum(report.reasons.values()) == report.rejected
