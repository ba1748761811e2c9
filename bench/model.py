"""Risk model speed: scoring throughput on 1,000,000 declaration lines, and training time.

Run: .venv/bin/python bench/model.py [--lines 1000000] [--entries 20000]
Training uses synthetic findings shaped like the demo's (targeted exams plus a random sample).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.unit.risk.sample import make_declarations, make_findings  # noqa: E402
from tradeguard.risk.lines import history_from_findings, lines_from_declarations  # noqa: E402
from tradeguard.services.model import train_on_findings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--entries", type=int, default=20_000)
    args = parser.parse_args()

    declarations = make_declarations(n_entries=args.entries)
    findings = make_findings(declarations)
    started = time.perf_counter()
    model = train_on_findings(declarations, findings, seed=0)
    train_s = time.perf_counter() - started
    print(f"training: {findings.height:,} findings in {train_s:.1f} s")

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


if __name__ == "__main__":
    main()
