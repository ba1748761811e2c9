"""One demo run: its settings, size and seed, its home, and a database for each step.

Shared by the demo's core steps (services/demo.py) and the controls' steps
(services/demo_controls.py), so that neither imports the other's steps.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tradeguard.config import Settings
from tradeguard.domain.errors import InvalidInput
from tradeguard.store.database import Database

MARKER = ".tradeguard-demo"


@dataclass(slots=True)
class DemoRun:
    settings: Settings
    entries: int
    seed: int
    generated_dir: Path
    fy: int = 2026
    summary: dict[str, Any] = field(default_factory=dict)


def prepare_home(home: Path) -> None:
    """Start from an empty home; refuse to wipe one that holds anything but an earlier demo."""
    if home.exists() and any(home.iterdir()):
        if not (home / MARKER).exists():
            raise InvalidInput(
                f"{home} holds data that is not from a demo; choose an empty --workdir", "workdir"
            )
        shutil.rmtree(home)
    home.mkdir(parents=True, exist_ok=True)
    (home / MARKER).write_text("created by tradeguard demo; the next demo replaces this folder\n")


Step = tuple[str, Callable[[DemoRun], dict[str, Any]]]


@contextmanager
def step_database(run: DemoRun) -> Iterator[Database]:
    """The demo's operational database for one step, closed when the step ends."""
    db = Database(run.settings.effective_database_url)
    try:
        yield db
    finally:
        db.dispose()
