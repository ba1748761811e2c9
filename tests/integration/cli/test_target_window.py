"""`tradeguard target --from/--to`: a run decides only the entries of its window."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
from typer.testing import CliRunner

from tradeguard.cli import app
from tradeguard.generator import generate, write
from tradeguard.paths import STARTER_RULES_DIR

runner = CliRunner()


def _loaded(tmp_path: Path) -> None:
    paths = write(generate(entries=600, seed=5), tmp_path / "generated", "parquet")
    assert runner.invoke(app, ["ingest", str(paths["declarations"]), "--json"]).exit_code == 0
    for rules_file in sorted(STARTER_RULES_DIR.glob("*.yaml")):
        assert runner.invoke(app, ["rules", "load", str(rules_file), "--json"]).exit_code == 0


def test_a_window_decides_only_its_entries(home: Path, tmp_path: Path) -> None:
    _loaded(tmp_path)
    everything = json.loads(runner.invoke(app, ["target", "--json"]).stdout)
    result = runner.invoke(
        app,
        [
            "target",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-31",
            "--json",
            "--out",
            str(tmp_path / "m.parquet"),
        ],
    )
    assert result.exit_code == 0, result.output
    march = json.loads(result.stdout)
    decided = pl.read_parquet(tmp_path / "m.parquet")
    assert 0 < march["entries"] < everything["entries"]
    assert decided.height == march["entries"]
    assert decided.get_column("entry_date").min().isoformat() >= "2026-03-01"  # type: ignore[union-attr]
    assert decided.get_column("entry_date").max().isoformat() <= "2026-03-31"  # type: ignore[union-attr]


def test_a_window_that_ends_before_it_starts_exits_2(home: Path, tmp_path: Path) -> None:
    _loaded(tmp_path)
    result = runner.invoke(app, ["target", "--from", "2026-03-31", "--to", "2026-03-01"])
    assert result.exit_code == 2
    assert "before" in result.stderr
