"""Advance data at pre-entry: `tradeguard advance ingest|target|holds`."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from tradeguard.cli.output import console, handled, print_json
from tradeguard.config import load_settings
from tradeguard.domain.errors import InvalidInput
from tradeguard.services.advance_ingest import ingest_advance
from tradeguard.services.pre_entry import pre_entry_holds, run_pre_entry
from tradeguard.store.database import Database

app = typer.Typer(no_args_is_help=True)
JSON = typer.Option(False, "--json", help="Print the result as JSON.")


@app.command("ingest")
@handled
def ingest_command(
    files: list[Path] = typer.Argument(
        ..., help="CSV, Parquet or JSON Lines files of advance filing (ISF/manifest) lines."
    ),
    json_out: bool = JSON,
) -> None:
    """Validate advance filing files and load the accepted lines into the advance lake."""
    report = ingest_advance(files, load_settings())
    if json_out:
        print_json(report.as_json())
        return
    console.print(
        f"advance filings: {report.rows:,} rows, {report.accepted:,} accepted, "
        f"{report.rejected:,} rejected"
    )
    for reason, count in report.reasons.items():
        console.print(f"  rejected {count:,}: {escape(reason)}")
    if report.quarantine:
        console.print(f"quarantine: {escape(report.quarantine)}")
    if report.ignored_columns:
        names = ", ".join(escape(repr(c)) for c in report.ignored_columns)
        console.print(f"ignored columns (not advance filing fields): {names}")


@app.command("target")
@handled
def target_command(json_out: bool = JSON) -> None:
    """Run the rules on advance filings: decide, before arrival, which shipments to hold."""
    settings = load_settings()
    db = Database(settings.effective_database_url)
    try:
        result = run_pre_entry(db, settings)
    finally:
        db.dispose()
    if json_out:
        print_json(result.as_json())
        return
    console.print(
        f"pre-entry: {result.filed_entries:,} announced entries, {result.held:,} held "
        f"({result.rules} rules on advance filings, {result.seconds:.2f} s)"
    )
    for rule_id, count in result.rule_hits.items():
        console.print(f"  {rule_id}: {count:,}")


@app.command("holds")
@handled
def holds_command(
    limit: int = typer.Option(50, "--limit", help="At most this many holds (1 to 10000)."),
    json_out: bool = JSON,
) -> None:
    """The latest pre-entry holds, each linked to its entry once the entry is filed."""
    if not 1 <= limit <= 10_000:
        raise InvalidInput("must be between 1 and 10000", "limit")
    holds = pre_entry_holds(load_settings(), limit=limit)
    if json_out:
        print_json({"holds": [h.as_json() for h in holds]})
        return
    table = Table(title="pre-entry holds")
    for column in (
        "entry",
        "bill of lading",
        "arrival",
        "lane",
        "rules",
        "entry filed",
        "mismatch",
    ):
        table.add_column(column)
    for h in holds:
        flags = [
            name
            for name, flag in (
                ("origin", h.origin_mismatch),
                ("manufacturer", h.manufacturer_mismatch),
                ("HTS-6", h.hts6_mismatch),
            )
            if flag
        ]
        table.add_row(
            h.entry_no,
            h.bill_of_lading,
            h.arrival_date.isoformat(),
            h.lane,
            ", ".join(h.rule_ids),
            h.entry_date.isoformat() if h.entry_date else "not yet",
            ", ".join(flags) or "-",
        )
    console.print(table)
