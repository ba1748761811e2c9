"""Declarations in: `tradeguard ingest FILE...`."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from tradeguard.cli.output import console, handled, print_json
from tradeguard.config import load_settings
from tradeguard.services.ingest import ingest


@handled
def ingest_command(
    files: list[Path] = typer.Argument(
        ..., help="CSV, Parquet or JSON Lines files of declaration lines."
    ),
    json_out: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Validate declaration files and load the accepted lines into the entry lake."""
    settings = load_settings()
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("ingest", total=None)
        report = ingest(
            files, settings, on_step=lambda msg: progress.update(task, description=escape(msg))
        )
    if json_out:
        print_json(report.as_json())
        return
    table = Table(title="ingest")
    table.add_column("rows", justify="right")
    table.add_column("accepted", justify="right")
    table.add_column("rejected", justify="right")
    table.add_row(f"{report.rows:,}", f"{report.accepted:,}", f"{report.rejected:,}")
    console.print(table)
    for reason, count in report.reasons.items():
        console.print(f"  rejected {count:,}: {reason}")
    if report.quarantine:
        console.print(f"quarantine: {escape(report.quarantine)}")
    if report.ignored_columns:
        # Names come from the file: repr() shows control characters, escape() defuses markup.
        names = ", ".join(escape(repr(c)) for c in report.ignored_columns)
        console.print(f"ignored columns (not declaration fields): {names}")
    if not report.batch_id:
        console.print("nothing loaded: no batch written")


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)
