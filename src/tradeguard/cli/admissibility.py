"""Admissibility: IPR recordations, exclusion orders and their trade alerts, withhold release
orders and detentions, denied entries and liquidated damages claims."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import typer
from rich.table import Table

from tradeguard.cli.dates import bounded_day
from tradeguard.cli.output import console, handled, print_json
from tradeguard.config import load_settings
from tradeguard.domain.cases.money import parse_money
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.pti import parse_pti
from tradeguard.domain.redelivery import parse_breach
from tradeguard.domain.withhold_release import parse_state
from tradeguard.services import admissibility as service
from tradeguard.services.admissibility_cases import CaseOpened, claim_liquidated_damages, deny_entry
from tradeguard.services.admissibility_screening import screen_lake
from tradeguard.services.withhold_release import (
    DetentionView,
    detain,
    list_detentions,
    move_detention,
)
from tradeguard.store.database import Database

GROUP = "admissibility"
app = typer.Typer(no_args_is_help=True)

ACTOR = typer.Option("cli", "--actor", help="Who is making the change (recorded in the audit log).")
JSON = typer.Option(False, "--json", help="Print one JSON document on stdout.")
FILE = typer.Argument(..., help="CSV file (columns in docs/admissibility.md).")


@contextmanager
def _db() -> Iterator[Database]:
    db = Database(load_settings().effective_database_url)
    try:
        yield db
    finally:
        db.dispose()


def _date(text: str | None, field: str) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{field} {text!r} is not a date (YYYY-MM-DD)", field) from None


def _imported(kind: service.ReferenceKind, path: Path, actor: str, as_json: bool) -> None:
    with _db() as db:
        result = service.import_reference(db, kind, path, actor)
    if as_json:
        print_json(result.as_json())
    else:
        console.print(f"imported {result.imported} {kind.value.replace('_', ' ')} from {path}")


@app.command("import-recordations")
@handled
def import_recordations(path: Path = FILE, actor: str = ACTOR, as_json: bool = JSON) -> None:
    """Load IPR recordations (trademarks, copyrights): owner, marks, HTS scope, makers."""
    _imported(service.ReferenceKind.RECORDATIONS, path, actor, as_json)


@app.command("import-exclusion-orders")
@handled
def import_exclusion_orders(path: Path = FILE, actor: str = ACTOR, as_json: bool = JSON) -> None:
    """Load ITC exclusion orders: general or limited, HTS scope, respondents, dates."""
    _imported(service.ReferenceKind.EXCLUSION_ORDERS, path, actor, as_json)


@app.command("import-withhold-orders")
@handled
def import_withhold_orders(path: Path = FILE, actor: str = ACTOR, as_json: bool = JSON) -> None:
    """Load withhold release orders (forced labor): a producer or a region, and the goods."""
    _imported(service.ReferenceKind.WITHHOLD_ORDERS, path, actor, as_json)


@app.command("orders")
@handled
def orders(as_json: bool = JSON) -> None:
    """Exclusion orders with their trade alert: days from order to alert against the target."""
    with _db() as db:
        report = service.alert_report(db)
    if as_json:
        print_json(report.as_json())
        return
    table = Table(title=f"exclusion orders (alert target {report.target_days} days)")
    for column in ("order", "kind", "scope", "effective", "alerted", "days", "status"):
        table.add_column(column)
    for o in report.orders:
        table.add_row(
            o.order.order_no, o.order.kind.value, ";".join(o.order.hts_scope),
            str(o.order.effective_on), str(o.alerted_on or "-"),
            "" if o.lag_days is None else str(o.lag_days), o.status.value,
        )  # fmt: skip
    console.print(table)


@app.command("alert")
@handled
def alert(
    order_no: str = typer.Argument(..., help="Exclusion order number."),
    on: str = typer.Option(
        None, "--on", help="Date the trade alert went out (default today).", callback=bounded_day
    ),
    actor: str = ACTOR,
    as_json: bool = JSON,
) -> None:
    """Record the trade alert that told the ports of an exclusion order."""
    with _db() as db:
        result = service.record_alert(db, order_no, _date(on, "on"), actor)
    if as_json:
        print_json(result.as_json())
    else:
        console.print(
            f"{order_no}: alerted {result.lag_days} days after the order ({result.status})"
        )


@app.command("screen")
@handled
def screen(as_json: bool = JSON) -> None:
    """Loaded entries the reference data bars (exclusion, withhold) or questions (marks)."""
    with _db() as db:
        screening = screen_lake(db, load_settings())
    counts = {f: len(screening.entries(f)) for f in ("excluded", "withheld", "unauthorized")}
    doc = {"entries": counts, "entries_per_exclusion_order": screening.entries_per_order()}
    if as_json:
        print_json(doc)
    else:
        for flag, n in counts.items():
            console.print(f"{flag}: {n} entries")


@app.command("review")
@handled
def review(as_json: bool = JSON) -> None:
    """Exclusion orders whose conditions changed: ask the ITC to rescind them (GAO-15-78)."""
    with _db() as db:
        covered = screen_lake(db, load_settings()).entries_per_order()
        found = service.rescission_review(db, covered)
    if as_json:
        print_json({"orders": [c.as_json() for c in found]})
        return
    for c in found:
        console.print(f"{c.order_no} ({c.product}): {'; '.join(c.reasons)}")
    if not found:
        console.print("no order merits a rescission request")


def _show_detention(view: DetentionView, as_json: bool) -> None:
    if as_json:
        print_json(view.as_json())
    else:
        d = view.detention
        console.print(f"detention {view.id} · {view.entry_no} · {view.wro_no} · {d.state} "
                      f"(window ends {d.window_ends})")  # fmt: skip


@app.command("detain")
@handled
def detain_(
    entry_no: str = typer.Option(..., "--entry"),
    wro_no: str = typer.Option(..., "--wro", help="Withhold release order number."),
    importer: str = typer.Option(..., "--importer"),
    value: str = typer.Option(..., "--value", help="Value of the goods, dollars."),
    on: str = typer.Option(
        None, "--on", help="Detention date (default today).", callback=bounded_day
    ),
    actor: str = ACTOR,
    as_json: bool = JSON,
) -> None:
    """Detain goods a withhold release order covers; the importer's window starts."""
    with _db() as db:
        view = detain(
            db, entry_no=entry_no, wro_no=wro_no, importer_id=importer,
            value_usd=parse_money(value, "value"), detained_on=_date(on, "on"), actor=actor,
        )  # fmt: skip
    _show_detention(view, as_json)


