"""In-bond movements: authorize, report arrival and export, overdue, defaults, claims, records."""

from __future__ import annotations

import typer
from rich.table import Table

from tradeguard.cli.custody_input import ACTOR, AS_OF, JSON, day, money, optional_day
from tradeguard.cli.dates import bounded_day
from tradeguard.cli.output import console, handled, print_json
from tradeguard.config import load_settings
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.inbond import MovementState, parse_movement_type
from tradeguard.domain.inbond_documents import parse_document_kind
from tradeguard.services import inbond as service
from tradeguard.services import inbond_claims, inbond_records
from tradeguard.services.inbond_views import MovementView
from tradeguard.store.database import Database

GROUP = "inbond"
app = typer.Typer(no_args_is_help=True)
NUMBER = typer.Argument(..., help="The 9-digit in-bond number.")


def _db() -> Database:
    return Database(load_settings().effective_database_url)


def _print(view: MovementView, as_json: bool) -> None:
    if as_json:
        print_json(view.as_json())
        return
    console.print(
        f"in-bond {view.inbond_no} · {view.movement_type} · {view.origin_port} → "
        f"{view.destination_port} · [bold]{view.state}[/bold] · carrier {view.carrier_code} "
        f"bond {view.bond_no} · value {view.value}"
    )
    for d in view.deadlines:
        console.print(
            f"  {d.name}: due {d.due_on} ({d.status}{f', met {d.met_on}' if d.met_on else ''})"
        )
    for c in view.claims:
        console.print(f"  claim: case {c.case_id} {c.breach} {c.amount}")
    console.print(f"  records kept until {view.retain_until or 'the movement closes'}")
    if view.missing_documents:
        console.print(f"  [red]missing documents:[/red] {', '.join(view.missing_documents)}")


@app.command("authorize")
@handled
def authorize(
    inbond_no: str = typer.Option(..., "--inbond-no", help="The 9-digit in-bond number."),
    kind: str = typer.Option(..., "--type", help="it, te or ie (or the full names)."),
    origin: str = typer.Option(..., "--origin", help="Port of unlading (Schedule D code)."),
    destination: str = typer.Option(..., "--destination", help="Port of destination or export."),
    carrier: str = typer.Option(..., "--carrier", help="The bonded carrier's code."),
    bond: str = typer.Option(..., "--bond", help="The carrier's custodial bond number."),
    value: str = typer.Option(..., "--value", help="Value of the goods, dollars."),
    departed: str = typer.Option(
        ..., "--departed", help="Day the carrier took the goods.", callback=bounded_day
    ),
    restricted: bool = typer.Option(False, "--restricted", help="Restricted or prohibited goods."),
    application: str = typer.Option("", "--application", help="Reference of the application."),
    actor: str = ACTOR,
    as_json: bool = JSON,
) -> None:
    """Record a new in-bond movement, in transit from its port of unlading."""
    new = service.MovementInput(
        inbond_no,
        parse_movement_type(kind),
        origin,
        destination,
        carrier,
        bond,
        money(value, "value"),
        day(departed, "departed_on"),
        restricted,
        application,
    )
    _print(service.authorize_movement(_db(), new, actor), as_json)


@app.command("arrive")
@handled
def arrive(
    inbond_no: str = NUMBER,
    on: str = typer.Option(..., "--on", help="Day the goods arrived.", callback=bounded_day),
    reported_on: str = typer.Option(
        None, "--reported-on", help="Day reported (default today).", callback=bounded_day
    ),
    proof: str = typer.Option("", "--proof", help="Reference of the proof of arrival."),
    actor: str = ACTOR,
    as_json: bool = JSON,
) -> None:
    """The carrier's report that the goods arrived at destination or port of exportation."""
    view = service.report_arrival(
        _db(),
        inbond_no,
        day(on, "arrived_on"),
        actor,
        reported_on=optional_day(reported_on, "reported_on"),
        proof=proof,
    )
    _print(view, as_json)


@app.command("export")
@handled
def export(
    inbond_no: str = NUMBER,
    on: str = typer.Option(
        ..., "--on", help="Day the goods left the country.", callback=bounded_day
    ),
    reported_on: str = typer.Option(
        None, "--reported-on", help="Day reported (default today).", callback=bounded_day
    ),
    proof: str = typer.Option("", "--proof", help="Reference of the proof of export."),
    actor: str = ACTOR,
    as_json: bool = JSON,
) -> None:
    """The export of a T&E or IE movement."""
    view = service.report_export(
        _db(),
        inbond_no,
        day(on, "exported_on"),
        actor,
        reported_on=optional_day(reported_on, "reported_on"),
        proof=proof,
    )
    _print(view, as_json)


