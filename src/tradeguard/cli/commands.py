"""Assemble the command line from its command-family modules.

Each module in tradeguard.cli that defines `GROUP` and `app` becomes a command group
(`tradeguard GROUP ...`); a module that defines `register(app)` adds top-level commands. Modules
are found, not listed, so that adding a family touches no shared file.
"""

from __future__ import annotations

import importlib
import pkgutil

import typer

import tradeguard.cli as cli_package

NOT_FAMILIES = {"commands", "output"}


def register(app: typer.Typer) -> None:
    names = sorted(m.name for m in pkgutil.iter_modules(cli_package.__path__))
    for name in names:
        if name in NOT_FAMILIES or name.startswith("_"):
            continue
        module = importlib.import_module(f"tradeguard.cli.{name}")
        if hasattr(module, "register"):
            module.register(app)
        elif hasattr(module, "GROUP") and hasattr(module, "app"):
            app.add_typer(module.app, name=module.GROUP, help=(module.__doc__ or "").strip())
