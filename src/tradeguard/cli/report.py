"""Reports for management and oversight: the annual trade enforcement report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from tradeguard.cli.dates import bounded_as_of
from tradeguard.cli.output import console, handled, print_json
from tradeguard.config import load_settings
from tradeguard.domain.errors import InvalidInput
from tradeguard.services.annual_report import annual_report
from tradeguard.services.annual_report_html import write_report
from tradeguard.store.database import Database

GROUP = "report"
app = typer.Typer(no_args_is_help=True)


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"as_of {text!r} is not a date (YYYY-MM-DD)", "as_of") from None


@app.command("annual")
@handled
def annual_command(
    fy: int = typer.Option(..., "--fy", help="Fiscal year (October to September), e.g. 2026."),
    out: Path = typer.Option(..., "--out", help="Folder for the HTML and PDF files."),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Day YYYY-MM-DD; default today.", callback=bounded_as_of
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """The annual trade enforcement report for one fiscal year, as HTML and PDF."""
    if not 1990 <= fy <= 2100:
        raise InvalidInput(f"fy must be a fiscal year such as 2026, got {fy}", "fy")
    if out.exists() and not out.is_dir():
        raise InvalidInput(f"out {out} exists and is not a folder", "out")
    day = _day(as_of)
    settings = load_settings()
    db = Database(settings.effective_database_url)
    try:
        report = annual_report(db, settings, fy, as_of=day)
    finally:
        db.dispose()
    files = write_report(report, out)
    document = {"fy": fy, "html": str(files.html), "pdf": str(files.pdf), "pages": files.pages}
    if as_json:
        print_json(document)
    else:
        console.print(f"annual report FY{fy}: {files.html} and {files.pdf} ({files.pages} pages)")
