"""Accounts and roles: add, list and disable users; revoke their tokens."""

from __future__ import annotations

import getpass
import os
import sys

import typer

from tradeguard.cli.output import console, handled, print_json
from tradeguard.config import load_settings
from tradeguard.domain.errors import InvalidInput
from tradeguard.services.users import add_user, disable_user, list_users, revoke_user_tokens
from tradeguard.store.database import Database

app = typer.Typer(no_args_is_help=True)


def _database() -> Database:
    return Database(load_settings().effective_database_url)


def _actor() -> str:
    """Who ran the command, for the audit log: the operating-system account."""
    return f"cli:{os.environ.get('USER') or getpass.getuser()}"


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        if not sys.stdin.isatty():
            raise InvalidInput(
                "no terminal to ask for the password; use --password-stdin", "password"
            )
        password = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != password:
            raise InvalidInput("the two passwords differ", "password")
    return password


@app.command("add")
@handled
def add(
    username: str = typer.Argument(..., help="login name: lowercase letters, digits, . _ -"),
    role: str = typer.Option(..., "--role", help="one of the roles in docs/security.md"),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="read one line"),
    as_json: bool = typer.Option(False, "--json", help="print the new account as JSON"),
) -> None:
    """Add an account. The first admin is created this way; there is no default password."""
    user = add_user(
        _database(),
        username=username,
        role=role,
        password=_read_password(password_stdin),
        actor=_actor(),
    )
    if as_json:
        print_json(user.as_json())
    else:
        console.print(f"added {user.username} ({user.role.value})")


@app.command("list")
@handled
def list_(as_json: bool = typer.Option(False, "--json", help="print one JSON document")) -> None:
    """List accounts with their roles and whether they are disabled."""
    users = list_users(_database())
    if as_json:
        print_json({"users": [u.as_json() for u in users]})
        return
    for u in users:
        state = "disabled" if u.disabled else "active"
        console.print(f"{u.username:24} {u.role.value:28} {state}")


@app.command("disable")
@handled
def disable(
    username: str = typer.Argument(...),
    as_json: bool = typer.Option(False, "--json", help="print the account as JSON"),
) -> None:
    """Disable an account and revoke its tokens and sessions at once."""
    user = disable_user(_database(), username, actor=_actor())
    if as_json:
        print_json(user.as_json())
    else:
        console.print(f"disabled {user.username}")


@app.command("revoke-tokens")
@handled
def revoke_tokens(
    username: str = typer.Argument(...),
    as_json: bool = typer.Option(False, "--json", help="print what was revoked as JSON"),
) -> None:
    """Sign an account out everywhere: revoke its API tokens and web sessions."""
    revoked = revoke_user_tokens(_database(), username, actor=_actor())
    if as_json:
        print_json(revoked.as_json())
    else:
        console.print(f"revoked {revoked.revoked} tokens and sessions of {revoked.username}")
