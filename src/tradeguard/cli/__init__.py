"""The `tradeguard` command line: thin commands over the services.

Exit codes (the contract in DESIGN.md): 0 success, 1 a check found problems, 2 bad input or usage.
Every command that reports takes --json and then prints exactly one JSON document on stdout.

Wiring is explicit: `COMMANDS` below lists every command and command group with the module that
defines it. A module is imported only when its command runs (or its own --help is asked for), so
`tradeguard --help` starts without polars, DuckDB, SQLAlchemy or FastAPI.
"""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from tradeguard.cli.output import exit_code_for
from tradeguard.domain.errors import TradeguardError


@dataclass(frozen=True, slots=True)
class Command:
    """One command or command group: its name, the module that defines it, its one-line help."""

    name: str
    module: str
    help: str


# Groups are modules with a `typer.Typer` named `app`; single commands are modules with
# `register(app)`. The help here is what `tradeguard --help` shows without importing the module.
COMMANDS: tuple[Command, ...] = (
    Command("adcvd", "tradeguard.cli.adcvd", "AD/CVD: liquidation, bills, nonpayment risk."),
    Command(
        "admissibility",
        "tradeguard.cli.admissibility",
        "Admissibility: recordations, exclusion orders, WROs.",
    ),
    Command("advance", "tradeguard.cli.advance", "Advance filings (ISF): ingest, pre-entry holds."),
    Command("bonds", "tradeguard.cli.bonds", "Single transaction bonds: register, monitor."),
    Command("cases", "tradeguard.cli.cases", "Enforcement cases: open, move, deadlines, report."),
    Command("centers", "tradeguard.cli.centers", "Centers: post-entry reviews, accounts."),
    Command("demo", "tradeguard.cli.demo", "Generate a year of declarations and run the job."),
    Command("drawback", "tradeguard.cli.drawback", "Drawback claims, bonds, the loss sample."),
    Command("exams", "tradeguard.cli.exams", "Exams: plan holds, record findings, queues."),
    Command("facilities", "tradeguard.cli.facilities", "Bonded warehouses, FTZs: reviews, goods."),
    Command("generate", "tradeguard.cli.generate", "Write synthetic declarations and truth."),
    Command("inbond", "tradeguard.cli.inbond", "In-bond movements: deadlines, defaults, claims."),
    Command("ingest", "tradeguard.cli.declarations", "Validate and load declaration files."),
    Command(
        "model",
        "tradeguard.cli.model",
        "Risk model: train, evaluate, simulate, shadow, monitor, promote, card.",
    ),
    Command("oversight", "tradeguard.cli.oversight", "Open audit recommendations, evidence."),
    Command("performance", "tradeguard.cli.performance", "PTI plans: actual against target."),
    Command("reference", "tradeguard.cli.reference", "Reference data: load the USITC schedule."),
    Command("report", "tradeguard.cli.report", "Reports: the annual trade enforcement report."),
    Command("rules", "tradeguard.cli.rules", "Targeting rules: load, list, retire, backtest."),
    Command("score", "tradeguard.cli.target", "Score one declaration in real time."),
    Command("serve", "tradeguard.cli.serve", "Serve the API and the web pages."),
    Command("staffing", "tradeguard.cli.staffing", "Staffing: gaps, model, hiring plan."),
    Command("target", "tradeguard.cli.target", "Decide a lane for every loaded entry."),
    Command("users", "tradeguard.cli.users", "Accounts and roles: add, list, disable."),
)
BY_NAME = {c.name: c for c in COMMANDS}


def load_command(entry: Command) -> TyperCommand | TyperGroup:
    """Import the module behind one entry and build its click command."""
    module = importlib.import_module(entry.module)
    if hasattr(module, "register"):
        holder = typer.Typer()
        module.register(holder)
        built: Any = typer.main.get_command(holder)
        if isinstance(built, TyperGroup):  # the module registers several commands
            built = built.commands[entry.name]
    else:
        built = typer.main.get_group(module.app)
        built.help = (module.__doc__ or "").strip()
    built.name = entry.name
    return built


class LazyCommands(TyperGroup):
    """The root group: lists `COMMANDS` from their help alone and imports one only to run it."""

    def list_commands(self, ctx: Any) -> list[str]:
        return sorted(BY_NAME)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        # What --help and completion see: the name and one-line help, nothing imported.
        entry = BY_NAME.get(cmd_name)
        if entry is None:
            return None
        return TyperCommand(entry.name, help=entry.help, short_help=entry.help)

    def resolve_command(self, ctx: Any, args: list[str]) -> tuple[str | None, Any, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        if name in BY_NAME:
            command = load_command(BY_NAME[name])
        return name, command, rest


app = typer.Typer(
    name="tradeguard",
    help="Trade enforcement: ingest, target, examine, enforce, plan and staff.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=LazyCommands,
)


@app.callback()
def root() -> None:
    """Trade enforcement: ingest, target, examine, enforce, plan and staff."""


def main() -> None:
    try:
        app(standalone_mode=True)
    except TradeguardError as error:  # raised outside a command's own handling
        typer.echo(f"error: {error}", err=True)
        sys.exit(exit_code_for(error))
