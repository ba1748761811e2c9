"""`tradeguard oversight`: the open audit recommendations with their evidence from the stores."""

from __future__ import annotations

from datetime import date

import typer
from rich.table import Table

from tradeguard.cli.dates import bounded_as_of
from tradeguard.cli.output import console, handled, print_json
from tradeguard.config import load_settings
from tradeguard.domain.errors import InvalidInput
from tradeguard.services.oversight import TrackerReport, change_json, history, track
from tradeguard.store.database import Database

COLOURS = {"met": "green", "not met": "red", "no data": "yellow"}


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"as_of {text!r} is not a date (YYYY-MM-DD)", "as_of") from None


def _show(report: TrackerReport) -> None:
    table = Table(title=f"Open audit recommendations, evidence for FY{report.fy} ({report.as_of})")
    for header in ("id", "topic", "evidence", "figures"):
        table.add_column(header, overflow="fold")
    for t in report.recommendations:
        status = t.evidence.status.value
        figures = ", ".join(f"{k}={v}" for k, v in t.evidence.figures.items())
        table.add_row(
            t.recommendation.id, t.recommendation.topic,
            f"[{COLOURS[status]}]{status}[/]", figures[:160],
        )  # fmt: skip
    console.print(table)
    console.print(", ".join(f"{k}: {v}" for k, v in report.counts.items()))
    for change in report.changes:
        console.print(f"recorded {change.recommendation_id}: {change.previous} -> {change.status}")


@handled
def oversight_command(
    fy: int | None = typer.Option(
        None, "--fy", help="Fiscal year; default: the latest fiscal year with holds or cases."
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Day YYYY-MM-DD; default today.", callback=bounded_as_of
    ),
    record: bool = typer.Option(
        True, "--record/--no-record", help="Keep the status changes (default) or only look."
    ),
    show_history: bool = typer.Option(
        False, "--history", help="Print the recorded status changes instead."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Each open GAO and DHS OIG recommendation (GAO-17-618 Appendix I) and the report's own two,
    with the platform features that address it and its evidence: met, not met or no data."""
    day = _day(as_of)
    settings = load_settings()
    db = Database(settings.effective_database_url)
    try:
        if show_history:
            changes = history(db)
            if as_json:
                print_json({"changes": [change_json(c) for c in changes]})
            for c in [] if as_json else changes:
                console.print(f"{c.recorded_at} {c.recommendation_id}: {c.previous} -> {c.status}")
            return
        report = track(db, settings, fy, as_of=day, record=record)
    finally:
        db.dispose()
    if as_json:
        print_json(report.as_json())
    else:
        _show(report)


def register(app: typer.Typer) -> None:
    app.command("oversight")(oversight_command)
