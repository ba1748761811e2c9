"""The risk model in the loop: simulate inspect-and-learn policies on KCS."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from tradeguard.cli.output import console, handled, print_json
from tradeguard.domain.errors import InvalidInput

DATASETS = ("kcs",)
RETRAIN = ("weekly", "never")


def simulate(
    train_file: Annotated[Path, typer.Option("--train", help="Training file, fully labelled.")],
    test_file: Annotated[Path, typer.Option("--test", help="Period to replay week by week.")],
    dataset: Annotated[str, typer.Option(help="External dataset: kcs.")] = "kcs",
    inspect: Annotated[float, typer.Option(help="Share of each week's rows inspected.")] = 0.10,
    explore: Annotated[
        float, typer.Option(help="Share of the inspections spent on exploration.")
    ] = 0.10,
    retrain: Annotated[str, typer.Option(help="weekly or never.")] = "weekly",
    rounds: Annotated[int, typer.Option(min=1, help="Boosting rounds per fit.")] = 300,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON document.")] = False,
) -> None:
    """Replay --test week by week: rank, inspect, reveal only what was inspected, retrain."""
    # Imported here: the simulation loads LightGBM, which takes seconds.
    from tradeguard.risk.selection import Policy
    from tradeguard.risk.simulation import Retrain, SimulationConfig
    from tradeguard.services.model_simulation import simulate_kcs

    if dataset not in DATASETS:
        raise InvalidInput(
            f"unknown dataset {dataset!r}; expected one of {', '.join(DATASETS)}", field="dataset"
        )
    if retrain not in RETRAIN:
        raise InvalidInput(f"--retrain must be weekly or never, got {retrain!r}", field="retrain")
    config = SimulationConfig(
        inspect=inspect, explore=explore, retrain=Retrain(retrain), rounds=rounds, seed=seed
    )
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, TimeElapsedColumn(), console=console, transient=True) as bar:
        tasks = {p: bar.add_task(p.value, total=None) for p in config.policies}

        def advance(policy: Policy, done: int, total: int) -> None:
            bar.update(tasks[policy], completed=done, total=total)

        result = simulate_kcs(train_file, test_file, config, progress=advance)
    document = result.to_json()
    if as_json:
        print_json(document)
        return
    table = Table(title=f"{len(result.weeks)} weeks, {inspect:.0%} inspected, {explore:.0%} explored")
    for name in ("policy", "precision", "recall", "revenue", "norm. precision", "norm. revenue"):
        table.add_column(name)
    for name, row in document["overall"].items():  # type: ignore[union-attr]
        cells = ("precision", "recall", "revenue_share", "norm_precision", "norm_revenue")
        table.add_row(name, *(f"{row[c]:.3f}" if row[c] is not None else "n/a" for c in cells))
    console.print(table)


def add_commands(app: typer.Typer) -> None:
    """Add the loop's commands to the `model` group."""
    app.command("simulate")(handled(simulate))
