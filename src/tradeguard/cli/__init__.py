"""The `tradeguard` command line: thin commands over the services.

Exit codes (the contract in DESIGN.md): 0 success, 1 a check found problems, 2 bad input or usage.
Every command that reports takes --json and then prints exactly one JSON document on stdout.
"""

from __future__ import annotations

import sys

import typer

from tradeguard.cli import commands
from tradeguard.cli.output import exit_code_for
from tradeguard.domain.errors import TradeguardError

app = typer.Typer(
    name="tradeguard",
    help="Trade enforcement: ingest, target, examine, enforce, plan and staff.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
commands.register(app)


def main() -> None:
    try:
        app(standalone_mode=True)
    except TradeguardError as error:  # raised outside a command's own handling
        typer.echo(f"error: {error}", err=True)
        sys.exit(exit_code_for(error))
