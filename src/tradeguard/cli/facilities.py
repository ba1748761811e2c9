"""Bonded warehouses and FTZs: register, review (the only source of a risk level), goods in and
out, the five-year limit, code reconciliation, reviews due."""

from __future__ import annotations

import typer
from rich.table import Table

from tradeguard.cli.custody_input import ACTOR, AS_OF, JSON, day, money, optional_day
from tradeguard.cli.dates import bounded_day
from tradeguard.cli.drawback import usd
from tradeguard.cli.output import console, handled, print_json
from tradeguard.config import load_settings
from tradeguard.domain.facilities import (
    Admission,
    ComplianceReview,
    parse_kind,
    parse_risk,
    parse_state,
)
from tradeguard.services import facilities as service
from tradeguard.services import facilities_goods as goods_service
from tradeguard.services import facilities_reports as reports
from tradeguard.services.facilities_bonds import facility_bonds
from tradeguard.services.facilities_views import FacilityView
from tradeguard.store.database import Database

GROUP = "facilities"
app = typer.Typer(no_args_is_help=True)
CODE = typer.Argument(..., help="The facility code (FIRMS code).")


def _db() -> Database:
    return Database(load_settings().effective_database_url)


def _print(view: FacilityView, as_json: bool) -> None:
    if as_json:
        print_json(view.as_json())
        return
    console.print(
        f"{view.code} · {view.name} · {view.kind} class {view.class_code} · port "
        f"{view.port_code} · [bold]{view.state}[/bold] · operator {view.operator} · bond "
        f"{view.bond_no} ({view.bond_amount})"
    )
    level = view.risk_level or "none (never reviewed)"
    console.print(f"  risk level {level}; next review due {view.review_due} ({view.review_status})")
    if not view.on_reference_list:
        console.print("  [red]code not on the reference list[/red]")
    for r in view.reviews:
        console.print(
            f"  review {r.reviewed_on} by {r.reviewer}: {r.risk_level}, "
            f"{r.findings} findings, evidence {', '.join(r.evidence)}"
        )


@app.command("register")
@handled
def register_(
    code: str = typer.Option(..., "--code", help="FIRMS code: a letter and 3 letters or digits."),
    name: str = typer.Option(..., "--name"),
    kind: str = typer.Option(
        ..., "--kind", help="bonded_warehouse (bw) or foreign_trade_zone (ftz)"
    ),
    class_code: str = typer.Option(
        ..., "--class", help="1-11 (warehouse); general_purpose or subzone"
    ),
    operator: str = typer.Option(..., "--operator"),
    port: str = typer.Option(..., "--port", help="Port (Schedule D code)."),
    bond: str = typer.Option(..., "--bond", help="The operator's custodial bond number."),
    bond_amount: str = typer.Option(..., "--bond-amount", help="Bond amount, dollars."),
    registered: str = typer.Option(
        ..., "--registered", help="Day the facility was approved.", callback=bounded_day
    ),
    actor: str = ACTOR,
    as_json: bool = JSON,
) -> None:
    """Add a facility to the registry (it has no risk level until a review gives it one)."""
    new = service.FacilityInput(
        code,
        name,
        parse_kind(kind),
        class_code,
        operator,
        port,
        bond,
        money(bond_amount, "bond_amount"),
        day(registered, "registered_on"),
    )
    _print(service.register_facility(_db(), new, actor), as_json)


@app.command("review")
@handled
def review(
    code: str = CODE,
    on: str = typer.Option(..., "--on", help="Day of the compliance review.", callback=bounded_day),
    reviewer: str = typer.Option(..., "--reviewer"),
    risk: str = typer.Option(..., "--risk", help="high, medium or low: what the review found."),
    evidence: list[str] = typer.Option([], "--evidence", help="Evidence reference (repeat)."),
    findings: int = typer.Option(0, "--findings", help="Discrepancies the review found."),
    actor: str = ACTOR,
    as_json: bool = JSON,
) -> None:
    """Record a dated compliance review with its evidence; the latest sets the risk level."""
    found = ComplianceReview(
        day(on, "reviewed_on"), reviewer, parse_risk(risk), tuple(evidence), findings
    )
    _print(service.record_review(_db(), code, found, actor), as_json)


@app.command("move")
@handled
def move(
    code: str = CODE,
    to: str = typer.Option(..., "--to", help="active, suspended or closed."),
    actor: str = ACTOR,
    as_json: bool = JSON,
) -> None:
    """Suspend, reinstate or close a facility."""
    _print(service.move_facility(_db(), code, parse_state(to), actor), as_json)


@app.command("show")
@handled
def show(code: str = CODE, as_of: str = AS_OF, as_json: bool = JSON) -> None:
    """A facility with its reviews and when the next is due."""
    _print(service.show_facility(_db(), code, today=optional_day(as_of, "as_of")), as_json)


@app.command("list")
@handled
def list_(as_of: str = AS_OF, as_json: bool = JSON) -> None:
    """The registry."""
    views = service.list_facilities(_db(), today=optional_day(as_of, "as_of"))
    if as_json:
        print_json([v.as_json() for v in views])
        return
    table = Table("code", "kind", "class", "port", "state", "risk", "review due", "status")
    for v in views:
        table.add_row(
            v.code,
            v.kind,
            v.class_code,
            v.port_code,
            v.state,
            v.risk_level or "-",
            str(v.review_due),
            v.review_status,
        )
    console.print(table)


