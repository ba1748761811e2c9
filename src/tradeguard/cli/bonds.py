"""Single transaction bonds: the central register, each bond tied to one entry, released or
claimed; the monitoring report of insufficient, unused and reused bonds."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import typer
from rich.table import Table

from tradeguard.cli.dates import bounded_as_of, bounded_day
from tradeguard.cli.drawback import parse_day, usd
from tradeguard.cli.output import console, handled, print_json
from tradeguard.config import load_settings
from tradeguard.domain.bonds import StbFiling, StbStatus
from tradeguard.domain.documents import parse_documents
from tradeguard.domain.errors import InvalidInput
from tradeguard.services import bond_register
from tradeguard.store.database import Database

GROUP = "bonds"
app = typer.Typer(no_args_is_help=True)

JSON = typer.Option(False, "--json", help="Print one JSON document on stdout.")
ON = typer.Option(
    None, "--on", help="The day (YYYY-MM-DD); today by default.", callback=bounded_day
)
ACTOR = "cli"


def _db() -> Database:
    return Database(load_settings().effective_database_url)


@app.command("register")
@handled
def register_bonds(
    path: Path = typer.Argument(..., help="A bond (or a list of bonds) as JSON."),
    as_json: bool = JSON,
) -> None:
    """Put single transaction bonds in the central register."""
    if not path.is_file():
        raise InvalidInput(f"no such file {path}", "file")
    filings = parse_documents(StbFiling, path.read_text(), "bond")
    db = _db()
    lines = [bond_register.register_stb(db, f, actor=ACTOR) for f in filings]
    if as_json:
        print_json({"registered": [asdict(line) for line in lines]})
    else:
        console.print(f"registered {len(lines)} bond(s)")


@app.command()
@handled
def present(bond_no: str, entry_no: str, on: str | None = ON, as_json: bool = JSON) -> None:
    """Tie a bond to the entry it secures (once); exit 1 when it is short of the requirement."""
    settings = load_settings()
    db = Database(settings.effective_database_url)
    done = bond_register.present_stb(
        db, settings.lake_dir, bond_no, entry_no, parse_day(on), actor=ACTOR
    )
    check = done.check
    if as_json:
        print_json({**asdict(done), "shortfall_cents": check.shortfall_cents})
    else:
        console.print(
            f"{bond_no} secures {entry_no}: {usd(check.amount_cents)} against "
            f"{usd(check.required_cents)} required ({check.requirement.value})"
        )
    if check.shortfall_cents:
        console.print(f"[red]insufficient:[/red] short by {usd(check.shortfall_cents)}")
        raise typer.Exit(1)


def _close(bond_no: str, to: StbStatus, on: str | None, as_json: bool) -> None:
    line = bond_register.close_stb(_db(), bond_no, to, parse_day(on), actor=ACTOR)
    print_json(asdict(line)) if as_json else console.print(f"{bond_no}: {line.status}")


@app.command()
@handled
def release(bond_no: str, on: str | None = ON, as_json: bool = JSON) -> None:
    """Release the surety: the entry's obligations are met."""
    _close(bond_no, StbStatus.RELEASED, on, as_json)


@app.command()
@handled
def claim(bond_no: str, on: str | None = ON, as_json: bool = JSON) -> None:
    """Claim on the bond: demand payment from the surety."""
    _close(bond_no, StbStatus.CLAIMED, on, as_json)


@app.command()
@handled
def monitor(
    as_of: str | None = typer.Option(
        None, "--as-of", help="Report as of (YYYY-MM-DD).", callback=bounded_as_of
    ),
    as_json: bool = JSON,
) -> None:
    """Insufficient, unused and reused bonds across the register."""
    report = bond_register.stb_monitoring(_db(), parse_day(as_of, "as_of"))
    if as_json:
        print_json(asdict(report))
        return
    console.print(f"bonds by status: {report.by_status}")
    table = Table(title=f"Single transaction bonds needing follow-up, {report.as_of}")
    for column in ("problem", "bond", "importer", "entry", "amount", "required"):
        table.add_column(column)
    for b in report.insufficient:
        table.add_row(
            "insufficient",
            b.bond_no,
            b.importer_id,
            b.entry_no or "-",
            usd(b.amount_cents),
            usd(b.required_cents or 0),
        )
    for b in report.unused:
        table.add_row("unused", b.bond_no, b.importer_id, "-", usd(b.amount_cents), "-")
    for r in report.reused:
        table.add_row("reused", r.bond_no, "", ", ".join(r.entries), "", "")
    for b in report.claimed:
        required = usd(b.required_cents or 0)
        table.add_row(
            "claimed", b.bond_no, b.importer_id, b.entry_no or "-", usd(b.amount_cents), required
        )
    console.print(table)
    console.print(f"claimed bonds short of their entries: {usd(report.claimed_uncovered_cents)}")
