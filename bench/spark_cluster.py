"""Spark standalone cluster vs Spark local vs DuckDB, side by side in one run.

    .venv/bin/python bench/spark_cluster.py [--lines 200000] [--rules 200] [--workers 2]

Writes bench/scale.py's synthetic lake (analyst-like lines, findings for one line in forty, the
starter rules then templates), starts a standalone cluster with Spark's own launcher on
127.0.0.1 (one master, --workers workers of one core each: tests/integration/spark/standalone.py),
and measures, each in its own process, DuckDB, Spark `local[N]` (N = the workers' cores) and
Spark on the cluster: the same rule columns, predicates, per-entry hits and sample. Prints
seconds (the session start apart), lines/s, peak memory of the measuring process tree (the
executors run under the workers, so the cluster's figure is the driver's) and each ratio to DuckDB.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
import scale  # noqa: E402  (bench/scale.py: the lake and the child-process measurement)

from tests.integration.spark.standalone import StandaloneCluster  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--rules", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="tg-cluster-") as tmp:
        data = Path(tmp) / "lake"
        data.mkdir()
        scale.write_lake(args.lines, args.rules, data)
        began = time.perf_counter()
        with StandaloneCluster(Path(tmp) / "cluster", workers=args.workers) as cluster:
            cluster_start = time.perf_counter() - began
            plan = [
                ("duckdb", "duckdb", ""),
                ("spark local", "spark", f"local[{args.workers}]"),
                ("spark cluster", "spark", cluster.url),
            ]
            for label, engine, master in plan:
                result = scale.run_child(engine, data, args.rules, master or "local[*]")
                result["label"] = label
                results.append(result)
                if not args.json:
                    print(scale._row(result).replace(f"  {engine:<7}", f"  {label:<14}"))
            apps = [a["name"] for a in cluster.status()["completedapps"]]
    duck = next(r for r in results if r["label"] == "duckdb")
    for r in results:
        if "error" not in r and "error" not in duck:
            r["seconds_vs_duckdb"] = round(r["seconds"] / duck["seconds"], 2)
    report = {
        "lines": args.lines,
        "rules": args.rules,
        "workers": args.workers,
        "cluster_start_seconds": round(cluster_start, 1),
        "applications_on_cluster": apps,
        "results": results,
        "load_average": [round(x, 1) for x in os.getloadavg()],
    }
    if args.json:
        print(json.dumps(report, indent=1))
        return
    print(f"cluster (1 master, {args.workers} workers) up in {cluster_start:.1f} s; ran: {apps}")
    for r in results:
        if "seconds_vs_duckdb" in r:
            print(f"  {r['label']:<14} {r['seconds_vs_duckdb']:>6.2f}x DuckDB's time")
    load = report["load_average"]
    print(f"load average {load[0]} {load[1]} {load[2]} (2 cores, shared)")


if __name__ == "__main__":
    main()