@app.command("admit")
@handled
def admit(
    code: str = CODE,
    entry_no: str = typer.Option(..., "--entry", help="The entry the goods came in on."),
    description: str = typer.Option(..., "--description"),
    quantity: int = typer.Option(..., "--quantity"),
    value: str = typer.Option(..., "--value", help="Value, dollars."),
    imported: str = typer.Option(
        ..., "--imported", help="Day of importation.", callback=bounded_day
    ),
    admitted: str = typer.Option(
        None, "--admitted", help="Day admitted (default imported).", callback=bounded_day
    ),
    duty: str = typer.Option(
        None, "--duty", help="Estimated duties, taxes and fees on the goods, dollars."
    ),
    actor: str = ACTOR,
    as_json: bool = JSON,
) -> None:
    """Admit goods to a facility."""
    imported_on = day(imported, "imported_on")
    goods = Admission(
        entry_no,
        description,
        quantity,
        money(value, "value"),
        imported_on,
        optional_day(admitted, "admitted_on") or imported_on,
        duty=None if duty is None else money(duty, "duty"),
    )
    view = goods_service.admit_goods(_db(), code, goods, actor)
    print_json(view.as_json()) if as_json else console.print(f"admission {view.id}: {view}")


@app.command("withdraw")
@handled
def withdraw(
    admission: int = typer.Argument(..., help="The admission number."),
    quantity: int = typer.Option(..., "--quantity"),
    purpose: str = typer.Option(
        ..., "--purpose", help="consumption, export, transfer or destruction"
    ),
    on: str = typer.Option(
        None, "--on", help="Day withdrawn (default today).", callback=bounded_day
    ),
    actor: str = ACTOR,
    as_json: bool = JSON,
) -> None:
    """Withdraw goods; never more than remain."""
    view = goods_service.withdraw_goods(
        _db(),
        admission,
        quantity,
        goods_service.parse_purpose(purpose),
        actor,
        on=optional_day(on, "withdrawn_on"),
    )
    print_json(view.as_json()) if as_json else console.print(f"{view.remaining} remain: {view}")


@app.command("goods")
@handled
def goods(code: str = CODE, as_json: bool = JSON) -> None:
    """A facility's admissions and what remains of each."""
    views = goods_service.goods_in(_db(), code)
    if as_json:
        print_json([v.as_json() for v in views])
        return
    for v in views:
        console.print(
            f"{v.id}: {v.entry_no} {v.description} {v.remaining}/{v.quantity} "
            f"imported {v.imported_on} limit {v.limit_on or 'none (zone)'}"
        )


@app.command("over-limit")
@handled
def over_limit(as_of: str = AS_OF, as_json: bool = JSON) -> None:
    """Goods in a bonded warehouse past five years from importation."""
    report = goods_service.goods_over_limit(_db(), today=optional_day(as_of, "as_of"))
    if as_json:
        print_json(report.as_json())
        return
    console.print(f"{len(report.goods)} admissions past the limit, value {report.value}")
    for g in report.goods:
        console.print(
            f"  {g.facility} admission {g.id}: {g.description}, imported "
            f"{g.imported_on}, limit {g.limit_on}, {g.remaining} remain"
        )


@app.command("reconcile")
@handled
def reconcile(as_json: bool = JSON) -> None:
    """Facility codes against the reference list."""
    result = reports.reconcile_codes(_db())
    if as_json:
        print_json(result.as_json())
        return
    console.print(f"{result.reconciled} of {result.facilities} facilities reconcile")
    console.print(f"not on the list: {', '.join(result.not_on_list) or 'none'}")
    console.print(f"list entries with no facility: {len(result.no_facility)}")
    for m in result.mismatched:
        console.print(f"  {m.code}: {m.field} {m.registry} here, {m.reference} on the list")


@app.command("bonds")
@handled
def bonds(as_of: str = AS_OF, as_json: bool = JSON) -> None:
    """Each facility's bond against the duties on the goods it holds; exit 1 when one falls
    short."""
    report = facility_bonds(_db(), load_settings().lake_dir, today=optional_day(as_of, "as_of"))
    if as_json:
        print_json(report.as_json())
    else:
        table = Table(title=f"Facility bonds against the duties on hand, {report.as_of}")
        for column in ("facility", "bond", "goods on hand", "duties", "unpriced goods", "short by"):
            table.add_column(column)
        for f in report.facilities:
            table.add_row(
                f.code, usd(f.bond_cents), usd(f.goods_value_cents), usd(f.duties_cents),
                usd(f.unpriced_value_cents), usd(f.shortfall_cents) if f.shortfall_cents else "-",
            )  # fmt: skip
        console.print(table)
        console.print(f"{len(report.insufficient)} of {len(report.facilities)} bonds short")
    if report.insufficient:
        raise typer.Exit(1)


@app.command("reviews-due")
@handled
def reviews_due(as_of: str = AS_OF, as_json: bool = JSON) -> None:
    """Compliance reviews due by risk level, the overdue ones first."""
    report = reports.reviews_due(_db(), today=optional_day(as_of, "as_of"))
    if as_json:
        print_json(report.as_json())
        return
    console.print(f"risk levels: {report.by_risk_level}; never reviewed: {report.never_reviewed}")
    for d in report.overdue:
        console.print(
            f"  overdue {d.days_overdue} days: {d.code} ({d.risk_level or 'none'}), "
            f"due {d.review_due}"
        )
