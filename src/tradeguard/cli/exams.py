"""Exams: plan holds within each port's staffed capacity, record findings, list overdue holds,
the Centers' review queues and the trade compliance measured on the random sample."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from tradeguard.cli.dates import bounded_day
from tradeguard.cli.output import console, handled, print_json
from tradeguard.config import load_settings
from tradeguard.domain.errors import InvalidInput
from tradeguard.services import effectiveness, exam_queues
from tradeguard.services import exams as service
from tradeguard.store.database import Database

app = typer.Typer(no_args_is_help=True)

JSON = typer.Option(False, "--json", help="Print one JSON document on stdout.")
ACTOR = typer.Option("cli", "--actor", help="Who is making the change (recorded in the audit log).")


@contextmanager
def _db(url: str | None = None) -> Iterator[Database]:
    """A database for one command, its connections closed when the command ends."""
    db = Database(url or load_settings().effective_database_url)
    try:
        yield db
    finally:
        db.dispose()


def _day(text: str | None, field: str) -> date | None:
    if text is None:
        return None
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


@app.command()
@handled
def plan(
    day: str | None = typer.Option(
        None, "--date", help="Plan the holds of one entry date.", callback=bounded_day
    ),
    date_from: str | None = typer.Option(
        None, "--from", help="First entry date (YYYY-MM-DD).", callback=bounded_day
    ),
    date_to: str | None = typer.Option(
        None, "--to", help="Last entry date (YYYY-MM-DD).", callback=bounded_day
    ),
    capacity_scale: str = typer.Option("1", "--capacity-scale", help="Multiply every capacity."),
    actor: str = ACTOR,
    as_json: bool = JSON,
) -> None:
    """Mandatory and random-sample exams first, then discretionary holds by expected yield."""
    try:
        scale = Decimal(capacity_scale)
    except InvalidOperation as error:
        raise InvalidInput(
            f"--capacity-scale must be a number, got {capacity_scale!r}", "capacity_scale"
        ) from error
    with _db() as db:
        plans = service.plan_exams(
            db,
            day=_day(day, "date"),
            date_from=_day(date_from, "from"),
            date_to=_day(date_to, "to"),
            capacity_scale=scale,
            actor=actor,
        )
    document = {"ports": [p.document() for p in plans]}
    if as_json:
        print_json(document)
        return
    _table("Exam plan per port (hours)", document["ports"])


def _read_results(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        raise InvalidInput(f"no such file: {path}", "file")
    text = path.read_text("utf-8")
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise InvalidInput(f"{path} is not valid JSON: {error}", "file") from error
        if isinstance(data, dict):
            data = data.get("results")
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise InvalidInput(
                "a JSON results file is a list of objects (or {results: [...]})", "file"
            )
        return data
    return list(csv.DictReader(text.splitlines()))


@app.command()
@handled
def record(
    file: Path = typer.Argument(..., help="CSV or JSON of results: hold_id, result, pti, ..."),
    exempt_after: int | None = typer.Option(
        None,
        "--exempt-after",
        help="Clean findings in a row under a rule after which the importer is removed from it "
        "(default: the TRADEGUARD_EXEMPT_AFTER setting, 5).",
        min=1,
    ),  # fmt: skip
    actor: str = ACTOR,
    as_json: bool = JSON,
) -> None:
    """Close holds with their findings (all or none); violations open their cases."""
    settings = load_settings()
    with _db(settings.effective_database_url) as db:
        report = service.record_findings(
            db,
            settings,
            _read_results(file),
            actor=actor,
            exempt_after=exempt_after,
        )
    if as_json:
        print_json(report.as_json())
        return
    console.print(
        f"recorded {report.recorded} findings, {report.violations} violations, "
        f"{len(report.cases)} cases opened, {len(report.exemptions)} importers exempted"
    )


@app.command()
@handled
def overdue(as_json: bool = JSON) -> None:
    """Holds without a finding after TRADEGUARD_OVERDUE_DAYS, by officer and port."""
    settings = load_settings()
    with _db(settings.effective_database_url) as db:
        report = exam_queues.overdue(db, overdue_days=settings.overdue_days)
    if as_json:
        print_json(report.as_json())
        return
    _table(f"Overdue holds (over {report.overdue_days} days)", report.by_officer())


@app.command()
@handled
def centers(as_json: bool = JSON) -> None:
    """Each Center of Excellence and Expertise's document-review queue and workload."""
    with _db() as db:
        queues = exam_queues.center_queues(db)
    if as_json:
        print_json({"centers": [asdict(q) for q in queues]})
        return
    _table("Center review queues", [asdict(q) for q in queues])


@app.command()
@handled
def compliance(as_json: bool = JSON) -> None:
    """Violation rate of the random sample per PTI and overall (95% CI), and the revenue gap."""
    with _db() as db:
        report = effectiveness.compliance(db).as_json()
    if as_json:
        print_json(report)
        return
    _table("Compliance measured on the random sample", report["ptis"] + [report["overall"]])
    gap = report["revenue_gap"]
    console.print(f"estimated revenue gap: ${gap['estimate_usd']:,.2f} (95% CI {gap['ci_usd']})")


@app.command()
@handled
def exemptions(as_json: bool = JSON) -> None:
    """Importers removed from rules after clean findings."""
    with _db() as db:
        report = {"exemptions": effectiveness.active_exemptions(db)}
    if as_json:
        print_json(report)
        return
    rows = [{"rule": r, "importers": ", ".join(i)} for r, i in report["exemptions"].items()]
    _table("Rule exemptions", rows)


@app.command()
@handled
def reinstate(
    rule_id: str = typer.Argument(..., help="Rule the importer was removed from."),
    importer_id: str = typer.Argument(..., help="Importer to put back under the rule."),
    actor: str = ACTOR,
    as_json: bool = JSON,
) -> None:
    """Reverse an exemption: the importer is again subject to the rule."""
    with _db() as db:
        result = effectiveness.reverse_exemption(db, rule_id, importer_id, actor=actor)
    if as_json:
        print_json(result.as_json())
        return
    console.print(f"{importer_id} is again subject to {rule_id}")
