"""How the command line prints results and turns domain errors into exit codes."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from tradeguard.domain.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    TradeguardError,
    Unauthenticated,
    Unavailable,
    nearest,
)

console = Console(stderr=True)

EXIT_CODES: dict[type[TradeguardError], int] = {
    InvalidInput: 2,
    NotFound: 2,
    Conflict: 2,
    Forbidden: 2,
    Unauthenticated: 2,
    Unavailable: 2,
}


def exit_code_for(error: TradeguardError) -> int:
    return nearest(error, EXIT_CODES, 2)


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def to_json(document: Any) -> str:
    return json.dumps(document, default=_default, indent=2)


def print_json(document: Any) -> None:
    sys.stdout.write(to_json(document) + "\n")
    sys.stdout.flush()


def fail(error: TradeguardError) -> NoReturn:
    console.print(f"[red]error:[/red] {escape(str(error))}", highlight=False, soft_wrap=True)
    raise typer.Exit(exit_code_for(error))


@contextmanager
def domain_errors() -> Iterator[None]:
    """Turn a domain error into its message on stderr and its exit code."""
    try:
        yield
    except TradeguardError as error:
        fail(error)


def handled(func: Callable[..., Any]) -> Callable[..., Any]:
    """Decorator form of domain_errors for command functions."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with domain_errors():
            return func(*args, **kwargs)

    return wrapper
