"""Benchmark: a day's `target --from D --to D` on one year of history against five.

    .venv/bin/python bench/window.py [--entries 20000] [--runs 3] [--seed 1]

Builds two homes with the generator: one holding only the current fiscal year (FY2026), one
holding the same year plus four earlier ones (FY2022-FY2025, renumbered so no entry repeats).
Both get findings from the generator's truth (a tenth of the entries, examined ten days after
entry, until the day before the window), the starter rules plus rules reading per-PTI history,
and the same active risk model. Then, alternating between the homes, it times whole processes
of `tradeguard target --from D --to D --json` (the last business day of the year; process start
included, as a user runs it) and prints both medians and their ratio side by side, and once the
same run over the whole lake for scale. The 5-year home's windowed decisions are checked to be
those of its full run.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import polars as pl

from tradeguard.config import Settings, load_settings
from tradeguard.domain.entry_number import make_entry_no
from tradeguard.generator import generate
from tradeguard.paths import STARTER_RULES_DIR
from tradeguard.services.findings_export import findings_path
from tradeguard.services.ingest import ingest
from tradeguard.services.rules import load_rules, load_rules_file, parse_rules
from tradeguard.store.database import Database
from tradeguard.store.history import LakeHistory
from tradeguard.store.lake import EntryLake

CURRENT_FY = 2026
WINDOW = date(2026, 9, 29)
HISTORY_RULES = """
- id: R-BEN-001
  name: Manufacturer with an earlier IPR violation
  rationale: Counterfeits come back from the same manufacturer.
  pti: IPR
  risk: high
  stages: [entry]
  where: "manufacturer_prior_ipr_violations > 0"
  owner: IPR NTAG
- id: R-BEN-002
  name: Importer with a recent AD/CVD violation
  rationale: An importer caught evading an order within the year.
  pti: ADCVD
  risk: medium
  stages: [entry]
  where: "importer_days_since_adcvd_violation <= 365 AND unit_value_ratio < 0.8"
  owner: AD/CVD NTAG
