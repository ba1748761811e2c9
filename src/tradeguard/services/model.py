"""Use cases of the risk model: train on recorded findings, evaluate on the KCS data.

Findings from targeted exams over-represent what the rules already suspect; the random
compliance sample stands for everything else. Each random-sample finding is weighted by how many
uninspected lines it represents (capped), so the model learns the population's violation rate,
not the targeted one (docs/model.md).
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from tradeguard.config import Settings
from tradeguard.domain.errors import InvalidInput
from tradeguard.risk import kcs, registry
from tradeguard.risk.evaluation import DEFAULT_RATES, at_rates, evaluate_forward
from tradeguard.risk.lines import DECLARATION_SPEC, history_from_findings, lines_from_declarations
from tradeguard.risk.model import FINDINGS_PARAMS, FINDINGS_ROUNDS, ROUNDS, RiskModel, train_lines
from tradeguard.store.lake import EntryLake

# A random-sample finding never counts for more than this many lines: beyond it one unlucky
# draw would dominate the fit.
MAX_RANDOM_WEIGHT = 50.0
FINDING_COLUMNS = (
    "entry_no",
    "line_no",
    "finding_date",
    "violation",
    "duty_shortfall_usd",
    "source",
)


def findings_path(settings: Settings) -> Path:
    return settings.home / "findings" / "findings.parquet"


def random_weight(n_lines: int, n_targeted: int, n_random: int) -> float:
    """Lines each random-sample finding stands for: the uninspected-by-targeting population
    divided by the sample size, between 1 and MAX_RANDOM_WEIGHT."""
    if n_random == 0:
        return 1.0
    return float(min(MAX_RANDOM_WEIGHT, max(1.0, (n_lines - n_targeted) / n_random)))


def _labelled(declarations: pl.DataFrame, findings: pl.DataFrame) -> pl.DataFrame:
    """Each examined line once, with its finding's label, shortfall and source."""
    missing = [c for c in FINDING_COLUMNS if c not in findings.columns]
    if missing:
        raise InvalidInput(f"findings lack columns {', '.join(missing)}", field="findings")
    lines = lines_from_declarations(declarations)
    latest = (
        findings.select(
            pl.col("entry_no").cast(pl.String),
            pl.col("line_no").cast(pl.Int64),
            pl.col("finding_date").cast(pl.Date),
            pl.col("violation").cast(pl.Boolean),
            pl.col("duty_shortfall_usd").cast(pl.Float64).fill_null(0.0),
            pl.col("source").cast(pl.String),
        )
        .sort("finding_date")
        .unique(["entry_no", "line_no"], keep="last", maintain_order=True)
    )
    return lines.join(latest, on=["entry_no", "line_no"], how="inner").sort(
        "entry_date", "entry_no", "line_no"
    )


def train_on_findings(
    declarations: pl.DataFrame,
    findings: pl.DataFrame,
    *,
    until: date | None = None,
    seed: int = 0,
    rounds: int = FINDINGS_ROUNDS,
    population_lines: int | None = None,
    params: dict[str, Any] | None = None,
) -> RiskModel:
    """A model trained only on inspected lines, random-sample findings up-weighted.

    `population_lines` counts every declared line of the window (the flow the random sample
    stands for); by default the lines of `declarations`, which must then be the whole flow.
    `params` override the findings model's (risk.model.FINDINGS_PARAMS)."""
    if until is not None:
        findings = findings.filter(pl.col("finding_date") <= until)
        declarations = declarations.filter(pl.col("entry_date") <= until)
    data = _labelled(declarations, findings)
    if data.height == 0 or data["violation"].n_unique() < 2:
        raise InvalidInput(
            "need findings with both violations and clean results to train", field="findings"
        )
    history = history_from_findings(findings, declarations)
    targeted = int((data["source"] == "targeted").sum())
    sampled = int((data["source"] == "random").sum())
    w_random = random_weight(population_lines or declarations.height, targeted, sampled)
    weights = np.where(data["source"].to_numpy() == "random", w_random, 1.0)
    labels = data["violation"].cast(pl.Int8).to_numpy()
    model = train_lines(
        data,
        labels,
        history,
        DECLARATION_SPEC,
        weights=weights,
        seed=seed,
        rounds=rounds,
        params={**FINDINGS_PARAMS, **(params or {})},
    )
    violating = data.filter(pl.col("violation"))
    value = float(violating["value"].sum() or 0.0)
    model.history = history
    model.yield_ratio = (
        float(violating["duty_shortfall_usd"].sum() or 0.0) / value if value else 0.0
    )
    model.meta |= {
        "window": {
            "from": str(data["entry_date"].min()),
            "until": str(until or findings["finding_date"].max()),
        },
        "n_findings": data.height,
        "n_targeted": targeted,
        "n_random": sampled,
        "random_weight": w_random,
    }
    return model


