"""Staffing: gaps against the mandated minimums and optimal ranges, the model, the hiring plan."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

import typer
from rich.table import Table

from tradeguard.cli.output import console, handled, print_json
from tradeguard.config import load_settings
from tradeguard.domain.errors import InvalidInput
from tradeguard.services import drawback_reports, staffing, workload
from tradeguard.store.database import Database

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
        print_json(staffing.GapsReport(result).as_json())
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


NATIONAL_SHARE = typer.Option(
    None,
    "--national-share",
    help="Share of national trade the loaded data is (e.g. 0.0033); overrides the recorded one.",
)


@app.command()
@handled
def scope(
    national_share: str | None = typer.Option(
        None, "--national-share", help="Record this share of national trade for the lake's data."
    ),
    source: str = typer.Option("", "--source", help="Where the share comes from."),
    as_json: bool = JSON,
) -> None:
    """Show, or record, what share of national trade the loaded data represents."""
    lake_dir = load_settings().lake_dir
    if national_share is not None:
        workload.record_national_share(lake_dir, workload.parse_share(national_share), source)
    recorded = workload.recorded_national_share(lake_dir)
    document = {
        "national_share": None if recorded is None else str(recorded.share),
        "source": None if recorded is None else recorded.source,
        "recorded_at": None if recorded is None else recorded.recorded_at,
    }
    if as_json:
        print_json(document)
        return
    if recorded is None:
        console.print("no national share recorded: the lake's counts are not used by the model")
    else:
        console.print(
            f"national share {recorded.share} ({recorded.source}), {recorded.recorded_at}"
        )


@app.command()
@handled
def model(
    as_json: bool = JSON, params: Path | None = PARAMS, national_share: str | None = NATIONAL_SHARE
) -> None:
    """Required FTE per position from national yearly workload (the lake's data scaled up)."""
    share = None if national_share is None else workload.parse_share(national_share)
    settings = load_settings()
    claims = drawback_reports.claims_on_record(Database(settings.effective_database_url))
    result = workload.staffing_model(
        lake_dir=settings.lake_dir,
        params_file=params,
        national_share=share,
        sample_counts={"drawback_claims": claims} if claims else None,
    )
    document = result.as_json()
    if as_json:
        print_json(document)
        return
    table = Table(title="Required FTE from workload (Resource Optimization Model)")
    for column in ("position", "required FTE", "optimal (report)", "workload"):
        table.add_column(column)
    for row in document["positions"]:
        drivers = "\n".join(
            f"{w['driver']}: {w['units']:,} ({w['source']}) x {w['hours_per_unit_low']}"
            f"-{w['hours_per_unit_high']} h"
            for w in row["workload"]
        )
        table.add_row(
            row["position"],
            f"{row['fte_low']:,}-{row['fte_high']:,}",
            f"{row['optimal_low']:,}-{row['optimal_high']:,}",
            drivers,
        )
    console.print(table)
    console.print(document["scope"]["note"])


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
    training_months: int | None = typer.Option(None, "--training-months"),
    hiring_capacity: int | None = typer.Option(
        None, "--hiring-capacity", help="Hires that can be started per position per year."
    ),
    params: Path | None = PARAMS,
    html: Path | None = typer.Option(None, "--html", help="Write a chart to this HTML file."),
    as_json: bool = JSON,
) -> None:
    """People to hire per position and year to reach the targets by --target-fy, and the cost."""
    flags = staffing.HiringFlags(
        attrition_rate=_rate(attrition_rate),
        lead_time_months=lead_time_months,
        training_months=training_months,
        hiring_capacity=hiring_capacity,
    )
    plans = staffing.hiring_plan(target_fy, flags=flags, params_file=params)
    if html is not None:
        staffing.write_plan_chart(plans, html)
        console.print(f"chart written to {html}")
    document = staffing.plan_report(target_fy, plans).as_json()
    if as_json:
        print_json(document)
        return
    table = Table(title=f"Hiring plan to FY{target_fy} (people; trade FTE in brackets)")
    for column in ("position", "needed", f"trained end FY{target_fy}", "hires", "cost", "plan"):
        table.add_column(column)
    for p in document["positions"]:
        last = p["years"][str(target_fy)]
        verdict = (
            "[green]feasible[/green]"
            if p["feasible"]
            else f"[red]short {p['shortfall_people']}; FY{p['first_feasible_fy'] or '-'}[/red]"
        )
        table.add_row(
            p["position"] + (" [yellow](hard to fill)[/yellow]" if p["hard_to_fill"] else ""),
            f"{p['people_needed']:,} ({p['target_fte']:,})",
            f"{last['trained']:,} ({last['fte']})",
            f"{p['hires_needed']:,}",
            f"${Decimal(p['cost_usd']):,.0f}",
            verdict,
        )
    console.print(table)
    for p in document["positions"]:
        if not p["feasible"]:
            console.print(p["statement"])
