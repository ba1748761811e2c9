"""`tradeguard demo`: the main job, end to end, on the embedded stores."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from tradeguard.cli.demo_report import print_summary
from tradeguard.cli.output import console, handled, print_json
from tradeguard.config import load_settings
from tradeguard.services.demo import STEPS
from tradeguard.services.demo_run import DemoRun, prepare_home


@handled
def demo_command(
    entries: int = typer.Option(100_000, "--entries", min=100, help="Entries to generate."),
    seed: int = typer.Option(7, "--seed", help="Seed for generation, sampling and exams."),
    workdir: Path | None = typer.Option(None, "--workdir", help="Home for the demo's stores."),
    json_out: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Generate a year of declarations and run the whole job on them."""
    settings = load_settings()
    if workdir is not None:
        settings = replace(settings, home=workdir.resolve())
    prepare_home(settings.home)
    run = DemoRun(settings, entries, seed, settings.home / "generated")
    with Progress(
        TextColumn("{task.description:<28}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=console,
    ) as progress:
        task = progress.add_task("demo", total=len(STEPS))
        for name, step in STEPS:
            progress.update(task, description=name)
            run.summary[name] = step(run)
            progress.advance(task)
    if json_out:
        print_json(run.summary)
        return
    print_summary(run.summary)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo_command)
