"""Enforcement cases: open, show, move, list, due deadlines and the enforcement report."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import typer
from rich.table import Table

from tradeguard.cli.dates import bounded_as_of, bounded_day
from tradeguard.cli.output import console, handled, print_json
from tradeguard.config import load_settings
from tradeguard.domain.cases import parse_kind
from tradeguard.domain.cases.base import MONEY_FIELDS
from tradeguard.domain.cases.money import parse_money
from tradeguard.domain.cases.opening import CaseOpening
from tradeguard.domain.cases.penalty import parse_culpability
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.pti import parse_pti
from tradeguard.services import case_reports
from tradeguard.services import cases as service
from tradeguard.services.allegation_triage import triage_received
from tradeguard.services.bond_checks import check_bond_sufficiency
from tradeguard.services.case_reports import PtiEnforcement
from tradeguard.services.case_views import CaseDetail
from tradeguard.store.database import Database

app = typer.Typer(no_args_is_help=True)

ACTOR = typer.Option("cli", "--actor", help="Who is making the change (recorded in the audit log).")
JSON = typer.Option(False, "--json", help="Print one JSON document on stdout.")


def _db() -> Database:
    return Database(load_settings().effective_database_url)


def _date(text: str | None, field: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{field} {text!r} is not a date (YYYY-MM-DD)", field) from None


def _money(text: str | None, field: str) -> Decimal | None:
    return None if text is None else parse_money(text, field)


def _print_case(case: CaseDetail, as_json: bool) -> None:
    if as_json:
        print_json(case.as_json())
    else:
        _case_text(case)


def _case_text(case: CaseDetail) -> None:
    console.print(
        f"case {case.id} · {case.kind} · {case.pti} · [bold]{case.state}[/bold] "
        f"(version {case.version})"
    )
    console.print(", ".join(f"{k} {getattr(case, k)}" for k in MONEY_FIELDS))
    console.print(f"next: {', '.join(case.allowed_moves) or 'none (closed)'}")
    for d in case.deadlines:
        console.print(f"  deadline {d.name}: due {d.due_on} ({d.status})")


@app.command("open")
@handled
def open_(
    kind: str = typer.Option(..., "--kind", help="duty_demand, penalty, seizure, bond_demand, ..."),
    pti: str = typer.Option(..., "--pti", help="Priority Trade Issue (name or short code)."),
    on: str = typer.Option(
        None, "--on", help="Opening date, YYYY-MM-DD (default today).", callback=bounded_day
    ),
    importer: str = typer.Option(None, "--importer"),
    entry_no: str = typer.Option(None, "--entry"),
    amount: str = typer.Option(None, "--amount", help="Amount demanded or proposed, dollars."),
    maximum: str = typer.Option(None, "--maximum", help="Statutory maximum of a penalty."),
    subtype: str = typer.Option(None, "--subtype", help="Penalty statute or audit type."),
    culpability: str = typer.Option(None, "--culpability"),
    violation_date: str = typer.Option(None, "--violation-date", callback=bounded_day),
    actor: str = ACTOR,
    as_json: bool = JSON,
) -> None:
    """Open a case by hand (cases from findings open by themselves)."""
    opening = CaseOpening(
        kind=parse_kind(kind),
        pti=parse_pti(pti),
        opened_on=_date(on, "on") or date.today(),
        subtype=subtype,
        importer_id=importer,
        entry_no=entry_no,
        culpability=None if culpability is None else parse_culpability(culpability).value,
        violation_date=_date(violation_date, "violation_date"),
        maximum=_money(maximum, "maximum"),
        demanded=_money(amount, "amount") or Decimal("0.00"),
    )
    db = _db()
    case_id = service.open_case(db, opening, actor)
    _print_case(service.show_case(db, case_id), as_json)


@app.command("show")
@handled
def show(case_id: int = typer.Argument(..., help="Case number."), as_json: bool = JSON) -> None:
    """A case with its money, history, deadlines and allowed next states."""
    _print_case(service.show_case(_db(), case_id), as_json)


@app.command("move")
@handled
def move(
    case_id: int = typer.Argument(..., help="Case number."),
    to: str = typer.Option(..., "--to", help="The state to move to."),
    amount: str = typer.Option(None, "--amount", help="Amount billed/assessed/mitigated/paid."),
    version: int = typer.Option(
        None, "--version", help="Refuse if the case is not at this version."
    ),
    on: str = typer.Option(
        None, "--on", help="Date of the move, YYYY-MM-DD (default today).", callback=bounded_day
    ),
    note: str = typer.Option("", "--note"),
    actor: str = ACTOR,
    as_json: bool = JSON,
) -> None:
    """Move a case to another state (optimistic lock: --version N refuses stale changes)."""
    db = _db()
    service.move_case(
        db, case_id, to.strip(), actor,
        amount=_money(amount, "amount"), expected_version=version, on=_date(on, "on"), note=note,
    )  # fmt: skip
    _print_case(service.show_case(db, case_id), as_json)


@app.command("list")
@handled
def list_(
    pti: str = typer.Option(None, "--pti"),
    kind: str = typer.Option(None, "--kind"),
    state: str = typer.Option(None, "--state"),
    as_json: bool = JSON,
) -> None:
    """Cases, optionally of one PTI, kind or state."""
    rows = service.list_cases(
        _db(),
        pti=None if pti is None else parse_pti(pti),
        kind=None if kind is None else parse_kind(kind),
        state=state,
    )
    if as_json:
        print_json([r.as_json() for r in rows])
        return
    table = Table("id", "kind", "PTI", "state", "opened", "demanded", "assessed", "collected")
    for r in rows:
        shown = (r.id, r.kind, r.pti, r.state, r.opened_on, r.demanded, r.assessed, r.collected)
        table.add_row(*(str(v) for v in shown))
    console.print(table)


@app.command("due")
@handled
def due(
    within: int = typer.Option(None, "--within", help="Only deadlines due within DAYS."),
    today: str = typer.Option(
        None, "--today", help="Pretend today is YYYY-MM-DD.", callback=bounded_as_of
    ),
    as_json: bool = JSON,
) -> None:
    """Every deadline not yet met, overdue first."""
    due_list = service.due_deadlines(_db(), today=_date(today, "today"), within_days=within)
    if as_json:
        print_json([d.as_json() for d in due_list])
        return
    table = Table("case", "kind", "deadline", "due", "status", "days left")
    for d in due_list:
        style = "red" if d.status == "overdue" else ("yellow" if d.status == "alert" else "")
        table.add_row(
            str(d.case_id), d.kind, d.name, str(d.due_on), d.status, str(d.days_left),
            style=style,
        )  # fmt: skip
    console.print(table)


@app.command("report")
@handled
def report(
    fy: int = typer.Option(
        None,
        "--fy",
        help="Fiscal year (FY2016 = 2015-10-01 … 2016-09-30); default the latest "
        "fiscal year in which a case was opened.",
    ),  # fmt: skip
    as_json: bool = JSON,
) -> None:
    """Per PTI: cases, assessed, mitigated, collected, seizures by disposal, time to close."""
    db = _db()
    report = case_reports.enforcement_report(db, fy or case_reports.latest_fiscal_year(db))
    if as_json:
        print_json(report.as_json())
        return
    table = Table(
        "PTI", "opened", "closed", "assessed", "mitigated", "collected", "seized held",
        "median days to close", title=f"FY{report.fiscal_year or ' all years'}",
    )  # fmt: skip
    for r in [*report.by_pti, report.totals]:
        p = r.penalties
        table.add_row(
            r.pti, str(r.cases_opened), str(r.cases_closed), str(p["assessed"]),
            str(p["mitigated"]), str(p["collected"]), str(r.seizures["in_custody"]),
            str(r.days_to_close["median"] or "–"),
        )  # fmt: skip
    console.print(table)
    _print_ratios(report.totals)


def _print_ratios(totals: PtiEnforcement) -> None:
    def share(value: float | None) -> str:
        return "–" if value is None else f"{value:.1%}"

    r = totals.ratios
    console.print(
        f"penalties collected {share(r['penalties_collected_of_assessed'])} of assessed "
        f"(GAO-17-618, FY2015: 1.5%); audits collected "
        f"{share(r['audits_collected_of_identified'])} of identified (55%); duties collected "
        f"{share(r['duties_collected_of_demanded'])} of demanded"
    )
    closed = ", ".join(f"{k} {v}" for k, v in totals.closed_by_kind.items()) or "none"
    console.print(f"closed: {closed}")


@app.command("inventory")
@handled
def inventory(as_json: bool = JSON) -> None:
    """The seized property specialist's inventory: goods still held, oldest first."""
    held = case_reports.seized_property_inventory(_db())
    if as_json:
        print_json([g.as_json() for g in held])
        return
    table = Table("case", "PTI", "state", "entry", "seized", "storage days")
    for g in held:
        table.add_row(
            str(g.case_id), g.pti, g.state, str(g.entry_no), str(g.seized_on),
            str(g.storage_days),
        )  # fmt: skip
    console.print(table)


