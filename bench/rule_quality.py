"""Starter rule quality on a held-out generated year: per rule, entries held, precision against
its PTI, that PTI's base rate and the lift; and the share of entries the set holds.

    .venv/bin/python bench/rule_quality.py [--entries 40000] [--seed 11] [--fy 2026]

The test (tests/integration/targeting/test_starter_rule_quality.py) asserts the same figures:
lift >= 3 for every rule that holds enough entries to judge, at most 8% of entries held.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from tradeguard.services.rule_quality import starter_rule_quality


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=40_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--fy", type=int, default=2026)
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as workdir:
        q = starter_rule_quality(Path(workdir), entries=args.entries, seed=args.seed, fy=args.fy)
    print(f"entries {q.entries:,}; lines examined for findings {q.findings:,}")
    print(
        f"last quarter ({q.late_entries:,} entries) held at entry {q.entry_held_share:.1%},"
        f" at post-entry {q.post_entry_held_share:.1%}"
    )
    print(f"{'rule':<13}{'risk':<10}{'held':>6}{'viol':>6}{'precision':>11}{'base':>8}{'lift':>7}")
    for r in q.rules:
        precision = "-" if r.precision is None else f"{r.precision:.1%}"
        lift = "-" if r.lift is None else f"{r.lift:.1f}"
        print(
            f"{r.rule_id:<13}{r.risk:<10}{r.held:>6}{r.violations:>6}{precision:>11}"
            f"{r.base_rate:>8.2%}{lift:>7}"
        )
    print(f"{time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
