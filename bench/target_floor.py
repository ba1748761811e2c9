"""Whole-process `tradeguard target` against the hand-written floor, side by side in one run.

    .venv/bin/python bench/target_floor.py [--entries 200000] [--rules 200] [--repeats 3]

Builds a home as a user would (`tradeguard generate`, `ingest`, `rules load` of --rules
analyst-like rules from bench/targeting.py), then times, each in a fresh process and alternating
so a burst of load on the shared machine hits them all: `tradeguard --help` (start-up),
`tradeguard target` with the default engine and with each exact engine named, and the floor:
one hand-written DuckDB query and one hand-written Polars lazy query evaluating the same
predicates per entry over the lake's Parquet files (process start and imports included, result
materialised). Prints the best of --repeats for each and target / floor.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import targeting as bench_targeting  # noqa: E402  (bench/targeting.py: rule templates)

BIN = Path(sys.executable).parent
TRADEGUARD = str(BIN / "tradeguard")

FLOOR_DUCKDB = """
import sys, duckdb
files, wheres = sys.argv[1].split(","), open(sys.argv[2]).read().split("\\n")
base = ("SELECT *, SUBSTR(hts10, 1, 6) AS hts6, SUBSTR(hts10, 1, 4) AS hts4, "
        "SUBSTR(hts10, 1, 2) AS chapter, "
        "CAST(value_usd AS DOUBLE) / NULLIF(quantity, 0) AS unit_value")
cols = ", ".join(f"BOOL_OR(COALESCE({w}, FALSE)) AS h{i}" for i, w in enumerate(wheres))
listed = ", ".join(f"'{f}'" for f in files)
sql = f"SELECT entry_no, {cols} FROM ({base} FROM read_parquet([{listed}])) GROUP BY entry_no"
print(duckdb.connect().sql(sql).to_arrow_table().num_rows)
"""

FLOOR_POLARS = """
import sys, polars as pl
files, wheres = sys.argv[1].split(","), open(sys.argv[2]).read().split("\\n")
lines = pl.scan_parquet(files).with_columns(
    pl.col("hts10").str.slice(0, 6).alias("hts6"),
    pl.col("hts10").str.slice(0, 4).alias("hts4"),
    pl.col("hts10").str.slice(0, 2).alias("chapter"),
    (pl.col("value_usd").cast(pl.Float64) / pl.col("quantity")).alias("unit_value"),
    pl.col("value_usd").cast(pl.Float64),
    pl.col("duty_rate").cast(pl.Float64),
)
lines = lines.with_columns(
    pl.col(c).cast(pl.Categorical) for c in ("hts4", "hts6", "chapter", "origin_country", "mode")
)
preds = [pl.sql_expr(w).fill_null(False).any().alias(f"h{i}") for i, w in enumerate(wheres)]
print(lines.group_by("entry_no").agg(preds).collect().height)
"""


def run(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[:3])} failed:\n{done.stderr[-3000:]}")
    return seconds


def build_home(home: Path, entries: int, rules: int, env: dict[str, str]) -> list[str]:
    """A generated, ingested home with `rules` template rules loaded; the rules' predicates."""
    generated = home / "generated"
    run(
        [TRADEGUARD, "generate", "--entries", str(entries), "--seed", "7", "--out", str(generated)],
        env,
    )
    files = sorted(str(p) for p in generated.glob("declarations*"))
    run([TRADEGUARD, "ingest", *files], env)
    lake_files = sorted((home / "lake").rglob("*.parquet"))
    table = pq.read_table([str(p) for p in lake_files][0], columns=["hts10"])
    wheres = [w for w, _ in bench_targeting.make_rules(rules, table, np.random.default_rng(7))]
    docs = [
        {**r.rule.model_dump(mode="json", exclude_none=True), "stages": ["entry"]}
        for r in bench_targeting.published(wheres)
    ]
    rules_file = home / "bench-rules.yaml"
    rules_file.write_text(yaml.safe_dump(docs, sort_keys=False))
    run([TRADEGUARD, "rules", "load", str(rules_file)], env)
    return wheres


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--rules", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tg-floor-") as tmp:
        home = Path(tmp) / "home"
        env = {**os.environ, "TRADEGUARD_HOME": str(home)}
        began = time.perf_counter()
        wheres = build_home(home, args.entries, args.rules, env)
        print(f"home built in {time.perf_counter() - began:.1f} s", file=sys.stderr)
        lake_files = sorted(str(p) for p in (home / "lake").rglob("*.parquet"))
        lake_files = [f for f in lake_files if "/declarations" in f] or lake_files
        wheres_file = Path(tmp) / "wheres.txt"
        wheres_file.write_text("\n".join(wheres))
        lines = sum(pq.ParquetFile(f).metadata.num_rows for f in lake_files)
        py = sys.executable
        plan = {
            "start-up (--help)": [TRADEGUARD, "--help"],
            "target (default engine)": [TRADEGUARD, "target", "--json"],
            "target --engine duckdb": [TRADEGUARD, "target", "--engine", "duckdb", "--json"],
            "target --engine polars": [TRADEGUARD, "target", "--engine", "polars", "--json"],
            "floor: hand-written DuckDB": [
                py,
                "-c",
                FLOOR_DUCKDB,
                ",".join(lake_files),
                str(wheres_file),
            ],
            "floor: hand-written Polars": [
                py,
                "-c",
                FLOOR_POLARS,
                ",".join(lake_files),
                str(wheres_file),
            ],
        }
        best = {name: float("inf") for name in plan}
        for _ in range(args.repeats):
            for name, command in plan.items():
                best[name] = min(best[name], run(command, env))
        floor = min(best["floor: hand-written DuckDB"], best["floor: hand-written Polars"])
        load = os.getloadavg()
        report = {
            "entries": args.entries,
            "lines": lines,
            "rules": args.rules,
            "seconds": {k: round(v, 2) for k, v in best.items()},
            "floor_seconds": round(floor, 2),
            "ratio_to_floor": {
                k: round(v / floor, 2) for k, v in best.items() if k.startswith("target")
            },
            "load_average": [round(x, 1) for x in load],
        }
    if args.json:
        print(json.dumps(report, indent=1))
        return
    print(f"{args.entries:,} entries, {lines:,} lines, {args.rules} rules; best of {args.repeats}")
    for name, seconds in best.items():
        ratio = f"{seconds / floor:5.2f}x floor" if name.startswith("target") else ""
        print(f"  {name:<28} {seconds:7.2f} s  {ratio}")
    print(f"  floor (the faster)           {floor:7.2f} s")
    print(f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} (2 cores, shared)")


if __name__ == "__main__":
    main()
