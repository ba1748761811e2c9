"""The model in the loop through the real command line: `model simulate` on slices of the KCS
files (skipped when the shared data folder is absent), and shadow, monitor, promote and card on
a small home of sample declarations and findings."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from tests.unit.risk.sample import make_declarations, make_findings
from tradeguard.cli import app
from tradeguard.config import load_settings
from tradeguard.domain.errors import InvalidInput
from tradeguard.risk import kcs, registry
from tradeguard.risk.selection import Policy
from tradeguard.risk.simulation import SimulationConfig
from tradeguard.services.model_simulation import choose_hybrid, validate_kcs
from tradeguard.store.lake import LAKE_SCHEMA, EntryLake
from tradeguard.store.score_log import ScoreLog

runner = CliRunner()
# ../shared/data beside the checkout; a worktree under wt/ has it one level further up.
KCS = next(
    (
        up / "shared" / "data" / "kcs-customs-declarations"
        for up in Path(__file__).resolve().parents[3:5]
        if (up / "shared" / "data" / "kcs-customs-declarations").is_dir()
    ),
    Path("/nonexistent"),
)
needs_kcs = pytest.mark.skipif(not KCS.is_dir(), reason="KCS data folder absent")
POLICIES = {
    "exploit",
    "random",
    "hybrid_random",
    "hybrid_uncertainty",
    "hybrid_novelty",
    "hybrid_boundary",
}


@pytest.fixture(scope="module")
def kcs_slices(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("kcs-sim")
    train, test = folder / "train.csv", folder / "test.csv"
    pl.read_csv(KCS / "df_syn_train_eng.csv", infer_schema_length=0).head(2000).write_csv(train)
    # The first rows of 2021: three weeks or so.
    pl.read_csv(KCS / "df_syn_valid_eng.csv", infer_schema_length=0).head(1200).write_csv(test)
    return train, test


@needs_kcs
@pytest.mark.slow
def test_simulate_replays_weeks_for_every_policy_against_the_oracle(
    home: Path, kcs_slices: tuple[Path, Path]
) -> None:
    train, test = kcs_slices
    args = ["model", "simulate", "--dataset", "kcs", "--train", str(train), "--test", str(test)]
    options = ["--inspect", "0.10", "--explore", "0.10", "--retrain", "weekly", "--rounds", "30"]
    result = runner.invoke(app, [*args, *options, "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert set(document["overall"]) == POLICIES
    assert document["test_rows"] == 1200 and document["train_rows"] == 2000
    weeks = document["weeks"]
    assert len(weeks) >= 2 and sum(w["declarations"] for w in weeks) == 1200
    for week in weeks:
        for policy in POLICIES:
            row = week[policy]
            assert row["inspected"] == max(1, round(0.10 * week["declarations"]))
            assert row["hits"] <= min(row["inspected"], week["frauds"])
            # Normalised by an oracle that inspects as many rows: never above 1.
            assert 0 <= row["norm_precision"] <= 1 and 0 <= row["norm_revenue"] <= 1
            assert row["norm_precision"] == row["norm_recall"]
    overall = document["overall"]
    assert sum(w["exploit"]["hits"] for w in weeks) == overall["exploit"]["hits"]
    # Even a small model beats inspecting at random.
    assert overall["exploit"]["precision"] > overall["random"]["precision"]


@needs_kcs
def test_validation_replays_the_training_files_last_weeks_and_recommends_a_hybrid(
    kcs_slices: tuple[Path, Path],
) -> None:
    train, _ = kcs_slices
    dates = kcs.read_kcs(train)["entry_date"]
    at = dates.sort()[int(dates.len() * 0.8)]
    config = SimulationConfig(rounds=20, policies=(Policy.EXPLOIT, Policy.HYBRID_BOUNDARY))
    result = validate_kcs(train, config, at=at)
    assert result.train_rows == int((dates < at).sum())
    assert sum(w.declarations for w in result.weeks) == int((dates >= at).sum())
    assert all(w.start >= at - timedelta(days=6) for w in result.weeks)
    choice = choose_hybrid(result)
    assert choice.policy is Policy.HYBRID_BOUNDARY
    assert choice.exploit_hits == result.overall(Policy.EXPLOIT).hits
    assert choice.beats_exploit == (choice.hits > choice.exploit_hits)
    with pytest.raises(InvalidInput):
        validate_kcs(train, config, at=dates.max() + timedelta(days=1))  # type: ignore[operator]


@needs_kcs
@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--inspect", "1.5"], "--inspect"),
        (["--explore", "-0.1"], "--explore"),
        (["--retrain", "daily"], "--retrain"),
        (["--dataset", "wco"], "wco"),
        (["--weight-cap", "0.5"], "--weight-cap"),
    ],
)
def test_simulate_bad_options_exit_2_naming_the_field(
    home: Path, kcs_slices: tuple[Path, Path], extra: list[str], message: str
) -> None:
    train, test = kcs_slices
    args = ["model", "simulate", "--train", str(train), "--test", str(test), *extra, "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.output
    assert result.stdout == ""


def _sample_home() -> None:
    settings = load_settings()
    declarations = make_declarations(n_entries=400)
    table = declarations.with_columns(
        pl.col("quantity").cast(pl.Float64), duty_mismatch=pl.lit(False), batch_id=pl.lit("t")
    ).to_arrow()
    EntryLake(settings.lake_dir).append(
        table.cast(LAKE_SCHEMA), source="test.csv", source_sha256="0" * 64
    )
    path = settings.home / "findings" / "findings.parquet"
    path.parent.mkdir(parents=True)
    make_findings(declarations).write_parquet(path)


@pytest.mark.slow
def test_challenger_scores_in_shadow_then_monitor_promote_and_card(home: Path) -> None:
    _sample_home()
    settings = load_settings()
    first = runner.invoke(app, ["model", "train", "--until", "2026-02-28", "--json"])
    assert first.exit_code == 0, first.output
    second = runner.invoke(
        app, ["model", "train", "--until", "2026-03-15", "--challenger", "--seed", "1", "--json"]
    )
    assert second.exit_code == 0, second.output
    assert json.loads(second.stdout)["active"] is False
    assert registry.active_version(settings.models_dir) == "v0001"
    assert registry.challengers(settings.models_dir) == ["v0002"]

    shadow = runner.invoke(app, ["model", "shadow", "--json"])
    assert shadow.exit_code == 0, shadow.output
    report = json.loads(shadow.stdout)
    assert report["champion"] == "v0001" and report["challengers"] == ["v0002"]
    assert report["entries"] == 400
    log = ScoreLog(settings.models_dir)
    assert log.read("v0001").height == log.read("v0002").height == 400

    monitored = runner.invoke(app, ["model", "monitor", "--json"])
    assert monitored.exit_code in (0, 1), monitored.output
    doc = json.loads(monitored.stdout)
    assert doc["version"] == "v0001" and doc["state"] in ("ok", "alert")
    assert (monitored.exit_code == 1) == (doc["state"] == "alert")
    assert sum(w["entries"] for w in doc["drift"]) == 400
    assert doc["calibration"]["out_of_time"] is True
    assert len(doc["calibration"]["deciles"]) == 10
    assert doc["held_precision"] and all(w["examined"] > 0 for w in doc["held_precision"])

    promoted = runner.invoke(app, ["model", "promote", "v0002", "--json"])
    case = json.loads(promoted.stdout)
    assert case["champion"] == "v0001" and case["since"] == "2026-03-15"
    assert case["examined"] > 0
    active = registry.active_version(settings.models_dir)
    if case["promote"]:
        assert promoted.exit_code == 0 and active == "v0002"
    else:
        assert promoted.exit_code == 1 and active == "v0001"
        assert "confidence" in case["reason"]

    card = runner.invoke(app, ["model", "card", "v0002", "--json"])
    assert card.exit_code == 0, card.output
    found = json.loads(card.stdout)
    assert found["data_window"]["until"] == "2026-03-15"
    assert "importer_id" in found["features"] and found["known_limits"]
    assert runner.invoke(app, ["model", "promote", "v0009", "--json"]).exit_code == 2


@needs_kcs
@pytest.mark.slow
def test_simulate_can_replay_the_training_period_knowing_only_what_was_inspected(
    home: Path, kcs_slices: tuple[Path, Path]
) -> None:
    train, test = kcs_slices
    args = ["model", "simulate", "--train", str(train), "--test", str(test), "--rounds", "20"]
    options = ["--history", "replayed", "--policies", "exploit,hybrid_random", "--json"]
    result = runner.invoke(app, [*args, *options])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["history"] == "replayed" and set(document["overall"]) == {
        "exploit",
        "hybrid_random",
    }
    # Only the test weeks are scored, whatever was lived through before them.
    assert sum(w["declarations"] for w in document["weeks"]) == 1200
    bad = runner.invoke(app, [*args, "--policies", "greedy", "--json"])
    assert bad.exit_code == 2 and "greedy" in bad.output
