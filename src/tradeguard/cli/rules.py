"""Targeting rules: load a library, list, show, retire, and backtest drafts on loaded entries."""

from __future__ import annotations

import getpass
import os
from dataclasses import asdict
from pathlib import Path

import typer
from rich.table import Table

from tradeguard.cli.output import console, handled, print_json
from tradeguard.cli.rule_effectiveness import effectiveness
from tradeguard.config import load_settings
from tradeguard.services import rules as service
from tradeguard.services.admissibility import reference_in_force
from tradeguard.services.backtest import backtest as run_backtest
from tradeguard.store.database import Database

app = typer.Typer(no_args_is_help=True)

JSON = typer.Option(False, "--json", help="print one JSON document on stdout")


def _database() -> Database:
    return Database(load_settings().effective_database_url)


def _actor() -> str:
    return f"cli:{os.environ.get('USER') or getpass.getuser()}"


@app.command("load")
@handled
def load(
    paths: list[Path] = typer.Argument(..., help="YAML rules files, or folders of them"),
    as_json: bool = JSON,
) -> None:
    """Validate every rule in every FILE (a folder: its *.yaml files) and publish them together;
    one refused rule publishes nothing."""
    report = service.load_rules_files(_database(), paths, actor=_actor())
    if as_json:
        print_json(report.as_dict())
        return
    console.print(
        f"added {len(report.added)}, changed {len(report.changed)}, "
        f"unchanged {len(report.unchanged)}"
    )


@app.command("owners")
@handled
def owners(as_json: bool = JSON) -> None:
    """The targeting units a rule's owner may name: the five NTAGs, CTAC and the ten Centers."""
    units = service.targeting_units()
    if as_json:
        print_json([{**asdict(u), "pti": u.pti.value if u.pti else None} for u in units])
        return
    table = Table("owner", "kind", "location", "pti")
    for u in units:
        table.add_row(u.unit, u.kind, u.location, u.pti.value if u.pti else "(all)")
    console.print(table)


@app.command("list")
@handled
def list_(
    include_retired: bool = typer.Option(False, "--all", help="include retired rules"),
    as_json: bool = JSON,
) -> None:
    """The rules in force (latest version of each)."""
    rows = service.list_rules(_database(), include_retired=include_retired)
    if as_json:
        print_json([r.as_json() for r in rows])
        return
    table = Table("id", "v", "status", "risk", "pti", "name")
    for r in rows:
        table.add_row(r.id, str(r.version), r.status, r.risk, r.pti, r.name)
    console.print(table)


@app.command("show")
@handled
def show(rule_id: str = typer.Argument(...), as_json: bool = JSON) -> None:
    """One rule: its current content and every version."""
    detail = service.show_rule(_database(), rule_id).as_json()
    if as_json:
        print_json(detail)
        return
    for key in ("id", "version", "status", "name", "rationale", "pti", "risk", "stages", "where"):
        console.print(f"[bold]{key}[/bold]: {detail[key]}", highlight=False)


@app.command("retire")
@handled
def retire(rule_id: str = typer.Argument(...), as_json: bool = JSON) -> None:
    """Stop a rule from targeting; its versions stay on record."""
    retired = service.retire_rule(_database(), rule_id, actor=_actor()).as_json()
    if as_json:
        print_json(retired)
        return
    console.print(f"retired {rule_id}@{retired['version']}")


@app.command("backtest")
@handled
def backtest(
    file: Path = typer.Argument(..., help="draft rules (YAML)"), as_json: bool = JSON
) -> None:
    """Run draft rules over the loaded entries without changing anything."""
    settings = load_settings()
    db = Database(settings.effective_database_url)
    try:
        reference = reference_in_force(db)
    finally:
        db.dispose()
    rows = run_backtest(settings, file, reference)
    if as_json:
        print_json({"rules": [r.as_json() for r in rows]})
        return
    table = Table("rule", "risk", "entries", "share", "examined", "hit rate")
    for r in rows:
        table.add_row(
            r.rule_id,
            r.risk,
            str(r.entries),
            f"{r.share:.2%}",
            str(r.examined if r.examined is not None else "-"),
            f"{r.hit_rate:.1%}" if r.hit_rate is not None else "-",
        )
    console.print(table)


# Defined beside the exams it reads; listed last in the group.
app.command("effectiveness")(effectiveness)
