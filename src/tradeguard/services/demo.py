"""The demo: the main job end to end on the embedded stores, from generated declarations.

Each step is the same service the command line and the API call; the demo only strings them
together and collects a summary for each.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.fiscal import fiscal_year_bounds
from tradeguard.generator import generate, summary, write
from tradeguard.generator.calibration import ENTRY_SUMMARIES_PER_YEAR
from tradeguard.paths import STARTER_RULES_DIR
from tradeguard.services.case_lifecycle import carry_year
from tradeguard.services.case_reports import enforcement_report
from tradeguard.services.centers_demo import CentersDemo, centers_summary
from tradeguard.services.demo_controls import (
    step_adcvd,
    step_admissibility,
    step_annual_report,
    step_custody,
    step_model_loop,
    step_oversight,
)
from tradeguard.services.demo_run import DemoRun, Step, step_database
from tradeguard.services.effectiveness import compliance, rule_effectiveness
from tradeguard.services.exam_simulation import run_exam_cycle
from tradeguard.services.exams import plan_exams
from tradeguard.services.inbond_facilities_demo import step_inbond_facilities
from tradeguard.services.ingest import ingest
from tradeguard.services.performance import performance_report
from tradeguard.services.performance_html import write_html
from tradeguard.services.pre_entry_demo import step_pre_entry
from tradeguard.services.ranking_check import ranking_against_truth
from tradeguard.services.rules import active_rules, load_rules_files
from tradeguard.services.staffing import hiring_plan, staffing_gaps, write_plan_chart
from tradeguard.services.targeting import latest_run, run_targeting
from tradeguard.services.workload import record_national_share


def step_generate(run: DemoRun) -> dict[str, Any]:
    data = generate(entries=run.entries, seed=run.seed, fy=run.fy)
    write(data, run.generated_dir, "parquet")
    return summary(data)


def step_ingest(run: DemoRun) -> dict[str, Any]:
    report = ingest([run.generated_dir / "declarations.parquet"], run.settings)
    # The generator is calibrated to a national year, so the staffing model can scale it up.
    record_national_share(
        run.settings.lake_dir,
        Decimal(run.entries) / ENTRY_SUMMARIES_PER_YEAR,
        f"tradeguard demo: {run.entries:,} generated entries of a national year of "
        f"{ENTRY_SUMMARIES_PER_YEAR:,} (docs/generator.md)",
    )
    return report.as_json()


def step_lifecycle(run: DemoRun) -> dict[str, Any]:
    with step_database(run) as db:
        carried = carry_year(db, run.generated_dir, entries=run.entries, fy=run.fy, seed=run.seed)
    return carried.as_json()


def step_cases(run: DemoRun) -> dict[str, Any]:
    with step_database(run) as db:
        report = enforcement_report(db, run.fy).as_json()
    by_pti = {r["pti"]: r["cases_opened"] for r in report["by_pti"]}
    return {"fiscal_year": run.fy, "totals": report["totals"], "by_pti": by_pti}


def step_performance(run: DemoRun) -> dict[str, Any]:
    html = run.settings.home / "reports" / f"performance-FY{run.fy}.html"
    with step_database(run) as db:
        report = performance_report(db, run.settings, run.fy, with_history=True)
    write_html(report, html)
    return {
        "fy": str(run.fy),
        "statuses": report.statuses,
        "lint": len(report.inventory.problems),
        "report": str(html),
    }


def step_staffing(run: DemoRun) -> dict[str, Any]:
    gaps = staffing_gaps()
    target_fy = run.fy + 4
    plans = hiring_plan(target_fy)
    chart = write_plan_chart(
        plans, run.settings.home / "reports" / f"hiring-plan-FY{target_fy}.html"
    )
    return {
        "generally_below_mandated": [g.position.name for g in gaps if g.generally_below_mandated],
        "hiring_plan_target_fy": str(target_fy),
        "feasible": [p.position for p in plans if p.feasible],
        "infeasible": {p.position: p.shortfall for p in plans if not p.feasible},
        "chart": str(chart),
    }


def step_rules(run: DemoRun) -> dict[str, Any]:
    with step_database(run) as db:
        load_rules_files(db, [STARTER_RULES_DIR], actor="demo")
        rules = active_rules(db)
    return {"active_rules": len(rules), "files": len(list(STARTER_RULES_DIR.glob("*.yaml")))}


def _last_fortnight(run: DemoRun) -> tuple[date, date]:
    """The fiscal year's last two weeks: the entries still in the officers' queue."""
    _, last = fiscal_year_bounds(run.fy)
    return last - timedelta(days=13), last


def _target(
    run: DemoRun, *, entered_from: date | None = None, entered_to: date | None = None
) -> dict[str, Any]:

    with step_database(run) as db:
        result = run_targeting(
            db, run.settings, seed=run.seed, entered_from=entered_from, entered_to=entered_to
        )
    figures = result.as_json()
    return {
        "entries": figures["entries"],
        "lanes": figures["lanes"],
        "held_share": round(
            sum(v for k, v in figures["lanes"].items() if k != "release")
            / max(figures["entries"], 1),
            4,
        ),
        "pti_hits": figures["pti_hits"],
        "seconds": round(figures["seconds"], 2),
    }


def step_target(run: DemoRun) -> dict[str, Any]:
    """The year's entries but the last fortnight, decided as targeting did day by day."""
    first_open, _ = _last_fortnight(run)
    return _target(run, entered_to=first_open - timedelta(days=1))


