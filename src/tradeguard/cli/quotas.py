"""Import quotas: the packaged tariff-rate and absolute quotas and their status by period."""

from __future__ import annotations

import typer
from rich.table import Table

from tradeguard.cli.output import console, handled, print_json
from tradeguard.config import load_settings
from tradeguard.reference.quotas import packaged_quotas
from tradeguard.services.quota_status import quota_status

app = typer.Typer(no_args_is_help=True)


@app.command("status")
@handled
def status_command(
    period: str | None = typer.Option(
        None,
        "--period",
        help="One period: a year (2026), fiscal year (FY2026) or quarter (2024-Q3).",
    ),
    quota: str | None = typer.Option(None, "--quota", help="One quota id, e.g. BEEF-OTHER."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Per quota and period: quantity, charged within and over the quota, the day it filled and
    the entries refused the in-quota rate (tariff-rate) or entry (absolute)."""
    report = quota_status(load_settings().lake_dir, period=period, quota_id=quota)
    if as_json:
        print_json(report.as_json())
        return
    table = Table(title="Quota status by period")
    for header in ("quota", "period", "quantity", "in quota", "over", "filled", "entries over"):
        table.add_column(header)
    for p in report.periods:
        table.add_row(
            p.quota_id, p.period, f"{p.quantity:,} {p.unit}",
            f"{p.in_quota:,} ({p.percent_filled}%)", f"{p.over_quota:,}",
            p.filled_on.isoformat() if p.filled_on else "-", str(p.entries_over),
        )  # fmt: skip
    console.print(table)
    if not report.periods:
        console.print("No line in the lake counts against a quota.")


@app.command("list")
@handled
def list_command(
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """The packaged quotas: scope, countries, period, quantity, rates and source."""
    quotas = packaged_quotas()
    if as_json:
        print_json({"quotas": [q.as_json() for q in quotas]})
        return
    table = Table(title="Import quotas")
    for header in ("quota", "kind", "period", "quantity", "countries", "source"):
        table.add_column(header, overflow="fold")
    for q in quotas:
        countries = " ".join(q.countries) or f"all but {' '.join(q.excluded_countries)}"
        table.add_row(
            q.quota_id, q.kind.value, q.period.value, f"{q.quantity:,} {q.unit}", countries,
            q.source,
        )  # fmt: skip
    console.print(table)
