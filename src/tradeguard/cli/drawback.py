"""Drawback claims: file, pay (accelerated only with a sufficient bond), liquidate, deny; the
review sample and its revenue-loss estimate."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path

import typer
from rich.table import Table

from tradeguard.cli.dates import bounded_day
from tradeguard.cli.output import console, handled, print_json
from tradeguard.config import load_settings
from tradeguard.domain.cases.money import parse_money, to_cents
from tradeguard.domain.documents import parse_documents
from tradeguard.domain.drawback.claim import ClaimStatus
from tradeguard.domain.drawback.filing import ClaimFiling
from tradeguard.domain.errors import InvalidInput
from tradeguard.services import drawback, drawback_reports, drawback_review
from tradeguard.store.database import Database

GROUP = "drawback"
app = typer.Typer(no_args_is_help=True)

JSON = typer.Option(False, "--json", help="Print one JSON document on stdout.")
ON = typer.Option(
    None, "--on", help="The day (YYYY-MM-DD); today by default.", callback=bounded_day
)
ACTOR = "cli"


def parse_day(text: str | None, field: str = "on") -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"{field} must be a date YYYY-MM-DD, got {text!r}", field) from None


def usd(cents: int) -> str:
    return f"${cents / 100:,.2f}"


def _db() -> Database:
    return Database(load_settings().effective_database_url)


def _money(text: str, field: str) -> int:
    return to_cents(parse_money(text, field))


@app.command("file")
@handled
def file_(
    path: Path = typer.Argument(..., help="A claim (or a list of claims) as JSON."),
    as_json: bool = JSON,
) -> None:
    """File claims against the entry lines they designate; the first refusal stops the file."""
    if not path.is_file():
        raise InvalidInput(f"no such file {path}", "file")
    filings = parse_documents(ClaimFiling, path.read_text(), "claim")
    settings = load_settings()
    db = Database(settings.effective_database_url)
    filed = [drawback.file_claim(db, settings.lake_dir, f, actor=ACTOR) for f in filings]
    if as_json:
        print_json({"filed": [asdict(f) for f in filed]})
        return
    for f in filed:
        console.print(
            f"filed {f.claim_no} ({f.kind}): {f.lines} lines, designated "
            f"{usd(f.designated_cents)}, refund {usd(f.refund_requested_cents)} "
            f"(at most {usd(f.refund_limit_cents)})"
        )


@app.command()
@handled
def pay(claim_no: str, on: str | None = ON, as_json: bool = JSON) -> None:
    """Pay a claim: accelerated if its bond suffices (exit 1 and flagged when it does not)."""
    payment = drawback.pay_claim(_db(), claim_no, parse_day(on), actor=ACTOR)
    if as_json:
        print_json(asdict(payment))
    else:
        console.print(
            f"{payment.claim_no}: {payment.status}, paid {usd(payment.refund_paid_cents)}"
        )
    if payment.bond_shortfall_cents:
        console.print(
            f"[red]held:[/red] the claimant's bond is {usd(payment.bond_shortfall_cents)} short"
        )
        raise typer.Exit(1)


@app.command()
@handled
def liquidate(claim_no: str, on: str | None = ON, as_json: bool = JSON) -> None:
    """Liquidate a claim: the refund becomes final (paid now if it was not accelerated)."""
    payment = drawback.liquidate_claim(_db(), claim_no, parse_day(on), actor=ACTOR)
    print_json(asdict(payment)) if as_json else console.print(f"{claim_no}: {payment.status}")


@app.command()
@handled
def deny(claim_no: str, on: str | None = ON, as_json: bool = JSON) -> None:
    """Deny a claim; its designations are given back to their import lines."""
    payment = drawback.deny_claim(_db(), claim_no, parse_day(on), actor=ACTOR)
    print_json(asdict(payment)) if as_json else console.print(f"{claim_no}: {payment.status}")


@app.command()
@handled
def bond(
    claimant_id: str,
    bond_no: str = typer.Option(..., "--bond-no", help="The drawback bond's number."),
    amount: str = typer.Option(..., "--amount", help="Its amount in dollars."),
    on: str | None = ON,
    as_json: bool = JSON,
) -> None:
    """Record the bond a claimant posts for accelerated payment."""
    cents = _money(amount, "amount")
    drawback.register_drawback_bond(_db(), claimant_id, bond_no, cents, parse_day(on), actor=ACTOR)
    document = {"claimant_id": claimant_id, "bond_no": bond_no, "amount_cents": cents}
    print_json(document) if as_json else console.print(f"bond {bond_no} for {claimant_id}")


@app.command("list")
@handled
def list_(
    status: str | None = typer.Option(None, "--status", help="filed, paid, liquidated, denied"),
    as_json: bool = JSON,
) -> None:
    """Claims, newest first."""
    try:
        wanted = ClaimStatus(status) if status else None
    except ValueError:
        raise InvalidInput(f"unknown claim status {status!r}", "status") from None
    claims = drawback_reports.list_claims(_db(), wanted)
    if as_json:
        print_json({"claims": [asdict(c) for c in claims]})
        return
    table = Table(title="Drawback claims")
    for column in ("claim", "kind", "claimant", "status", "designated", "refund", "paid"):
        table.add_column(column)
    for c in claims:
        table.add_row(
            c.claim_no,
            c.kind,
            c.claimant_id,
            c.status,
            f"{c.designated_cents / 100:,.2f}",
            f"{c.refund_requested_cents / 100:,.2f}",
            f"{c.refund_paid_cents / 100:,.2f}",
        )
    console.print(table)


@app.command("bond-sufficiency")
@handled
def bond_sufficiency(as_json: bool = JSON) -> None:
    """Each accelerated claimant's bond against its exposure; exit 1 when any falls short."""
    rows = drawback_reports.bond_sufficiency(_db())
    if as_json:
        print_json({"claimants": [asdict(r) for r in rows]})
    else:
        for r in rows:
            mark = "[red]short[/red]" if r.shortfall_cents else "ok"
            console.print(
                f"{r.claimant_id}: bond {usd(r.bond_cents)}, exposure "
                f"${(r.outstanding_cents + r.waiting_cents) / 100:,.2f} {mark}"
            )
    if any(r.shortfall_cents for r in rows):
        raise typer.Exit(1)


