"""Risk model speed: training time, scoring throughput on 1,000,000 declaration lines, and
reasons (TreeSHAP) for held lines against the 5,000 lines/s target.

Run: .venv/bin/python bench/model.py [--lines 1000000] [--entries 20000] [--held 20000] [--before]
Training uses synthetic findings shaped like the demo's (targeted exams plus a random sample).
`--before` also trains the findings model as it was before issue 18 (400 rounds, learning rate
0.05, 63 leaves of unlimited depth) and prints its reasons throughput beside today's.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.unit.risk.sample import make_declarations, make_findings  # noqa: E402
from tradeguard.risk.lines import history_from_findings, lines_from_declarations  # noqa: E402
from tradeguard.risk.model import RiskModel  # noqa: E402
from tradeguard.services.model import train_on_findings  # noqa: E402

REASONS_TARGET = 5_000  # lines/s (issue 18)
BEFORE = {"learning_rate": 0.05, "num_leaves": 63, "max_depth": -1}
BEFORE_ROUNDS = 400


def reasons_rate(
    model: RiskModel, lines: pl.DataFrame, history: pl.DataFrame
) -> tuple[float, float]:
    """Lines per second of the reasons a hold shows (features, TreeSHAP, phrases), by the clock
    and per CPU-second of this process (the figure other jobs on a shared machine cannot
    inflate; on an idle core the two agree)."""
    started, cpu = time.perf_counter(), time.process_time()
    why = model.reasons(lines, history, list(range(lines.height)))
    assert len(why) == lines.height
    wall, used = time.perf_counter() - started, time.process_time() - cpu
    return lines.height / wall, lines.height / used


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--held", type=int, default=20_000)
    parser.add_argument("--before", action="store_true")
    args = parser.parse_args()

    declarations = make_declarations(n_entries=args.entries)
    findings = make_findings(declarations)
    started = time.perf_counter()
    model = train_on_findings(declarations, findings, seed=0)
    train_s = time.perf_counter() - started
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"training: {findings.height:,} findings in {train_s:.1f} s; load average {load}")

    # Repeat the lines (new entry numbers) to the asked size; history is the keyed findings.
    copies = -(-args.lines // declarations.height)
    big = pl.concat(
        [declarations.with_columns(pl.col("entry_no") + pl.lit(f"-{i}")) for i in range(copies)]
    ).head(args.lines)
    history = history_from_findings(findings, declarations)
    started = time.perf_counter()
    scores = model.predict_lines(lines_from_declarations(big), history)
    predict_s = time.perf_counter() - started
    print(
        f"line scoring: {len(scores):,} lines in {predict_s:.1f} s = "
        f"{len(scores) / predict_s:,.0f} lines/s"
    )
    sample = big.head(20_000)
    started = time.perf_counter()
    scored = model.score(sample, history)
    score_s = time.perf_counter() - started
    print(
        f"entry scoring with reasons: {sample.height:,} lines in {score_s:.1f} s = "
        f"{sample.height / score_s:,.0f} lines/s ({scored.height:,} entries)"
    )
    held = lines_from_declarations(big.head(args.held))
    rate, per_cpu = reasons_rate(model, held, history)
    print(
        f"reasons for held lines: {rate:,.0f} lines/s, {per_cpu:,.0f} lines per CPU-second, "
        f"over {held.height:,} lines ({per_cpu / REASONS_TARGET:.1f}x the "
        f"{REASONS_TARGET:,} lines/s target per CPU-second)"
    )
    if args.before:
        started = time.perf_counter()
        old = train_on_findings(declarations, findings, seed=0, rounds=BEFORE_ROUNDS, params=BEFORE)
        old_train_s = time.perf_counter() - started
        old_rate, old_per_cpu = reasons_rate(old, held, history)
        print(
            f"before (400 rounds, 63 leaves): training {old_train_s:.1f} s, reasons "
            f"{old_rate:,.0f} lines/s, {old_per_cpu:,.0f} per CPU-second; "
            f"now/before = {rate / old_rate:.1f}x (clock), {per_cpu / old_per_cpu:.1f}x (CPU)"
        )


if __name__ == "__main__":
    main()
