"""`tradeguard rules effectiveness`: each rule version's hit rate, revenue found and lift.

Defined here, beside the exams it reads; `cli/rules.py` adds it to the rules group.
"""

from __future__ import annotations

import typer
from rich.table import Table

from tradeguard.cli.output import console, handled, print_json
from tradeguard.config import load_settings
from tradeguard.services.effectiveness import rule_effectiveness
from tradeguard.store.database import Database


@handled
def effectiveness(
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document on stdout."),
) -> None:
    """Per rule and version: holds, findings, violations, hit rate (95% CI), revenue, lift."""
    db = Database(load_settings().effective_database_url)
    try:
        report = rule_effectiveness(db)
    finally:
        db.dispose()
    if as_json:
        print_json(report.as_json())
        return
    table = Table(title="Rule effectiveness")
    for column in (
        "rule",
        "holds",
        "findings",
        "violations",
        "hit rate",
        "95% CI",
        "revenue",
        "lift",
    ):
        table.add_column(column)
    for r in report.rules:
        rate = "-" if r.hit_rate is None else f"{r.hit_rate:.1%}"
        lo, hi = r.hit_rate_ci
        table.add_row(
            f"{r.rule_id}@{r.version}", str(r.holds), str(r.findings), str(r.violations), rate,
            f"{lo:.1%}-{hi:.1%}", f"${r.revenue_found_usd:,.2f}",
            "-" if r.lift is None else f"{r.lift:.1f}x",
        )  # fmt: skip
    console.print(table)
