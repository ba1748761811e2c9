"""Scale benchmark: batch targeting throughput of the DuckDB and Spark engines, side by side.

    .venv/bin/python bench/scale.py [--lines 1000000,10000000] [--rules 200] \\
        [--engines duckdb,spark] [--rule-sweep 50] [--spark-master local[*]]

For each line count it writes a synthetic lake (bench/targeting.py's analyst-like lines, in
Parquet files of at most 2M lines, findings for one line in forty) and 200 rules (the starter
library, which reads importer/manufacturer history and medians, then analyst-like templates),
then runs each engine in its own process (so peak memory is that engine's alone): the rule
columns the rules read, every predicate, per-entry hits and the random sample. It prints
lines/s, peak resident memory of the process tree (the JVM included), Spark's session start
apart, the Spark/DuckDB ratio for each size, how time grows from the smallest size, and, at the
smallest size, the time with --rule-sweep rules instead of --rules (how cost grows with rules).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent))
import targeting as bench_targeting  # noqa: E402  (bench/targeting.py: lines and rule templates)

from tradeguard.paths import STARTER_RULES_DIR  # noqa: E402
from tradeguard.services.rules import read_rules_file  # noqa: E402
from tradeguard.targeting.compiler import compile_rules  # noqa: E402
from tradeguard.targeting.portability import engine_problems  # noqa: E402
from tradeguard.targeting.sampling import SampleRates  # noqa: E402

FILE_LINES = 2_000_000
RATES = SampleRates(0.01)


# -- memory of this process and everything it started (the JVM for Spark) ---------------------
def _tree_rss_kb(root: int) -> int:
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/statm") as handle:
                rss[int(entry)] = int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


class PeakMemory:
    """Samples the resident memory of the process tree every 50 ms while running."""

    def __init__(self) -> None:
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, _tree_rss_kb(os.getpid()))
            self._stop.wait(0.05)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()


# -- one measurement, in a child process -------------------------------------------------------
def _published(data_dir: Path, rules: int) -> list[Any]:
    wheres = json.loads((data_dir / "rules.json").read_text())[:rules]
    return compile_rules(bench_targeting.published(wheres), None)


def measure(engine: str, data_dir: Path, rules: int, master: str) -> dict[str, Any]:
    files = sorted(data_dir.glob("lines-*.parquet"))
    compiled = _published(data_dir, rules)
    centers = json.loads((data_dir / "centers.json").read_text())
    findings = data_dir / "findings.parquet"
    started = time.perf_counter()
    setup = 0.0
    with PeakMemory() as memory:
        if engine == "duckdb":
            from tradeguard.targeting import engine_duckdb

            con = engine_duckdb.connect(centers)
            listed = ", ".join(f"'{f}'" for f in files)
            table = engine_duckdb.entry_hits(
                con,
                f"read_parquet([{listed}])",
                compiled,
                findings_path=findings,
                with_centers=True,
                seed=1,
                rates=RATES,
            )
        else:
            from tradeguard.targeting import engine_spark

            spark = engine_spark.session(master, driver_memory="12g")
            spark.sparkContext.setLogLevel("ERROR")
            setup = time.perf_counter() - started
            table = engine_spark.entry_hits(
                spark,
                files,
                compiled,
                findings_path=findings,
                center_map=centers,
                seed=1,
                rates=RATES,
            )
        seconds = time.perf_counter() - started - setup
    lines = sum(pq.ParquetFile(f).metadata.num_rows for f in files)
    return {
        "engine": engine,
        "lines": lines,
        "rules": len(compiled),
        "entries": table.num_rows,
        "seconds": round(seconds, 2),
        "setup_seconds": round(setup, 2),
        "lines_per_s": round(lines / seconds),
        "peak_rss_mb": round(memory.peak_kb / 1024),
    }


# -- the synthetic lake ------------------------------------------------------------------------
def write_lake(lines: int, rules: int, out: Path) -> None:
    rng = np.random.default_rng(7)
    table = bench_targeting.make_lines(lines, rng)
    for k, start in enumerate(range(0, lines, FILE_LINES)):
        pq.write_table(table.slice(start, FILE_LINES), out / f"lines-{k:03d}.parquet")
    # The starter library first (it reads history and medians), then analyst-like templates.
    starter = [
        r.where for f in sorted(STARTER_RULES_DIR.glob("*.yaml")) for r in read_rules_file(f)
    ]
    generated = [w for w, _peer in bench_targeting.make_rules(rules, table, rng)]
    wheres = (starter + generated)[:rules]
    refused = {w: p for w in wheres if (p := engine_problems(w))}
    if refused:
        raise SystemExit(f"benchmark rules one engine cannot run: {refused}")
    (out / "rules.json").write_text(json.dumps(wheres))
    hts = pl.from_arrow(table.select(["hts10"]).group_by(["hts10"]).aggregate([]))
    assert isinstance(hts, pl.DataFrame)
    chapters = {"84": "Machinery", "85": "Electronics", "95": "Consumer Products"}
    centers = {h: chapters[h[:2]] for h in hts["hts10"] if h[:2] in chapters}
    (out / "centers.json").write_text(json.dumps(centers))
    # Findings for one line in forty, a week after entry: the history joins do real work.
    lines_frame = pl.from_arrow(table.select(["entry_no", "line_no", "entry_date"]))
    assert isinstance(lines_frame, pl.DataFrame)
    findings = lines_frame.gather_every(40).select(
        "entry_no",
        "line_no",
        (pl.col("entry_date") + pl.duration(days=7)).alias("finding_date"),
        (pl.int_range(pl.len()) % 3 == 0).alias("violation"),
    )
    findings.write_parquet(out / "findings.parquet")


def run_child(engine: str, data_dir: Path, rules: int, master: str) -> dict[str, Any]:
    command = [sys.executable, __file__, "--measure", engine, "--data", str(data_dir)]
    command += ["--rules", str(rules), "--spark-master", master]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-5:]
        return {"engine": engine, "error": " | ".join(tail)}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _row(result: dict[str, Any]) -> str:
    if "error" in result:
        return f"  {result['engine']:<7} failed: {result['error']}"
    setup = f", session start {result['setup_seconds']} s" if result["setup_seconds"] else ""
    return (
        f"  {result['engine']:<7} {result['lines']:>11,} lines × {result['rules']} rules: "
        f"{result['seconds']:>8.2f} s, {result['lines_per_s']:>10,} lines/s, "
        f"peak {result['peak_rss_mb']:,} MB{setup}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", default="1000000,10000000")
    parser.add_argument("--rules", type=int, default=200)
    parser.add_argument("--rule-sweep", type=int, default=50)
    parser.add_argument("--engines", default="duckdb,spark")
    parser.add_argument(
        "--spark-master", default=os.environ.get("TRADEGUARD_SPARK_MASTER", "local[*]")
    )
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, Path(args.data), args.rules, args.spark_master)))
        return
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    sizes = [int(n) for n in args.lines.split(",")]
    results: list[dict[str, Any]] = []
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="tg-scale-") as tmp:
            data = Path(tmp)
            began = time.perf_counter()
            write_lake(n, args.rules, data)
            print(f"{n:,} lines written in {time.perf_counter() - began:.1f} s", file=sys.stderr)
            plan = [(e, args.rules) for e in engines]
            if n == sizes[0] and args.rule_sweep and args.rule_sweep != args.rules:
                plan += [(e, args.rule_sweep) for e in engines]
            for engine, rules in plan:
                result = run_child(engine, data, rules, args.spark_master)
                results.append(result)
                print(_row(result), flush=True)
            by = {
                r["engine"]: r
                for r in results[-len(plan) :]
                if "error" not in r and r["rules"] == args.rules
            }
            if "duckdb" in by and "spark" in by:
                ratio = by["spark"]["lines_per_s"] / by["duckdb"]["lines_per_s"]
                print(f"  spark/duckdb throughput at {n:,} lines: {ratio:.2f}×", flush=True)
    print("growth with lines (same rules):")
    for engine in engines:
        mine = [r for r in results if r.get("engine") == engine and r.get("rules") == args.rules]
        if len(mine) > 1:
            base = mine[0]
            for r in mine[1:]:
                print(
                    f"  {engine}: {r['lines'] / base['lines']:.0f}× lines → "
                    f"{r['seconds'] / base['seconds']:.1f}× time, "
                    f"{r['peak_rss_mb'] / base['peak_rss_mb']:.1f}× peak memory"
                )
    print("growth with rules (smallest size):")
    for engine in engines:
        mine = [
            r
            for r in results
            if r.get("engine") == engine and r.get("lines") == results[0].get("lines")
        ]
        few = [r for r in mine if r.get("rules") == args.rule_sweep]
        many = [r for r in mine if r.get("rules") == args.rules]
        if few and many:
            print(
                f"  {engine}: {args.rule_sweep} → {args.rules} rules: "
                f"{few[0]['seconds']:.2f} s → {many[0]['seconds']:.2f} s"
            )


if __name__ == "__main__":
    main()