@app.command("move-detention")
@handled
def move_detention_(
    detention_id: int = typer.Argument(...),
    to: str = typer.Option(..., "--to", help="proof_submitted, released, exported or seized."),
    on: str = typer.Option(
        None, "--on", help="Date of the move (default today).", callback=bounded_day
    ),
    actor: str = ACTOR,
    as_json: bool = JSON,
) -> None:
    """Move a detention: proof submitted, released, exported, or seized."""
    with _db() as db:
        view = move_detention(db, detention_id, parse_state(to), _date(on, "on"), actor)
    _show_detention(view, as_json)


@app.command("detentions")
@handled
def detentions(as_json: bool = JSON) -> None:
    """Detentions under withhold release orders and the days left in each window."""
    with _db() as db:
        views = list_detentions(db)
    if as_json:
        print_json({"detentions": [v.as_json() for v in views]})
        return
    for v in views:
        left = "" if v.days_left is None else f", {v.days_left} days left"
        console.print(f"{v.id} {v.entry_no} {v.wro_no} {v.detention.state}{left}")


def _opened(result: CaseOpened, as_json: bool) -> None:
    if as_json:
        print_json(result.as_json())
    else:
        console.print(f"opened {result.kind.value} case {result.case_id} for {result.entry_no}")


@app.command("deny-entry")
@handled
def deny_entry_(
    entry_no: str = typer.Option(..., "--entry"),
    importer: str = typer.Option(..., "--importer"),
    pti: str = typer.Option("IPR", "--pti", help="Priority Trade Issue (name or short code)."),
    reason: str = typer.Option(..., "--reason", help="Why the goods are refused admission."),
    on: str = typer.Option(
        None, "--on", help="Date of refusal (default today).", callback=bounded_day
    ),
    actor: str = ACTOR,
    as_json: bool = JSON,
) -> None:
    """Refuse goods admission: a denied_entry case, closed when exported or destroyed."""
    with _db() as db:
        result = deny_entry(
            db, entry_no=entry_no, importer_id=importer, pti=parse_pti(pti), reason=reason,
            on=_date(on, "on"), actor=actor,
        )  # fmt: skip
    _opened(result, as_json)


@app.command("claim")
@handled
def claim(
    entry_no: str = typer.Option(..., "--entry"),
    importer: str = typer.Option(..., "--importer"),
    breach: str = typer.Option(..., "--breach", help="failure_to_redeliver or late_export."),
    value: str = typer.Option(..., "--value", help="Value of the goods, dollars."),
    restricted: bool = typer.Option(False, "--restricted", help="Restricted goods: 3x value."),
    on: str = typer.Option(
        None, "--on", help="Date of the claim (default today).", callback=bounded_day
    ),
    actor: str = ACTOR,
    as_json: bool = JSON,
) -> None:
    """Issue a liquidated damages claim for a breach of bond conditions."""
    kind = parse_breach(breach)
    with _db() as db:
        result = claim_liquidated_damages(
            db, entry_no=entry_no, importer_id=importer, breach=kind,
            value_usd=parse_money(value, "value"), restricted=restricted, on=_date(on, "on"),
            actor=actor,
        )  # fmt: skip
    _opened(result, as_json)