@app.command("document")
@handled
def document(
    inbond_no: str = NUMBER,
    kind: str = typer.Option(..., "--kind", help="application, proof_of_arrival, proof_of_export."),
    reference: str = typer.Option(..., "--reference", help="Where the document is kept."),
    actor: str = ACTOR,
    as_json: bool = JSON,
) -> None:
    """Attach a document to a movement's record."""
    view = service.add_document(_db(), inbond_no, parse_document_kind(kind), reference, actor)
    _print(view, as_json)


@app.command("show")
@handled
def show(inbond_no: str = NUMBER, as_of: str = AS_OF, as_json: bool = JSON) -> None:
    """A movement with its deadlines, breaches, claims and documents."""
    _print(service.show_movement(_db(), inbond_no, today=optional_day(as_of, "as_of")), as_json)


def _state(text: str | None) -> MovementState | None:
    if text is None:
        return None
    try:
        return MovementState(text.strip().lower())
    except ValueError:
        names = ", ".join(s.value for s in MovementState)
        raise InvalidInput(f"unknown state {text!r}; expected one of: {names}", "state") from None


@app.command("list")
@handled
def list_(
    state: str = typer.Option(None, "--state", help="in_transit, arrived, exported, defaulted."),
    port: str = typer.Option(None, "--port", help="Destination port."),
    as_of: str = AS_OF,
    as_json: bool = JSON,
) -> None:
    """Movements, oldest departure first."""
    views = service.list_movements(
        _db(), state=_state(state), port=port, today=optional_day(as_of, "as_of")
    )
    if as_json:
        print_json([v.as_json() for v in views])
        return
    table = Table("in-bond", "type", "route", "departed", "state", "breaches")
    for v in views:
        route = f"{v.origin_port} → {v.destination_port}"
        table.add_row(
            v.inbond_no, v.movement_type, route, str(v.departed_on), v.state, ", ".join(v.breaches)
        )
    console.print(table)


@app.command("overdue")
@handled
def overdue(as_of: str = AS_OF, as_json: bool = JSON) -> None:
    """Movements past a deadline with nothing reported, by port, for follow-up."""
    report = inbond_claims.overdue_movements(_db(), today=optional_day(as_of, "as_of"))
    if as_json:
        print_json(report.as_json())
        return
    console.print(f"{report.total} overdue movements at {len(report.ports)} ports ({report.as_of})")
    for port in report.ports:
        for o in port.movements:
            console.print(
                f"  port {port.port}: {o.inbond_no} {o.deadline} due {o.due_on} "
                f"({o.days_overdue} days overdue; carrier {o.carrier_code})"
            )


@app.command("default")
@handled
def default(inbond_no: str = NUMBER, actor: str = ACTOR, as_json: bool = JSON) -> None:
    """Declare an overdue movement in default; its liquidated damages claim opens with it."""
    _print(inbond_claims.declare_default(_db(), inbond_no, actor), as_json)


@app.command("claims")
@handled
def claims(actor: str = ACTOR, as_json: bool = JSON) -> None:
    """Open a liquidated damages claim for every breach that has none yet."""
    result = inbond_claims.open_claims(_db(), actor)
    if as_json:
        print_json(result.as_json())
        return
    console.print(f"{len(result.opened)} claims opened ({result.already_claimed} already open)")
    for c in result.opened:
        console.print(f"  case {c.case_id}: {c.inbond_no} {c.breach} {c.amount}")


@app.command("retention")
@handled
def retention(as_of: str = AS_OF, as_json: bool = JSON) -> None:
    """What the record holds, what may be purged, what claims hold, what is missing."""
    report = inbond_records.retention_report(_db(), today=optional_day(as_of, "as_of"))
    if as_json:
        print_json(report.as_json())
        return
    console.print(
        f"{report.movements} movements: {report.open} open, {report.retained} kept, "
        f"{len(report.purge_eligible)} may be purged, {len(report.held_by_claims)} held "
        f"by claims, {report.purged} purged"
    )
    for m in report.missing_documents:
        console.print(f"  {m.inbond_no} ({m.state}) lacks {', '.join(m.missing)}")


@app.command("purge")
@handled
def purge(actor: str = ACTOR, as_json: bool = JSON) -> None:
    """Delete the documents of movements past their retention date (never under a claim)."""
    result = inbond_records.purge_records(_db(), actor)
    if as_json:
        print_json(result.as_json())
        return
    console.print(
        f"purged {len(result.purged)} movements' records ({result.documents_deleted} "
        f"documents); {len(result.held_by_claims)} held by open claims"
    )
