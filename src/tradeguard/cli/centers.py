"""The Centers' post-entry work: review queues within import-specialist capacity, a review's
moves, the dashboards, and the national account managers' importer accounts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date
from typing import Any

import typer
from rich.table import Table

from tradeguard.cli.dates import bounded_as_of, bounded_day
from tradeguard.cli.output import console, handled, print_json
from tradeguard.config import load_settings
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.reviews import parse_notice_kind
from tradeguard.services import accounts, center_dashboards, center_reviews, review_moves
from tradeguard.store.database import Database

app = typer.Typer(no_args_is_help=True)

JSON = typer.Option(False, "--json", help="Print one JSON document on stdout.")
ACTOR = typer.Option("cli", "--actor", help="Who is making the change (recorded in the log).")


@contextmanager
def _db() -> Iterator[Database]:
    db = Database(load_settings().effective_database_url)
    try:
        yield db
    finally:
        db.dispose()


def _day(text: str | None, field: str) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise InvalidInput(f"--{field} must be YYYY-MM-DD, got {text!r}", field) from error


def _table(title: str, rows: list[dict[str, Any]]) -> None:
    table = Table(title=title)
    for column in rows[0] if rows else ["(none)"]:
        table.add_column(str(column))
    for row in rows:
        table.add_row(*(str(v) for v in row.values()))
    console.print(table)


@app.command("plan")
@handled
def plan(
    specialists: list[str] = typer.Option(
        [], "--specialists", help="CENTER=FTE: a Center's import specialists (what-if)."
    ),
    actor: str = ACTOR,
    json_out: bool = JSON,
) -> None:
    """Queue the latest post-entry run's reviews within each Center's capacity."""
    given = center_reviews.parse_specialists(specialists)
    with _db() as db:
        planned = center_reviews.plan_reviews(db, load_settings(), specialists=given, actor=actor)
    rows = [
        {"center": p.center, "specialists": str(p.specialists), "reviews": p.reviews,
         **{k: v for k, v in p.plan.document().items() if k != "port"}, "by_kind": p.by_kind}
        for p in planned.centers
    ]  # fmt: skip
    if json_out:
        print_json({"run_id": planned.run_id, "reviews": planned.reviews,
                    "missed": planned.missed, "centers": rows})  # fmt: skip
        return
    _table(f"reviews planned from run {planned.run_id}", rows)


@app.command("dashboard")
@handled
def dashboard(
    as_of: str | None = typer.Option(
        None, "--as-of", help="YYYY-MM-DD (default today).", callback=bounded_as_of
    ),
    json_out: bool = JSON,
) -> None:
    """Each Center: queue, reviews against capacity, findings, duty, overdue requests."""
    with _db() as db:
        boards = center_dashboards.center_dashboards(
            db, load_settings(), as_of=_day(as_of, "as-of")
        )
    if json_out:
        print_json(boards.as_json())
        return
    keys = ("center", "specialists", "capacity_hours", "hours_used", "queue", "reviews_done",
            "missed", "duty_found_usd", "overdue_rfis", "duty_foregone_usd")  # fmt: skip
    _table("Centers", [{k: asdict(b)[k] for k in keys} for b in boards.centers])


@app.command("move")
@handled
def move(
    review_id: int = typer.Argument(..., help="The review's number."),
    action: str = typer.Argument(
        ...,
        help="rfi, remind, escalate, respond, propose-notice, take-notice or extend-liquidation.",
    ),  # fmt: skip
    on: str | None = typer.Option(
        None, "--on", help="YYYY-MM-DD (default today).", callback=bounded_day
    ),
    notice: str | None = typer.Option(None, "--notice", help="Notice of action kind."),
    actor: str = ACTOR,
    json_out: bool = JSON,
) -> None:
    """Move one review: a request for information, a reminder, a notice of action, ..."""
    chosen = review_moves.parse_move(action)
    kind = parse_notice_kind(notice) if notice is not None else None
    with _db() as db:
        view = review_moves.move_review(
            db, review_id, chosen, on=_day(on, "on"), actor=actor, notice=kind
        )
    if json_out:
        print_json(view.as_json())
        return
    console.print(f"review {view.id}: {view.state}")


@app.command("close")
@handled
def close(
    review_id: int = typer.Argument(..., help="The review's number."),
    result: str = typer.Option(..., "--result", help="clean or violation."),
    pti: str | None = typer.Option(None, "--pti", help="The violation's PTI."),
    violation_type: str | None = typer.Option(None, "--violation-type"),
    value_usd: str | None = typer.Option(None, "--value-usd", help="The corrected value."),
    on: str | None = typer.Option(
        None, "--on", help="Finding date, YYYY-MM-DD.", callback=bounded_day
    ),
    actor: str = ACTOR,
    json_out: bool = JSON,
) -> None:
    """Close a review with its finding (cases open exactly as for an exam's finding)."""
    day = _day(on, "on")
    row = {"result": result, "pti": pti, "violation_type": violation_type,
           "value_usd": value_usd, "finding_date": day.isoformat()}  # fmt: skip
    with _db() as db:
        closed = review_moves.close_reviews(
            db, load_settings(), {review_id: row}, actor=actor, today=max(day, date.today())
        )
    if json_out:
        print_json(closed.views[0].as_json())
        return
    console.print(f"review {review_id} closed: {closed.views[0].result}")


@app.command("sweep")
@handled
def sweep(
    on: str | None = typer.Option(
        None, "--on", help="YYYY-MM-DD (default today).", callback=bounded_day
    ),
    actor: str = ACTOR,
    json_out: bool = JSON,
) -> None:
    """Remind unanswered requests for information past due; escalate those past the reminder."""
    with _db() as db:
        swept = review_moves.sweep_requests(db, on=_day(on, "on"), actor=actor)
    if json_out:
        print_json(asdict(swept))
        return
    console.print(f"reminded {len(swept.reminded)}, escalated {len(swept.escalated)}")


@app.command("accounts")
@handled
def account_list(
    per_center: int = typer.Option(accounts.ACCOUNTS_PER_CENTER, "--per-center"),
    json_out: bool = JSON,
) -> None:
    """National account managers' accounts: the largest importers by value per Center."""
    with _db() as db:
        found = accounts.importer_accounts(db, per_center=per_center)
    if json_out:
        print_json({"accounts": [asdict(a) for a in found]})
        return
    _table("importer accounts", [asdict(a) for a in found])


@app.command("account")
@handled
def account(
    importer_id: str = typer.Argument(..., help="The importer's number."),
    json_out: bool = JSON,
) -> None:
    """One account: entries, holds, findings, cases, compliance with its interval, status."""
    with _db() as db:
        view = accounts.account_view(db, load_settings(), importer_id)
    if json_out:
        print_json(view.as_json())
        return
    _table(f"account {view.importer_id}", [{k: str(v) for k, v in view.as_json().items()}])
