"""Targeting: `target` decides a lane for every loaded entry; `score` for one declaration."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from tradeguard.cli.dates import bounded_day
from tradeguard.cli.output import console, handled, print_json
from tradeguard.config import load_settings
from tradeguard.domain.errors import InvalidInput
from tradeguard.services import realtime_scoring as realtime
from tradeguard.services import targeting as service
from tradeguard.store.database import Database
from tradeguard.targeting.engines import DEFAULT_ENGINE
from tradeguard.targeting.sampling import SampleRates

JSON = typer.Option(False, "--json", help="print one JSON document on stdout")
STAGE = typer.Option("entry", "--stage", help="pre-entry, entry or post-entry")
RATE = typer.Option(0.01, "--sample-rate", help="random compliance sample rate (0..1)")
CENTER_RATE = typer.Option([], "--center-rate", help="per-Center rate as CENTER=RATE (repeatable)")
SEED = typer.Option(0, "--seed", help="seed of the random compliance sample")
KEEP_TRUSTED = typer.Option(
    False, "--hold-trusted-low", help="do not release trusted traders held only by low rules"
)


def _rates(default: float, by_center: list[str]) -> SampleRates:
    rates: dict[str, float] = {}
    for item in by_center:
        center, _, rate = item.partition("=")
        try:
            rates[center.strip()] = float(rate)
        except ValueError:
            raise InvalidInput(
                f"--center-rate {item!r}: expected CENTER=RATE", "center-rate"
            ) from None
    return SampleRates(default, rates)


ENGINE = typer.Option(
    DEFAULT_ENGINE.value,
    "--engine",
    help=(
        "polars (default, fastest; runs duckdb where it could not match it exactly);"
        " duckdb; spark (needs the spark extra)"
    ),
)
SPARK_MASTER = typer.Option(
    None,
    "--spark-master",
    help=(
        "with --engine spark: local[*], spark://HOST:PORT (standalone), yarn, k8s://URL or"
        " sc://HOST (Spark Connect); default TRADEGUARD_SPARK_MASTER"
    ),
)


def register(app: typer.Typer) -> None:
    app.command("target")(target_command)
    app.command("score")(score_command)


def _print_result(result: service.TargetingResult) -> None:
    table = Table("lane", "entries")
    for lane, count in result.lanes.items():
        table.add_row(lane, str(count))
    console.print(table)
    console.print(f"{result.entries} entries in {result.seconds:.2f}s → {result.decisions_path}")


@handled
def target_command(
    stage: str = STAGE,
    engine: str = ENGINE,
    sample_rate: float = RATE,
    center_rate: list[str] = CENTER_RATE,
    seed: int = SEED,
    hold_trusted_low: bool = KEEP_TRUSTED,
    out: Path | None = typer.Option(None, "--out", help="also copy decisions to this Parquet"),
    entered_from: datetime | None = typer.Option(
        None,
        "--from",
        formats=["%Y-%m-%d"],
        help="only entries entered on or after this day",
        callback=bounded_day,
    ),
    entered_to: datetime | None = typer.Option(
        None,
        "--to",
        formats=["%Y-%m-%d"],
        help="only entries entered on or before this day",
        callback=bounded_day,
    ),
    spark_master: str | None = SPARK_MASTER,
    as_json: bool = JSON,
) -> None:
    """Run every active rule over the loaded entries (or those entered in a window) and
    decide each entry's lane."""
    settings = load_settings()
    if spark_master:
        settings = replace(settings, spark_master=spark_master)
    with console.status("targeting…"):
        result = service.run_targeting(
            Database(settings.effective_database_url),
            settings,
            stage=stage,
            engine=engine,
            sample_rate=_rates(sample_rate, center_rate),
            seed=seed,
            release_trusted_low=not hold_trusted_low,
            out=out,
            entered_from=entered_from.date() if entered_from else None,
            entered_to=entered_to.date() if entered_to else None,
        )
    if as_json:
        print_json(result.as_json())
        return
    _print_result(result)


@handled
def score_command(
    file: Path = typer.Argument(..., help="one declaration as JSON, its lines inline"),
    stage: str = STAGE,
    sample_rate: float = RATE,
    center_rate: list[str] = CENTER_RATE,
    seed: int = SEED,
    hold_trusted_low: bool = KEEP_TRUSTED,
    as_json: bool = JSON,
) -> None:
    """Score one declaration in real time: its lane and the rules that matched."""
    settings = load_settings()
    if not file.is_file():
        raise InvalidInput(f"no such file: {file}", "file")
    try:
        payload = json.loads(file.read_text())
    except json.JSONDecodeError as error:
        raise InvalidInput(f"{file}: not valid JSON ({error})", "file") from None
    scorer = realtime.realtime_scorer(
        Database(settings.effective_database_url),
        settings,
        stage=stage,
        seed=seed,
        sample_rate=_rates(sample_rate, center_rate),
        release_trusted_low=not hold_trusted_low,
    )
    lines = realtime.read_declaration(payload)
    scored = realtime.ScoredDeclaration(
        scorer.score(lines), realtime.model_opinion(settings, lines)
    )
    document = scored.as_json()
    if as_json:
        print_json(document)
        return
    _print_score(document)


def _print_score(document: dict[str, Any]) -> None:
    console.print(f"{document['entry_no']}: [bold]{document['lane']}[/bold]")
    for reason in document["reasons"]:
        console.print(f"  {reason['rule_id']} ({reason['risk']}): {reason['rationale']}")
    if document["risk_score"] is not None:
        console.print(f"  risk score {document['risk_score']:.3f}:")
        for words in document["model_reasons"]:
            console.print(f"    {words}")
