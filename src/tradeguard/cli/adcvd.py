"""AD/CVD from deposit to collection: deposits, liquidation instructions, bills, nonpayment risk."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from tradeguard.cli.dates import bounded_as_of, bounded_day
from tradeguard.cli.output import console, handled, print_json
from tradeguard.config import load_settings
from tradeguard.domain.adcvd import BillState
from tradeguard.domain.adcvd.liquidation import parse_cause
from tradeguard.domain.cases.money import parse_money, to_cents
from tradeguard.domain.errors import InvalidInput
from tradeguard.generator.adcvd import generate_adcvd, write_adcvd
from tradeguard.services import adcvd, adcvd_bills, adcvd_measures, adcvd_risk
from tradeguard.services.adcvd_cycle import replay_history
from tradeguard.services.adcvd_documents import (
    document,
)  # fmt: skip
from tradeguard.services.adcvd_files import parse_day
from tradeguard.store.database import Database

GROUP = "adcvd"
app = typer.Typer(no_args_is_help=True)
deposits_app = typer.Typer(no_args_is_help=True, help="Cash deposits of AD/CVD entry lines.")
instructions_app = typer.Typer(no_args_is_help=True, help="Commerce's liquidation instructions.")
app.add_typer(deposits_app, name="deposits")
app.add_typer(instructions_app, name="instructions")

JSON = typer.Option(False, "--json", help="Print one JSON document on stdout.")
ACTOR = typer.Option("cli", "--actor", help="Who is making the change (recorded in the audit log).")
ON = typer.Option(None, "--on", help="The day, YYYY-MM-DD (default today).", callback=bounded_day)
ENTRY = typer.Option(..., "--entry", help="Entry number.")
LINE = typer.Option(..., "--line", min=1, help="Line number.")


def _db() -> Database:
    return Database(load_settings().effective_database_url)


def _day(text: str | None, field: str = "on") -> date:
    return date.today() if text is None else parse_day(text, field)


def _usd(cents: int) -> str:
    return f"${cents / 100:,.2f}"


@deposits_app.command("import")
@handled
def deposits_import(file: Path, actor: str = ACTOR, as_json: bool = JSON) -> None:
    """Record the cash deposits of a declarations file's AD/CVD lines (CSV or Parquet)."""
    result = adcvd.import_deposits(_db(), file, actor)
    if as_json:
        print_json(document(result))
        return
    console.print(
        f"{result.recorded} deposit line(s) recorded ({result.already_known} already known), "
        f"{_usd(result.deposits_cents)} deposited"
    )


@instructions_app.command("import")
@handled
def instructions_import(file: Path, actor: str = ACTOR, as_json: bool = JSON) -> None:
    """Load liquidation instructions (CSV: message_no, case_no, kind, period_from, period_to,
    final_rate, issued_on); the whole file or nothing."""
    result = adcvd.import_instructions(_db(), file, actor)
    if as_json:
        print_json(document(result))
        return
    console.print(f"{result.imported} instruction(s) imported")


@app.command()
@handled
def liquidate(
    instruction: str = typer.Option(..., "--instruction", help="The message number."),
    on: str = ON,
    cause: str = typer.Option(None, "--cause", help="Why late, when past the six months."),
    actor: str = ACTOR,
    as_json: bool = JSON,
) -> None:
    """Liquidate every open line an instruction covers: a bill, a refund or nothing each."""
    run = adcvd.liquidate_instruction(
        _db(), instruction, _day(on), actor, parse_cause(cause) if cause else None
    )
    if as_json:
        print_json(document(run))
        return
    late = f" LATE (due by {run.liquidate_by}; cause {run.cause})" if run.late else ""
    console.print(
        f"{run.lines} line(s) liquidated{late}: {run.bills} bill(s) {_usd(run.billed_cents)}, "
        f"{run.refunds} refund(s) {_usd(run.refunded_cents)}, {run.even} even"
    )


