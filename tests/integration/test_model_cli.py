"""`tradeguard model evaluate|train` through the real command line.

The evaluate tests read slices of the KCS files (written to tmp_path) and are skipped when the
shared data folder is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from tests.unit.risk.sample import make_declarations, make_findings
from tradeguard.cli import app
from tradeguard.config import load_settings
from tradeguard.risk import registry
from tradeguard.store.lake import LAKE_SCHEMA, EntryLake

runner = CliRunner()
KCS = Path(__file__).resolve().parents[3] / "shared" / "data" / "kcs-customs-declarations"
needs_kcs = pytest.mark.skipif(not KCS.is_dir(), reason="KCS data folder absent")


@pytest.fixture(scope="module")
def kcs_slices(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("kcs")
    train = folder / "train.csv"
    test = folder / "test.csv"
    # Raw text, as published: the adapter must read the files as they are.
    pl.read_csv(KCS / "df_syn_train_eng.csv", infer_schema_length=0).head(2000).write_csv(train)
    pl.read_csv(KCS / "df_syn_valid_eng.csv", infer_schema_length=0).head(1000).write_csv(test)
    return train, test


@needs_kcs
@pytest.mark.slow
def test_evaluate_prints_model_random_and_xgboost_per_rate(
    home: Path, kcs_slices: tuple[Path, Path]
) -> None:
    train, test = kcs_slices
    args = ["model", "evaluate", "--dataset", "kcs", "--train", str(train), "--test", str(test)]
    options = ["--rate", "0.05,0.10", "--seed", "1", "--rounds", "150", "--json"]
    result = runner.invoke(app, [*args, *options])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert set(document) == {"model", "random", "xgboost"}
    for rows in document.values():
        assert [r["rate"] for r in rows] == [0.05, 0.10]
        assert [r["n_inspected"] for r in rows] == [50, 100]
    model_at_10 = document["model"][1]["precision"]
    # The learned ranking beats a random compliance sample of the same size by far.
    assert model_at_10 > 2 * document["random"][1]["precision"]


@needs_kcs
@pytest.mark.parametrize(
    ("extra", "message"),
    [(["--rate", "0.5,abc"], "abc"), (["--dataset", "wco"], "wco")],
)
def test_evaluate_bad_options_exit_2_naming_the_problem(
    home: Path, kcs_slices: tuple[Path, Path], extra: list[str], message: str
) -> None:
    train, test = kcs_slices
    args = ["model", "evaluate", "--train", str(train), "--test", str(test), *extra, "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.output
    assert result.stdout == ""


def test_evaluate_a_file_that_is_not_kcs_exits_2(home: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n")
    result = runner.invoke(
        app, ["model", "evaluate", "--train", str(other), "--test", str(other), "--json"]
    )
    assert result.exit_code == 2
    assert "missing columns" in result.output


def test_train_without_findings_exits_2_with_a_clear_message(home: Path) -> None:
    result = runner.invoke(app, ["model", "train", "--json"])
    assert result.exit_code == 2
    assert "no findings recorded yet" in result.output


def test_train_on_recorded_findings_makes_an_active_version(home: Path) -> None:
    settings = load_settings()
    declarations = make_declarations(n_entries=300)
    table = declarations.with_columns(
        pl.col("quantity").cast(pl.Float64),
        duty_mismatch=pl.lit(False),
        batch_id=pl.lit("test"),
    ).to_arrow()
    EntryLake(settings.lake_dir).append(
        table.cast(LAKE_SCHEMA), source="test.csv", source_sha256="0" * 64
    )
    path = settings.home / "findings" / "findings.parquet"
    path.parent.mkdir(parents=True)
    make_findings(declarations).write_parquet(path)

    result = runner.invoke(app, ["model", "train", "--until", "2026-04-30", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["version"] == "v0001"
    assert document["window"]["until"] == "2026-04-30"
    assert registry.active_version(settings.models_dir) == "v0001"
    model = registry.load_active(settings.models_dir)
    assert model is not None and "metrics" in model.meta

    bad = runner.invoke(app, ["model", "train", "--until", "April", "--json"])
    assert bad.exit_code == 2
    assert "--until" in bad.output