"""


def _year(entries: int, seed: int, fy: int, offset: int, folder: Path) -> tuple[Path, pl.DataFrame]:
    """One generated fiscal year as a Parquet file; serials shifted by `offset` millions."""
    data = generate(entries, seed=seed + fy, fy=fy)
    frame = pl.from_arrow(data.declarations)
    truth = pl.from_arrow(data.truth.select(["entry_no", "line_no", "violation", "pti"]))
    assert isinstance(frame, pl.DataFrame) and isinstance(truth, pl.DataFrame)
    if offset:
        numbers = frame.get_column("entry_no").unique().to_list()
        renumbered = {n: make_entry_no(n[:3], int(n[3:10]) + offset * 1_000_000) for n in numbers}
        frame = frame.with_columns(pl.col("entry_no").replace_strict(renumbered))
        truth = truth.with_columns(pl.col("entry_no").replace_strict(renumbered))
    path = folder / f"fy{fy}.parquet"
    frame.write_parquet(path)
    dated = truth.join(
        frame.select("entry_no", "line_no", "entry_date"), on=["entry_no", "line_no"]
    )
    return path, dated


def _findings(truth: pl.DataFrame, seed: int) -> pl.DataFrame:
    """A tenth of the entries examined ten days after entry, all dated before the window."""
    entries = truth.select("entry_no").unique().sort("entry_no").sample(fraction=0.1, seed=seed)
    found = truth.join(entries, on="entry_no").with_columns(
        finding_date=pl.col("entry_date") + timedelta(days=10)
    )
    return found.filter(pl.col("finding_date") < WINDOW).select(
        "entry_no",
        pl.col("line_no").cast(pl.Int32),
        "finding_date",
        "violation",
        pl.when(pl.col("violation")).then(pl.col("pti")).alias("pti"),
        pl.lit(None, dtype=pl.String).alias("violation_type"),
        pl.lit(0.0).alias("duty_shortfall_usd"),
        pl.lit("targeted").alias("source"),
    )


def _home(root: Path, years: list[tuple[Path, pl.DataFrame]], seed: int) -> Settings:
    os.environ["TRADEGUARD_HOME"] = str(root)
    settings = load_settings()
    for path, _truth in years:
        ingest([path], settings)
    found = _findings(pl.concat([t for _p, t in years]), seed)
    path = findings_path(settings.home)
    path.parent.mkdir(parents=True, exist_ok=True)
    found.write_parquet(path)
    lake = EntryLake(settings.lake_dir)
    with lake.writing() as writer:  # what recording findings does (services/findings.py)
        LakeHistory(lake).update(writer.snapshot, path)
    db = Database(settings.effective_database_url)
    for rules_file in sorted(STARTER_RULES_DIR.glob("*.yaml")):
        load_rules_file(db, rules_file, actor="bench")
    load_rules(db, parse_rules(HISTORY_RULES))
    db.dispose()
    return settings


def _cli(home: Path, *args: str) -> tuple[float, float]:
    """One whole `tradeguard` process, as a user runs it (the venv's console script): its wall
    and CPU seconds (CPU too, because on a shared machine the wall clock carries others' load)."""
    env = {**os.environ, "TRADEGUARD_HOME": str(home)}
    command = [str(Path(sys.executable).parent / "tradeguard"), *args]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu


def _decided(out: Path) -> pl.DataFrame:
    frame = pl.read_parquet(out).filter(pl.col("entry_date") == WINDOW)
    return frame.select("entry_no", "lane", "rule_ids", "risk_score").sort("entry_no")


def _report(
    wall: dict[str, list[float]],
    cpu: dict[str, list[float]],
    lines: dict[str, int],
    full: tuple[float, float],
    entries: int,
    same: bool,
) -> None:
    w = {n: statistics.median(v) for n, v in wall.items()}
    c = {n: statistics.median(v) for n, v in cpu.items()}
    runs = len(wall["one"])
    print(f"target --from {WINDOW} --to {WINDOW} ({entries} entries), median of {runs} runs")
    print(f"{'lake':<28}{'lines':>10}{'wall s':>10}{'CPU s':>10}")
    for name, label in (("one", "current year only"), ("five", "current + 4 earlier years")):
        print(f"{label:<28}{lines[name]:>10}{w[name]:>10.2f}{c[name]:>10.2f}")
    ratio = f"{w['five'] / w['one']:>10.2f}{c['five'] / c['one']:>10.2f}"
    print(f"{'ratio five/one (goal <= 1.2)':<38}{ratio}")
    print(f"full run over the 5-year lake (no window): {full[0]:.2f} s wall, {full[1]:.2f} s CPU")
    print(f"window decisions equal the full run's on the 5-year lake: {same}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20000, help="entries per fiscal year")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "data").mkdir()
        current = _year(args.entries, args.seed, CURRENT_FY, 0, root / "data")
        history = [
            _year(args.entries, args.seed, fy, CURRENT_FY - fy, root / "data")
            for fy in range(CURRENT_FY - 4, CURRENT_FY)
        ]
        one = _home(root / "one-year", [current], args.seed)
        five = _home(root / "five-years", [*history, current], args.seed)
        _cli(five.home, "model", "train", "--json")  # trained on five years' findings
        shutil.copytree(five.models_dir, one.models_dir, dirs_exist_ok=True)
        day = ["target", "--json", "--from", str(WINDOW), "--to", str(WINDOW), "--out"]
        wall: dict[str, list[float]] = {"one": [], "five": []}
        cpu: dict[str, list[float]] = {"one": [], "five": []}
        for run in range(args.runs + 1):  # the first run of each is a warm-up
            for name, settings in (("one", one), ("five", five)):
                seconds, busy = _cli(settings.home, *day, str(root / f"{name}.parquet"))
                if run:
                    wall[name].append(seconds)
                    cpu[name].append(busy)
        full_wall, full_cpu = _cli(
            five.home, "target", "--json", "--out", str(root / "full.parquet")
        )
        lines = {
            name: EntryLake(s.lake_dir).snapshot().scan().select(pl.len()).collect().item()
            for name, s in (("one", one), ("five", five))
        }
        full = _decided(root / "full.parquet")
        same = _decided(root / "five.parquet").equals(full)
        _report(wall, cpu, lines, (full_wall, full_cpu), full.height, same)


if __name__ == "__main__":
    main()
