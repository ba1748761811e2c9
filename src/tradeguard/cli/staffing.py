"""Staffing: gaps against the mandated minimums and optimal ranges, the model, the hiring plan."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

import typer
from rich.table import Table

from tradeguard.cli.output import console, handled, print_json
from tradeguard.config import load_settings
from tradeguard.domain.errors import InvalidInput
from tradeguard.services import staffing

app = typer.Typer(no_args_is_help=True)

JSON = typer.Option(False, "--json", help="Print one JSON document on stdout.")
PARAMS = typer.Option(None, "--params", help="YAML laid over the packaged staffing parameters.")


def _yes(flag: bool | None) -> str:
    return "-" if flag is None else ("[red]yes[/red]" if flag else "no")


@app.command()
@handled
def gaps(as_json: bool = JSON) -> None:
    """Actual staff against the mandated minimum and the optimal range, per fiscal year."""
    result = staffing.staffing_gaps()
    if as_json:
        print_json(staffing.gaps_document(result))
        return
    table = Table(title="Trade positions: actual against mandated minimum and optimal range")
    for column in ("position", "mandated", "optimal", "actual by FY", "below mandated", "verdict"):
        table.add_column(column)
    for gap in result:
        p = gap.position
        actuals = "  ".join(f"{fy}:{y.actual}" for fy, y in gap.years.items())
        verdict = []
        if gap.generally_below_mandated:
            verdict.append("generally below mandated minimum")
        if gap.generally_below_optimal:
            verdict.append("generally below optimal")
        table.add_row(
            p.name,
            "-" if p.mandated_minimum is None else str(p.mandated_minimum),
            f"{p.optimal_low}-{p.optimal_high}",
            actuals,
            "-" if not p.is_mandated else f"{gap.years_below_mandated} of {len(gap.years)}",
            "; ".join(verdict) or "met",
        )
    console.print(table)


@app.command()
@handled
def model(as_json: bool = JSON, params: Path | None = PARAMS) -> None:
    """Required FTE per position from workload (measured where tradeguard has it)."""
    required = staffing.staffing_model(lake_dir=load_settings().lake_dir, params_file=params)
    document = staffing.model_document(required)
    if as_json:
        print_json(document)
        return
    table = Table(title="Required FTE from workload (Resource Optimization Model)")
    for column in ("position", "required FTE", "optimal (report)", "workload"):
        table.add_column(column)
    for row in document["positions"]:
        workload = "\n".join(
            f"{w['driver']}: {w['units']:,} ({w['source']}) x {w['hours_per_unit_low']}"
            f"-{w['hours_per_unit_high']} h"
            for w in row["workload"]
        )
        table.add_row(
            row["position"],
            f"{row['fte_low']:,}-{row['fte_high']:,}",
            f"{row['optimal_low']:,}-{row['optimal_high']:,}",
            workload,
        )
    console.print(table)


def _rate(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(text)
    except InvalidOperation as error:
        raise InvalidInput(
            f"--attrition-rate must be a decimal such as 0.06, got {text!r}", "attrition_rate"
        ) from error


@app.command()
@handled
def plan(
    target_fy: int = typer.Option(..., "--target-fy", help="Fiscal year the targets are due."),
    attrition_rate: str | None = typer.Option(None, "--attrition-rate", help="e.g. 0.06"),
    lead_time_months: int | None = typer.Option(None, "--lead-time-months"),
    hiring_capacity: int | None = typer.Option(
        None, "--hiring-capacity", help="Hires that can be started per position per year."
    ),
    params: Path | None = PARAMS,
    html: Path | None = typer.Option(None, "--html", help="Write a chart to this HTML file."),
    as_json: bool = JSON,
) -> None:
    """Hires per position and year to reach the targets by --target-fy, or the shortfall."""
    plans = staffing.hiring_plan(
        target_fy,
        attrition_rate=_rate(attrition_rate),
        lead_time_months=lead_time_months,
        hiring_capacity=hiring_capacity,
        params_file=params,
    )
    if html is not None:
        staffing.write_plan_chart(plans, html)
        console.print(f"chart written to {html}")
    if as_json:
        print_json(staffing.plan_document(target_fy, plans))
        return
    table = Table(title=f"Hiring plan to FY{target_fy}")
    for column in ("position", "target", f"end FY{target_fy}", "hires", "plan"):
        table.add_column(column)
    for p in plans:
        table.add_row(
            p.position,
            str(p.target),
            str(p.projected_end),
            str(p.hires_needed),
            "[green]feasible[/green]" if p.feasible else f"[red]short {p.shortfall}[/red]",
        )
    console.print(table)
    for p in plans:
        if not p.feasible:
            console.print(p.statement())
