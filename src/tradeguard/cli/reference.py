"""Reference data: load the full USITC tariff schedule."""

from __future__ import annotations

from pathlib import Path

import typer

from tradeguard.cli.output import console, handled, print_json
from tradeguard.config import load_settings
from tradeguard.services.hts_import import import_hts

app = typer.Typer(no_args_is_help=True)


@app.command("import-hts")
@handled
def import_hts_command(
    file: Path = typer.Argument(
        ..., help="USITC HTS CSV export (e.g. hts_2024_basic_edition_csv.csv)"
    ),
    json_output: bool = typer.Option(False, "--json", help="Print one JSON document on stdout."),
) -> None:
    """Parse every 10-digit line and its general rate into TRADEGUARD_HOME/reference/hts.parquet."""
    with console.status("reading the tariff schedule"):
        report = import_hts(file, load_settings().home)
    if json_output:
        print_json(report.as_json())
        return
    console.print(
        f"{report.lines} lines: {report.ad_valorem} ad valorem, {report.free} free, "
        f"{report.specific} specific, {report.compound} compound, "
        f"{report.unparsed} unparsed → {report.path}"
    )
