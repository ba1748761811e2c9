"""The demo's steps for the controls beyond targeting and exams: admissibility, the model in
shadow, AD/CVD collection, drawback and bonds, the oversight tracker and the annual report."""

from __future__ import annotations

from typing import Any

from tradeguard.domain.errors import InvalidInput
from tradeguard.services.admissibility_demo import admissibility_demo
from tradeguard.services.annual_report_html import write_annual_report
from tradeguard.services.custody_demo import run_custody_controls
from tradeguard.services.demo_run import DemoRun
from tradeguard.services.demo_run import step_database as _database
from tradeguard.services.model_exploration import exploration_reach
from tradeguard.services.oversight import tracker_summary


def step_model_loop(run: DemoRun) -> dict[str, Any]:
    """A challenger scores in shadow beside the active model, which is monitored; the model's
    exams of the last fortnight reach importers never examined (exploration)."""
    # Imported here: LightGBM takes seconds to import and only the model steps train.
    from tradeguard.services.model_overview import challenger_in_shadow

    with _database(run) as db:
        reach = exploration_reach(db).as_json()
    try:
        return {**challenger_in_shadow(run.settings, seed=run.seed + 1), "exploration": reach}
    except InvalidInput as error:  # a year too small to train a model has no champion to shadow
        return {"skipped": str(error), "exploration": reach}


def step_admissibility(run: DemoRun) -> dict[str, Any]:
    with _database(run) as db:
        return admissibility_demo(db, run.settings, run.seed, run.generated_dir).as_json()


def step_adcvd(run: DemoRun) -> dict[str, Any]:
    """Six years of AD/CVD history replayed through the use cases (services.adcvd_cycle)."""
    from tradeguard.services.adcvd_demo import adcvd_summary

    with _database(run) as db:
        summary = adcvd_summary(db, run.generated_dir / "adcvd", run.entries, run.seed, run.fy)
    return summary.as_json()


def step_oversight(run: DemoRun) -> dict[str, Any]:
    with _database(run) as db:
        return tracker_summary(db, run.settings, run.fy)


def step_annual_report(run: DemoRun) -> dict[str, Any]:
    with _database(run) as db:
        files = write_annual_report(db, run.settings, run.fy, run.settings.home / "reports")
    return files.as_json()


def step_custody(run: DemoRun) -> dict[str, Any]:
    """Drawback claims and single transaction bonds: planted violations found, the revenue loss."""
    with _database(run) as db:
        found = run_custody_controls(db, run.settings.lake_dir, run.generated_dir, run.seed, run.fy)
    return {"drawback": found.drawback, "single_transaction_bonds": found.bonds}