@app.command("bond-check")
@handled
def bond_check(
    importer: str = typer.Option(..., "--importer"),
    current: str = typer.Option(..., "--current", help="Current continuous bond amount."),
    dtf: str = typer.Option(..., "--dtf", help="Duties, taxes and fees paid, prior 12 months."),
    adcvd: str = typer.Option("0", "--adcvd", help="AD/CVD exposure to cover."),
    actor: str = ACTOR,
    as_json: bool = JSON,
) -> None:
    """Is the importer's bond sufficient? If not, a bond demand case opens."""
    result = check_bond_sufficiency(
        _db(),
        importer_id=importer,
        current_bond=parse_money(current, "current"),
        prior_12_month_dtf=parse_money(dtf, "dtf"),
        adcvd_exposure=parse_money(adcvd, "adcvd"),
        actor=actor,
    )
    if as_json:
        print_json(result.as_json())
        return
    verdict = "sufficient" if result.sufficient else f"INSUFFICIENT, case {result.case_id}"
    console.print(f"required {result.required}, current {result.current}: {verdict}")


@app.command("triage")
@handled
def triage(
    receipt: str = typer.Argument(..., help="the e-allegation's receipt number (EA-...)"),
    open_as: str | None = typer.Option(
        None, "--open-as", help="case to open: eapa, referral, audit, penalty, ..."
    ),
    close: bool = typer.Option(False, "--close", help="close it without a case (needs --reason)"),
    reason: str = typer.Option("", "--reason"),
    actor: str = ACTOR,
    as_json: bool = JSON,
) -> None:
    """Triage a public e-allegation: open the case it calls for, or close it with a reason."""
    if close == (open_as is not None):
        raise InvalidInput("give exactly one of --open-as KIND or --close", "open_as")
    kind = parse_kind(open_as) if open_as else None
    result = triage_received(_db(), receipt, actor=actor, open_as=kind, reason=reason)
    if as_json:
        print_json(result)
        return
    opened = result["opened_case_id"]
    console.print(f"{receipt}: " + (f"opened case {opened}" if opened else "closed"))
