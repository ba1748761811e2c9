"""`tradeguard users add|list|disable`: the first admin comes from here, never a default."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher, profiles
from typer.testing import CliRunner

from tradeguard.cli.users import app
from tradeguard.services.users import password_hasher, use_password_hasher

runner = CliRunner()


@pytest.fixture(autouse=True)
def cheap_argon2() -> Iterator[None]:
    default = password_hasher()
    use_password_hasher(PasswordHasher.from_parameters(profiles.CHEAPEST))
    yield
    use_password_hasher(default)


def _run(*args: str, stdin: str = ""):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=stdin)


def test_add_list_disable(home: Path) -> None:
    empty = _run("list", "--json")
    assert empty.exit_code == 0 and json.loads(empty.stdout) == {"users": []}
    added = _run(
        "add",
        "chief",
        "--role",
        "admin",
        "--password-stdin",
        "--json",
        stdin="a long secret pass\n",
    )
    assert added.exit_code == 0, added.output
    assert json.loads(added.stdout)["role"] == "admin"
    listed = json.loads(_run("list", "--json").stdout)["users"]
    assert [(u["username"], u["disabled"]) for u in listed] == [("chief", False)]
    disabled = _run("disable", "chief", "--json")
    assert json.loads(disabled.stdout)["disabled"] is True


def test_bad_input_exits_2_naming_the_problem(home: Path) -> None:
    short = _run("add", "chief", "--role", "admin", "--password-stdin", stdin="short\n")
    assert short.exit_code == 2 and "password" in short.stderr and short.stdout == ""
    role = _run(
        "add", "chief", "--role", "wizard", "--password-stdin", stdin="a long secret pass\n"
    )
    assert role.exit_code == 2 and "role" in role.stderr
    missing = _run("disable", "ghost")
    assert missing.exit_code == 2 and "ghost" in missing.stderr
    no_tty = _run("add", "chief", "--role", "admin")
    assert no_tty.exit_code == 2 and "--password-stdin" in no_tty.stderr
