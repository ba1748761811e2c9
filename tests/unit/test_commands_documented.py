"""Every command on the command line is documented somewhere a user reads (README or docs/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tradeguard.cli import COMMANDS, load_command

ROOT = Path(__file__).resolve().parents[2]


def _commands(group: Any, prefix: str = "") -> list[str]:
    names = []
    for name, command in group.commands.items():
        full = f"{prefix}{name}"
        if hasattr(command, "commands"):  # a group
            names.extend(_commands(command, f"{full} "))
        else:
            names.append(full)
    return names


def test_every_command_is_documented() -> None:
    commands = []
    for entry in COMMANDS:
        command = load_command(entry)
        if hasattr(command, "commands"):  # a group
            commands.extend(_commands(command, f"{entry.name} "))
        else:
            commands.append(entry.name)
    assert {"ingest", "generate", "target", "score", "demo", "serve"} <= set(commands)
    text = (ROOT / "README.md").read_text() + "".join(
        p.read_text() for p in sorted((ROOT / "docs").glob("*.md"))
    )
    undocumented = [c for c in commands if f"tradeguard {c}" not in text and f"`{c}`" not in text]
    assert undocumented == []