def holdout_metrics(
    declarations: pl.DataFrame,
    findings: pl.DataFrame,
    *,
    seed: int,
    rounds: int,
    population_lines: int | None = None,
) -> dict[str, Any]:
    """Precision at 5% and 10% on the last fifth of the random-sample findings (unbiased), from a
    model trained on the findings dated before them."""
    sampled = findings.filter(pl.col("source") == "random").sort("finding_date")
    if sampled.height < 20:
        return {"note": "too few random-sample findings for a hold-out"}
    cut = sampled["finding_date"][int(sampled.height * 0.8)]
    try:
        model = train_on_findings(
            declarations,
            findings.filter(pl.col("finding_date") < cut),
            seed=seed,
            rounds=rounds,
            population_lines=population_lines,
        )
    except InvalidInput as error:
        return {"note": str(error)}
    test = _labelled(declarations, sampled.filter(pl.col("finding_date") >= cut))
    history = history_from_findings(findings.filter(pl.col("finding_date") < cut), declarations)
    scores = model.predict_lines(test, history)
    labels = test["violation"].cast(pl.Int8).to_numpy()
    return {
        "holdout_from": str(cut),
        "holdout_rows": test.height,
        "at_rate": [r.to_json() for r in at_rates(scores, labels, (0.05, 0.10))],
    }


def read_findings(settings: Settings) -> pl.DataFrame:
    path = findings_path(settings)
    if not path.is_file():
        raise InvalidInput(
            f"no findings recorded yet ({path} does not exist); record exams first",
            field="findings",
        )
    findings = pl.read_parquet(path)
    if findings.height == 0:
        raise InvalidInput(f"no findings recorded yet ({path} is empty)", field="findings")
    return findings


def lake_lines_until(settings: Settings, until: date | None) -> int:
    """Declared lines in the lake up to `until`: the population the random sample stands for."""
    scan = EntryLake(settings.lake_dir).scan()
    if until is not None:
        scan = scan.filter(pl.col("entry_date") <= until)
    return int(scan.select(pl.len()).collect().item())


def read_lake(settings: Settings, entry_nos: pl.Series) -> pl.DataFrame:
    """The lake's committed lines of the given entries."""
    lake = EntryLake(settings.lake_dir)
    if lake.is_empty():
        raise InvalidInput(
            f"no declarations in {lake.declarations_dir}; ingest some first", field="declarations"
        )
    wanted = pl.DataFrame({"entry_no": entry_nos.cast(pl.String).unique()})
    return lake.scan().join(wanted.lazy(), on="entry_no", how="semi").collect()


def train_and_register(
    settings: Settings, *, until: date | None = None, seed: int = 0, activate: bool = True
) -> dict[str, Any]:
    """`model train`: train on recorded findings, store a new version, make it active (or,
    with activate=False, leave it a challenger scoring in shadow until promoted)."""
    findings = read_findings(settings)
    declarations = read_lake(settings, findings["entry_no"])
    started = time.perf_counter()
    # Only the examined entries are read, so the population is counted in the lake.
    population = lake_lines_until(settings, until)
    model = train_on_findings(
        declarations, findings, until=until, seed=seed, population_lines=population
    )
    seconds = time.perf_counter() - started
    if until is not None:
        findings = findings.filter(pl.col("finding_date") <= until)
    metrics = holdout_metrics(
        declarations, findings, seed=seed, rounds=FINDINGS_ROUNDS, population_lines=population
    )
    version = registry.save(
        model,
        settings.models_dir,
        {"metrics": metrics, "train_seconds": round(seconds, 2)},
        activate=activate,
    )
    return {"version": version, "active": activate, **model.meta}


def evaluate_kcs(
    train_file: Path,
    test_file: Path,
    *,
    rates: tuple[float, ...] = DEFAULT_RATES,
    seed: int = 0,
    rounds: int = ROUNDS,
) -> dict[str, list[dict[str, float | int]]]:
    """`model evaluate --dataset kcs`: train on one KCS file, report precision@n on another."""
    train = kcs.read_kcs(train_file)
    test = kcs.read_kcs(test_file)
    return evaluate_forward(
        train, kcs.findings_of(train), test, kcs.KCS_SPEC, rates=rates, seed=seed, rounds=rounds
    )