@app.command()
@handled
def sample(
    size: int = typer.Option(60, "--size", min=2, help="Claims to draw."),
    seed: int = typer.Option(1, "--seed", help="Seed of the random draw."),
    as_json: bool = JSON,
) -> None:
    """Draw the stratified review sample from the claims paid so far."""
    drawn = drawback_review.draw_review_sample(
        _db(), size=size, seed=seed, on=date.today(), actor=ACTOR
    )
    if as_json:
        print_json(asdict(drawn))
        return
    console.print(f"sample {drawn.sample_id}: {len(drawn.sampled_claims)} of {drawn.population}")
    console.print(", ".join(drawn.sampled_claims))


@app.command()
@handled
def review(
    claim_no: str,
    overpaid: str = typer.Option(..., "--overpaid", help="Refund that should not have been paid."),
    finding: str = typer.Option(..., "--finding", help="What the review found."),
    as_json: bool = JSON,
) -> None:
    """Record a review finding on a paid claim; the loss estimate uses it."""
    cents = _money(overpaid, "overpaid")
    review_id = drawback_review.record_review(
        _db(), claim_no, overpaid_cents=cents, finding=finding, on=date.today(), actor=ACTOR
    )
    document = {"review_id": review_id, "claim_no": claim_no, "overpaid_cents": cents}
    print_json(document) if as_json else console.print(f"review {review_id} recorded")


@app.command()
@handled
def loss(
    sample_id: int | None = typer.Option(
        None, "--sample", help="A sample id; the latest by default."
    ),
    as_json: bool = JSON,
) -> None:
    """The revenue-loss estimate over all paid claims, with its 95% interval."""
    result = drawback_review.revenue_loss(_db(), sample_id)
    if as_json:
        print_json(asdict(result))
        return
    e = result.estimate
    console.print(
        f"sample {result.sample_id}: {e.reviewed} of {e.sampled} reviewed; "
        f"paid {usd(e.paid_cents)} in {e.claims} claims; estimated loss {usd(e.estimate_cents)} "
        f"(95% CI {usd(e.low_cents)} – {usd(e.high_cents)}); found {usd(e.found_cents)}"
    )
