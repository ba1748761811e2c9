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


def step_generate(run: DemoRun) -> dict[str, Any]:
    from tradeguard.generator import generate, summary, write

    data = generate(entries=run.entries, seed=run.seed, fy=run.fy)
    write(data, run.generated_dir, "parquet")
    return summary(data)


def step_ingest(run: DemoRun) -> dict[str, Any]:
    from tradeguard.services.ingest import ingest

    report = ingest([run.generated_dir / "declarations.parquet"], run.settings)
    return report.as_json()




def _database(run: DemoRun) -> Any:
    from tradeguard.store.database import Database

    return Database(run.settings.effective_database_url)


def step_cases(run: DemoRun) -> dict[str, Any]:
    from tradeguard.services.case_reports import enforcement_report

    db = _database(run)
    try:
        report = enforcement_report(db)
        return {"totals": report["totals"], "by_pti": {r["pti"]: r["cases_opened"] for r in report["by_pti"]}}
    finally:
        db.dispose()


def step_performance(run: DemoRun) -> dict[str, Any]:
    from tradeguard.services.performance import performance_summary

    db = _database(run)
    html = run.settings.home / "reports" / f"performance-FY{run.fy}.html"
    html.parent.mkdir(parents=True, exist_ok=True)
    try:
        document = performance_summary(db, run.settings, run.fy, html=html)
    finally:
        db.dispose()
    return {"fy": str(run.fy), "statuses": document["statuses"], "lint": len(document["lint"]), "report": str(html)}


def step_staffing(run: DemoRun) -> dict[str, Any]:
    from tradeguard.services.staffing import hiring_plan, staffing_gaps, write_plan_chart

    gaps = staffing_gaps()
    target_fy = run.fy + 4
    plans = hiring_plan(target_fy)
    chart = write_plan_chart(plans, run.settings.home / "reports" / f"hiring-plan-FY{target_fy}.html")
    return {
        "generally_below_mandated": [g.position.name for g in gaps if g.generally_below_mandated],
        "hiring_plan_target_fy": str(target_fy),
        "feasible": [p.position for p in plans if p.feasible],
        "infeasible": {p.position: p.shortfall for p in plans if not p.feasible},
        "chart": str(chart),
    }


STEPS: list[Step] = [
    ("generate declarations", step_generate),
    ("ingest and validate", step_ingest),
    ("enforcement cases", step_cases),
    ("PTI performance", step_performance),
    ("staffing and hiring plan", step_staffing),
]
