"""Priority Trade Issue plans: actual against target, and the plan lint (GAO-17-618 Table 11)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from tradeguard.cli.output import console, handled, print_json
from tradeguard.config import load_settings
from tradeguard.domain.fiscal import fiscal_year
from tradeguard.domain.plans import lint
from tradeguard.services.performance import contract, load_plans, performance_summary
from tradeguard.store.database import Database

app = typer.Typer(no_args_is_help=True)


def _show(document: dict[str, Any]) -> None:
    for plan in document["plans"]:
        table = Table(title=f"{plan['pti']} — {plan['period']}")
        for header in ("measure", "unit", "target", "actual", "status"):
            table.add_column(header)
        for m in plan["measures"]:
            table.add_row(m["id"], m["unit"], str(m["target"]), str(m["actual"]), m["status"])
        console.print(table)
    _show_lint(document["lint"])


def _show_lint(found: list[dict[str, Any]]) -> None:
    for f in found:
        where = " ".join(x for x in (f["plan"], f["measure"]) if x)
        detail = f" ({f['detail']})" if f["detail"] else ""
        console.print(f"[yellow]lint[/yellow] {f['pti']}: {f['reason']} {where}{detail}")


@app.command("report")
@handled
def report_command(
    fy: int = typer.Option(..., "--fy", help="Fiscal year, e.g. 2026."),
    pti: str | None = typer.Option(None, "--pti", help="One Priority Trade Issue."),
    plans: Path | None = typer.Option(None, "--plans", help="Folder of plan files."),
    html: Path | None = typer.Option(None, "--html", help="Also write the HTML report here."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """For every plan in force in the year: each measure's target, actual and status."""
    settings = load_settings()
    db = Database(settings.effective_database_url)
    try:
        document = performance_summary(db, settings, fy, pti=pti, plans_dir=plans, html=html)
    finally:
        db.dispose()
    if as_json:
        print_json(contract(document))
    else:
        _show(document)
    if html is not None:
        console.print(f"HTML report written to {html}")


@app.command("lint")
@handled
def lint_command(
    files: list[Path] = typer.Argument(..., help="Plan files (or folders of them)."),
    fy: int | None = typer.Option(None, "--fy", help="Fiscal year to check; default: current."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Table 11 as a check: exit 1 when a PTI lacks a plan in force, a plan is past its period,
    a measure has no target or names a definition not in the catalogue."""
    year = fy or fiscal_year(date.today())
    found = [f.as_dict() for f in lint(load_plans(files), year)]
    if as_json:
        print_json({"fy": year, "files": [str(f) for f in files], "lint": found})
    else:
        _show_lint(found)
        if not found:
            console.print(f"plans clean for FY{year}")
    if found:
        raise typer.Exit(1)
