"""`tradeguard generate`: synthetic declarations and their ground truth."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from tradeguard.cli.output import console, handled, print_json
from tradeguard.domain.errors import InvalidInput
from tradeguard.generator import STEPS, generate, summary, write
from tradeguard.generator.output import FORMATS


@handled
def generate_command(
    entries: int = typer.Option(..., "--entries", min=1, help="Number of entries to generate."),
    seed: int = typer.Option(
        ..., "--seed", help="Random seed; the same seed gives the same files."
    ),
    out: Path = typer.Option(..., "--out", help="Directory for declarations and truth files."),
    fmt: str = typer.Option(
        "parquet", "--format", help="parquet or csv (truth is always parquet)."
    ),
    fy: int = typer.Option(2026, "--fy", help="Fiscal year the entry dates fall in."),
    quota_race: bool = typer.Option(
        False, "--quota-race", help="Add the beef quota race: shipments that overfill a quota."
    ),
    json_output: bool = typer.Option(False, "--json", help="Print one JSON document on stdout."),
) -> None:
    """Write DIR/declarations.parquet|csv and DIR/truth.parquet; --json prints the calibration."""
    if fmt not in FORMATS:
        raise InvalidInput(
            f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}", "format"
        )
    with Progress(
        TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), console=console
    ) as progress:
        task = progress.add_task("generating", total=len(STEPS) + 1)

        def advance(step: str) -> None:
            progress.update(task, advance=1, description=f"generated {step}")

        data = generate(entries, seed, fy, progress=advance, quota_race=quota_race)
        paths = write(data, out, fmt)
        progress.update(task, advance=1, description="written")
    figures = summary(data)
    if json_output:
        print_json(figures)
        return
    console.print(
        f"{figures['entries']} entries, {figures['lines']} lines, "
        f"${figures['value_usd']:,} value, duty/value {figures['duty_to_value']:.2%}, "
        f"violations in {figures['violation_entry_rate']:.1%} of entries → {paths['declarations']}"
    )


def register(app: typer.Typer) -> None:
    app.command("generate")(generate_command)