def step_exams(run: DemoRun) -> dict[str, Any]:
    with step_database(run) as db:
        return run_exam_cycle(
            db, run.settings, run.generated_dir / "truth.parquet", run.seed
        ).as_json()


def step_centers(run: DemoRun) -> dict[str, Any]:
    with step_database(run) as db:  # post-entry: the Centers' reviews (services.centers_demo)
        summary = centers_summary(
            db, run.settings, CentersDemo(run.generated_dir, run.seed, run.fy)
        )
    return summary.as_json()


def _rule_line(rule: dict[str, Any]) -> str:
    hit = "n/a" if rule["hit_rate"] is None else f"{rule['hit_rate']:.0%}"
    lift = (
        "n/a (no random violations in its PTI)" if rule["lift"] is None else f"{rule['lift']:.1f}×"
    )
    found = f"{rule['violations']} violations in {rule['findings']} findings"
    return f"{found}, hit rate {hit}, lift {lift}"


def step_effectiveness(run: DemoRun) -> dict[str, Any]:
    with step_database(run) as db:
        rules = rule_effectiveness(db).as_json()["rules"]
        measured = compliance(db).as_json()
    best = sorted(rules, key=lambda r: (r["violations"], r["hit_rate"] or 0), reverse=True)[:5]
    return {
        "rules_measured": len(rules),
        "top_rules": {f"{r['rule_id']}@{r['version']}": _rule_line(r) for r in best},
        "random_sample": _compliance_line(measured["overall"]),
    }


def _compliance_line(overall: dict[str, Any]) -> str:
    if not overall.get("examined") or overall.get("rate") is None:
        return "no random exams yet"
    low, high = overall["ci"]
    return (
        f"{overall['violations']} violations in {overall['examined']} random exams: "
        f"{overall['rate']:.2%} of imports (95% CI {low:.2%}–{high:.2%})"
    )


def step_model(run: DemoRun) -> dict[str, Any]:
    """Train on what the exams found, then re-rank: the loop from findings back to targeting."""
    # Imported here: LightGBM takes seconds to import and only this step trains.
    from tradeguard.services.model import train_and_register

    try:
        trained: dict[str, Any] = train_and_register(run.settings, seed=run.seed)
    except InvalidInput as error:  # a tiny demo may not have found both kinds of result
        trained = {"version": f"none ({error})"}
    first_open, last = _last_fortnight(run)
    targeted = _target(run, entered_from=first_open, entered_to=last)
    with step_database(run) as db:
        plans = plan_exams(db, actor="demo", replay=True)
    return {
        "model_version": trained["version"],
        "last_fortnight": f"{first_open} to {last}",
        "ranking_against_truth": _ranking_against_truth(run),
        "targeted": targeted,
        "exams_waiting_for_officers": sum(
            p.mandatory + p.discretionary_examined + p.random_examined for p in plans
        ),
    }


def _ranking_against_truth(run: DemoRun) -> dict[str, str]:
    with step_database(run) as db:
        latest = latest_run(db)
    assert latest is not None
    return ranking_against_truth(Path(latest.decisions_path), run.generated_dir / "truth.parquet")


STEPS: list[Step] = [
    ("generate declarations", step_generate),
    ("ingest and validate", step_ingest),
    ("load starter rules", step_rules),
    ("pre-entry: advance filings", step_pre_entry),
    ("target", step_target),
    ("exams and findings", step_exams),
    ("Centers: post-entry reviews", step_centers),
    ("rule effectiveness", step_effectiveness),
    ("risk model; last fortnight", step_model),
    ("admissibility", step_admissibility),
    ("risk model in shadow and monitored", step_model_loop),
    ("case lifecycle", step_lifecycle),
    ("enforcement cases", step_cases),
    ("in-bond and bonded facilities", step_inbond_facilities),
    ("AD/CVD liquidation and collection", step_adcvd),
    ("drawback and bonds", step_custody),
    ("PTI performance", step_performance),
    ("staffing and hiring plan", step_staffing),
    ("audit recommendations", step_oversight),
    ("annual report", step_annual_report),
]