def _bills_table(title: str, bills: list[adcvd_bills.BillView]) -> None:
    table = Table(title=title)
    for column in ("entry", "line", "importer", "case", "state", "due", "days late", "owed"):
        table.add_column(column)
    for b in bills:
        table.add_row(b.entry_no, str(b.line_no), b.importer_id, b.case_no, b.state,
                      str(b.due_on), str(b.days_past_due), _usd(b.amount_due_cents))  # fmt: skip
    console.print(table)


def _state(text: str | None) -> list[BillState] | None:
    if text is None:
        return None
    try:
        return [BillState(text.strip().lower())]
    except ValueError:
        names = ", ".join(s.value for s in BillState)
        raise InvalidInput(f"unknown bill state {text!r}; expected {names}", "state") from None


@app.command()
@handled
def bills(
    state: str = typer.Option(None, "--state", help="open, claimed, paid or written_off."),
    on: str = ON,
    as_json: bool = JSON,
) -> None:
    """AD/CVD bills, with what each owes on --on (late interest included)."""
    found = adcvd_bills.list_bills(_db(), _day(on), _state(state))
    if as_json:
        print_json(document(found))
        return
    _bills_table(f"{len(found)} AD/CVD bill(s)", found)


@app.command()
@handled
def overdue(on: str = ON, as_json: bool = JSON) -> None:
    """Bills past their due date and not settled, oldest first."""
    found = adcvd_bills.overdue_bills(_db(), _day(on))
    if as_json:
        print_json(document(found))
        return
    _bills_table(f"{len(found)} overdue AD/CVD bill(s)", found)


@app.command()
@handled
def pay(
    entry: str = ENTRY,
    line: int = LINE,
    amount: str = typer.Option(..., "--amount", help="Dollars paid."),
    on: str = ON,
    actor: str = ACTOR,
    as_json: bool = JSON,
) -> None:
    """Record the importer's payment on a bill."""
    cents = to_cents(parse_money(amount, "amount"))
    bill = adcvd_bills.pay_bill(_db(), entry, line, cents, _day(on), actor)
    if as_json:
        print_json(document(bill))
        return
    console.print(f"bill {entry}-{line}: {bill.state}, balance {_usd(bill.balance_cents)}")


@app.command()
@handled
def claims(on: str = ON, actor: str = ACTOR, as_json: bool = JSON) -> None:
    """Claim against the surety every bill unpaid 90 days past due."""
    run = adcvd_bills.claim_overdue(_db(), _day(on), actor)
    if as_json:
        print_json(document(run))
        return
    console.print(
        f"{run.claims} claim(s) for {_usd(run.claimed_cents)}; "
        f"{_usd(run.uncovered_cents)} not covered by the bonds"
    )


@app.command("write-off")
@handled
def write_off(entry: str = ENTRY, line: int = LINE, on: str = ON, actor: str = ACTOR,
              as_json: bool = JSON) -> None:  # fmt: skip
    """Write off what a bill still owes."""
    bill = adcvd_bills.write_off_bill(_db(), entry, line, _day(on), actor)
    if as_json:
        print_json(document(bill))
        return
    console.print(f"bill {entry}-{line}: written off {_usd(bill.written_off_cents)}")


@app.command()
@handled
def measures(on: str = ON, as_json: bool = JSON) -> None:
    """Late liquidations and their causes, unpaid bills, bond coverage of open exposure."""
    doc = adcvd_measures.collection_measures(_db(), _day(on)).as_json()
    if as_json:
        print_json(doc)
        return
    late, unpaid, cover = doc["late"], doc["unpaid"], doc["coverage"]
    console.print(
        f"late liquidations: {late['late_lines']} of {late['lines']} lines "
        f"({late['late_instructions']} of {late['instructions']} instructions); causes "
        f"{late['by_cause']}\nunpaid bills: {unpaid['count']}, "
        f"${unpaid['uncollected_usd']} uncollected, "
        f"by age {unpaid['by_age']}\nopen exposure covered by bonds: {cover['share']:.0%} "
        f"of ${cover['exposure_usd']}"
    )


