"""The demo: the main job end to end on the embedded stores, from generated declarations.

Each step is the same service the command line and the API call; the demo only strings them
together and collects a summary for each.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tradeguard.config import Settings
from tradeguard.domain.errors import InvalidInput

MARKER = ".tradeguard-demo"


@dataclass(slots=True)
class DemoRun:
    settings: Settings
    entries: int
    seed: int
    generated_dir: Path
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


def step_generate(run: DemoRun) -> dict[str, Any]:
    from tradeguard.generator import generate, summary, write

    data = generate(entries=run.entries, seed=run.seed)
    write(data, run.generated_dir, "parquet")
    return summary(data)


def step_ingest(run: DemoRun) -> dict[str, Any]:
    from tradeguard.services.ingest import ingest

    report = ingest([run.generated_dir / "declarations.parquet"], run.settings)
    return report.as_json()


STEPS: list[Step] = [
    ("generate declarations", step_generate),
    ("ingest and validate", step_ingest),
]
