"""The risk model on tradeguard's own declarations: scores, reasons, determinism, registry."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from tradeguard.risk import registry
from tradeguard.risk.lines import history_from_findings, lines_from_declarations
from tradeguard.risk.model import RiskModel
from tradeguard.services.model import random_weight, train_on_findings

ROUNDS = 40


@pytest.fixture(scope="module")
def model(declarations: pl.DataFrame, findings: pl.DataFrame) -> RiskModel:
    return train_on_findings(declarations, findings, seed=7, rounds=ROUNDS)


def test_reasons_contributions_sum_to_the_scores_logit(
    model: RiskModel, declarations: pl.DataFrame, findings: pl.DataFrame
) -> None:
    lines = lines_from_declarations(declarations)
    history = history_from_findings(findings, declarations)
    p = model.predict_lines(lines, history)
    contrib = model.contributions(lines, history)
    logit = np.log(p / (1 - p))
    np.testing.assert_allclose(contrib.sum(axis=1), logit, atol=1e-6)


def test_score_gives_one_row_per_entry_with_the_agreed_columns(
    model: RiskModel, declarations: pl.DataFrame, findings: pl.DataFrame
) -> None:
    scored = model.score(declarations, findings)
    assert scored.columns == ["entry_no", "risk_score", "expected_yield_usd", "reasons"]
    assert scored.height == declarations["entry_no"].n_unique()
    assert scored["risk_score"].is_between(0, 1).all()
    assert (scored["expected_yield_usd"] >= 0).all()
    assert all(1 <= len(r) <= 3 for r in scored["reasons"].to_list())


def test_entry_risk_is_one_minus_the_product_over_its_lines(
    model: RiskModel, declarations: pl.DataFrame, findings: pl.DataFrame
) -> None:
    two_lines = declarations.filter(pl.len().over("entry_no") == 2).head(2)
    history = history_from_findings(findings, declarations)
    p = model.predict_lines(lines_from_declarations(two_lines), history)
    # Findings that carry their lines' keys keep their history when only new lines are scored.
    scored = model.score(two_lines, history)
    assert math.isclose(scored["risk_score"][0], 1 - (1 - p[0]) * (1 - p[1]), rel_tol=1e-9)


def test_bad_importers_score_higher_and_their_history_is_a_reason(
    model: RiskModel, declarations: pl.DataFrame, findings: pl.DataFrame
) -> None:
    scored = model.score(declarations, findings).join(
        declarations.select("entry_no", "importer_id").unique("entry_no"), on="entry_no"
    )
    bad = scored["importer_id"].is_in(["IMP-00", "IMP-01", "IMP-02", "IMP-03"])
    assert scored.filter(bad)["risk_score"].mean() > 2 * scored.filter(~bad)["risk_score"].mean()
    top = scored.sort("risk_score", descending=True).head(20)["reasons"].to_list()
    assert any("importer" in reason for reasons in top for reason in reasons)


def test_same_seed_same_model(declarations: pl.DataFrame, findings: pl.DataFrame) -> None:
    a = train_on_findings(declarations, findings, seed=3, rounds=ROUNDS)
    b = train_on_findings(declarations, findings, seed=3, rounds=ROUNDS)
    assert a.score(declarations, findings).equals(b.score(declarations, findings))


def test_only_findings_up_to_until_are_learned_from(
    declarations: pl.DataFrame, findings: pl.DataFrame
) -> None:
    until = findings["finding_date"].sort()[findings.height // 2]
    model = train_on_findings(declarations, findings, until=until, rounds=ROUNDS)
    assert model.meta["window"]["until"] == str(until)
    assert model.meta["n_findings"] == findings.filter(pl.col("finding_date") <= until).height


def test_random_sample_findings_stand_for_the_uninspected_lines() -> None:
    assert random_weight(n_lines=10_000, n_targeted=1_000, n_random=900) == 10.0
    assert random_weight(n_lines=10_000, n_targeted=0, n_random=10) == 50.0  # capped
    assert random_weight(n_lines=100, n_targeted=90, n_random=20) == 1.0  # never below 1


def test_registry_saves_versions_and_loads_the_active_one(
    tmp_path: Path, model: RiskModel, declarations: pl.DataFrame, findings: pl.DataFrame
) -> None:
    models_dir = tmp_path / "models"
    assert registry.load_active(models_dir) is None
    first = registry.save(model, models_dir, {"metrics": {"note": "test"}})
    second = registry.save(model, models_dir, {"metrics": {}}, activate=False)
    assert (first, second) == ("v0001", "v0002")
    assert registry.active_version(models_dir) == "v0001"
    loaded = registry.load_active(models_dir)
    assert loaded is not None
    assert loaded.meta["metrics"] == {"note": "test"}
    assert "importer_id_past_rate" in loaded.meta["features"]
    assert loaded.score(declarations, findings).equals(model.score(declarations, findings))


def test_scoring_without_findings_still_works(model: RiskModel, declarations: pl.DataFrame) -> None:
    scored = model.score(declarations.head(5), None)
    assert scored.height == declarations.head(5)["entry_no"].n_unique()


def test_a_trained_model_remembers_its_findings_as_history(
    tmp_path: Path, model: RiskModel, declarations: pl.DataFrame, findings: pl.DataFrame
) -> None:
    # New entries (not among the found lines), scored with no findings passed in.
    later = declarations.head(10).with_columns(
        pl.col("entry_no") + "N", pl.col("entry_date") + pl.duration(days=400)
    )
    registry.save(model, tmp_path / "models", {})
    loaded = registry.load_active(tmp_path / "models")
    assert loaded is not None
    remembered = loaded.score(later, None)
    told = model.score(later, history_from_findings(findings, declarations))
    assert remembered.equals(told)
    bare = RiskModel(model.booster, model.spec, model.state, model.yield_ratio)
    assert not bare.score(later, None)["risk_score"].equals(remembered["risk_score"])
