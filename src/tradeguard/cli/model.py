"""Risk model: train on recorded findings; evaluate precision@n on the KCS dataset."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from tradeguard.cli import model_loop
from tradeguard.cli.dates import bounded_day
from tradeguard.cli.output import console, handled, print_json
from tradeguard.config import load_settings
from tradeguard.domain.errors import InvalidInput

app = typer.Typer(no_args_is_help=True)

DATASETS = ("kcs",)


def _parse_date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            f"--until must be a date YYYY-MM-DD, got {text!r}", field="until"
        ) from None


@app.command()
@handled
def train(
    until: Annotated[
        str | None,
        typer.Option(
            help="Train on findings dated up to this day (YYYY-MM-DD).", callback=bounded_day
        ),
    ] = None,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same model).")] = 0,
    challenger: Annotated[
        bool, typer.Option(help="Leave the active model deciding; score the new one in shadow.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON document.")] = False,
) -> None:
    """Train on recorded findings, store a new model version and make it active."""
    # Imported here: LightGBM takes seconds to import; `model --help` should not wait for it.
    from tradeguard.services.model import train_and_register

    with console.status("training the risk model"):
        result = train_and_register(
            load_settings(), until=_parse_date(until), seed=seed, activate=not challenger
        )
    if as_json:
        print_json(result)
    else:
        console.print(
            f"model {result['version']} trained on {result['n_findings']} findings "
            f"({result['n_random']} from the random sample) and "
            + ("made active" if result["active"] else "kept as a challenger, in shadow")
        )


@app.command()
@handled
def evaluate(
    train_file: Annotated[Path, typer.Option("--train", help="Training file, as published.")],
    test_file: Annotated[Path, typer.Option("--test", help="Test file, as published.")],
    dataset: Annotated[str, typer.Option(help="External dataset: kcs.")] = "kcs",
    rate: Annotated[
        str, typer.Option(help="Inspection rates, comma-separated.")
    ] = "0.01,0.02,0.05,0.10",
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    rounds: Annotated[
        int, typer.Option(min=1, help="Boosting rounds of our model (1000 as documented).")
    ] = 1000,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON document.")] = False,
) -> None:
    """Train on --train, report precision/recall@n% on --test for the model, random, XGBoost."""
    # Imported here: LightGBM takes seconds to import; `model --help` should not wait for it.
    from tradeguard.risk.evaluation import parse_rates
    from tradeguard.services.model import evaluate_kcs

    if dataset not in DATASETS:
        raise InvalidInput(
            f"unknown dataset {dataset!r}; expected one of {', '.join(DATASETS)}", field="dataset"
        )
    rates = parse_rates(rate)
    with console.status(f"training on {train_file.name}, scoring {test_file.name}"):
        result = evaluate_kcs(train_file, test_file, rates=rates, seed=seed, rounds=rounds)
    if as_json:
        print_json(result)
        return
    for name, rows in result.items():
        for row in rows:
            console.print(
                f"{name:8} @{row['rate']:.0%}: precision {row['precision']:.3f} "
                f"recall {row['recall']:.3f} ({row['n_inspected']} inspected)"
            )


model_loop.add_commands(app)
