"""`tradeguard ingest` on the command line: JSON report, exit codes, messages naming the problem."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.factories import declaration_row, write_csv
from tradeguard.cli import app

runner = CliRunner()


def real_rows() -> list[dict[str, str]]:
    """Rows valid against the packaged reference: a toy line into Los Angeles."""
    from tradeguard.reference import load_reference

    ref = load_reference()
    hts = next(h for h in sorted(ref.hts) if h.startswith("9503"))
    port = "2704" if "2704" in ref.ports else sorted(ref.ports)[0]
    return [
        declaration_row(1, 1, hts10=hts, port_code=port),
        declaration_row(1, 2, hts10=hts, port_code=port, quantity="-3"),
    ]


def test_ingest_json_report(home: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "d.csv", real_rows())
    result = runner.invoke(app, ["ingest", str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["rows"] == 2
    assert report["accepted"] + report["rejected"] == report["rows"]
    assert report["reasons"] == {"quantity: must not be negative": 1}
    assert Path(report["quarantine"]).is_file()
    again = json.loads(runner.invoke(app, ["ingest", str(path), "--json"]).stdout)
    assert again["accepted"] == 0


def test_unreadable_file_exits_2_naming_the_problem(home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "d.csv"
    bad.write_text("entry_no,line_no\nABC12345675,1\n")
    result = runner.invoke(app, ["ingest", str(bad), "--json"])
    assert result.exit_code == 2
    assert "missing required columns" in result.stderr
    assert result.stdout == ""


def test_missing_file_exits_2(home: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path / "nope.csv")])
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_a_column_named_twice_exits_2_naming_it(home: Path, tmp_path: Path) -> None:
    row = real_rows()[0]
    path = tmp_path / "d.csv"
    path.write_text(",".join([*row, "hts10"]) + "\n" + ",".join([*row.values(), "x"]) + "\n")
    result = runner.invoke(app, ["ingest", str(path), "--json"])
    assert result.exit_code == 2
    assert "column 'hts10' appears more than once" in result.stderr
    assert result.stdout == ""


def test_ignored_columns_are_reported_in_json_and_in_words(home: Path, tmp_path: Path) -> None:
    rows = [{**r, "[bold]colour": "red", "note\x1b": "x"} for r in real_rows()]
    path = write_csv(tmp_path / "d.csv", rows)
    report = json.loads(runner.invoke(app, ["ingest", str(path), "--json"]).stdout)
    assert report["ignored_columns"] == ["[bold]colour", "note\x1b"]
    words = runner.invoke(app, ["ingest", str(path)])
    assert words.exit_code == 0, words.output
    assert "ignored columns" in words.stderr
    assert "'[bold]colour', 'note\\x1b'" in words.stderr
    assert "nothing loaded: no batch written" in words.stderr


def test_an_empty_file_reports_zero_rows(home: Path, tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("")
    result = runner.invoke(app, ["ingest", str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["rows"], report["accepted"], report["rejected"]) == (0, 0, 0)
    assert report["batch_id"] is None
