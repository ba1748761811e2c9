"""`target --engine polars` decides exactly what `--engine duckdb` decides, on the same lake.

Uses the small lake and rules of test_target.py: rules reading first-seen history, guards,
exemptions, trusted-trader release, the random sample with per-Center rates, and (post-entry)
a rule on findings history, which the Polars engine hands to DuckDB.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from tests.integration.targeting.test_target import RULES, _lake
from tests.unit.targeting.lake import entry_no
from tradeguard.cli import app
from tradeguard.config import load_settings
from tradeguard.services import rule_hits, targeting
from tradeguard.services.rules import load_rules, parse_rules
from tradeguard.store.database import Database
from tradeguard.targeting.sampling import SampleRates

runner = CliRunner()


@pytest.fixture
def db(home: Path) -> Database:
    _lake(home)
    database = Database(load_settings().effective_database_url)
    load_rules(database, parse_rules(RULES))
    return database


def _decisions(db: Database, engine: str, stage: str) -> pl.DataFrame:
    result = targeting.run_targeting(
        db,
        load_settings(),
        stage=stage,
        engine=engine,
        sample_rate=SampleRates(0.2, {"Consumer Products": 0.5}),
        seed=11,
    )
    return pl.read_parquet(result.decisions_path)


@pytest.mark.parametrize("stage", ["entry", "post-entry"])
def test_same_decisions_as_duckdb(db: Database, home: Path, stage: str) -> None:
    findings = rule_hits.findings_path(load_settings())
    findings.parent.mkdir(parents=True, exist_ok=True)
    pl.DataFrame(
        {
            "entry_no": [entry_no(5)],
            "line_no": [1],
            "finding_date": [date(2026, 1, 15)],
            "violation": [True],
        }
    ).write_parquet(findings)
    fast, reference = _decisions(db, "polars", stage), _decisions(db, "duckdb", stage)
    assert fast.height == 40
    assert fast.equals(reference)
    if stage == "entry":
        held = dict(zip(fast["entry_no"], fast["rule_ids"].to_list(), strict=True))
        assert held[entry_no(1)] == ["R-SAFE-201"] and held[entry_no(3)] == []


def test_cli_accepts_the_polars_engine(db: Database) -> None:
    result = runner.invoke(app, ["target", "--engine", "polars", "--json", "--sample-rate", "0"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["entries"] == 40
    assert report["rule_hits"]["R-SAFE-201"] == 1
