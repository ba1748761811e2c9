"""The whole loop on a small year: findings train the model, and the model's reasons reach the
decisions and real-time scoring beside the rules."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from tradeguard.cli import app
from tradeguard.config import load_settings
from tradeguard.generator import generate, write
from tradeguard.paths import STARTER_RULES_DIR
from tradeguard.services.exam_simulation import run_exam_cycle
from tradeguard.services.ingest import ingest
from tradeguard.services.model import train_and_register
from tradeguard.services.rules import load_rules_file
from tradeguard.services.targeting import run_targeting
from tradeguard.store.database import Database


@pytest.mark.slow
def test_findings_train_a_model_whose_reasons_reach_holds_and_score(
    home: Path, tmp_path: Path
) -> None:
    settings = load_settings()
    paths = write(generate(entries=4000, seed=3), tmp_path / "generated", "parquet")
    assert ingest([Path(paths["declarations"])], settings).accepted > 0
    db = Database(settings.effective_database_url)
    try:
        for rules_file in sorted(STARTER_RULES_DIR.glob("*.yaml")):
            load_rules_file(db, rules_file, actor="test")
        first = run_targeting(db, settings, seed=3)
        cycle = run_exam_cycle(db, settings, Path(paths["truth"]), 3)
        assert cycle.findings > 0 and cycle.violations > 0

        trained = train_and_register(settings, seed=3)
        assert trained["active"] is True
        second = run_targeting(db, settings, seed=3)
    finally:
        db.dispose()

    before = pl.read_parquet(first.decisions_path)
    after = pl.read_parquet(second.decisions_path)
    assert before.get_column("risk_score").null_count() == before.height
    assert after.get_column("risk_score").null_count() == 0
    held = after.filter(pl.col("lane") != "release")
    released = after.filter(pl.col("lane") == "release")
    assert held.height > 0
    assert all(len(r) > 0 for r in held.get_column("model_reasons").to_list())
    assert all(len(r) == 0 for r in released.get_column("model_reasons").to_list())
    # The model ranks discretionary holds by expected yield: the decisions come in that order.
    yields = after.filter(pl.col("lane") == "discretionary").get_column("expected_yield_usd")
    assert yields.to_list() == sorted(yields.to_list(), reverse=True)

    lines = (
        pl.read_parquet(paths["declarations"])
        .filter(pl.col("entry_no") == held.get_column("entry_no")[0])
        .with_columns(pl.col("entry_date").cast(pl.String))
    )
    declaration = {"lines": json.loads(lines.write_json())}
    path = tmp_path / "one.json"
    path.write_text(json.dumps(declaration, default=str))
    result = CliRunner().invoke(app, ["score", str(path), "--json"])
    assert result.exit_code == 0, result.output
    scored = json.loads(result.stdout)
    assert 0.0 <= scored["risk_score"] <= 1.0
    assert scored["model_reasons"] and all(isinstance(r, str) for r in scored["model_reasons"])