@app.command()
@handled
def risk(
    on: str = ON,
    truth: Path = typer.Option(None, "--truth", help="Generator truth: evaluate the score."),
    cutoff: str = typer.Option(
        None, "--cutoff", help="With --truth: learn as of this day.", callback=bounded_day
    ),
    top: int = typer.Option(10, "--top", min=1, max=1000),
    as_json: bool = JSON,
) -> None:
    """Likelihood × significance of nonpayment factors; the riskiest open entries with their
    reasons; with --truth, the score's out-of-time evaluation."""
    db, day = _db(), _day(on)
    learn_on = _day(cutoff, "cutoff") if cutoff else day
    doc: dict[str, Any] = {"analysis": adcvd_risk.risk_analysis(db, day).as_json()}
    if truth is not None:
        doc["evaluation"] = adcvd_risk.evaluate_score(db, truth, learn_on, top).as_json()
    else:
        doc["top"] = [s.as_json() for s in adcvd_risk.entry_scores(db, day)[:top]]
    if as_json:
        print_json(doc)
        return
    table = Table(title=f"Nonpayment risk factors ({doc['analysis']['bills']} settled bills)")
    for column in ("factor", "bills", "likelihood", "lift", "significance", "risk"):
        table.add_column(column)
    for f in doc["analysis"]["factors"]:
        table.add_row(f["factor"], str(f["bills"]), f"{f['likelihood']:.1%}", f"{f['lift']:.2f}",
                      f"{f['significance']:.1%}", f"{f['risk']} {f['level']}")  # fmt: skip
    console.print(table)
    riskiest = doc["evaluation"]["top"] if "evaluation" in doc else doc["top"]
    for scored in riskiest:
        why = "; ".join(r["why"] for r in scored["reasons"]) or "no raising factor"
        console.print(
            f"{scored['entry_no']}-{scored['line_no']} {scored['importer_id']} "
            f"{scored['probability']:.1%}: {why}"
        )
    if "evaluation" in doc:
        e = doc["evaluation"]
        console.print(
            f"score out of time (from {e['cutoff']}): precision in the top decile "
            f"{e['precision_top_decile']:.1%}, base rate {e['base_rate']:.1%} ({e['lift']}×)"
        )


@app.command()
@handled
def generate(
    out: Path = typer.Option(..., "--out", help="Folder for the generated files."),
    lines: int = typer.Option(3000, "--lines", min=10, help="AD/CVD entry lines."),
    seed: int = typer.Option(1, "--seed"),
    fy: int = typer.Option(2026, "--fy", help="The last of the six fiscal years."),
    as_json: bool = JSON,
) -> None:
    """A synthetic six-year AD/CVD history with its truth (docs/adcvd.md)."""
    data = generate_adcvd(lines, seed, fy)
    paths = write_adcvd(data, out)
    doc = {"as_of": data.as_of, "cutoff": data.cutoff, "files": paths}
    if as_json:
        print_json(doc)
        return
    console.print(f"{lines} lines to {out}; history to {data.as_of}, test from {data.cutoff}")


@app.command()
@handled
def replay(
    folder: Path,
    as_of: str = typer.Option(..., "--as-of", help="Last day to replay.", callback=bounded_as_of),
    actor: str = ACTOR,
    as_json: bool = JSON,
) -> None:
    """Run a generated history through deposits, liquidation, payment, claims and write-off."""
    run = replay_history(_db(), folder, parse_day(as_of, "as_of"), actor)
    if as_json:
        print_json(document(run))
        return
    console.print(
        f"{run.lines_liquidated} lines liquidated under {run.liquidations} instructions; "
        f"{run.bills} bills, {run.payments} paid, {run.claims} claims, "
        f"{run.written_off} written off"
    )
