"""PTI plans: actual against target, and the plan inventory (GAO-17-618 Table 11)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer
from rich.table import Table

from tradeguard.cli.dates import bounded_as_of
from tradeguard.cli.output import console, handled, print_json
from tradeguard.config import load_settings
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.plan_inventory import Inventory
from tradeguard.services.performance import PerformanceReport, performance_report
from tradeguard.services.performance_html import write_html
from tradeguard.services.plan_files import plan_inventory
from tradeguard.store.database import Database

app = typer.Typer(no_args_is_help=True)


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"as_of {text!r} is not a date (YYYY-MM-DD)", "as_of") from None


def _show_inventory(inventory: Inventory) -> None:
    table = Table(title=f"Plans for FY{inventory.fy} as of {inventory.as_of} (Table 11)")
    for header in ("PTI", "status", "in force", "drafts"):
        table.add_column(header)
    for p in inventory.ptis:
        table.add_row(p.pti, p.status.value, ", ".join(p.in_force), ", ".join(p.drafts))
    console.print(table)
    for f in inventory.problems:
        console.print(
            f"[yellow]problem[/yellow] {f.pti}: {f.plan} {f.measure}: {f.reason} ({f.detail})"
        )


def _show(report: PerformanceReport) -> None:
    for plan in report.plans:
        table = Table(title=f"{plan.pti} — {plan.plan} ({plan.period})")
        for header in ("measure", "unit", "target", "actual", "status"):
            table.add_column(header)
        for m in plan.measures:
            row = m.as_json()
            table.add_row(m.id, m.unit, str(row["target"]), str(row["actual"]), row["status"])
        console.print(table)
    _show_inventory(report.inventory)


@app.command("report")
@handled
def report_command(
    fy: int | None = typer.Option(
        None, "--fy", help="Fiscal year; default: the latest fiscal year with data."
    ),
    pti: str | None = typer.Option(None, "--pti", help="One Priority Trade Issue."),
    plans: Path | None = typer.Option(None, "--plans", help="Folder of plan files."),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Snapshot day YYYY-MM-DD; default today.", callback=bounded_as_of
    ),
    html: Path | None = typer.Option(None, "--html", help="Also write the HTML report here."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """For every plan in force in the year: each measure's target, actual and status."""
    day = _day(as_of)
    settings = load_settings()
    db = Database(settings.effective_database_url)
    try:
        report = performance_report(
            db, settings, fy, pti=pti, plans_dir=plans, as_of=day, with_history=html is not None
        )
    finally:
        db.dispose()
    if html is not None:
        write_html(report, html)
    if as_json:
        print_json(report.as_json())
    else:
        _show(report)
    if html is not None:
        console.print(f"HTML report written to {html}")


@app.command("lint")
@handled
def lint_command(
    files: list[Path] = typer.Argument(..., help="Plan files (or folders of them)."),
    fy: int | None = typer.Option(None, "--fy", help="Fiscal year; default: that of --as-of."),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Day YYYY-MM-DD; default today.", callback=bounded_as_of
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Table 11 as a check: one status per PTI (current, outdated, none) and each measure without
    a target; exit 1 unless every PTI is current and no plan has a problem."""
    inventory = plan_inventory(files, fy, _day(as_of))
    if as_json:
        print_json(inventory.as_json())
    else:
        _show_inventory(inventory)
        if inventory.clean:
            console.print(f"plans clean for FY{inventory.fy}")
    if not inventory.clean:
        raise typer.Exit(1)
