"""A real Spark standalone cluster decides exactly as DuckDB: one master and two workers started
with Spark's own launcher on 127.0.0.1, and `tradeguard target --engine spark --spark-master
spark://127.0.0.1:PORT` run as a user runs it, against a Parquet lake with findings history.

Slow (the cluster and the driver's JVM start in 20-60 s here), so one run serves the module.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from tests.integration.spark.standalone import StandaloneCluster

pytestmark = [
    pytest.mark.spark,
    pytest.mark.slow,
    # Three JVMs and a driver on two shared cores: minutes when the machine is busy.
    pytest.mark.timeout(2400),
    pytest.mark.skipif(
        importlib.util.find_spec("pyspark") is None or shutil.which("java") is None,
        reason="needs pyspark and Java: pip install '.[spark]'",
    ),
]

TRADEGUARD = str(Path(sys.executable).parent / "tradeguard")


def _cli(home: Path, *args: str, timeout: float = 900) -> dict[str, Any]:
    env = {**os.environ, "TRADEGUARD_HOME": str(home), "SPARK_LOCAL_IP": "127.0.0.1"}
    done = subprocess.run(
        [TRADEGUARD, *args, "--json"], env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return dict(json.loads(done.stdout))


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated declarations ingested into a Parquet lake, the starter rules, and findings for
    one line in ten a week after entry (so history columns and medians do real work)."""
    root = tmp_path_factory.mktemp("cluster-home")
    _cli(root, "generate", "--entries", "1500", "--seed", "5", "--out", str(root / "generated"))
    _cli(root, "ingest", str(root / "generated" / "declarations.parquet"))
    _cli(root, "rules", "load", str(Path(__file__).resolve().parents[3] / "rules"))
    lines = pl.read_parquet(root / "generated" / "declarations.parquet")
    truth = pl.read_parquet(root / "generated" / "truth.parquet")
    findings = (
        lines.select("entry_no", "line_no", "entry_date")
        .join(truth.select("entry_no", "line_no", "violation"), on=["entry_no", "line_no"])
        .gather_every(10)
        .select(
            "entry_no",
            "line_no",
            (pl.col("entry_date") + pl.duration(days=7)).alias("finding_date"),
            "violation",
        )
    )
    (root / "findings").mkdir()
    findings.write_parquet(root / "findings" / "findings.parquet")
    return root


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StandaloneCluster]:
    with StandaloneCluster(tmp_path_factory.mktemp("spark-cluster"), worker_memory="1536m") as c:
        yield c


def test_standalone_cluster_decides_exactly_as_duckdb(
    home: Path, cluster: StandaloneCluster
) -> None:
    assert len([w for w in cluster.status()["workers"] if w["state"] == "ALIVE"]) == 2
    duck = _cli(home, "target", "--engine", "duckdb", "--out", str(home / "duckdb.parquet"))
    spark = _cli(
        home,
        "target",
        "--engine",
        "spark",
        "--spark-master",
        cluster.url,
        "--out",
        str(home / "spark.parquet"),
    )
    # The application ran on this cluster's executors, not in a local session.
    apps = cluster.status()["completedapps"] + cluster.status()["activeapps"]
    assert any(a["name"] == "tradeguard-targeting" for a in apps)
    assert spark["lanes"] == duck["lanes"] and spark["rule_hits"] == duck["rule_hits"]
    by_duckdb = pl.read_parquet(home / "duckdb.parquet").sort("entry_no")
    by_spark = pl.read_parquet(home / "spark.parquet").sort("entry_no")
    assert by_duckdb.height == 1500
    assert by_spark.equals(by_duckdb)
    assert by_duckdb["rule_ids"].list.len().sum() > 0  # the rules really hit something


def test_the_cluster_is_torn_down(tmp_path: Path) -> None:
    started = StandaloneCluster(tmp_path, workers=1, worker_memory="512m").start()
    pids = [p.pid for p in started.processes]
    started.stop()
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
