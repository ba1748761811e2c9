"""`tradeguard generate` from the command line: files, one JSON document, exit codes, speed."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from tradeguard.cli import app
from tradeguard.domain.declaration import COLUMNS

runner = CliRunner()


def test_generate_writes_both_files_and_prints_one_json_document(
    tmp_path: Path, home: Path
) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["generate", "--entries", "500", "--seed", "1", "--out", str(out), "--json"]
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert set(figures) >= {
        "entries",
        "lines",
        "value_usd",
        "duty_usd",
        "duty_to_value",
        "trusted_value_share",
        "violation_entry_rate",
        "violations_by_pti",
    }
    assert figures["entries"] == 500
    declarations = pq.read_table(out / "declarations.parquet")
    assert tuple(declarations.column_names) == COLUMNS
    assert (
        declarations.num_rows == figures["lines"] == pq.read_table(out / "truth.parquet").num_rows
    )


def test_csv_format_and_fiscal_year(tmp_path: Path, home: Path) -> None:
    out = tmp_path / "csv"
    result = runner.invoke(
        app,
        [
            "generate",
            "--entries",
            "200",
            "--seed",
            "2",
            "--out",
            str(out),
            "--format",
            "csv",
            "--fy",
            "2016",
        ],
    )
    assert result.exit_code == 0, result.output
    table = pacsv.read_csv(out / "declarations.csv")
    assert tuple(table.column_names) == COLUMNS
    dates = table.column("entry_date").to_pylist()
    assert min(dates).isoformat() >= "2015-10-01" and max(dates).isoformat() <= "2016-09-30"
    assert (out / "truth.parquet").exists()


def test_bad_format_exits_2_naming_the_problem(tmp_path: Path, home: Path) -> None:
    result = runner.invoke(
        app,
        ["generate", "--entries", "10", "--seed", "1", "--out", str(tmp_path), "--format", "xml"],
    )
    assert result.exit_code == 2
    assert "xml" in result.output and not (tmp_path / "declarations.xml").exists()


@pytest.mark.slow
def test_one_hundred_thousand_entries_well_under_thirty_seconds(tmp_path: Path, home: Path) -> None:
    started = time.perf_counter()
    result = runner.invoke(
        app, ["generate", "--entries", "100000", "--seed", "5", "--out", str(tmp_path), "--json"]
    )
    elapsed = time.perf_counter() - started
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["entries"] == 100_000
    assert elapsed < 25
