"""The risk model in the loop: simulate on KCS; shadow scoring, monitoring, promotion, cards."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from tradeguard.cli.dates import bounded_day
from tradeguard.cli.output import console, handled, print_json
from tradeguard.config import load_settings
from tradeguard.domain.errors import InvalidInput

if TYPE_CHECKING:
    from tradeguard.risk.selection import Policy
    from tradeguard.risk.simulation import SimulationConfig, SimulationResult

DATASETS = ("kcs",)
RETRAIN = ("weekly", "never")
HISTORY = ("full", "replayed")


def simulate(
    train_file: Annotated[Path, typer.Option("--train", help="Training file, fully labelled.")],
    test_file: Annotated[Path, typer.Option("--test", help="Period to replay week by week.")],
    dataset: Annotated[str, typer.Option(help="External dataset: kcs.")] = "kcs",
    inspect: Annotated[float, typer.Option(help="Share of each week's rows inspected.")] = 0.10,
    explore: Annotated[
        float, typer.Option(help="Share of the inspections spent on exploration.")
    ] = 0.10,
    retrain: Annotated[str, typer.Option(help="weekly or never.")] = "weekly",
    history: Annotated[
        str,
        typer.Option(help="full: every --train label known; replayed: live through --train too."),
    ] = "full",
    rounds: Annotated[int, typer.Option(min=1, help="Boosting rounds per fit.")] = 300,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    # The default is risk.simulation.EXPLORE_WEIGHT_CAP (not imported here: LightGBM is slow).
    weight_cap: Annotated[
        float, typer.Option(min=1.0, help="Most rows one explored label stands for (1: none).")
    ] = 10.0,
    band: Annotated[
        float, typer.Option(min=0.0, help="hybrid_boundary's band below the cut-off, x k rows.")
    ] = 1.0,
    policies: Annotated[
        str | None, typer.Option(help="Comma-separated policies to run (default: all).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON document.")] = False,
) -> None:
    """Replay --test week by week: rank, inspect, reveal only what was inspected, retrain."""
    # Imported here: the simulation loads LightGBM, which takes seconds.
    from tradeguard.risk.selection import Policy
    from tradeguard.risk.simulation import History, Retrain, SimulationConfig

    if dataset not in DATASETS:
        raise InvalidInput(
            f"unknown dataset {dataset!r}; expected one of {', '.join(DATASETS)}", field="dataset"
        )
    for name, value, allowed in (("retrain", retrain, RETRAIN), ("history", history, HISTORY)):
        if value not in allowed:
            message = f"--{name} must be {' or '.join(allowed)}, got {value!r}"
            raise InvalidInput(message, field=name)
    chosen = tuple(Policy) if policies is None else _policies(policies)
    config = SimulationConfig(
        inspect=inspect,
        explore=explore,
        retrain=Retrain(retrain),
        history=History(history),
        rounds=rounds,
        seed=seed,
        weight_cap=weight_cap,
        band=band,
        policies=chosen,
    )
    result = _with_progress(train_file, test_file, config)
    if as_json:
        print_json(result.to_json())
    else:
        console.print(_overall_table(result))


def _with_progress(train_file: Path, test_file: Path, config: SimulationConfig) -> SimulationResult:
    """The KCS simulation with a progress bar per policy on the terminal."""
    # Imported here: the simulation loads LightGBM, which takes seconds.
    from tradeguard.services.model_simulation import simulate_kcs

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, TimeElapsedColumn(), console=console, transient=True) as bar:
        tasks = {p: bar.add_task(p.value, total=None) for p in config.policies}

        def advance(policy: Policy, done: int, total: int) -> None:
            bar.update(tasks[policy], completed=done, total=total)

        return simulate_kcs(train_file, test_file, config, progress=advance)


def _overall_table(result: SimulationResult) -> Table:
    c = result.config
    table = Table(
        title=f"{len(result.weeks)} weeks, {c.inspect:.0%} inspected, {c.explore:.0%} explored"
    )
    for name in ("policy", "precision", "recall", "revenue", "norm. precision", "norm. revenue"):
        table.add_column(name)
    for policy in c.policies:
        row = result.overall(policy).to_json()
        cells = ("precision", "recall", "revenue_share", "norm_precision", "norm_revenue")
        shown = (f"{row[c]:.3f}" if row[c] is not None else "n/a" for c in cells)
        table.add_row(policy.value, *shown)
    return table


def _policies(text: str) -> tuple[Policy, ...]:
    # Imported here: tradeguard.risk loads LightGBM, which takes seconds.
    from tradeguard.risk.selection import Policy

    known = {p.value: p for p in Policy}
    names = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [n for n in names if n not in known]
    if unknown or not names:
        raise InvalidInput(
            f"unknown policy {', '.join(unknown) or '(none)'}; expected some of {', '.join(known)}",
            field="policies",
        )
    return tuple(known[n] for n in names)


def _day(text: str | None, name: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            f"--{name} must be a date YYYY-MM-DD, got {text!r}", field=name
        ) from None


JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON document.")]


def shadow(
    entered_from: Annotated[
        str | None, typer.Option("--from", help="First entry date.", callback=bounded_day)
    ] = None,
    entered_to: Annotated[
        str | None, typer.Option("--to", help="Last entry date.", callback=bounded_day)
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Score entries with the active model and, in shadow, every challenger; record the scores."""
    from tradeguard.services.model_shadow import shadow_score

    with console.status("scoring in shadow"):
        report = shadow_score(
            load_settings(),
            entered_from=_day(entered_from, "from"),
            entered_to=_day(entered_to, "to"),
        )
    if as_json:
        print_json(report.as_json())
        return
    console.print(
        f"{report.entries} entries scored by {report.champion} (deciding) and "
        f"{', '.join(report.challengers) or 'no challenger'} (shadow)"
    )


