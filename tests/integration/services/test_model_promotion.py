"""Promotion on recorded shadow scores: a clearly better challenger is promoted, with its figures
in the change log; an equal one is refused and nothing changes."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from tests.unit.risk.sample import make_declarations, make_findings
from tradeguard.config import Settings, load_settings
from tradeguard.risk import registry
from tradeguard.services.change_log import read_change_log
from tradeguard.services.model import findings_path, train_on_findings
from tradeguard.services.model_promotion import bootstrap_confidence, promote, promotion_case
from tradeguard.store.database import Database
from tradeguard.store.score_log import ScoreLog

UNTIL = date(2026, 2, 28)


def _two_versions(settings: Settings) -> pl.DataFrame:
    """v0001 active, v0002 a challenger trained up to UNTIL; findings recorded after it."""
    declarations = make_declarations(n_entries=300)
    findings = make_findings(declarations)
    path = findings_path(settings)
    path.parent.mkdir(parents=True)
    findings.write_parquet(path)
    for seed, activate in ((0, True), (1, False)):
        model = train_on_findings(declarations, findings, until=UNTIL, seed=seed, rounds=20)
        registry.save(model, settings.models_dir, {}, activate=activate)
    later = findings.filter(pl.col("finding_date") > UNTIL)
    return later.group_by("entry_no").agg(pl.col("violation").any()).sort("entry_no")


def _record(settings: Settings, version: str, entries: pl.DataFrame, scores: np.ndarray) -> None:
    ScoreLog(settings.models_dir).record(
        version,
        entries.select("entry_no").with_columns(
            entry_date=pl.lit(UNTIL + timedelta(days=1)), risk_score=pl.Series(scores)
        ),
    )


@pytest.mark.slow
def test_a_clearly_better_challenger_is_promoted_and_logged(home: Path, database: Database) -> None:
    settings = load_settings()
    examined = _two_versions(settings)
    labels = examined["violation"].cast(pl.Float64).to_numpy()
    rng = np.random.default_rng(0)
    _record(settings, "v0001", examined, rng.random(examined.height))
    _record(settings, "v0002", examined, 0.8 * labels + 0.2 * rng.random(examined.height))

    case = promote(database, settings, "v0002", actor="analyst-okafor")
    assert case.promote and case.champion == "v0001" and case.since == UNTIL.isoformat()
    assert case.confidence is not None and case.confidence >= 0.95
    # The challenger ranks every violating entry first: the best precision there is.
    k = round(0.25 * examined.height)
    assert case.challenger_precision == round(min(k, labels.sum()) / k, 4)
    assert registry.active_version(settings.models_dir) == "v0002"
    [line] = read_change_log(database, entity="risk_model")
    assert (line.action, line.entity_id, line.actor) == ("promote", "v0002", "analyst-okafor")
    assert '"confidence"' in (line.after or "") and '"v0001"' in (line.before or "")


@pytest.mark.slow
def test_an_equal_challenger_is_refused_with_its_figures(home: Path, database: Database) -> None:
    settings = load_settings()
    examined = _two_versions(settings)
    same = np.random.default_rng(1).random(examined.height)
    _record(settings, "v0001", examined, same)
    _record(settings, "v0002", examined, same)

    case = promote(database, settings, "v0002", actor="analyst-okafor")
    assert not case.promote
    assert case.confidence == 0.0 and case.champion_precision == case.challenger_precision
    assert "95%" in case.reason
    assert registry.active_version(settings.models_dir) == "v0001"
    assert read_change_log(database, entity="risk_model") == []


def test_too_few_examined_entries_refuse_without_a_bootstrap(home: Path) -> None:
    settings = load_settings()
    _two_versions(settings)  # no shadow scores recorded at all
    case = promotion_case(settings, "v0002")
    assert not case.promote and case.examined == 0 and case.confidence is None
    assert "at least 30" in case.reason


def test_bootstrap_confidence_is_high_only_for_a_real_difference() -> None:
    rng = np.random.default_rng(4)
    labels = (rng.random(200) < 0.3).astype(float)
    noise = rng.random(200)
    assert bootstrap_confidence(noise, labels + noise, labels) > 0.99
    assert bootstrap_confidence(noise, noise, labels) == 0.0
