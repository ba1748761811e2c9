"""The model in the loop on the full KCS periods: choose the exploration on validation, then test.

Run: .venv/bin/python bench/model_loop.py [--data DIR] [--period both|validation|test]
     [--policies exploit,random,...] [--weight-cap 50] [--band 1.0] [--seed 0]

Validation replays October to December 2020 from a model trained on January to September 2020
(the training file only); the test replays 2021-Q1 from a model on all of 2020. Both with 10%
inspected, 10% of that explored, weekly retraining. It prints each policy's figures, the hybrid
validation recommends and whether it beats exploit-only. Several minutes per policy and period
on a loaded 2-core machine; skipped (exit 0) when the KCS files are absent.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tradeguard.risk.selection import Policy  # noqa: E402
from tradeguard.risk.simulation import SimulationConfig, SimulationResult  # noqa: E402
from tradeguard.services.model_simulation import (  # noqa: E402
    choose_hybrid,
    simulate_kcs,
    validate_kcs,
)

HERE = Path(__file__).resolve()
DATA = next(
    (
        up / "shared" / "data" / "kcs-customs-declarations"
        for up in HERE.parents[1:4]
        if (up / "shared" / "data" / "kcs-customs-declarations").is_dir()
    ),
    Path("/nonexistent"),
)


def table(title: str, result: SimulationResult) -> None:
    print(f"\n{title}: {len(result.weeks)} weeks, {sum(w.declarations for w in result.weeks)} rows")
    print("| policy | hits / inspected | precision | recall | norm. precision | norm. revenue |")
    print("| --- | --- | --- | --- | --- | --- |")
    for policy in result.config.policies:
        r = result.overall(policy).to_json()
        print(
            f"| `{policy.value}` | {r['hits']} / {r['inspected']} | {r['precision']:.3f} | "
            f"{r['recall']:.3f} | {r['norm_precision']:.3f} | {r['norm_revenue']:.3f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--period", choices=("both", "validation", "test"), default="both")
    parser.add_argument("--policies", default=",".join(p.value for p in Policy))
    parser.add_argument("--weight-cap", type=float, default=SimulationConfig.weight_cap)
    parser.add_argument("--band", type=float, default=SimulationConfig.band)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    train, test = args.data / "df_syn_train_eng.csv", args.data / "df_syn_valid_eng.csv"
    if not train.is_file():
        print(f"KCS files not found under {args.data}: skipped")
        return
    config = SimulationConfig(
        policies=tuple(Policy(p) for p in args.policies.split(",")),
        weight_cap=args.weight_cap,
        band=args.band,
        seed=args.seed,
    )
    print(f"weight cap {config.weight_cap}, band {config.band}, seed {config.seed}")
    if args.period in ("both", "validation"):
        started = time.perf_counter()
        validation = validate_kcs(train, config)
        table(f"validation 2020-Q4 ({time.perf_counter() - started:.0f} s)", validation)
        choice = choose_hybrid(validation)
        print(
            f"\nchosen on validation: {choice.policy.value}, {choice.hits} frauds against "
            f"exploit's {choice.exploit_hits}, normalised precision {choice.norm_precision:.3f} "
            f"(beats exploit: {choice.beats_exploit}; at least 0.85: {choice.meets_floor})"
        )
    if args.period in ("both", "test"):
        started = time.perf_counter()
        result = simulate_kcs(train, test, config)
        table(f"test 2021-Q1 ({time.perf_counter() - started:.0f} s)", result)


if __name__ == "__main__":
    main()