def monitor(as_json: JsonFlag = False) -> None:
    """Score drift (PSI by week), calibration by decile, held-entry precision; exit 1 on alert."""
    from tradeguard.services.model_monitor import monitor as run_monitor

    with console.status("monitoring the active model"):
        report = run_monitor(load_settings())
    if as_json:
        print_json(report.as_json())
    else:
        console.print(f"model {report.version}: {report.state}")
        for alert in report.alerts:
            console.print(f"[red]alert:[/red] {alert}")
    if report.alerts:
        raise typer.Exit(1)


def promote(
    version: Annotated[str, typer.Argument(help="The challenger, e.g. v0002.")],
    actor: Annotated[str, typer.Option(help="Who promotes (for the change log).")] = "cli",
    as_json: JsonFlag = False,
) -> None:
    """Make a challenger active only if it beats the active model out of time; exit 1 if not."""
    from tradeguard.services.model_promotion import promote as run_promote
    from tradeguard.store.database import Database

    settings = load_settings()
    db = Database(settings.effective_database_url)
    try:
        case = run_promote(db, settings, version, actor=actor)
    finally:
        db.dispose()
    if as_json:
        print_json(case.as_json())
    else:
        verdict = "promoted" if case.promote else "refused"
        console.print(f"{version} {verdict}: {case.reason}")
    if not case.promote:
        raise typer.Exit(1)


def card(
    version: Annotated[
        str | None, typer.Argument(help="A version; default the active one.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """The model card of a version: data window, features, metrics, known limits."""
    from tradeguard.risk import registry
    from tradeguard.services.model_cards import model_card

    settings = load_settings()
    chosen = version or registry.active_version(settings.models_dir)
    if chosen is None:
        raise InvalidInput("no active model; name a version", field="version")
    found = model_card(settings, chosen)
    if as_json:
        print_json(found.as_json())
    else:
        console.print(found.markdown(), markup=False, highlight=False)


def add_commands(app: typer.Typer) -> None:
    """Add the loop's commands to the `model` group."""
    for name, command in (
        ("simulate", simulate),
        ("shadow", shadow),
        ("monitor", monitor),
        ("promote", promote),
        ("card", card),
    ):
        app.command(name)(handled(command))
